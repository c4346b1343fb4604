"""Memory over a long editing session: the real window on a 10,000-word post with the preview
open, typed into with real X key events (xdotool) for --minutes, saving now and then.

    .venv/bin/python benchmarks/bench_memory_soak.py [--minutes 10] [--display :96]

Prints the PSS and the anonymous memory of the process tree (the window and its QtWebEngine
processes) 3 s after the preview is first painted and then every minute, and the growth at the
end against the first figure (issue 15's goal: no growth beyond +10 %). Also prints the
characters typed and the saves made, and checks that the file on disk holds what was typed.
Runs under its own Xvfb.
Needs on Debian: apt-get install -y xvfb xdotool
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import WORDS, kill_tree, start_xvfb, tree_memory_kb, wait_mapped

SENTENCE = "Writers type on trains and planes with coffee and notebooks. "


def make_post(library: Path, words: int) -> Path:
    library.mkdir(parents=True)
    paragraphs = []
    for p in range(words // 100):
        text = " ".join(WORDS[(p + j) % len(WORDS)] for j in range(100))
        prefix = f"## Part {p}\n\n" if p % 10 == 0 else ""
        paragraphs.append(f"{prefix}{text}.")
    post = library / "long-post.md"
    post.write_text(
        "---\ntitle: The long post\n---\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    return post


def tree_memory_mb(pid: int) -> tuple[float, float]:
    """(PSS, anonymous memory) in MB of `pid` and its descendants. PSS moves with what else runs
    (shared pages are divided among all the processes mapping them; a library page stops being
    private when another program maps it); anonymous memory (heaps, JavaScript, caches) is what
    a leak grows, whatever else runs."""
    kb = tree_memory_kb(pid, ("Pss", "Anonymous"))
    return kb["Pss"] / 1024, kb["Anonymous"] / 1024


def xdo(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env=dict(os.environ, DISPLAY=display), check=False)


def focus_editor(display: str) -> None:
    """Keyboard focus to the main window (no window manager runs under Xvfb), then the caret to
    the post's end with the keyboard: the window opens with the editor focused."""
    env = dict(os.environ, DISPLAY=display)
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "BlogDesk"],
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    if found:
        xdo(display, "windowfocus", found[0])
    xdo(display, "key", "ctrl+End")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--display", default=":96")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install -y xvfb xdotool", file=sys.stderr)
            return 1

    work = Path(tempfile.mkdtemp(prefix="bd-soak-"))
    post = make_post(work / "library", args.words)
    env = dict(os.environ, QTWEBENGINE_DISABLE_SANDBOX="1", BLOGDESK_STARTUP_STAMPS="1")
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"BLOGDESK_{name}_DIR"] = str(work / name.lower())
    env.pop("QT_QPA_PLATFORM", None)
    env["DISPLAY"] = args.display
    xvfb = start_xvfb(args.display)
    command = [sys.executable, "-m", "blogdesk", "--library", str(work / "library"), str(post)]
    t0 = time.time()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    samples: list[tuple[float, float, float]] = []
    typed = saves = 0
    try:
        if wait_mapped("BlogDesk", args.display, t0) is None:
            print("the window did not appear", file=sys.stderr)
            return 1
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("preview-painted"):
                break
        time.sleep(3)
        samples.append((0.0, *tree_memory_mb(proc.pid)))
        print("  minutes  PSS MB  anon MB")
        print(f"  {0:7.1f}  {samples[-1][1]:6.0f}  {samples[-1][2]:6.0f}", flush=True)
        # Into the editor, at the end of the post: typing goes where the author writes.
        focus_editor(args.display)
        start = time.time()
        next_sample = start + 60
        while (now := time.time()) - start < args.minutes * 60:
            xdo(args.display, "type", "--delay", "40", SENTENCE)
            typed += len(SENTENCE)
            if typed % (len(SENTENCE) * 8) == 0:
                xdo(args.display, "key", "Return", "Return", "ctrl+s")
                saves += 1
            if now >= next_sample:
                minutes = (now - start) / 60
                samples.append((minutes, *tree_memory_mb(proc.pid)))
                print(f"  {minutes:7.1f}  {samples[-1][1]:6.0f}  {samples[-1][2]:6.0f}", flush=True)
                next_sample += 60
        xdo(args.display, "key", "ctrl+s")
        time.sleep(2)
        samples.append(((time.time() - start) / 60, *tree_memory_mb(proc.pid)))
    finally:
        kill_tree(proc)
        xvfb.terminate()
    saved = post.read_text(encoding="utf-8").count(SENTENCE.strip())
    for column, name in ((1, "PSS"), (2, "Anonymous memory")):
        first, last = samples[0][column], samples[-1][column]
        print(
            f"{name} of the process tree: {first:.0f} MB after start, {last:.0f} MB after "
            f"{samples[-1][0]:.1f} min of typing ({(last - first) / first * 100:+.1f} %); "
            f"peak {max(s[column] for s in samples):.0f} MB"
        )
    print(f"typed {typed} characters, {saves} saves; the file holds {saved} typed sentences")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
