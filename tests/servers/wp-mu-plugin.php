<?php
/*
 * Plugin Name: BlogDesk test-site switches
 * Description: Installed by tests/servers/wordpress.sh into the private test copy only.
 */
// There is no MTA: without this, wp_install() prints "sendmail: not found".
add_filter('pre_wp_mail', '__return_true');

// Switches that make this site behave like a differently configured one, so the tests can see how
// BlogDesk copes. Per request through the X-BlogDesk-Test header ("plain-permalinks,rest-disabled"),
// so concurrent test sessions sharing the server are not affected; or site-wide through the
// option blogdesk_tests_<name with underscores> (wp-tool.php set_option).
function blogdesk_test_switch($name) {
    static $asked = null;
    if ($asked === null) {
        $header = isset($_SERVER['HTTP_X_BLOGDESK_TEST']) ? $_SERVER['HTTP_X_BLOGDESK_TEST'] : '';
        $asked = array_filter(array_map('trim', explode(',', $header)));
    }
    return in_array($name, $asked, true) || get_option('blogdesk_tests_' . str_replace('-', '_', $name));
}

if (blogdesk_test_switch('plain-permalinks')) {
    // As if Settings → Permalinks were "Plain": REST only at ?rest_route=, /wp-json/ not routed.
    add_filter('pre_option_permalink_structure', '__return_empty_string');
    // The stored rewrite rules would still route /wp-json/; a plain site has none.
    add_action('parse_request', function ($wp) {
        if (!isset($_GET['rest_route'])) {
            unset($wp->query_vars['rest_route']);
        }
    }, 0);
}
if (blogdesk_test_switch('no-app-passwords')) {
    add_filter('wp_is_application_passwords_available', '__return_false');
}
if (blogdesk_test_switch('rest-disabled')) {
    add_filter('rest_authentication_errors', function () {
        return new WP_Error('rest_disabled', 'The REST API is disabled on this site.', array('status' => 403));
    });
}
