"""Spell checking: a full check of a 10,000-word post, and typing with the checker on.

    .venv/bin/python benchmarks/bench_spelling.py [--runs 5] [--keys 300] [--words 10000]

Two posts of 10,000 words: "docs" is real English prose (BlogDesk's own docs/*.md, repeated to
length: code, links and tables included), "corpus" is the generated benchmark post, whose made-up
words make ~40 % of it misspelled (the worst case for underlines).

- full check: `core.spelling.misspellings` over the whole post, cold (a new checker: every
  distinct word goes to Hunspell) and warm (what each re-check after a pause in typing costs),
  with en_US and with en_US + de_DE. Goal: <= 0.5 s.
- typing: the real editor with SpellCheck on the real TaskRunner, the caret mid-post, typing in
  bursts of 10 keys (40 ms apart) with a pause of 400 ms after each, so the debounced checks run
  on the worker while the next burst is typed. UI-thread time per key as in bench_typing.py
  (QTest.keyClick + the events it queued). Goal: p99 <= 8 ms. Also the UI-thread time of
  applying check results (re-highlighting the lines whose underlines changed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import generate_posts

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blogdesk.core.post.frontmatter import split
from blogdesk.core.spelling import PersonalWords, misspellings, open_checker, words
from blogdesk.core.spelling.checker import SpellChecker
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.spelling.check import SpellCheck
from blogdesk.ui.tasks import TaskRunner

HERE = Path(__file__).resolve().parent
KEYS = "the quick brown fox jumps over the lazy dog "


def docs_body(count: int) -> str:
    texts = [split(p.read_text("utf-8")).body for p in sorted((HERE.parent / "docs").glob("*.md"))]
    text = "\n\n".join(texts)
    parts = []
    while sum(len(p.split()) for p in parts) < count:
        parts.append(text)
    out = "\n\n".join(parts).split(" ")
    return " ".join(out[:count]) + "\n"


def corpus_body(count: int) -> str:
    _, text = next(iter(generate_posts(1, words=count, seed=7)))
    return split(text).body


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def full_check(body: str, languages: list[str], runs: int) -> tuple[float, float, int]:
    cold, warm = [], []
    found = 0
    for _ in range(runs):
        opened = open_checker(languages)  # dictionaries stay loaded: only the verdicts are new
        checker = opened.checker
        assert isinstance(checker, SpellChecker), opened.problem
        start = time.perf_counter()
        found = len(misspellings(body, checker))
        cold.append(time.perf_counter() - start)
        start = time.perf_counter()
        misspellings(body, checker)
        warm.append(time.perf_counter() - start)
    return statistics.median(cold) * 1000, statistics.median(warm) * 1000, found


class Typed(NamedTuple):
    wall: list[float]  # ms per key
    cpu: list[float]  # the UI thread's CPU ms per key
    applied: list[float]  # ms per application of check results
    checks: int
    at_open: tuple[int, float, float] = (0, 0.0, 0.0)  # slices, total ms, longest slice ms


def typing(body: str, keys: int, *, spelling: bool = True) -> Typed:
    runner = TaskRunner()
    editor = MarkdownEditor(dark=False)
    editor.resize(900, 800)
    editor.show()
    editor.setPlainText(body)
    QCoreApplication.processEvents()
    if not spelling:
        return _type(editor, runner, keys, [], [0])
    spell = SpellCheck(editor, runner, PersonalWords(), preference="en_US")
    applied: list[float] = []
    original = spell.highlighter._refresh_some

    def timed() -> None:  # each slice of re-highlighting, on the UI thread
        start = time.perf_counter()
        original()
        applied.append((time.perf_counter() - start) * 1000)

    spell.highlighter._refresh_some = timed  # type: ignore[method-assign]
    spell.highlighter._more.timeout.disconnect()
    spell.highlighter._more.timeout.connect(timed)
    loop = QEventLoop()
    spell.checked.connect(loop.quit)
    spell.set_post("bench.md")
    loop.exec()
    while spell.highlighter._todo:  # the underlines of the whole post are on
        QCoreApplication.processEvents()
    at_open = len(applied), sum(applied), max(applied)
    applied.clear()
    cursor = editor.textCursor()
    cursor.setPosition(len(body) // 2)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    checks = [0]
    spell.checked.connect(lambda: checks.__setitem__(0, checks[0] + 1))
    typed = _type(editor, runner, keys, applied, checks)
    return typed._replace(at_open=at_open)


def _type(
    editor: MarkdownEditor, runner: TaskRunner, keys: int, applied: list[float], checks: list[int]
) -> Typed:
    if not checks[0] and not applied and editor.textCursor().position() == 0:
        cursor = editor.textCursor()
        cursor.setPosition(len(editor.toPlainText()) // 2)
        cursor.movePosition(cursor.MoveOperation.EndOfBlock)
        editor.setTextCursor(cursor)
    editor.setFocus()
    times, cpu = [], []
    for i in range(keys):
        start, start_cpu = time.perf_counter(), time.thread_time()
        QTest.keyClick(editor, KEYS[i % len(KEYS)])
        QCoreApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        pause = 0.4 if i % 10 == 9 else 0.04
        end = time.perf_counter() + pause
        while time.perf_counter() < end:  # timers, checks and their results run meanwhile
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    runner.wait_idle(10_000)
    runner.shutdown()
    editor.close()
    editor.deleteLater()
    QCoreApplication.processEvents()
    return Typed(times, cpu, applied or [0.0], checks[0])


def median(runs: list[Typed], field: str, q: float) -> float:
    return statistics.median(pct(getattr(r, field), q) for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    open_checker(["en_US"])
    print(f"first en_US dictionary load: {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"load avg {os.getloadavg()[0]:.2f}; median of {args.runs} runs")
    bodies = {"docs": docs_body(args.words), "corpus": corpus_body(args.words)}
    for name, body in bodies.items():
        count = sum(1 for _ in words(body))
        print(f"{name}: {len(body.split()):,} words, {count:,} checked (outside code etc.)")
        for languages in (["en_US"], ["en_US", "de_DE"]):
            cold, warm, found = full_check(body, languages, args.runs)
            print(
                f"  full check {'+'.join(languages):<11} cold {cold:6.1f} ms  warm {warm:6.1f} ms"
                f"  ({found:,} misspelled)"
            )
    for name, body in bodies.items():
        for spelling in (False, True):
            runs = [typing(body, args.keys, spelling=spelling) for _ in range(args.runs)]
            label = f"typing in {name}, spell check {'on' if spelling else 'off'}"
            print(
                f"{label}: p50 {median(runs, 'wall', 0.5):.2f} ms, "
                f"p99 {median(runs, 'wall', 0.99):.2f} ms wall clock; UI-thread CPU p50 "
                f"{median(runs, 'cpu', 0.5):.2f} ms, p99 {median(runs, 'cpu', 0.99):.2f} ms"
            )
            if spelling:
                slices, total, longest = runs[-1].at_open
                print(
                    f"  {runs[-1].checks} whole-post checks while typing (last run). Underlines "
                    f"at open: {total:.1f} ms of re-highlighting in {slices} slices, longest "
                    f"{longest:.2f} ms; after typing: slices p99 "
                    f"{statistics.median(pct(r.applied or [0.0], 0.99) for r in runs):.2f} ms"
                )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
