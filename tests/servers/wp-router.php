<?php
// Router for `php -S` (tests/servers/wordpress.sh): existing files are served (or run, for .php)
// as they are; every other path goes to WordPress' index.php, as Apache's rewrite rules would do.
// Without it, php -S answers paths with a dot (/wp-json/wp/v2/media/x.png) with its own HTML 404.
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = realpath($root . urldecode((string) $path));
if ($file !== false && strpos($file, $root) === 0) {
    if (is_file($file) || (is_dir($file) && is_file($file . '/index.php'))) {
        return false;
    }
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
