"""The floor under BlogDesk's start-up: the least any PySide6 + QtWebEngine editor window of this
shape costs on this machine, without a line of BlogDesk.

    python benchmarks/startup_floor.py LIBRARY POST     (run by bench_startup.py --floor)

It does what BlogDesk's window must do before its first frame and its first preview, and nothing
else: import QtCore, QtGui, QtWidgets and QtWebEngineCore, register a URL scheme (which must come
before the QApplication), make the application, show a window titled "BlogDesk floor" holding the
post's text in a QPlainTextEdit, then after the first frame make an off-the-record profile and a
QWebEngineView, load the post as plain paragraphs with setHtml and run one script in the page once
it has loaded (BlogDesk swaps the rendered post in that way). It prints the same stamps as the
window does with BLOGDESK_STARTUP_STAMPS ("window-shown", "window-painted", "preview-painted"),
so bench_startup.py times both alike. No Markdown, no library, no index, no settings.
"""

from __future__ import annotations

import html
import os
import sys
import time

EXIT_AT_FIRST_FRAME = "FLOOR_EXIT_AT_FIRST_FRAME"


def stamp(what: str) -> None:
    print(f"{what} {time.time():.6f}", flush=True)


def main() -> int:
    post = sys.argv[2]
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter

    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    scheme = QWebEngineUrlScheme(b"floor-preview")
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    QWebEngineUrlScheme.registerScheme(scheme)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication(sys.argv[:1])
    with open(post, encoding="utf-8") as handle:
        text = handle.read()

    class Window(QMainWindow):
        def __init__(self) -> None:
            super().__init__()
            self.setWindowTitle("BlogDesk floor")
            self.splitter = QSplitter(self)
            self.editor = QPlainTextEdit(self.splitter)
            self.editor.setPlainText(text)
            self.setCentralWidget(self.splitter)
            self.resize(1200, 760)
            self.painted = False
            self.views: list[object] = []

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                stamp("window-painted")
                if os.environ.get(EXIT_AT_FIRST_FRAME):
                    os._exit(0)  # startup_instructions.py counts up to here
                QTimer.singleShot(0, self.start_preview)

        def start_preview(self) -> None:
            from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
            from PySide6.QtWebEngineWidgets import QWebEngineView

            view = QWebEngineView(self.splitter)
            profile = QWebEngineProfile(view)
            page = QWebEnginePage(profile, view)
            view.setPage(page)
            self.views.append(view)
            body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))

            def loaded(_ok: bool) -> None:
                page.runJavaScript("document.body.childElementCount", 0, shown)

            def shown(_result: object) -> None:
                stamp("preview-painted")

            page.loadFinished.connect(loaded)
            view.setHtml(f"<!doctype html><html><body>{body}</body></html>")

    window = Window()
    window.show()
    stamp("window-shown")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
