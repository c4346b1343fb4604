"""Instructions executed from the process start to the window's first frame, counted by valgrind:
the same figure on every run, where wall-clock start-up times on this shared 2-core machine move
by 30 % as other work comes and goes.

    .venv/bin/python benchmarks/startup_instructions.py [--floor] [--baseline-src DIR]

Each row is one `valgrind --tool=callgrind` run (~45 s, offscreen Qt, the index built first) of
the window opening a post of a 1,000-post library, ended with os._exit at its first frame:
- "blogdesk (CLI path)": the `blogdesk` command's own `main()` (`blogdesk.__main__`: the check for
  an open window, then `blogdesk.cli.main()`), its start wrapped to leave at the first frame once
  blogdesk.app has loaded;
- "--baseline-src DIR": the same for another version's src/ (put first on PYTHONPATH);
- "--floor": startup_floor.py, a PySide6 + QtWebEngine window of the same shape without BlogDesk.
Instructions are what the CPU must do; they leave out waiting (disk, the X server) and other
processes. Needs valgrind (Debian: apt-get install -y valgrind).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_startup import FLOOR, make_library

# The `blogdesk` command itself (`blogdesk.__main__.main()` reading sys.argv, as the installed
# script calls it), with one change: when blogdesk.app has loaded, its start is wrapped to leave
# at the first frame.
CHILD = """
import importlib.machinery, os, sys

class LeaveAtFirstFrame:
    def find_spec(self, name, path, target=None):
        if name != "blogdesk.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            start = module.DeskApp.start
            def start_and_leave(desk, files):
                desk.window.firstFrameShown.connect(lambda: os._exit(0))
                start(desk, files)
            module.DeskApp.start = start_and_leave
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, LeaveAtFirstFrame())
sys.argv[0] = "blogdesk"
from blogdesk.__main__ import main  # what the installed `blogdesk` script calls
sys.exit(main())
"""


def instructions(command: list[str], env: dict[str, str], home: Path) -> int:
    """One counted run, with folders of its own: a run ended by os._exit leaves the crash
    marker behind, and the next start in the same folders would be a recovery."""
    env = dict(env)
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"BLOGDESK_{name}_DIR"] = str(home / name.lower())
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--floor", action="store_true")
    parser.add_argument("--baseline-src", type=Path, default=None)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install -y valgrind)")
    work = Path(tempfile.mkdtemp(prefix="bd-instr-"))
    try:
        library = work / "library"
        post = make_library(library, args.posts)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1")
        subprocess.run(
            [sys.executable, "-m", "blogdesk", "--library", str(library), "list"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        window = [sys.executable, "-c", CHILD, "--library", str(library), str(post)]
        rows = [("blogdesk (CLI path)", instructions(window, env, work / "run-1"))]
        if args.baseline_src is not None:
            base_env = dict(env, PYTHONPATH=str(args.baseline_src.resolve()))
            rows.append(("baseline (CLI path)", instructions(window, base_env, work / "run-2")))
        if args.floor:
            floor_env = dict(env, FLOOR_EXIT_AT_FIRST_FRAME="1")
            floor = [sys.executable, str(FLOOR), str(library), str(post)]
            rows.append(("PySide6 floor", instructions(floor, floor_env, work / "run-3")))
        print(f"Instructions to the first frame, {args.posts}-post library, offscreen")
        for label, count in rows:
            print(f"{label:<22} {count / 1e6:9.1f} M")
        if args.floor:
            floor_count = rows[-1][1]
            for label, count in rows[:-1]:
                print(f"{label}: {count - floor_count:,} beyond the floor")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
