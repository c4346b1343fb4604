"""Keystroke -> preview updated, with the real editor, controller, renderer and QWebEngineView.

    .venv/bin/python benchmarks/bench_preview.py [--runs 3] [--samples 15] [--debounce 120]

For 1,000- and 10,000-word posts: type one character in the middle of the post, then wait until
the preview reports the new revision as shown. Prints, per run and as the median over runs:
  after debounce — from the end of the debounce (render starts) to the page showing it
                   (goals: <= 20 ms for 1k words, <= 100 ms for 10k words);
  render         — the part of that spent rendering on the worker thread;
  swap           — result received -> page updated (JSON + runJavaScript + DOM swap);
  total          — from the keystroke (includes the debounce delay).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import generate_posts

import PySide6.QtWebEngineWidgets  # noqa: F401  (before the QApplication)
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from blogdesk.core.post.frontmatter import split
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.preview.controller import PreviewController
from blogdesk.ui.preview.url_scheme import register_url_scheme
from blogdesk.ui.preview.web_preview import PreviewView
from blogdesk.ui.tasks import TaskRunner


def post_body(words: int) -> str:
    _, text = next(iter(generate_posts(1, words=words, seed=11)))
    return split(text).body


def wait_for(predicate: object, timeout_s: float = 10.0) -> None:
    assert callable(predicate)
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the preview did not update")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)


def one_run(body: str, samples: int, debounce: int) -> dict[str, list[float]]:
    editor = MarkdownEditor(dark=False)
    view = PreviewView(dark=False)
    editor.resize(800, 800)
    view.resize(800, 800)
    editor.show()
    view.show()
    runner = TaskRunner()
    controller = PreviewController(editor, view, runner, debounce_ms=debounce)
    shown: dict[int, float] = {}
    view.contentUpdated.connect(lambda rev: shown.__setitem__(rev, time.perf_counter()))
    editor.setPlainText(body)
    controller.set_document(Path.cwd())
    wait_for(lambda: controller.shown_revision == controller.revision, 30)
    cursor = editor.textCursor()
    cursor.setPosition(len(body) // 2)
    editor.setTextCursor(cursor)
    editor.setFocus()
    out: dict[str, list[float]] = {"after debounce": [], "render": [], "swap": [], "total": []}
    for i in range(samples + 1):
        start = time.perf_counter()
        QTest.keyClick(editor, "x")
        revision = controller.revision
        wait_for(lambda rev=revision: rev in shown)  # type: ignore[misc]
        t = controller.timing
        if i == 0:
            continue  # warm-up: the first edit after opening fills the renderer's cache
        out["after debounce"].append((shown[revision] - t["started"]) * 1000)
        out["render"].append((t["rendered"] - t["started"]) * 1000)
        out["swap"].append((shown[revision] - t["rendered"]) * 1000)
        out["total"].append((shown[revision] - start) * 1000)
        pause = QEventLoop()
        QTimer.singleShot(50, pause.quit)
        pause.exec()
    runner.wait_idle(10_000)
    runner.shutdown()
    for widget in (editor, view):
        widget.close()
        widget.deleteLater()
    # Delete now: a web view left for interpreter exit outlives its profile (Qt warns).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--debounce", type=int, default=120)
    args = parser.parse_args()
    register_url_scheme()
    app = QApplication.instance() or QApplication([])
    print(
        f"load avg {os.getloadavg()[0]:.2f}; debounce {args.debounce} ms; "
        f"{args.samples} keystrokes per run"
    )
    for words, goal in ((1_000, 20), (10_000, 100)):
        body = post_body(words)
        runs = [one_run(body, args.samples, args.debounce) for _ in range(args.runs)]
        print(
            f"{len(body.split()):,}-word post ({len(body):,} chars), goal after debounce "
            f"<= {goal} ms:"
        )
        for key in ("after debounce", "render", "swap", "total"):
            medians = [statistics.median(r[key]) for r in runs]
            p90 = [sorted(r[key])[int(0.9 * (len(r[key]) - 1))] for r in runs]
            print(
                f"  {key:<15} median per run {', '.join(f'{m:6.1f}' for m in medians)} ms"
                f"  -> MEDIAN {statistics.median(medians):6.1f} ms"
                f"  (p90 {statistics.median(p90):6.1f} ms)"
            )
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
