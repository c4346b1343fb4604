#!/usr/bin/env bash
# Debian packages the test suite needs. Installs them when run as root; otherwise prints the apt-get line.
# Each part of the suite that needs system packages lists them in scripts/system-deps.d/*.list.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pkgs=()
for list in "$here"/system-deps.d/*.list; do
    [ -e "$list" ] || continue
    while read -r pkg _; do
        case "$pkg" in ''|'#'*) continue ;; esac
        pkgs+=("$pkg")
    done < "$list"
done
[ ${#pkgs[@]} -gt 0 ] || exit 0
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
    echo "The test suite needs these Debian packages. Run as root:"
    echo "  sudo apt-get update && sudo $line"
    exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
# Without a policy-rc.d, installing a server package would start it (apache2 on port 80, the system MariaDB).
created_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[ -z "$created_policy" ] || rm -f /usr/sbin/policy-rc.d
