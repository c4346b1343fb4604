#!/usr/bin/env bash
# Builds the PyInstaller bundle dist/blogdesk/ from packaging/pyinstaller/blogdesk.spec, in a
# build environment of its own (build/venv-pkg): PyInstaller never goes into the developer's
# .venv, and the bundle holds exactly BlogDesk's runtime dependencies, not the test tools.
# Then checks that the bundle runs with no Python: --version and --self-test (offscreen).
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
venv=${PKG_VENV:-build/venv-pkg}

"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    { echo "build-bundle.sh: BlogDesk needs Python 3.11 or newer ($PYTHON is $("$PYTHON" --version))" >&2; exit 1; }
[ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
# The `package` extra is PyInstaller; --force-reinstall of blogdesk itself (not its
# dependencies): the bundle must hold this working tree, not an earlier build of it.
"$venv/bin/python" -m pip install --quiet '.[package]'
"$venv/bin/python" -m pip install --quiet --no-deps --force-reinstall .

start=$(date +%s)
rm -rf dist/blogdesk
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/pyinstaller/blogdesk.spec
echo "build-bundle.sh: dist/blogdesk/ built in $(( $(date +%s) - start )) s," \
    "$(du -s --apparent-size --block-size=1 dist/blogdesk | awk '{printf "%.1f MB", $1 / 1048576}')"
# The files the rules leave out (other languages, plug-ins, QML, excluded bindings) are not there.
"$venv/bin/python" packaging/pyinstaller/bundle_rules.py dist/blogdesk/_internal

# The bundle must run on its own: no PYTHONPATH, no venv on PATH.
bare() { env -i PATH=/usr/bin:/bin HOME="$home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    QTWEBENGINE_DISABLE_SANDBOX=1 "$@"; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
bare dist/blogdesk/blogdesk --version
bare dist/blogdesk/blogdesk --self-test 2>"$home/stderr" || { cat "$home/stderr" >&2; exit 1; }
