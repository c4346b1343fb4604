"""Memory over a long editing session: the real window on a 10,000-word post with the preview
open, typed into with real X key events (xdotool) for --minutes, saving now and then.

    .venv/bin/python benchmarks/bench_memory_soak.py [--minutes 10] [--display :96]
                                                     [--constant-length] [--csv FILE]

Prints the PSS and the anonymous memory of the process tree (the window and its QtWebEngine
processes) 3 s after the preview is first painted and then every minute, split by process (the
Python/Qt main process, which also runs Chromium's browser and GPU work; the QtWebEngine
renderer of the preview; the two zygotes; anything else), with the load average and the number
of QtWebEngine processes of other programs (PSS drops by tens of MB while one runs, since it
shares the Qt libraries' pages), and the growth at the end against the first figure (issue 15's
goal: no growth beyond +10 %). Also prints the characters typed and the saves made, and checks
that the file on disk holds what was typed.

By default the typed text stays, so the post grows (+46 % in ten minutes). --constant-length
has the author take each sentence out again with real keys: appended to the last paragraph and
removed with a run of Backspace presses, or typed as a line of its own and removed by selecting
it (Shift+Home) and pressing Backspace. The post's length stays constant while the editor, the
highlighter, the spell checker, the preview and the saves keep working, and the undo history
keeps every step. Every few sentences the post is saved (Ctrl+S) with the sentence in it and
again once it is gone, and the file is compared with what it must hold; at the end it must be
the post as it was opened, byte for byte.
Runs under its own Xvfb.
Needs on Debian: apt-get install -y xvfb xdotool
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_startup import (
    WORDS,
    kill_tree,
    process_children,
    start_xvfb,
    tree_memory_kb,
    wait_mapped,
)

SENTENCE = "Writers type on trains and planes with coffee and notebooks. "
# A line of its own (constant length): short enough never to wrap in the editor, so Shift+Home
# selects all of it.
LINE = "Coffee first, then the notebook."
# The Python/Qt main process (Qt WebEngine's GPU work runs in it, on a thread), the renderer (the
# preview page: forked by a zygote, so it shows the zygote's command line), the two zygotes, and
# anything else (a GPU or utility process, where Chromium starts one).
KINDS = ("main", "renderer", "zygotes", "other")


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


def process_kind(pid: int, parent: int, root: int) -> str:
    if pid == root:
        return "main"
    if parent != root:
        return "renderer"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            args = handle.read().split(b"\0")
    except OSError:
        return "other"
    return "zygotes" if b"--type=zygote" in args else "other"


def memory_by_kind(root: int) -> tuple[dict[str, tuple[float, float]], int]:
    """(PSS, anonymous memory) in MB per kind of process in the tree of `root` (KINDS), and how
    many QtWebEngine processes run outside it: they share the Qt libraries' pages, so the
    tree's PSS drops by tens of MB while another Qt WebEngine program runs."""
    children = process_children()
    totals = {kind: [0.0, 0.0] for kind in KINDS}
    todo = [(root, 0)]
    tree = set()
    while todo:
        pid, parent = todo.pop()
        tree.add(pid)
        todo.extend((child, pid) for child in children.get(pid, []))
        pair = totals[process_kind(pid, parent, root)]
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    key, _, value = line.partition(":")
                    if key in ("Pss", "Anonymous"):
                        pair[key == "Anonymous"] += int(value.split()[0]) / 1024
        except OSError:
            pass
    others = 0
    for pid in {child for kids in children.values() for child in kids} - tree:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                others += b"QtWebEngineProcess" in handle.read().split(b"\0", 1)[0]
        except OSError:
            pass
    return {kind: (pss, anon) for kind, (pss, anon) in totals.items()}, others


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


def press(display: str, key: str, times: int) -> None:
    """`key` pressed `times` times, 40 ms apart, like a held key's repeats."""
    xdo(display, "key", "--delay", "40", *([key] * times))


def saved_as(post: Path, expected: str, timeout: float = 10.0) -> str | None:
    """None when the file comes to hold `expected` within `timeout` s (the save runs in the
    window's event loop after Ctrl+S arrives), else how the file's end differs."""
    deadline = time.time() + timeout
    while True:
        text = post.read_text(encoding="utf-8")
        if text == expected:
            return None
        if time.time() > deadline:
            at = next(
                (i for i, (a, b) in enumerate(zip(text, expected, strict=False)) if a != b),
                min(len(text), len(expected)),
            )
            near = max(0, at - 20)
            return (
                f"the file has {len(text)} characters, {text[near : at + 50]!r} at {at}; "
                f"wanted {len(expected)}, {expected[near : at + 50]!r}"
            )
        time.sleep(0.1)


class Sampler:
    """The memory figures 3 s after start and then every minute, printed as they come."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.pid = proc.pid
        self.rows: list[dict[str, float]] = []
        kinds = "".join(f"{kind[:5]:>6}" for kind in KINDS)
        print(f"  minutes  PSS MB  anon MB | anon MB{kinds} | PSS MB{kinds} | load  others")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def take(self, minutes: float) -> None:
        pss, anon = tree_memory_mb(self.pid)
        row = {"minutes": minutes, "pss": pss, "anon": anon, "load": os.getloadavg()[0]}
        kinds, others = memory_by_kind(self.pid)
        for kind, (kind_pss, kind_anon) in kinds.items():
            row[f"{kind}_pss"], row[f"{kind}_anon"] = kind_pss, kind_anon
        row["others"] = others
        self.rows.append(row)
        anons = "".join(f"{row[f'{k}_anon']:6.0f}" for k in KINDS)
        psses = "".join(f"{row[f'{k}_pss']:6.0f}" for k in KINDS)
        print(
            f"  {minutes:7.1f}  {pss:6.0f}  {anon:7.0f} | {anons:>{7 + len(anons)}} | "
            f"{psses:>{6 + len(psses)}} | {row['load']:4.2f}  {others:6d}",
            flush=True,
        )


def type_growing(display: str, until: float, sampler: Sampler) -> tuple[int, int]:
    """Sentences typed and kept, Return Return and Ctrl+S after every 8th; (typed, saves)."""
    typed = saves = 0
    start, next_sample = time.time(), time.time() + 60
    while (now := time.time()) < until and sampler.alive():
        xdo(display, "type", "--delay", "40", SENTENCE)
        typed += len(SENTENCE)
        if typed % (len(SENTENCE) * 8) == 0:
            xdo(display, "key", "Return", "Return", "ctrl+s")
            saves += 1
        if now >= next_sample:
            sampler.take((now - start) / 60)
            next_sample += 60
    xdo(display, "key", "ctrl+s")
    return typed, saves


def type_constant(
    display: str, post: Path, original: str, until: float, sampler: Sampler
) -> tuple[int, int, list[str]]:
    """Each sentence typed and taken out again; (typed, saves, failed checks)."""
    typed = saves = cycle = 0
    failures: list[str] = []
    start, next_sample = time.time(), time.time() + 60
    while (now := time.time()) < until and sampler.alive():
        cycle += 1
        if cycle % 2:  # at the end of the last paragraph; a run of Backspace takes it out
            xdo(display, "key", "BackSpace")  # the newline that ends the file
            xdo(display, "type", "--delay", "40", " " + SENTENCE.strip())
            written = original[:-1] + " " + SENTENCE.strip()
            remove = ["BackSpace"] * len(SENTENCE) + ["Return"]
        else:  # a line of its own, selected with Shift+Home and deleted
            xdo(display, "type", "--delay", "40", LINE)
            written = original + LINE
            remove = ["shift+Home", "BackSpace"]
        typed += len(written) - len(original)
        if cycle % 8 in (1, 2):  # saved with the sentence in it: the file must have it
            xdo(display, "key", "ctrl+s")
            saves += 1
            if (wrong := saved_as(post, written)) is not None:
                failures.append(f"sentence {cycle} typed and saved: {wrong}")
        xdo(display, "key", "--delay", "40", *remove)
        if cycle % 8 in (3, 4):  # saved once it is gone: the file must be the post as opened
            xdo(display, "key", "ctrl+s")
            saves += 1
            if (wrong := saved_as(post, original)) is not None:
                failures.append(f"sentence {cycle} taken out and saved: {wrong}")
        if now >= next_sample:
            sampler.take((now - start) / 60)
            next_sample += 60
    xdo(display, "key", "ctrl+s")
    saves += 1
    if (wrong := saved_as(post, original)) is not None:
        failures.append(f"at the end: {wrong}")
    return typed, saves, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--display", default=":96")
    parser.add_argument(
        "--constant-length",
        action="store_true",
        help="take each typed sentence out again with Backspace, so the post keeps its length",
    )
    parser.add_argument("--csv", type=Path, help="also write every sample to this CSV file")
    args = parser.parse_args()
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install -y xvfb xdotool", file=sys.stderr)
            return 1

    work = Path(tempfile.mkdtemp(prefix="bd-soak-"))
    post = make_post(work / "library", args.words)
    original = post.read_text(encoding="utf-8")
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
    failures: list[str] = []
    try:
        if wait_mapped("BlogDesk", args.display, t0) is None:
            print("the window did not appear", file=sys.stderr)
            return 1
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("preview-painted"):
                break
        time.sleep(3)
        sampler = Sampler(proc)
        sampler.take(0.0)
        # Into the editor, at the end of the post: typing goes where the author writes.
        focus_editor(args.display)
        start = time.time()
        until = start + args.minutes * 60
        if args.constant_length:
            typed, saves, failures = type_constant(args.display, post, original, until, sampler)
        else:
            typed, saves = type_growing(args.display, until, sampler)
        time.sleep(2)
        if not sampler.alive():
            print(
                f"the window closed after {(time.time() - start) / 60:.1f} min of typing "
                f"(exit status {proc.returncode}; did its X server {args.display} stop?)",
                file=sys.stderr,
            )
            return 1
        sampler.take((time.time() - start) / 60)
    finally:
        kill_tree(proc)
        xvfb.terminate()
    rows = sampler.rows
    for key, name in (("pss", "PSS"), ("anon", "Anonymous memory")):
        first, last = rows[0][key], rows[-1][key]
        print(
            f"{name} of the process tree: {first:.0f} MB after start, {last:.0f} MB after "
            f"{rows[-1]['minutes']:.1f} min of typing ({(last - first) / first * 100:+.1f} %); "
            f"peak {max(r[key] for r in rows):.0f} MB"
        )
    growth = ", ".join(f"{k} {rows[-1][f'{k}_anon'] - rows[0][f'{k}_anon']:+.1f}" for k in KINDS)
    print(f"anonymous memory growth by process, MB: {growth}")
    loads = [r["load"] for r in rows]
    print(f"load average (1 min) during the run: {min(loads):.2f}–{max(loads):.2f}")
    if args.csv is not None:
        with args.csv.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    text = post.read_text(encoding="utf-8")
    if args.constant_length:
        print(
            f"typed {typed} characters and took them out again, {saves} saves; the file has "
            f"{len(text)} characters, the post as opened {len(original)}"
        )
        for failure in failures:
            print(f"CHECK FAILED: {failure}", file=sys.stderr)
    else:
        saved = text.count(SENTENCE.strip())
        print(f"typed {typed} characters, {saves} saves; the file holds {saved} typed sentences")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
