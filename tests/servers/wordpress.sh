#!/usr/bin/env bash
# A real WordPress on loopback for BlogDesk's sync tests: private MariaDB (unix socket, no TCP) and a
# private copy of Debian's WordPress tree served by `php -S 127.0.0.1:<port>`. No systemd, no apache.
#
#   tests/servers/wordpress.sh up                 start (or reuse) and print the exports
#   tests/servers/wordpress.sh down               stop php -S (and its workers) and mariadbd cleanly
#   tests/servers/wordpress.sh env                print the exports of the running server
#   tests/servers/wordpress.sh permalinks pretty|plain   switch permalinks on the running server
#   tests/servers/wordpress.sh tool CMD [JSON]    run a server-side helper (tests/servers/wp-tool.php)
#
# State lives in $WP_STATE (default: <repo>/.wp-state, git-ignored). WP_PERMALINKS=plain at `up`
# starts with plain permalinks (default pretty). Needs the packages in scripts/system-deps.d/wordpress.list.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
S=${WP_STATE:-$repo/.wp-state}
WP_SRC=${WP_SRC:-/usr/share/wordpress}

die() { echo "wordpress.sh: $*" >&2; exit 1; }

mkdir -p "$S"
S=$(cd "$S" && pwd)
RUN=$S/run
LOGS=$S/logs
SOCK=$RUN/mysqld.sock
# Unix socket paths are limited to 107 bytes: fall back to a short path for deep state folders.
if [ ${#SOCK} -gt 100 ]; then
    SOCK=${TMPDIR:-/tmp}/bdwp-$(printf '%s' "$S" | md5sum | cut -c1-10)/mysqld.sock
fi

mariadb_args=(--no-defaults "--datadir=$S/mysql" "--socket=$SOCK" "--pid-file=$RUN/mariadbd.pid"
    --skip-networking --innodb-log-file-size=8M --innodb-buffer-pool-size=64M
    --skip-innodb-buffer-pool-dump-at-shutdown --skip-innodb-buffer-pool-load-at-startup
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci "--log-error=$LOGS/mariadbd.err")
[ "$(id -u)" -eq 0 ] && mariadb_args+=(--user=root)

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

check_packages() {
    local p missing=()
    for p in /usr/sbin/mariadbd /usr/bin/mariadb-install-db /usr/bin/php "$WP_SRC/wp-settings.php"; do
        [ -e "$p" ] || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; install the packages with: sudo bash scripts/system-deps.sh"
    local mods
    mods=$(php -m)  # captured first: `php -m | grep -q` is flaky under pipefail (SIGPIPE)
    grep -qx mysqli <<<"$mods" || die "PHP has no mysqli extension (package php-mysql)"
}

free_port() {  # free_port [wanted]: the wanted port when it is free, else any free one
    php -r '$want = (int) ($argv[1] ?? 0);
        foreach ($want ? array($want, 0) : array(0) as $p) {
            $s = @stream_socket_server("tcp://127.0.0.1:$p");
            if ($s) { $n = stream_socket_get_name($s, false); echo substr($n, strrpos($n, ":") + 1); exit(0); }
        }
        exit(1);' -- "${1:-}"
}

secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "${1:-24}"; }

wait_for() {  # wait_for <seconds> <command...>
    local n; n=$(awk "BEGIN { n = int($1 * 20); print (n < 1 ? 1 : n) }"); shift
    while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.05; n=$((n - 1)); done
    return 1
}

sql() { mariadb --no-defaults "--socket=$SOCK" -uroot "$@"; }

start_mariadb() {
    alive "$RUN/mariadbd.pid" && return 0
    mkdir -p "$RUN" "$LOGS" "$(dirname "$SOCK")"
    local fresh=
    if [ ! -d "$S/mysql/mysql" ]; then
        fresh=1
        rm -rf "$S/mysql"
        local who=(); [ "$(id -u)" -eq 0 ] && who=(--user=root)
        mariadb-install-db --no-defaults "--datadir=$S/mysql" "${who[@]}" \
            --skip-test-db --auth-root-authentication-method=normal --innodb-log-file-size=8M \
            >"$LOGS/mariadb-install.log" 2>&1 || die "mariadb-install-db failed; see $LOGS/mariadb-install.log"
    fi
    setsid /usr/sbin/mariadbd "${mariadb_args[@]}" </dev/null >>"$LOGS/mariadbd.out" 2>&1 9>&- &
    wait_for 30 sql -e 'SELECT 1' >/dev/null 2>&1 || die "mariadbd did not start; see $LOGS/mariadbd.err"
    if [ -n "$fresh" ] || ! sql -e 'USE wordpress' >/dev/null 2>&1; then
        sql -e "CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
                CREATE USER IF NOT EXISTS 'wp'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
                GRANT ALL ON wordpress.* TO 'wp'@'localhost'; FLUSH PRIVILEGES;"
    fi
}

write_config() {  # write_config <url>
    local keys="" k
    for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
        keys+="define('$k', '$SALT$k');"$'\n'
    done
    cat >"$S/wordpress/wp-config.php" <<EOF
<?php
// Written by tests/servers/wordpress.sh on every start (the port may change).
define('DB_NAME', 'wordpress');
define('DB_USER', 'wp');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$SOCK');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$keys\$table_prefix = 'wp_';
define('WP_HOME', '$1');
define('WP_SITEURL', '$1');
// Application Passwords over plain http need a local environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_DEBUG', false);
if (!defined('ABSPATH')) { define('ABSPATH', __DIR__ . '/'); }
require_once ABSPATH . 'wp-settings.php';
EOF
}

init_tree() {
    [ -f "$S/wordpress/wp-settings.php" ] && return 0
    rm -rf "$S/wordpress.tmp"
    # -L: Debian's tree holds relative symlinks into /usr/share/javascript and /usr/share/php.
    cp -RL "$WP_SRC" "$S/wordpress.tmp"
    rm -f "$S/wordpress.tmp/.htaccess"
    mkdir -p "$S/wordpress.tmp/wp-content/mu-plugins" "$S/wordpress.tmp/wp-content/uploads"
    mv "$S/wordpress.tmp" "$S/wordpress"
}

php_tool() { php -d display_errors=stderr -d error_reporting=E_ALL\&~E_DEPRECATED "$here/wp-tool.php" "$S/wordpress" "$URL" "$@"; }

load_state() {
    if [ -f "$S/credentials" ]; then
        # shellcheck disable=SC1091
        . "$S/credentials"
    fi
    DB_PASSWORD=${DB_PASSWORD:-$(secret 20)}
    SALT=${SALT:-$(secret 40)}
    ADMIN_PASSWORD=${ADMIN_PASSWORD:-$(secret 20)}
    APP_PASSWORD=${APP_PASSWORD:-}
    PORT=${PORT:-}
}

save_state() {
    umask 077
    cat >"$S/credentials" <<EOF
DB_PASSWORD=$DB_PASSWORD
SALT=$SALT
ADMIN_PASSWORD=$ADMIN_PASSWORD
APP_PASSWORD=$APP_PASSWORD
PORT=$PORT
EOF
}

print_env() {
    cat <<EOF
export WP_URL=http://127.0.0.1:$PORT
export WP_USER=admin
export WP_APP_PASSWORD='$APP_PASSWORD'
export WP_ADMIN_PASSWORD='$ADMIN_PASSWORD'
export WP_STATE='$S'
EOF
}

rest_up() { curl -fsS -o /dev/null --max-time 2 "$URL/?rest_route=/" 2>/dev/null; }

cmd_up() {
    load_state
    if alive "$RUN/php.pid" && alive "$RUN/mariadbd.pid" && [ -n "$PORT" ]; then
        URL=http://127.0.0.1:$PORT
        if rest_up; then print_env; return 0; fi
    fi
    cmd_down >/dev/null 2>&1 || true
    check_packages
    mkdir -p "$RUN" "$LOGS"
    start_mariadb
    init_tree
    # On every start, so a changed switch plugin reaches an existing state folder.
    cp "$here/wp-mu-plugin.php" "$S/wordpress/wp-content/mu-plugins/blogdesk-tests.php"
    PORT=$(free_port "$PORT")
    [ -n "$PORT" ] || die "no free TCP port on 127.0.0.1"
    URL=http://127.0.0.1:$PORT
    write_config "$URL"
    save_state
    php_tool install "{\"admin_password\":\"$ADMIN_PASSWORD\"}" >"$LOGS/install.log" 2>&1 \
        || die "wp_install failed; see $LOGS/install.log"
    local out
    out=$(php_tool configure "{\"permalinks\":\"${WP_PERMALINKS:-pretty}\",\"admin_password\":\"$ADMIN_PASSWORD\",\"app_password\":\"$APP_PASSWORD\"}" 2>>"$LOGS/install.log") \
        || die "configuring the site failed; see $LOGS/install.log"
    APP_PASSWORD=$(php -r 'echo json_decode($argv[1], true)["app_password"];' -- "$out")
    save_state
    PHP_CLI_SERVER_WORKERS=${PHP_CLI_SERVER_WORKERS:-2} setsid php \
        -d upload_max_filesize=64M -d post_max_size=64M -d display_errors=Off -d log_errors=On \
        -d "error_log=$LOGS/php-errors.log" -d error_reporting=E_ALL\&~E_DEPRECATED \
        -S "127.0.0.1:$PORT" -t "$S/wordpress" "$here/wp-router.php" \
        </dev/null >>"$LOGS/php-server.log" 2>&1 9>&- &
    echo $! >"$RUN/php.pid"
    wait_for 15 rest_up || { cmd_down >/dev/null 2>&1; die "php -S did not answer on $URL; see $LOGS/php-server.log"; }
    print_env
}

cmd_down() {
    if alive "$RUN/php.pid"; then
        # php -S workers survive a SIGTERM to the master: stop the whole process group (setsid).
        local pid; pid=$(cat "$RUN/php.pid")
        # php -S keeps no state (the database is mariadbd's), so a slow exit is not worth waiting for.
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        wait_for 0.3 bash -c "! kill -0 -- -$pid 2>/dev/null" || kill -KILL -- "-$pid" 2>/dev/null || true
        wait_for 5 bash -c "! kill -0 -- -$pid 2>/dev/null" || true
    fi
    rm -f "$RUN/php.pid"
    if alive "$RUN/mariadbd.pid"; then
        local pid; pid=$(cat "$RUN/mariadbd.pid")
        kill -TERM "$pid" 2>/dev/null || true  # mariadbd shuts down cleanly on SIGTERM
        wait_for 20 bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/mariadbd.pid"
}

cmd_env() {
    load_state
    alive "$RUN/php.pid" && [ -n "$PORT" ] || die "WordPress is not running; start it with: $0 up"
    print_env
}

cmd_tool() {
    load_state
    alive "$RUN/php.pid" && alive "$RUN/mariadbd.pid" || die "WordPress is not running; start it with: $0 up"
    URL=http://127.0.0.1:$PORT
    php_tool "$@"
}

locked() {  # one `up`/`down` at a time: several test sessions may share the state folder
    exec 9>"$S/lock"
    flock -w 180 9 || die "another wordpress.sh holds $S/lock"
    "$@"
}

case "${1:-}" in
    up) locked cmd_up ;;
    down) locked cmd_down ;;
    env) cmd_env ;;
    permalinks) shift; cmd_tool permalinks "{\"permalinks\":\"${1:-pretty}\"}" ;;
    tool) shift; cmd_tool "$@" ;;
    *) echo "usage: $0 up|down|env|permalinks pretty|plain|tool CMD [JSON]" >&2; exit 2 ;;
esac
