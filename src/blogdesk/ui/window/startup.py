"""The window's start-up order: first frame on screen, then the web preview and the watcher."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget

from blogdesk.core.library.library import Library
from blogdesk.core.settings import LibrarySettings, Settings, render_options
from blogdesk.ui.editor.document_controller import DocumentController
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.library.panel import LibraryPanel
from blogdesk.ui.library.watcher import LibraryWatcher
from blogdesk.ui.tasks import TaskRunner
from blogdesk.ui.window.theme import ThemeWatcher

__all__ = ["FIRST_FRAME_FALLBACK_MS", "WindowStartup"]

FIRST_FRAME_FALLBACK_MS = 500  # start the preview anyway when no paint event came by then


def _warm_up_renderer() -> None:
    from blogdesk.core.render.rendering import render

    render("# warm\n\n*up* `code`\n")


class WindowStartup(QMainWindow):
    """The start-up steps of `MainWindow`, which makes the panels, the state and the signals."""

    # Made by MainWindow.
    firstFrameShown: Any
    previewReady: Any
    previewPainted: Any
    library: Library
    settings: Settings
    library_settings: LibrarySettings
    runner: TaskRunner
    theme: ThemeWatcher
    library_panel: LibraryPanel
    editor: MarkdownEditor
    documents: DocumentController
    watcher: LibraryWatcher
    splitter: QSplitter
    preview_stack: QStackedWidget
    preview: Any
    preview_controller: Any
    preview_enabled: bool
    _shown_once: bool
    _first_frame_done: bool
    _layout_restored: bool
    _rendered: Callable[[Any], None]

    # -- start-up --------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            if not self._layout_restored:
                self.first_start_layout()
            self.library_panel.reload()  # from the index, on a worker: no scan before the frame
            # The rest waits for the first frame (paintEvent); a zero timer here would run before
            # the X server even asked for it. The fallback is for a window that never paints.
            QTimer.singleShot(FIRST_FRAME_FALLBACK_MS, self, self._after_first_frame)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._shown_once and not self._first_frame_done:
            QTimer.singleShot(0, self, self._after_first_frame)  # once this frame is flushed

    def _after_first_frame(self) -> None:
        if self._first_frame_done:
            return
        self._first_frame_done = True
        self.firstFrameShown.emit()
        if self.preview_enabled:
            self.start_preview()
        # A walk of the library: while QtWebEngine starts its processes, after the first frame.
        self.watcher.start()

    def first_start_layout(self) -> None:
        """Share the width as library | editor | preview: the library at least 22 % and enough
        for readable titles (at most 35 %), the rest split evenly."""
        width = self.splitter.width()
        library = min(
            max(width * 22 // 100, self.library_panel.preferred_width()), width * 35 // 100
        )
        rest = width - library
        self.splitter.setSizes([library, rest // 2, rest - rest // 2])

    def start_preview(self) -> None:
        """Create the web view and start loading its page. The controller (it needs the Markdown
        renderer) follows once a worker has imported that (`_connect_preview`): the import runs
        while QtWebEngine starts its processes, instead of one after the other."""
        if self.preview is not None:
            return
        from blogdesk.ui.preview.web_preview import PreviewView

        doc = self.documents.doc
        self.preview = PreviewView(
            self,
            allow_remote=self.library_settings.allow_remote_content,
            dark=self.theme.dark,
            base_dir=doc.path.parent if doc else self.library.root,
        )
        self.preview.setObjectName("preview")
        self.preview_stack.addWidget(self.preview)
        self.preview_stack.setCurrentWidget(self.preview)
        self.preview.contentUpdated.connect(self._first_paint)
        # QtWebEngine holds the GIL while it starts, so the worker imports the renderer now,
        # while the page loads (other processes) and this thread waits.
        self.runner.run(
            _warm_up_renderer,
            lambda _none: self._connect_preview(),
            lambda _exc: self._connect_preview(),
        )  # render() reports it itself

    def _connect_preview(self) -> None:
        if self.preview_controller is not None:
            return
        from blogdesk.ui.preview.controller import PreviewController

        options = render_options(self.settings)  # the same options publishing uses
        self.preview_controller = PreviewController(self.editor, self.preview, self.runner, options)
        self.preview_controller.rendered.connect(self._rendered)
        doc = self.documents.doc
        self.preview_controller.set_document(doc.path.parent if doc else self.library.root)
        self.previewReady.emit()

    def _first_paint(self, _revision: int) -> None:
        self.preview.contentUpdated.disconnect(self._first_paint)
        self.previewPainted.emit()
