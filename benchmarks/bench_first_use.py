"""The author's first keys after the start: how long a key waits on the UI thread at the moment
the first preview shows and just after, while the rest of the window is set up.

    .venv/bin/python benchmarks/bench_first_use.py [--runs 5] [--xvfb] [--baseline-src DIR]

Each run is a fresh process that builds the real window (DeskApp.build/start, as `run()` does)
on a 1,000-post library with the preview on. When the preview first shows the post, key presses
are posted to the editor the way the window system delivers them (QCoreApplication.postEvent,
not sent directly), one at each offset below; a key's latency runs from the moment it is due
(the preview's moment plus its offset: a real key waits in the window system's queue while the
UI thread is busy) until the editor's text has changed. The median and the maximum over the
runs are printed per offset.
--baseline-src DIR measures another version's `src/` in the same rounds (before/after).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_startup import make_library, start_xvfb, stop_xvfb

OFFSETS_MS = (0, 50, 100, 200, 300, 500, 800)

CHILD = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from blogdesk.app import DeskApp, create_application
offsets = json.loads(sys.argv[3])
app = create_application()
post = Path(sys.argv[2])
desk = DeskApp.build(Path(sys.argv[1]), [post], start_preview=True)
editor = desk.window.editor
posted = []  # when each key is due: the preview's moment + its offset (the window system
handled = []  # holds a real key meanwhile; a busy UI thread delays its delivery)
shown = []
def changed(*_args):
    if len(handled) < len(posted):
        handled.append(time.perf_counter())
editor.document().contentsChange.connect(changed)
def press(offset):
    editor.setFocus()
    posted.append(shown[0] + offset / 1000)
    QCoreApplication.postEvent(
        editor, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_X, Qt.KeyboardModifier.NoModifier, "x")
    )
def painted():
    shown.append(time.perf_counter())
    for offset in offsets:
        QTimer.singleShot(offset, lambda offset=offset: press(offset))
    QTimer.singleShot(max(offsets) + 1500, finish)
def finish():
    waits = [(h - p) * 1000 for p, h in zip(posted, handled)]
    print("RESULT " + json.dumps({"waits": waits, "ready": desk.ready}), flush=True)
    app.quit()
desk.window.previewPainted.connect(painted)
desk.start([post])
QTimer.singleShot(60000, app.quit)
app.exec()
"""


def one_run(library: Path, post: Path, env: dict[str, str]) -> list[float] | None:
    state = Path(tempfile.mkdtemp(prefix="bd-first-"))
    try:
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(library), str(post), json.dumps(OFFSETS_MS)],
            env=dict(env, BLOGDESK_STATE_DIR=str(state)),
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    finally:
        shutil.rmtree(state, ignore_errors=True)
    for line in out.splitlines():
        if line.startswith("RESULT "):
            waits: list[float] = json.loads(line.removeprefix("RESULT "))["waits"]
            return waits if len(waits) == len(OFFSETS_MS) else None
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--xvfb", action="store_true")
    parser.add_argument("--baseline-src", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bd-first-use-"))
    library = work / "library"
    post = make_library(library, 1000)
    env = dict(os.environ, QTWEBENGINE_DISABLE_SANDBOX="1")
    for name in ("DATA", "CONFIG", "CACHE"):
        env[f"BLOGDESK_{name}_DIR"] = str(work / name.lower())
    xvfb = None
    if args.xvfb:
        xvfb = start_xvfb(":95")
        env["DISPLAY"] = ":95"
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    rows = {"this version": env}
    if args.baseline_src is not None:
        rows["baseline"] = dict(env, PYTHONPATH=str(args.baseline_src.resolve()))
    results: dict[str, list[list[float]]] = {name: [] for name in rows}
    loads = []
    try:
        for _ in range(args.runs):
            loads.append(os.getloadavg()[0])
            for name, row_env in rows.items():
                waits = one_run(library, post, row_env)
                if waits is not None:
                    results[name].append(waits)
                time.sleep(0.5)
        print(
            f"First keys after the first preview, {args.runs} runs, "
            f"{'Xvfb' if xvfb else 'offscreen'}, load median {statistics.median(loads):.2f}"
        )
        print("key posted at (ms after the preview showed): " + "  ".join(map(str, OFFSETS_MS)))
        for name, runs in results.items():
            if not runs:
                print(f"{name}: no complete run")
                continue
            per_offset = list(zip(*runs, strict=True))
            medians = "  ".join(f"{statistics.median(w):.0f}" for w in per_offset)
            worst = "  ".join(f"{max(w):.0f}" for w in per_offset)
            print(f"{name}: wait median ms {medians}")
            print(f"{name}: wait max ms    {worst}")
    finally:
        stop_xvfb(xvfb)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
