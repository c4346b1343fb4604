#!/usr/bin/env bash
# macOS: dist/BlogDesk-<version>.dmg from dist/BlogDesk.app (the PyInstaller spec makes the .app
# on macOS, with the icon from scripts/make-icons.py). Run on macOS, after:
#
#   python scripts/make-icons.py && BLOGDESK_EXE_ICON=build/icons/blogdesk.icns \
#       pyinstaller --noconfirm packaging/pyinstaller/blogdesk.spec
#
# The disk image holds the app and a link to /Applications: drag one onto the other. It is not
# signed or notarized here (that needs the team's Apple certificate, a CI secret): Gatekeeper asks
# the user to confirm the first start (right-click > Open). docs/install.md says so.
set -euo pipefail

cd "$(dirname "$0")/.."
[ "$(uname)" = Darwin ] || { echo "build-dmg.sh: runs on macOS only (hdiutil)" >&2; exit 1; }
app=dist/BlogDesk.app
[ -d "$app" ] || { echo "build-dmg.sh: no $app: build the bundle first" >&2; exit 1; }
version=$("$app/Contents/MacOS/blogdesk" --version | awk '{print $2}')
plist_version=$(/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$app/Contents/Info.plist")
[ "$version" = "$plist_version" ] || { echo "build-dmg.sh: the app says $version, its Info.plist $plist_version" >&2; exit 1; }

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
dmg=dist/BlogDesk-$version.dmg
rm -f "$dmg"
hdiutil create -volname "BlogDesk $version" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"
echo "build-dmg.sh: $dmg ($(du -h "$dmg" | cut -f1))"
