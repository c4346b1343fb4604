#!/usr/bin/env bash
# Runs pytest and fails unless pytest itself printed its closing summary line: Qt and QtWebEngine can
# abort the process (exit 134, or exit 1 before any summary) and that must never pass as green.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
export PYTHONFAULTHANDLER=1
# -p randomly: the test order is shuffled on every run (a missing plugin is an error, not a
# quiet fixed order); the seed is printed at the end, --randomly-seed=N replays an order.
.venv/bin/python -m pytest -p randomly "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# The closing line: "==== 12 passed in 3.1s ====" (or, with -q, "12 passed in 3.1s").
if ! tail -n 5 "$log" | grep -Eq '^(=+ )?([0-9]+ [a-z]+(, )?)+ in [0-9.]+s'; then
    echo "pytest.sh: pytest printed no summary line (exit $rc): the test process died. FAILED." >&2
    exit 1
fi
if ! tail -n 5 "$log" | grep -Eq '[0-9]+ passed'; then
    echo "pytest.sh: no test passed. FAILED." >&2
    exit 1
fi
# A skipped test did not run: allowed only when listed in scripts/allowed-skips.txt (-ra in
# pyproject.toml makes pytest print one "SKIPPED [n] file:line: reason" line per skip).
allowed=$(grep -Ev '^[[:space:]]*(#|$)' scripts/allowed-skips.txt || true)
unlisted=$(grep -E '^SKIPPED \[[0-9]+\] ' "$log" | { if [ -n "$allowed" ]; then grep -Evf <(printf '%s\n' "$allowed"); else cat; fi; } || true)
if [ -n "$unlisted" ]; then
    echo "pytest.sh: tests were skipped (a missing server or tool is a failure, not a skip):" >&2
    echo "$unlisted" >&2
    echo "pytest.sh: FAILED. Install what is missing (sudo bash scripts/system-deps.sh), or list a" \
        "deliberate platform skip in scripts/allowed-skips.txt." >&2
    exit 1
fi
if tail -n 5 "$log" | grep -Eq '[0-9]+ skipped' && ! grep -Eq '^SKIPPED \[' "$log"; then
    echo "pytest.sh: tests were skipped but no reasons were printed (run with -ra). FAILED." >&2
    exit 1
fi
exit "$rc"
