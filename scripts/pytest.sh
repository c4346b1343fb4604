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
exit "$rc"
