#!/usr/bin/env bash
# `make test-package`: installs dist/blogdesk_*.deb on this machine the way a user does, checks
# the installed program and metadata, then removes it and checks nothing is left. Needs root
# (apt-get); not part of `make test`, which must not install system packages of its own making.
#
# Every check runs /usr/bin/blogdesk with a bare environment: PATH=/usr/bin:/bin and no
# PYTHONPATH or virtual environment, so only what the package installed can answer.
set -euo pipefail

cd "$(dirname "$0")/.."
app_id=io.github.blogdesk.BlogDesk

die() { echo "test-package.sh: FAILED: $*" >&2; exit 1; }
step() { echo "== $*"; }
[ "$(id -u)" -eq 0 ] || die "run as root (sudo make test-package): it installs and removes the .deb"

shopt -s nullglob
debs=(dist/blogdesk_*.deb)
[ ${#debs[@]} -eq 1 ] || die "expected one dist/blogdesk_*.deb, found ${#debs[@]}: run 'make package'"
deb=$(realpath "${debs[0]}")
version=$(dpkg-deb --field "$deb" Version)
dpkg-query -W -f='${Status}' blogdesk 2>/dev/null | grep -q "ok installed" &&
    die "blogdesk is installed already; remove it first (apt-get remove blogdesk)"

home=$(mktemp -d)
cleanup() {
    rm -rf "$home"
    # Never leave the package behind when a check fails half-way.
    if dpkg-query -W -f='${Status}' blogdesk 2>/dev/null | grep -q "ok installed"; then
        apt-get remove -y -qq blogdesk >/dev/null || true
    fi
}
trap cleanup EXIT

# As a user would run it: no venv, no PYTHONPATH, a fresh home, no display.
run() {
    env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \
        BLOGDESK_LIBRARY="$home/Library" "$@"
}

step "install $deb"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$deb" >/dev/null
[ "$(readlink -f /usr/bin/blogdesk)" = /opt/blogdesk/blogdesk ] || die "/usr/bin/blogdesk does not lead to /opt/blogdesk/blogdesk"

step "blogdesk --version"
got=$(run blogdesk --version)
[ "$got" = "BlogDesk $version" ] || die "--version printed '$got', the package is $version"

step "blogdesk --self-test"
run blogdesk --self-test 2>"$home/self-test.log" || { cat "$home/self-test.log" >&2; die "--self-test failed"; }

step "blogdesk new / list"
run blogdesk new "Hello from the package" >/dev/null
listed=$(run blogdesk list)
grep -q "Hello from the package" <<<"$listed" || die "'blogdesk list' does not show the new post: $listed"

step "desktop entry, metainfo, icons, Markdown association"
desktop-file-validate "/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml"
for size in 16 22 24 32 48 64 128 256 512; do
    icon=/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
    [ -s "$icon" ] || die "missing $icon"
    file "$icon" | grep -q "$size x $size" || die "$icon is not ${size}x${size}: $(file "$icon")"
done
[ -s "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ] || die "missing the scalable icon"
# desktop-file-utils' trigger lists the entry for Markdown ("Open with"); nothing sets a default.
if command -v update-desktop-database >/dev/null; then
    grep -q "^text/markdown=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
        die "BlogDesk is not offered for text/markdown in mimeinfo.cache"
fi
if [ -e /usr/share/applications/mimeapps.list ]; then
    ! grep -q "$app_id" /usr/share/applications/mimeapps.list || die "the package set itself as a default"
fi

step "remove"
apt-get remove -y -qq blogdesk >/dev/null
[ ! -e /opt/blogdesk ] || die "/opt/blogdesk is left after removal: $(find /opt/blogdesk | head)"
[ ! -e /usr/bin/blogdesk ] || die "/usr/bin/blogdesk is left after removal"
[ ! -e "/usr/share/applications/$app_id.desktop" ] || die "the desktop entry is left after removal"
if [ -e /usr/share/applications/mimeinfo.cache ]; then
    ! grep -q "$app_id" /usr/share/applications/mimeinfo.cache || die "mimeinfo.cache still offers BlogDesk"
fi

echo "test-package.sh: $deb installed, ran (--version, --self-test, new/list), validated and removed cleanly"
