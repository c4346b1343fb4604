"""A second launch: `blogdesk FILE` while a BlogDesk window is open hands the file to that window,
which shows it. Measures the time from starting the second `blogdesk` process until the open
window has opened the file (its "files-received" stamp, printed after `open_files` returned),
and until the second process has exited.

    .venv/bin/python benchmarks/bench_handoff.py [--runs 15] [--posts 1000] [--xvfb] [--installed]
        [--remembered]

The window runs offscreen (or on Xvfb :96 with --xvfb) on a generated library, with
BLOGDESK_STARTUP_STAMPS set; each hand-over opens another post. Medians and the 90th percentile
over the runs are printed, with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _installed import install_wheel
from bench_startup import cli_command, make_library, start_xvfb, stop_xvfb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--xvfb", action="store_true")
    parser.add_argument(
        "--installed",
        action="store_true",
        help="run the wheel installed into a fresh environment (what users run) instead of the "
        "development install",
    )
    parser.add_argument(
        "--remembered",
        action="store_true",
        help="name no --library: the library is the one remembered in settings.json, as for "
        "`blogdesk FILE` from a file manager",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bd-handoff-"))
    library = work / "library"
    post = make_library(library, args.posts)
    env = dict(os.environ, QTWEBENGINE_DISABLE_SANDBOX="1", BLOGDESK_STARTUP_STAMPS="1")
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"BLOGDESK_{name}_DIR"] = str(work / name.lower())
    xvfb = None
    if args.xvfb:
        xvfb = start_xvfb(":96")
        env["DISPLAY"] = ":96"
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    if args.installed:
        env = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        command = install_wheel(work)
    else:
        command = cli_command()
    if args.remembered:
        (work / "config").mkdir()
        (work / "config" / "settings.json").write_text(json.dumps({"library_folder": str(library)}))
    else:
        command = [*command, "--library", str(library)]
    window = subprocess.Popen(
        [*command, str(post)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert window.stdout is not None
        for line in window.stdout:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()

    def wait_for(what: str, timeout: float = 30) -> float:
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                line = lines.get(timeout=0.5)
            except queue.Empty:
                continue
            name, _, stamp = line.strip().partition(" ")
            if name == what:
                return float(stamp)
        raise SystemExit(f"the window printed no {what!r} within {timeout} s")

    try:
        wait_for("preview-painted", 60)
        time.sleep(3)  # the set-up after the first preview is done, as for an author
        shown: list[float] = []
        exited: list[float] = []
        loads = []
        for i in range(args.runs):
            target = library / f"post-{i:04}.md"
            loads.append(os.getloadavg()[0])
            start = time.time()
            second = subprocess.run([*command, str(target)], env=env, capture_output=True)
            exited.append((time.time() - start) * 1000)
            if second.returncode:
                raise SystemExit(f"the second launch failed: {second.stderr.decode()}")
            shown.append((wait_for("files-received") - start) * 1000)
            time.sleep(0.3)
        shown.sort()
        exited.sort()
        p90 = int(len(shown) * 0.9) - 1
        print(
            f"Second launch hands a file to the open window ({args.posts}-post library, "
            f"{'Xvfb' if args.xvfb else 'offscreen'}, {args.runs} runs, "
            f"{'library from settings' if args.remembered else '--library'}, load median "
            f"{statistics.median(loads):.2f} on {os.cpu_count()} cores)"
        )
        print(
            f"file shown in the open window: median {statistics.median(shown):.0f} ms, "
            f"90th percentile {shown[max(p90, 0)]:.0f} ms"
        )
        print(
            f"second process exited:         median {statistics.median(exited):.0f} ms, "
            f"90th percentile {exited[max(p90, 0)]:.0f} ms"
        )
    finally:
        try:
            os.killpg(window.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        window.wait(10)
        stop_xvfb(xvfb)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
