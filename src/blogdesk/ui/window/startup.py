"""The window's start-up order: first frame on screen, then the web preview and the watcher.

`WindowStartup` is made and held by `MainWindow` (`window.startup`), which hands it the parts it
starts and tells it when the window was shown and painted. It owns the web preview once made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
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
WATCHER_AFTER_PREVIEW_MS = 150  # the preview's pixels reach the screen first
WATCHER_FALLBACK_MS = 3000  # start watching the folders anyway when the preview never paints


def _warm_up_renderer() -> None:
    from blogdesk.core.render.rendering import render

    render("# warm\n\n*up* `code`\n")


class WindowStartup(QObject):
    """What happens once the window is on screen, in order: list, first frame, preview, watcher."""

    firstFrameShown = Signal()  # once, when the first frame is on screen
    previewReady = Signal()  # the web preview exists and was handed the document
    previewPainted = Signal()  # emitted once, when the preview first shows a rendered post

    def __init__(
        self,
        window: QMainWindow,
        *,
        library: Library,
        settings: Settings,
        library_settings: LibrarySettings,
        runner: TaskRunner,
        theme: ThemeWatcher,
        library_panel: LibraryPanel,
        editor: MarkdownEditor,
        documents: DocumentController,
        watcher: LibraryWatcher,
        splitter: QSplitter,
        preview_stack: QStackedWidget,
        on_rendered: Callable[[Any], None],
        preview_enabled: bool,
    ) -> None:
        super().__init__(window)  # and the context of its timers: gone with the window
        self._window = window  # the preview's parent
        self._library = library
        self._settings = settings
        self._library_settings = library_settings
        self._runner = runner
        self._theme = theme
        self._library_panel = library_panel
        self._editor = editor
        self._documents = documents
        self._watcher = watcher
        self._splitter = splitter
        self._preview_stack = preview_stack  # the preview goes in here, over its placeholder
        self._on_rendered = on_rendered  # each render's word count and outline: the window's
        self.preview: Any = None  # PreviewView, once the web engine is up
        self.preview_controller: Any = None
        self.preview_enabled = preview_enabled  # False: no web preview (tests, lite mode)
        # Set by the window: True when the remembered layout came back (no first-start layout).
        self.layout_restored = False
        self._shown_once = False
        self._first_frame_done = False  # the preview and the watcher start after it
        self._watching = False

    # -- start-up --------------------------------------------------------------------------------

    def window_shown(self) -> None:
        """The window's showEvent (after Qt's own)."""
        if not self._shown_once:
            self._shown_once = True
            if not self.layout_restored:
                self.first_start_layout()
            self._library_panel.reload()  # from the index, on a worker: no scan before the frame
            # The rest waits for the first frame (paintEvent); a zero timer here would run before
            # the X server even asked for it. The fallback is for a window that never paints.
            QTimer.singleShot(FIRST_FRAME_FALLBACK_MS, self, self._after_first_frame)

    def window_painted(self) -> None:
        """The window's paintEvent (after Qt's own)."""
        if self._shown_once and not self._first_frame_done:
            QTimer.singleShot(0, self, self._after_first_frame)  # once this frame is flushed

    def _after_first_frame(self) -> None:
        if self._first_frame_done:
            return
        self._first_frame_done = True
        self.firstFrameShown.emit()
        if self.preview_enabled:
            self.start_preview()
            # Watching the folders walks the library (~30 ms here on 1,000 posts): after the
            # preview's first paint, not beside Chromium's start, which it slows down.
            QTimer.singleShot(WATCHER_FALLBACK_MS, self, self._start_watcher)
        else:
            self._start_watcher()

    def _start_watcher(self) -> None:
        if not self._watching:
            self._watching = True
            self._watcher.start()

    def first_start_layout(self) -> None:
        """Share the width as library | editor | preview: the library at least 22 % and enough
        for readable titles (at most 35 %), the rest split evenly."""
        width = self._splitter.width()
        library = min(
            max(width * 22 // 100, self._library_panel.preferred_width()), width * 35 // 100
        )
        rest = width - library
        self._splitter.setSizes([library, rest // 2, rest - rest // 2])

    def start_preview(self) -> None:
        """Create the web view and start loading its page. The controller (it needs the Markdown
        renderer) follows once a worker has imported that (`_connect_preview`): the import runs
        while QtWebEngine starts its processes, instead of one after the other."""
        if self.preview is not None:
            return
        from blogdesk.ui.preview.web_preview import PreviewView

        doc = self._documents.doc
        self.preview = PreviewView(
            self._window,
            allow_remote=self._library_settings.allow_remote_content,
            dark=self._theme.dark,
            base_dir=doc.path.parent if doc else self._library.root,
        )
        self.preview.setObjectName("preview")
        self._preview_stack.addWidget(self.preview)
        self._preview_stack.setCurrentWidget(self.preview)
        self.preview.contentUpdated.connect(self._first_paint)
        # QtWebEngine holds the GIL while it starts, so the worker imports the renderer now,
        # while the page loads (other processes) and this thread waits.
        self._runner.run(
            _warm_up_renderer,
            lambda _none: self._connect_preview(),
            lambda _exc: self._connect_preview(),
        )  # render() reports it itself

    def _connect_preview(self) -> None:
        if self.preview_controller is not None:
            return
        from blogdesk.ui.preview.controller import PreviewController

        options = render_options(self._settings)  # the same options publishing uses
        self.preview_controller = PreviewController(
            self._editor, self.preview, self._runner, options
        )
        self.preview_controller.rendered.connect(self._on_rendered)
        doc = self._documents.doc
        self.preview_controller.set_document(doc.path.parent if doc else self._library.root)
        self.previewReady.emit()

    def _first_paint(self, _revision: int) -> None:
        self.preview.contentUpdated.disconnect(self._first_paint)
        self.previewPainted.emit()
        QTimer.singleShot(WATCHER_AFTER_PREVIEW_MS, self, self._start_watcher)
