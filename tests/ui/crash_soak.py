"""Crash soak: the real window, typing without end, killed with SIGKILL at random moments.

Each round starts `blogdesk` (offscreen) in a child process on a small library, opens one post
and types into it in bursts (autosave, and now and then an explicit save, happen meanwhile),
logging after every word the time and how much of the text is typed. The parent kills the child
at a random moment (seeded: the seed is printed, `--seed` replays it) and then checks, with
nothing running:

- every post file parses, and the typed post is the original body plus a prefix of the typed
  text ending at a word: never corrupt, never cut mid-word (a torn write would be);
- the recovery journal's entry, when there is one, is such a prefix too;
- what the next start can bring back (the longer of file and journal) lost at most
  `MAX_LOST_S` of typing: measured from the oldest lost word's time to the kill;
- the next start brings back exactly that, and its library lists as many posts as there are
  files (the index, which a kill may leave half-written, is repaired or rebuilt).

`make test` runs a few rounds (tests/ui/test_crash_soak.py); `make soak` runs 100:
    python -m tests.ui.crash_soak --rounds 100 [--seed N]
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
MAX_LOST_S = 2.0
POST = "soak.md"
ORIGINAL = "Before the soak.\n\n"
OTHER_POSTS = 4


def typed_stream(length: int = 400_000) -> str:
    """The text the child types, the same in every process: words, lines and paragraphs."""
    words: list[str] = []
    i = size = 0
    while size < length:
        i += 1
        word = f"w{i}" + ("\n\n" if i % 60 == 0 else "\n" if i % 12 == 0 else " ")
        words.append(word)
        size += len(word)
    return "".join(words)


STREAM = typed_stream()
# Where each typed word (with the space or line breaks after it) ends: the child types one per tick.
WORD_ENDS = [m.end() for m in re.finditer(r"\S+\s+", STREAM)]


def prefix_length(body: str) -> int | None:
    """How much of the stream `body` holds after the original text; None if it is not the
    original plus a prefix of the stream."""
    if not body.startswith(ORIGINAL):
        return None
    rest = body[len(ORIGINAL) :]
    return len(rest) if STREAM.startswith(rest) else None


# -- the child: the real window, typing ------------------------------------------------------------


def child(seed: int, log_path: str, argv: list[str]) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from blogdesk.app import create_application
    from blogdesk.cli import main

    rng = random.Random(seed)
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)  # unbuffered
    state: dict[str, Any] = {"typed": 0, "burst": 0}
    state["app"] = create_application()  # kept alive while the window runs

    def window():  # type: ignore[no-untyped-def]
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow" and widget.isVisible():
                return widget
        return None

    def start() -> None:
        w = window()
        if w is None or w.documents.doc is None:
            QTimer.singleShot(20, start)
            return
        typed = prefix_length(w.editor.toPlainText())
        files = len(list(Path(w.library.root).glob("*.md")))
        listed = len(list(w.library.posts()))
        print("START " + json.dumps({"typed": typed, "files": files, "listed": listed}), flush=True)
        if typed is None:
            sys.exit(3)
        state["typed"] = typed
        QTimer.singleShot(0, lambda: type_word(w))

    def type_word(w) -> None:  # type: ignore[no-untyped-def]
        # One word (with the space or line break after it) per tick, in bursts with pauses
        # long enough for the autosave (300 ms after the last keystroke) to run now and then.
        end = WORD_ENDS[bisect.bisect_right(WORD_ENDS, state["typed"])]
        word = STREAM[state["typed"] : end]
        cursor = w.editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(word)
        w.editor.setTextCursor(cursor)
        state["typed"] = end
        os.write(log, f"{time.time():.4f} {state['typed']}\n".encode())
        if rng.random() < 0.03:
            w.documents.save_now()  # Ctrl+S
        state["burst"] += 1
        if state["burst"] >= rng.randint(4, 30):
            state["burst"] = 0
            QTimer.singleShot(rng.randint(150, 700), lambda: type_word(w))
        else:
            QTimer.singleShot(rng.randint(15, 60), lambda: type_word(w))

    QTimer.singleShot(0, start)
    sys.exit(main(argv))


# -- the parent: kill, then check ----------------------------------------------------------------


@dataclass
class Figures:
    seed: int
    rounds: int = 0
    lost_s: list[float] = field(default_factory=list)
    kill_after_s: list[float] = field(default_factory=list)
    words_typed: int = 0
    saves_seen: int = 0  # rounds whose file held some of that round's typing
    journal_newer: int = 0  # rounds where only the journal held the latest words
    index_repaired: int = 0  # starts whose library listing matched the files
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lost = sorted(self.lost_s)
        return (
            f"crash soak (seed {self.seed}): {self.rounds} kills, {self.words_typed} words typed; "
            f"problems: {len(self.problems)}; typing lost per kill: median "
            f"{statistics.median(lost) if lost else 0:.2f} s, max {max(lost, default=0):.2f} s "
            f"(limit {MAX_LOST_S} s); file held the round's words in {self.saves_seen}, the "
            f"journal was newer in {self.journal_newer}; library listing = files at "
            f"{self.index_repaired} of {self.rounds} restarts"
        )


def _environment(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        env[f"BLOGDESK_{name}_DIR"] = str(work / name.lower())
    env.pop("BLOGDESK_LIBRARY", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    env.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT)])
    return env


def _prepare(work: Path) -> Path:
    library = work / "library"
    library.mkdir(parents=True)
    (library / POST).write_text(f"---\ntitle: Soak\n---\n{ORIGINAL}", encoding="utf-8")
    for i in range(OTHER_POSTS):
        (library / f"other-{i}.md").write_text(f"---\ntitle: Other {i}\n---\nText {i}.\n")
    config = work / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"autosave_delay_ms": 300}))
    return library


def _start(work: Path, library: Path, seed: int, log: Path) -> tuple[subprocess.Popen[str], dict]:
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "tests.ui.crash_soak", "--child", str(seed), str(log)),
            *("--library", str(library), str(library / POST)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_environment(work),
        cwd=ROOT,
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("START "):
            return proc, json.loads(line[len("START ") :])
        if not line and proc.poll() is not None:
            break
    proc.kill()
    proc.wait(10)
    raise RuntimeError(f"the window did not start (exit {proc.poll()})")


def _body(path: Path) -> str | None:
    from blogdesk.core.post.post import Post

    try:
        return Post.parse(path.read_text(encoding="utf-8"), path).body
    except Exception:
        return None


def _at_word_end(length: int) -> bool:
    i = bisect.bisect_left(WORD_ENDS, length)
    return i < len(WORD_ENDS) and WORD_ENDS[i] == length


def _journal(work: Path) -> list[str]:
    texts = []
    for entry in (work / "state" / "recovery").glob("entry-*.json"):
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            texts.append("\0unreadable")
            continue
        texts.append(str(data.get("text", "")))
    return texts


def _check_round(
    work: Path, library: Path, figures: Figures, started: int, kill_at: float, log: Path
) -> int:
    """Check the files after a kill; returns what the next start must bring back."""
    name = f"round {figures.rounds}"
    for path in sorted(library.glob("*.md")):
        if _body(path) is None:
            figures.problems.append(f"{name}: {path.name} does not parse")
    saved = prefix_length(_body(library / POST) or "")
    if saved is None or (saved and not _at_word_end(saved)):
        figures.problems.append(f"{name}: {POST} is not the original plus a typed prefix")
        saved = 0
    journal = [prefix_length(t) for t in _journal(work)]
    if any(j is None for j in journal):
        figures.problems.append(f"{name}: a journal entry is not a typed prefix")
    kept = max([saved, *(j for j in journal if j is not None)])
    figures.saves_seen += saved > started
    figures.journal_newer += kept > saved
    typed = [(float(t), int(m)) for t, m in (x.split() for x in log.read_text().split("\n") if x)]
    figures.words_typed += len(typed)
    lost = [t for t, m in typed if m > kept]
    figures.lost_s.append(kill_at - lost[0] if lost else 0.0)
    if lost and kill_at - lost[0] > MAX_LOST_S:
        figures.problems.append(f"{name}: {kill_at - lost[0]:.2f} s of typing lost")
    return kept


def soak(rounds: int, seed: int, work: Path) -> Figures:
    rng = random.Random(seed)
    figures = Figures(seed)
    library = _prepare(work)
    expected = 0
    for _ in range(rounds):
        log = work / f"typing-{figures.rounds}.log"
        proc, start = _start(work, library, rng.randrange(2**31), log)
        try:
            if start["typed"] != expected:
                figures.problems.append(
                    f"round {figures.rounds}: the start brought back {start['typed']} "
                    f"typed characters, not {expected}"
                )
            figures.index_repaired += start["listed"] == start["files"] == OTHER_POSTS + 1
            delay = rng.uniform(0.3, 3.0)
            figures.kill_after_s.append(delay)
            time.sleep(delay)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            kill_at = time.time()
            proc.wait(10)
            if proc.stdout is not None:
                proc.stdout.close()
        expected = _check_round(work, library, figures, start["typed"] or 0, kill_at, log)
        figures.rounds += 1
    from blogdesk.core.library.library import Library

    with Library.open(library) as opened:  # the index a kill left, as the next start opens it
        listed = len(list(opened.posts()))
    if listed != OTHER_POSTS + 1:
        figures.problems.append(f"after the soak the library lists {listed} posts, not 5")
    return figures


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), sys.argv[3], sys.argv[4:])
        return 0
    parser = argparse.ArgumentParser(description="Kill the typing window at random moments.")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**31)
    print(f"crash soak: seed {seed} (replay: --seed {seed})", flush=True)
    with tempfile.TemporaryDirectory(prefix="blogdesk-soak-") as work:
        figures = soak(args.rounds, seed, Path(work))
    print(figures.summary())
    for problem in figures.problems:
        print("  " + problem)
    return 1 if figures.problems else 0


if __name__ == "__main__":
    sys.exit(main())
