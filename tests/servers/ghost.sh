#!/usr/bin/env bash
# A real Ghost 5 on loopback for BlogDesk's sync tests: Ghost from the npm registry, SQLite, no ghost-cli.
#
#   tests/servers/ghost.sh install    fetch and build Ghost into the cache (once; later runs reuse it)
#   tests/servers/ghost.sh up         install if needed, start (or reuse) and print the exports
#   tests/servers/ghost.sh down       stop the server
#   tests/servers/ghost.sh env        print the exports of the running server
#
# Ghost 5.130.x is the last line that runs on Debian's node 20. `npm install ghost` as a dependency fails
# (its bundled file: tarballs), so this does what ghost-cli does: `npm pack`, untar, install its own
# dependencies. devDependencies are dropped first: one of them is a GitHub URL that npm resolves even with
# --omit=dev. sqlite3 builds from source against Debian's node headers (npm_config_nodedir=/usr) because
# its prebuilt binary lives on GitHub. The app lives in $GHOST_CACHE (default
# ~/.cache/blogdesk-tests/ghost: outside the clone, so every clone on the machine, CI's included,
# reuses one install); the site's state (database, content) in $GHOST_CACHE/state.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
VERSION=${GHOST_VERSION:-5.130.5}
C=${GHOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/blogdesk-tests/ghost}
mkdir -p "$C"
C=$(cd "$C" && pwd)
APP=$C/app-$VERSION
S=$C/state
RUN=$S/run
LOGS=$S/logs

die() { echo "ghost.sh: $*" >&2; exit 1; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for() {  # wait_for <seconds> <command...>
    local n; n=$(awk "BEGIN { n = int($1 * 10); print (n < 1 ? 1 : n) }"); shift
    while [ $n -gt 0 ]; do "$@" && return 0; sleep 0.1; n=$((n - 1)); done
    return 1
}

free_port() {  # free_port [wanted]: the wanted port when it is free, else any free one
    node -e 'const net = require("net");
        const want = Number(process.argv[1] || 0);
        const grab = (p, next) => { const s = net.createServer();
            s.once("error", next);
            s.listen(p, "127.0.0.1", () => { const got = s.address().port; s.close(() => console.log(got)); }); };
        grab(want, () => grab(0, () => process.exit(1)));' "${1:-}"
}

check_tools() {
    local t missing=()
    for t in node npm make g++ python3 curl; do command -v "$t" >/dev/null || missing+=("$t"); done
    [ -f /usr/include/node/node.h ] || missing+=("/usr/include/node (Debian's nodejs headers)")
    [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}; install the packages with: sudo bash scripts/system-deps.sh"
    local major; major=$(node -p 'process.versions.node.split(".")[0]')
    case "$major" in 18|20|22) ;; *) die "Ghost $VERSION needs node 18, 20 or 22 (found $(node --version))" ;; esac
}

cmd_install() {
    [ -f "$APP/.installed" ] && return 0
    check_tools
    local started=$SECONDS work=$C/build-$VERSION
    rm -rf "$work" && mkdir -p "$work" "$LOGS"
    echo "ghost.sh: installing Ghost $VERSION into $APP (a few minutes, once)" >&2
    (cd "$work" && npm pack "ghost@$VERSION" --silent >/dev/null 2>"$LOGS/install.log") \
        || die "npm pack ghost@$VERSION failed; see $LOGS/install.log"
    tar -xzf "$work/ghost-$VERSION.tgz" -C "$work"
    node -e 'const fs = require("fs"); const f = process.argv[1];
        const p = JSON.parse(fs.readFileSync(f, "utf8")); delete p.devDependencies;
        fs.writeFileSync(f, JSON.stringify(p, null, 2));' "$work/package/package.json"
    (cd "$work/package" && npm_config_nodedir=/usr npm install --omit=dev --legacy-peer-deps \
        --no-audit --no-fund --loglevel=error >>"$LOGS/install.log" 2>&1) \
        || die "npm install failed; see $LOGS/install.log"
    rm -rf "$APP" && mv "$work/package" "$APP" && rm -rf "$work"
    touch "$APP/.installed"
    echo "ghost.sh: installed Ghost $VERSION in $((SECONDS - started)) s" >&2
}

write_config() {  # write_config <port>
    mkdir -p "$S/content/data" "$S/content/images" "$S/content/logs" "$S/content/settings" "$S/content/themes"
    # Ghost looks for its bundled themes (the default is "source") in the content folder.
    local theme
    for theme in "$APP"/content/themes/*/; do
        theme=${theme%/}
        ln -sfn "$theme" "$S/content/themes/$(basename "$theme")"
    done
    cat >"$APP/config.production.json" <<JSON
{
  "url": "http://127.0.0.1:$1",
  "server": {"host": "127.0.0.1", "port": $1},
  "database": {"client": "sqlite3", "connection": {"filename": "$S/content/data/ghost.db"},
               "useNullAsDefault": true, "debug": false},
  "paths": {"contentPath": "$S/content"},
  "mail": {"transport": "Direct"},
  "logging": {"transports": ["file"], "path": "$LOGS", "level": "warn"},
  "privacy": {"useUpdateCheck": false, "useGravatar": false, "useRpcPing": false, "useStructuredData": false},
  "security": {"staffDeviceVerification": false},
  "spam": {"global_block": {"freeRetries": 1000000}, "user_login": {"freeRetries": 1000000}},
  "process": "local"
}
JSON
}

forget_sign_in_attempts() {
    # Ghost's brute-force guard (100 sign-ins per IP an hour, kept in the database) would lock
    # out a test site that many test runs sign in to; the loopback site forgets old attempts.
    local db="$S/content/data/ghost.db"
    [ -f "$db" ] || return 0
    python3 - "$db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
if con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='brute'").fetchone():
    con.execute("DELETE FROM brute")
    con.commit()
con.close()
PY
}

api_up() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/ghost/api/admin/site/" 2>/dev/null; }

print_env() {
    cat <<ENV
export GHOST_URL=http://127.0.0.1:$PORT
export GHOST_STATE='$S'
ENV
}

cmd_up() {
    PORT=$(cat "$S/port" 2>/dev/null || true)
    if alive "$RUN/ghost.pid" && [ -n "$PORT" ] && api_up; then print_env; return 0; fi
    cmd_down >/dev/null 2>&1 || true
    cmd_install
    mkdir -p "$RUN" "$LOGS"
    PORT=$(free_port "$PORT") || die "no free TCP port on 127.0.0.1"
    echo "$PORT" >"$S/port"
    write_config "$PORT"
    forget_sign_in_attempts
    # setsid: its own process group (stopped as one); 9>&-: it must not hold the script's lock.
    cd "$APP"
    NODE_ENV=production setsid node index.js </dev/null >>"$LOGS/ghost.out" 2>&1 9>&- &
    echo $! >"$RUN/ghost.pid"
    cd - >/dev/null
    # The first boot runs the database migrations (about 20 s); later boots take a few seconds.
    wait_for "${GHOST_START_TIMEOUT:-120}" api_up || {
        cmd_down >/dev/null 2>&1; die "Ghost did not answer on http://127.0.0.1:$PORT; see $LOGS/ghost.out"; }
    print_env
}

cmd_down() {
    if alive "$RUN/ghost.pid"; then
        local pid; pid=$(cat "$RUN/ghost.pid")
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        wait_for 10 bash -c "! kill -0 $pid 2>/dev/null" || kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$RUN/ghost.pid"
}

cmd_env() {
    PORT=$(cat "$S/port" 2>/dev/null || true)
    alive "$RUN/ghost.pid" && [ -n "$PORT" ] || die "Ghost is not running; start it with: $0 up"
    print_env
}

locked() {  # one install/up/down at a time: several test sessions may share the cache
    mkdir -p "$S"
    exec 9>"$C/lock"
    flock -w 900 9 || die "another ghost.sh holds $C/lock"
    "$@"
}

case "${1:-}" in
    install) locked cmd_install ;;
    up) locked cmd_up ;;
    down) locked cmd_down ;;
    env) cmd_env ;;
    *) echo "usage: $0 install|up|down|env" >&2; exit 2 ;;
esac
