"""Start-up of the BlogDesk window with a 1,000-post library: time to the window shown, time to
the first preview painted, memory (PSS summed over the process tree), and the cost of a save.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--posts 1000] [--xvfb] [--ghostwriter]
                                                 [--floor] [--installed] [--baseline-src DIR]

Each run is a fresh `blogdesk --library LIB POST` process (the installed script next to this
Python, else `python -m blogdesk`), and one through `blogdesk.app.run()` directly; the window
prints wall-clock stamps when BLOGDESK_STARTUP_STAMPS is set ("window-shown", "window-painted":
its first frame is on screen, "preview-painted"). Times count from just before the process is
started. Medians over the runs after one warm-up are printed.

--xvfb runs on a real X server (Xvfb :97, started here) and also measures when the window is
mapped (xdotool), which is comparable across applications; --ghostwriter adds Debian's
ghostwriter (Qt 5 + QtWebEngine) on the same file under the same harness. --baseline-src DIR
(a copy of another version's `src/`, put first on PYTHONPATH) adds its rows to the same
interleaved rounds, for a before/after comparison under the same machine load, which is printed.
--floor adds startup_floor.py: a PySide6 + QtWebEngine window of the same shape without BlogDesk,
the least this toolkit costs here (ratios to ghostwriter are printed for every row). --installed
adds the wheel built from this checkout in a fresh environment (benchmarks/_installed.py): the
`blogdesk` a user runs, without the development install's import finder.
Needs on Debian: apt-get install -y xvfb libxcb-icccm4 libxcb-keysyms1 xdotool ghostwriter
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _installed import install_wheel

WORDS = [
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "a",
    "lazy",
    "dog",
    "while",
    "writers",
    "draft",
    "their",
    "posts",
    "on",
    "trains",
    "and",
    "planes",
    "with",
    "coffee",
    "notebooks",
    "markdown",
    "headings",
    "lists",
    "quotes",
    "code",
]


def make_library(root: Path, posts: int) -> Path:
    """`posts` posts of about 300 words; returns the one of about 1,000 words to open."""
    root.mkdir(parents=True)
    for i in range(posts):
        body = " ".join(WORDS[(i + j) % len(WORDS)] for j in range(300))
        (root / f"post-{i:04}.md").write_text(
            f"---\ntitle: Post number {i}\nstatus: {'draft' if i % 3 else 'published'}\n"
            f"date: 2025-{i % 12 + 1:02}-{i % 28 + 1:02}\ntags: [t{i % 20}, bench]\n---\n\n"
            f"{body}\n",
            encoding="utf-8",
        )
    sections = []
    for s in range(10):
        words = " ".join(WORDS[(s + j) % len(WORDS)] for j in range(95))
        sections.append(f"## Section {s}\n\n{words}.\n\n- one\n- two\n\n> a quote\n")
    target = root / "opened-post.md"
    target.write_text(
        "---\ntitle: The opened post\n---\n\n" + "\n".join(sections), encoding="utf-8"
    )
    return target


def process_children() -> dict[int, list[int]]:
    """Every running process's children, by parent pid (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    return children


def tree_memory_kb(pid: int, fields: tuple[str, ...] = ("Pss",)) -> dict[str, int]:
    """`fields` of /proc/PID/smaps_rollup (kB) summed over `pid` and all its descendants
    (QtWebEngineProcess children included)."""
    children = process_children()
    totals = dict.fromkeys(fields, 0)
    todo = [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    key, _, value = line.partition(":")
                    if key in totals:
                        totals[key] += int(value.split()[0])
        except OSError:
            pass
    return totals


def tree_pss_kb(pid: int) -> int:
    """PSS of `pid` and all its descendants."""
    return tree_memory_kb(pid)["Pss"]


def kill_tree(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(10)


def wait_mapped(name: str, display: str, t0: float, timeout: float = 30) -> float | None:
    """ms from t0 until a visible window whose title matches `name` exists (xdotool)."""
    deadline = time.time() + timeout
    env = dict(os.environ, DISPLAY=display)
    while time.time() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name], capture_output=True, env=env
        ).stdout.strip()
        if found:
            return (time.time() - t0) * 1000
        time.sleep(0.02)
    return None


DIRECT = (
    "import sys; from pathlib import Path; from blogdesk.app import run; "
    "sys.exit(run(library=Path(sys.argv[1]), files=[Path(sys.argv[2])]))"
)


def cli_command() -> list[str]:
    """The installed `blogdesk` script next to this Python (what a desktop launcher runs), else
    `python -m blogdesk`. The script imports `blogdesk.__main__` from PYTHONPATH like -m does."""
    script = Path(sys.executable).with_name("blogdesk")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "blogdesk"]


FLOOR = Path(__file__).with_name("startup_floor.py")


def run_blogdesk(
    library: Path,
    post: Path,
    env: dict[str, str],
    display: str | None,
    direct: bool = False,
    floor: bool = False,
    cli: list[str] | None = None,
) -> dict[str, float]:
    """One start. `direct` skips the CLI (argparse and its command modules) and calls
    blogdesk.app.run() the way the CLI does: the window's own share of the start-up. `floor`
    runs startup_floor.py instead: PySide6 and QtWebEngine alone, no BlogDesk."""
    state = Path(tempfile.mkdtemp(prefix="bd-state-"))
    env = dict(env, BLOGDESK_STATE_DIR=str(state), BLOGDESK_STARTUP_STAMPS="1")
    t0 = time.time()
    if floor:
        command = [sys.executable, str(FLOOR), str(library), str(post)]
    elif direct:
        command = [sys.executable, "-c", DIRECT, str(library), str(post)]
    else:
        command = [*(cli or cli_command()), "--library", str(library), str(post)]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    result: dict[str, float] = {}
    try:
        if display:
            mapped = wait_mapped("BlogDesk", display, t0)
            if mapped is not None:
                result["mapped_ms"] = mapped
        assert proc.stdout is not None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            what, _, stamp = line.strip().partition(" ")
            if what == "window-shown":
                result["shown_ms"] = (float(stamp) - t0) * 1000
            elif what == "window-painted":
                result["frame_ms"] = (float(stamp) - t0) * 1000
            elif what == "preview-painted":
                result["painted_ms"] = (float(stamp) - t0) * 1000
                break
        time.sleep(3)  # let the process settle, as a user would see it
        result["pss_mb"] = tree_pss_kb(proc.pid) / 1024
    finally:
        kill_tree(proc)
        if proc.stdout:
            proc.stdout.close()
        shutil.rmtree(state, ignore_errors=True)
    return result


def run_ghostwriter(post: Path, display: str) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix="gw-home-"))
    env = dict(
        os.environ,
        DISPLAY=display,
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        QTWEBENGINE_DISABLE_SANDBOX="1",
    )
    env.pop("QT_QPA_PLATFORM", None)
    t0 = time.time()
    proc = subprocess.Popen(
        ["ghostwriter", str(post)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
        text=True,
    )
    result: dict[str, float] = {}
    try:
        mapped = wait_mapped(post.name, display, t0)
        if mapped is not None:
            result["mapped_ms"] = mapped
        time.sleep(3)
        result["pss_mb"] = tree_pss_kb(proc.pid) / 1024
    finally:
        kill_tree(proc)
        shutil.rmtree(home, ignore_errors=True)
    return result


def save_cost_ms(library: Path, post: Path, rounds: int = 30) -> float:
    """Median time of one autosave (Library.save of the opened post after an edit)."""
    from blogdesk.core.library.library import Library

    times = []
    with Library.open(library) as lib:
        loaded = lib.load(post)
        for i in range(rounds):
            loaded.body = loaded.body + f" {i}"
            start = time.perf_counter()
            lib.save(loaded)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def start_xvfb(display: str) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    return proc


def stop_xvfb(proc: subprocess.Popen[bytes] | None) -> None:
    """End an X server started by start_xvfb (None: there is none)."""
    if proc is not None:
        proc.terminate()
        proc.wait(10)


# The floor's figures BlogDesk's are compared with, and their units.
FLOOR_KEYS = {
    "mapped_ms": ("mapped", "ms"),
    "painted_ms": ("preview painted", "ms"),
    "pss_mb": ("PSS", "MB"),
}


def median(rows: list[dict[str, float]], key: str) -> str:
    values = [r[key] for r in rows if key in r]
    return f"{statistics.median(values):7.0f}" if values else "      –"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--xvfb", action="store_true")
    parser.add_argument("--ghostwriter", action="store_true")
    parser.add_argument(
        "--display", default=":97", help="X display for --xvfb (another when :97 is in use)"
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="add a row for startup_floor.py: a PySide6 + QtWebEngine window without BlogDesk",
    )
    parser.add_argument(
        "--baseline-src",
        type=Path,
        default=None,
        help="another version's src/ folder, measured in the same rounds",
    )
    parser.add_argument(
        "--installed",
        action="store_true",
        help="add a row for the wheel installed into a fresh environment (what users run: no "
        "editable-install finder at each start)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bd-bench-"))
    library = work / "library"
    post = make_library(library, args.posts)
    env = dict(os.environ, QTWEBENGINE_DISABLE_SANDBOX="1")
    for name in ("DATA", "CONFIG", "CACHE"):
        env[f"BLOGDESK_{name}_DIR"] = str(work / name.lower())
    xvfb = None
    display = None
    if args.xvfb or args.ghostwriter:
        display = args.display
        xvfb = start_xvfb(display)
        env["DISPLAY"] = display
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    # The user's library already has its index: build it once, outside the timings.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from blogdesk.core.library.library import Library; "
            "Library.open(__import__('pathlib').Path(sys.argv[1])).close()",
            str(library),
        ],
        check=True,
        env=env,
    )
    try:
        ours: list[dict[str, float]] = []
        direct: list[dict[str, float]] = []
        theirs: list[dict[str, float]] = []
        base: list[dict[str, float]] = []
        base_direct: list[dict[str, float]] = []
        floor: list[dict[str, float]] = []
        wheel: list[dict[str, float]] = []
        base_env = None
        if args.baseline_src is not None:
            base_env = dict(env, PYTHONPATH=str(args.baseline_src.resolve()))
        loads: list[float] = []
        # Each round runs every row once, starting at another row each time: whatever runs just
        # after the previous row (e.g. ghostwriter's many processes being torn down) would
        # otherwise always slow down the same row.
        jobs: list[tuple[list[dict[str, float]], Callable[[], dict[str, float]]]] = [
            (ours, lambda: run_blogdesk(library, post, env, display)),
            (direct, lambda: run_blogdesk(library, post, env, display, direct=True)),
        ]
        if base_env is not None:
            benv = base_env
            jobs.append((base, lambda: run_blogdesk(library, post, benv, display)))
            jobs.append(
                (base_direct, lambda: run_blogdesk(library, post, benv, display, direct=True))
            )
        if args.installed:
            script = install_wheel(work)
            wenv = {k: v for k, v in env.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
            jobs.append((wheel, lambda: run_blogdesk(library, post, wenv, display, cli=script)))
        if args.floor:
            jobs.append((floor, lambda: run_blogdesk(library, post, env, display, floor=True)))
        if args.ghostwriter and display:
            shown_on = display
            jobs.append((theirs, lambda: run_ghostwriter(post, shown_on)))
        for i in range(args.runs + 1):  # round 0 is a warm-up (disk cache); rounds interleave
            loads.append(os.getloadavg()[0])
            for k in range(len(jobs)):
                rows, job = jobs[(i + k) % len(jobs)]
                result = job()
                time.sleep(0.5)  # let the killed process tree go before the next start
                if i:
                    rows.append(result)
        where = "Xvfb" if display else "offscreen"
        print(f"BlogDesk start-up, {args.posts}-post library, {where}, median of {args.runs} runs")
        print(
            f"1-minute load average during the rounds: median {statistics.median(loads):.2f}, "
            f"max {max(loads):.2f} (2 cores)"
        )
        print(
            "                 mapped ms  shown ms  first frame ms  preview painted ms  tree PSS MB"
        )
        table = [("blogdesk (CLI)   ", ours), ("app.run() direct ", direct)]
        if args.installed:
            table.append(("installed wheel  ", wheel))
        if base_env is not None:
            table += [("baseline (CLI)   ", base), ("baseline direct  ", base_direct)]
        if args.floor:
            table.append(("PySide6 floor    ", floor))
        for label, rows in table:
            print(
                f"{label}   {median(rows, 'mapped_ms')}   {median(rows, 'shown_ms')}"
                f"         {median(rows, 'frame_ms')}             {median(rows, 'painted_ms')}"
                f"      {median(rows, 'pss_mb')}"
            )
        if theirs:
            print(
                f"ghostwriter          {median(theirs, 'mapped_ms')}         –               –"
                f"                   –      {median(theirs, 'pss_mb')}"
            )
        if theirs:
            gw = statistics.median(r["mapped_ms"] for r in theirs if "mapped_ms" in r)
            gw_pss = [r["pss_mb"] for r in theirs if "pss_mb" in r]
            for label, rows in table:
                mapped = [r["mapped_ms"] for r in rows if "mapped_ms" in r]
                painted = [r["painted_ms"] for r in rows if "painted_ms" in r]
                pss = [r["pss_mb"] for r in rows if "pss_mb" in r]
                if mapped and painted:
                    memory = (
                        f", PSS {statistics.median(pss) / statistics.median(gw_pss):.2f}x"
                        if pss and gw_pss
                        else ""
                    )
                    print(
                        f"{label.strip()} / ghostwriter: mapped "
                        f"{statistics.median(mapped) / gw:.2f}x, preview painted "
                        f"{statistics.median(painted) / gw:.2f}x{memory}"
                    )
            if args.floor:
                # What BlogDesk adds to the toolkit's own cost, in ghostwriter's window time.
                base_rows = {key: [r[key] for r in floor if key in r] for key in FLOOR_KEYS}
                for label, rows in table:
                    if rows is floor:
                        continue
                    added = []
                    for key, (name, unit) in FLOOR_KEYS.items():
                        mine = [r[key] for r in rows if key in r]
                        if not mine or not base_rows[key]:
                            continue
                        extra = statistics.median(mine) - statistics.median(base_rows[key])
                        scale = f" ({extra / gw:+.2f}x)" if unit == "ms" else ""
                        added.append(f"{name} {extra:+.0f} {unit}{scale}")
                    print(f"{label.strip()} beyond the floor: {', '.join(added)}")
        print(
            f"autosave (Library.save of a 1,000-word post): {save_cost_ms(library, post):.1f} ms"
            " median"
        )
    finally:
        stop_xvfb(xvfb)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
