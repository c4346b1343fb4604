#!/usr/bin/env bash
# Proves the .deb's Depends: a minimal Debian (debootstrap --variant=minbase: no X, no fonts, no
# Python) gets dist/blogdesk_*.deb through apt, which must pull in every library the bundle
# loads; then `blogdesk --version`, `--self-test` (offscreen) and `list` run inside it.
#
#     sudo bash scripts/test-deb-in-chroot.sh [SUITE]      (default: bookworm)
#
# Needs root, debootstrap and Debian's mirror (deb.debian.org); the chroot is kept in
# /var/tmp/blogdesk-chroot-SUITE for the next run (delete it to start over).
set -euo pipefail

cd "$(dirname "$0")/.."
suite=${1:-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
# Outside the checkout: `make clean` (rm -rf build) must never walk into its bind mounts.
chroot=${CHROOT_DIR:-/var/tmp/blogdesk-chroot-$suite}

die() { echo "test-deb-in-chroot.sh: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (debootstrap, chroot, mount)"
command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install -y debootstrap)"
shopt -s nullglob
debs=(dist/blogdesk_*.deb)
[ ${#debs[@]} -eq 1 ] || die "expected one dist/blogdesk_*.deb, found ${#debs[@]}: run 'make package'"

if [ ! -x "$chroot/usr/bin/apt-get" ]; then
    rm -rf "$chroot"
    debootstrap --variant=minbase "$suite" "$chroot" "$mirror"
fi

mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[$i]}" || true; done
}
trap cleanup EXIT
# Chromium (QtWebEngine) needs /proc (its own executable, its sandbox checks) and /dev/shm;
# apt wants /dev/pts for its log.
for fs in proc dev dev/pts dev/shm; do
    mountpoint -q "$chroot/$fs" || { mount --bind "/$fs" "$chroot/$fs"; mounted+=("$chroot/$fs"); }
done

in_chroot() { chroot "$chroot" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# A clean start: an earlier run's package is removed first.
in_chroot dpkg --purge blogdesk >/dev/null 2>&1 || true
! in_chroot sh -c 'command -v python3' >/dev/null || echo "note: the chroot has a python3 (not from minbase)"

cp "${debs[0]}" "$chroot/tmp/blogdesk.deb"
in_chroot apt-get update -qq
in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/blogdesk.deb >/dev/null

run() { in_chroot env QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \
    BLOGDESK_LIBRARY=/root/Library "$@"; }
run blogdesk --version
run blogdesk --self-test 2>"$chroot/tmp/self-test.err" || { cat "$chroot/tmp/self-test.err" >&2; die "--self-test failed in a minimal $suite"; }
run blogdesk new "Chroot post" >/dev/null
run blogdesk list | grep -q "Chroot post" || die "'blogdesk list' does not show the new post"
in_chroot sh -c '! command -v python3' >/dev/null && echo "python3: not installed in the chroot"
# --autoremove: the dependencies go too, so the next run proves Depends from a bare system again.
in_chroot env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq --autoremove --purge blogdesk >/dev/null
[ ! -e "$chroot/opt/blogdesk" ] || die "/opt/blogdesk left behind in the chroot"
echo "test-deb-in-chroot.sh: a minimal Debian $suite installed the .deb with its Depends and ran it"
