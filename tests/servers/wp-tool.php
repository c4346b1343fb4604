<?php
// Server-side helpers for the test suite: act on the WordPress database directly, behind BlogDesk's
// back (there is no wp-cli on this machine). Usage:
//   php wp-tool.php <wordpress dir> <site url> <command> [json args]
// Prints one JSON document on stdout; errors go to stderr with exit status 1.
if ($argc < 4) {
    fwrite(STDERR, "usage: php wp-tool.php <wordpress dir> <site url> <command> [json]\n");
    exit(2);
}
$wp_dir = $argv[1];
$url = parse_url($argv[2]);
$command = $argv[3];
$args = $argc > 4 ? json_decode($argv[4], true) : array();
if (!is_array($args)) {
    fwrite(STDERR, "wp-tool: arguments are not a JSON object\n");
    exit(2);
}
// wp-load.php expects a web request.
$_SERVER['HTTP_HOST'] = $url['host'] . (isset($url['port']) ? ':' . $url['port'] : '');
$_SERVER['SERVER_NAME'] = $url['host'];
$_SERVER['SERVER_PORT'] = isset($url['port']) ? $url['port'] : 80;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
if ($command === 'install') {
    // Without this, wp-load.php on an empty database redirects to install.php and dies.
    define('WP_INSTALLING', true);
}
require $wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

function out($value) {
    echo json_encode($value), "\n";
    exit(0);
}

function fail($message) {
    fwrite(STDERR, "wp-tool: $message\n");
    exit(1);
}

function post_info($id) {
    $p = get_post($id);
    if (!$p) {
        fail("no post $id");
    }
    return array(
        'id' => $p->ID, 'title' => $p->post_title, 'content' => $p->post_content,
        'status' => $p->post_status, 'slug' => $p->post_name, 'type' => $p->post_type,
        'date_gmt' => $p->post_date_gmt, 'modified_gmt' => $p->post_modified_gmt,
    );
}

function set_permalinks($kind) {
    global $wp_rewrite;
    $wp_rewrite->set_permalink_structure($kind === 'plain' ? '' : '/%postname%/');
    flush_rewrite_rules(false);
}

function user_id($login) {
    $u = get_user_by('login', $login);
    if (!$u) {
        fail("no user $login");
    }
    return $u->ID;
}

function new_app_password($uid, $name) {
    foreach (WP_Application_Passwords::get_user_application_passwords($uid) as $item) {
        if ($item['name'] === $name) {  // names are unique per user
            WP_Application_Passwords::delete_application_password($uid, $item['uuid']);
        }
    }
    $made = WP_Application_Passwords::create_new_application_password($uid, array('name' => $name));
    if (is_wp_error($made)) {
        fail($made->get_error_message());
    }
    return array('password' => $made[0], 'uuid' => $made[1]['uuid'], 'name' => $name);
}

switch ($command) {
    case 'install':
        if (!is_blog_installed()) {
            wp_install('BlogDesk test site', 'admin', 'admin@example.test', true, '',
                wp_slash($args['admin_password']));
        }
        out(array('installed' => true));

    case 'configure':
        set_permalinks(isset($args['permalinks']) ? $args['permalinks'] : 'pretty');
        // A non-UTC zone, so scheduling code that forgets date_gmt shows up in the tests.
        update_option('timezone_string', 'Europe/Paris');
        update_option('gmt_offset', '');
        $uid = user_id('admin');
        $user = get_user_by('id', $uid);
        if (!wp_check_password($args['admin_password'], $user->user_pass, $uid)) {
            wp_set_password($args['admin_password'], $uid);
        }
        $keep = '';
        if (!empty($args['app_password'])) {
            foreach (WP_Application_Passwords::get_user_application_passwords($uid) as $item) {
                if ($item['name'] === 'blogdesk-tests'
                    && wp_check_password($args['app_password'], $item['password'], $uid)) {
                    $keep = $args['app_password'];
                }
            }
        }
        if ($keep === '') {
            $keep = new_app_password($uid, 'blogdesk-tests')['password'];
        }
        out(array('app_password' => $keep));

    case 'permalinks':
        set_permalinks($args['permalinks']);
        out(array('permalinks' => $args['permalinks']));

    case 'set_option':
        if ($args['value'] === null) {
            delete_option($args['name']);
        } else {
            update_option($args['name'], $args['value']);
        }
        out(array('ok' => true));

    case 'create_post':
        $post = array(
            'post_title' => isset($args['title']) ? $args['title'] : 'Server-side post',
            'post_content' => isset($args['content']) ? $args['content'] : '',
            'post_status' => isset($args['status']) ? $args['status'] : 'draft',
            'post_author' => user_id('admin'),
        );
        if (isset($args['slug'])) {
            $post['post_name'] = $args['slug'];
        }
        $id = wp_insert_post(wp_slash($post), true);
        if (is_wp_error($id)) {
            fail($id->get_error_message());
        }
        out(post_info($id));

    case 'update_post':
        $post = array('ID' => (int) $args['id']);
        $map = array('title' => 'post_title', 'content' => 'post_content', 'status' => 'post_status',
            'slug' => 'post_name');
        foreach ($map as $key => $field) {
            if (isset($args[$key])) {
                $post[$field] = $args[$key];
            }
        }
        $id = wp_update_post(wp_slash($post), true);
        if (is_wp_error($id)) {
            fail($id->get_error_message());
        }
        out(post_info($id));

    case 'get_post':
        out(post_info((int) $args['id']));

    case 'delete_post':
        $done = !empty($args['force']) ? wp_delete_post((int) $args['id'], true)
            : wp_trash_post((int) $args['id']);
        out(array('deleted' => (bool) $done));

    case 'count':
        $type = isset($args['type']) ? $args['type'] : 'post';
        $counts = (array) wp_count_posts($type);
        out(array_map('intval', $counts));

    case 'app_password_create':
        $login = isset($args['user']) ? $args['user'] : 'admin';
        out(new_app_password(user_id($login), $args['name']));

    case 'app_password_revoke':
        $login = isset($args['user']) ? $args['user'] : 'admin';
        $done = WP_Application_Passwords::delete_application_password(user_id($login), $args['uuid']);
        if (is_wp_error($done)) {
            fail($done->get_error_message());
        }
        out(array('revoked' => true));

    case 'create_user':
        $login = $args['login'];
        $uid = username_exists($login);
        if (!$uid) {
            $uid = wp_insert_user(array('user_login' => $login, 'user_pass' => wp_generate_password(20),
                'user_email' => $login . '@example.test', 'role' => $args['role']));
            if (is_wp_error($uid)) {
                fail($uid->get_error_message());
            }
        } else {
            (new WP_User($uid))->set_role($args['role']);
        }
        $made = new_app_password($uid, 'blogdesk-tests');
        out(array('user' => $login, 'app_password' => $made['password'], 'uuid' => $made['uuid']));

    default:
        fail("unknown command $command");
}
