"""The desk window: library panel | editor | preview, and the wiring between them.

Layout and wiring only: documents are the DocumentController's, the list is the LibraryPanel's,
menus, toolbar and focus mode are `Menus`' (`window.menus`), the remembered layout is
WindowState's, start-up order is WindowStartup's (`window.startup`): the preview (QtWebEngine,
the slow part of start-up) is created once the first frame is on screen.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QIcon, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.library.library import Library
from blogdesk.core.settings import LibrarySettings, Settings
from blogdesk.core.spelling.wordlist import PersonalWords
from blogdesk.ui.editor.document_controller import DocumentController, OpenDocument
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.editor.insert.media_store import store_media
from blogdesk.ui.editor.metadata_panel import MetadataPanel
from blogdesk.ui.editor.outline_panel import OutlinePanel
from blogdesk.ui.i18n import number, translate
from blogdesk.ui.library.panel import LibraryPanel
from blogdesk.ui.library.watcher import LibraryWatcher
from blogdesk.ui.spelling.check import SpellCheck
from blogdesk.ui.tasks import TaskRunner
from blogdesk.ui.window.menus import Menus
from blogdesk.ui.window.recovery import RecoveryJournal
from blogdesk.ui.window.save_alert import SaveAlert
from blogdesk.ui.window.startup import WindowStartup
from blogdesk.ui.window.state import WindowState
from blogdesk.ui.window.status_messages import PostMessages
from blogdesk.ui.window.theme import ThemeWatcher

__all__ = ["MainWindow"]

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    firstFrameShown = Signal()  # once, when the first frame is on screen
    previewReady = Signal()  # the web preview exists and was handed the document
    previewPainted = Signal()  # emitted once, when the preview first shows a rendered post
    closed = Signal()  # emitted after a close that saved everything

    def __init__(
        self,
        library: Library,
        settings: Settings,
        library_settings: LibrarySettings,
        journal: RecoveryJournal,
        runner: TaskRunner,
        state: WindowState,
        *,
        icon: QIcon | None = None,
        start_preview: bool = True,
        spelling_words: Path | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.library = library
        self.settings = settings
        self.library_settings = library_settings
        self.runner = runner
        self.state = state
        if icon is not None:
            self.setWindowIcon(icon)
        self.theme = ThemeWatcher(self)

        self.library_panel = LibraryPanel(library, runner, self)
        self.library_panel.post_actions.default_status = library_settings.default_status
        self.outline = OutlinePanel(self)
        self.metadata = MetadataPanel(self)
        self.editor = MarkdownEditor(self, dark=self.theme.dark)
        self.editor.setObjectName("editor")
        self.documents = DocumentController(
            library,
            self.editor,
            journal,
            autosave_ms=settings.autosave_delay_ms,
            journal_ms=settings.journal_delay_ms,
            parent=self,
        )
        # The personal word list's file comes from the composition root (the config folder).
        self.spelling = SpellCheck(
            self.editor,
            runner,
            PersonalWords(spelling_words),
            preference=settings.spell_language,
            parent=self,
        )
        self._spelling_started = False  # start_spelling(): after the first frame and preview
        self.watcher = LibraryWatcher(
            library, runner, period_s=settings.library_refresh_seconds, parent=self
        )
        self._build_layout()
        self.startup = WindowStartup(
            self,
            library=library,
            settings=settings,
            library_settings=library_settings,
            runner=runner,
            theme=self.theme,
            library_panel=self.library_panel,
            editor=self.editor,
            documents=self.documents,
            watcher=self.watcher,
            splitter=self.splitter,
            preview_stack=self.preview_stack,
            on_rendered=self._rendered,
            preview_enabled=start_preview,
        )
        self.startup.firstFrameShown.connect(self.firstFrameShown)
        self.startup.previewReady.connect(self.previewReady)
        self.startup.previewPainted.connect(self.previewPainted)
        panels = {
            "library": self.library_panel,
            "outline": self.outline,
            "metadata": self.metadata,
            "preview": self.preview_stack,
        }
        self.menus = Menus(self, host=self, panels=panels)
        # On the window too: install_publishing adds the Blog actions and button to these.
        self.menu_actions = self.menus.actions
        self.toolbar = self.menus.toolbar
        self._wire()
        self.startup.layout_restored = self.state.restore(self, self._splitters, self.menus)
        self._update_title()

    @property
    def preview(self) -> Any:
        """The PreviewView once the web engine is up, else None."""
        return self.startup.preview

    @property
    def preview_controller(self) -> Any:
        return self.startup.preview_controller

    @property
    def preview_enabled(self) -> bool:
        """False: no web preview (tests, lite mode)."""
        return self.startup.preview_enabled

    @property
    def focus_mode(self) -> bool:
        return self.menus.focus_mode

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.startup.window_shown()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.startup.window_painted()

    # -- layout --------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.setObjectName("leftSplitter")
        self.left.addWidget(self.library_panel)
        self.left.addWidget(self.outline)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 1)

        # The editor sits in a row with stretch on both sides: in focus mode the editor gets a
        # maximum width (in characters) and the stretches centre it.
        self.editor_column = QWidget(self)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(0)
        row.addWidget(self.editor, 1)
        row.addStretch(0)
        self._editor_row = row
        column = QVBoxLayout(self.editor_column)
        column.setContentsMargins(0, 0, 0, 0)
        self.alert = SaveAlert(self)  # a failed save, above the post
        self.alert.retry_button.clicked.connect(lambda: self.documents.save_now())
        column.addWidget(self.alert)
        column.addWidget(self.metadata)
        column.addLayout(row, 1)

        self.preview_stack = QStackedWidget(self)
        self.preview_stack.setObjectName("previewStack")
        self.preview_placeholder = QLabel(translate("MainWindow", "Starting the preview…"), self)
        self.preview_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_stack.addWidget(self.preview_placeholder)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.editor_column)
        self.splitter.addWidget(self.preview_stack)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        em = self.fontMetrics().averageCharWidth()
        self.splitter.setSizes([em * 40, em * 80, em * 80])
        self.setCentralWidget(self.splitter)
        self._splitters = {"main": self.splitter, "left": self.left}  # sizes kept by WindowState
        # First start (no remembered geometry): 80 % of the screen's free area, and on a small
        # screen (a 1280 or 1366 px wide laptop) up to 95 % of its width, which the library, the
        # editor with its form and a readable preview column need side by side (~200 em).
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            free = screen.availableGeometry()
            width = max(free.width() * 8 // 10, min(free.width() * 95 // 100, em * 200))
            self.resize(width, free.height() * 8 // 10)
        else:
            self.resize(em * 200, self.fontMetrics().lineSpacing() * 45)

        bar = self.statusBar()
        self.words_label = QLabel(self)
        self.reading_label = QLabel(self)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        self.spelling_label = QLabel(self)
        self.spelling_label.setObjectName("spellingLanguages")
        self.spelling_label.setToolTip(translate("MainWindow", "Spell-check languages"))
        for label in (self.spelling_label, self.words_label, self.reading_label, self.save_label):
            bar.addPermanentWidget(label)
        self.status_messages = PostMessages(bar, root=self.library.root, parent=self)

    def _wire(self) -> None:
        panel, docs = self.library_panel, self.documents
        panel.openRequested.connect(self.open_path)
        panel.aboutToRemove.connect(self._before_remove)
        panel.aboutToRename.connect(lambda _path: docs.save_now())
        panel.renamed.connect(lambda old, new: docs.forget_moved(old, new))
        panel.message.connect(self.show_message)
        docs.documentOpened.connect(self._document_opened)
        docs.saveStateChanged.connect(self._save_state_changed)
        docs.titleChanged.connect(lambda _t: self._update_title())
        # The controller's messages (reloaded, could not save …) are about the post open then.
        docs.message.connect(lambda text: self.show_message(text, post=docs.path))
        docs.saved.connect(self._post_saved)
        self.metadata.fieldEdited.connect(docs.set_field)
        self.metadata.body = self.editor
        # New Post: the title first (Properties shown if hidden), then Enter/Tab to the text.
        panel.postCreated.connect(lambda _path: self.menus.set_panel_visible("metadata", True))
        panel.postCreated.connect(lambda _path: self.metadata.focus_title(new_post=True))
        self.metadata.media_importer = lambda path: self.store_media(path, path.name)
        self.editor.set_media_handler(self.store_media)
        self.editor.mediaError.connect(lambda text: self.show_message(text, post=docs.path))
        docs.documentOpened.connect(self._spell_post)
        self.spelling.message.connect(self.show_message)
        self.spelling.languagesChanged.connect(self.spelling_label.setText)
        self.outline.headingActivated.connect(self.editor.go_to_line)
        self.watcher.refreshed.connect(self._library_refreshed)
        self.watcher.failed.connect(self.show_message)
        self.theme.darkChanged.connect(self._dark_changed)
        # Help stays the last menu when menus come later (the Blog menu of install_publishing).
        self.menuBar().installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Coming back to the window is when outside edits are most likely: look at once.
            app.applicationStateChanged.connect(self._app_state_changed)

    # -- documents -------------------------------------------------------------------------------

    def open_path(self, path: Path, cursor: int | None = None) -> bool:
        return self.documents.open(Path(path), cursor=cursor)

    def open_files(self, files: list[Path]) -> None:
        """Files given on the command line, by a second launch or File → Open: open the first,
        remember all, and put the caret in it: the author opened a file to write in it."""
        for path in files:
            self._remember_recent(Path(path))
        # A failed open says why itself (DocumentController.message) and keeps the current post.
        for path in files[:1]:
            if self.open_path(Path(path)):
                self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.raise_()
        self.activateWindow()

    def store_media(self, source: Path | bytes, name: str) -> str:
        doc = self.documents.doc
        if doc is None:
            from blogdesk.core.errors import BlogDeskError

            raise BlogDeskError(translate("MainWindow", "Open a post before adding images to it."))
        media = (
            self.library.media_dir_for(doc.path) if doc.in_library else doc.path.parent / "media"
        )
        return store_media(source, name, media, doc.path)

    def start_spelling(self) -> None:
        """Hand the spell checker the open post, and every post opened from now on. Called by
        the composition root once the first frame and the preview are on screen: opening the
        dictionaries (importing Enchant, loading Hunspell files) on a worker before then held the
        GIL the UI thread needed for them (first frame ~30 ms, preview ~50 ms later); a check
        waits for a pause in typing anyway, so the underlines come no later in practice."""
        if not self._spelling_started:
            self._spelling_started = True
            self._spell_post(self.documents.doc)

    def _spell_post(self, doc: OpenDocument | None) -> None:
        if self._spelling_started:
            self.spelling.set_post(doc.path if doc else None, doc.post if doc else None)

    def _document_opened(self, doc: OpenDocument | None) -> None:
        self.status_messages.post_opened(doc.path if doc else None)
        self.metadata.set_post(doc.post if doc else None)
        self.library_panel.open_post = doc.path if doc else None
        self.library_panel.set_current(doc.path if doc and doc.in_library else None)
        self.editor.setReadOnly(doc is None)
        if self.preview_controller is not None:
            self.preview_controller.set_document(doc.path.parent if doc else self.library.root)
        if doc is None:
            self.outline.set_outline(())
        self._update_title()

    def _before_remove(self, path: Path) -> None:
        if self.documents.path == Path(path).resolve():
            self.documents.save_now()
            self.documents.forget_moved(Path(path), None)

    def _remember_recent(self, path: Path) -> None:
        recent = [str(path)] + [p for p in self.settings.recent_files if p != str(path)]
        self.settings.recent_files = recent[:10]

    # -- feedback --------------------------------------------------------------------------------

    def _rendered(self, rendered: Any) -> None:
        words = rendered.word_count
        self.words_label.setText(
            translate("MainWindow", "1 word")
            if words == 1
            else translate("MainWindow", "{count} words").format(count=number(words))
        )
        self.reading_label.setText(
            translate("MainWindow", "{minutes} min read").format(
                minutes=number(rendered.reading_minutes)
            )
        )
        self.outline.set_outline(rendered.outline)

    def _save_state_changed(self, state: str) -> None:
        self.save_label.setText(state)
        self.alert.show_state(
            state,
            self.documents.path.name
            if self.documents.path
            else translate("MainWindow", "The post"),
        )

    def _post_saved(self, path: Path) -> None:
        # Library.save() already updated the index, so the watcher's refresh finds nothing new
        # and never reloads the list: the panel shows the new title, status, date itself.
        doc = self.documents.doc
        if doc is not None and doc.path == path and doc.disk_bytes is not None:
            self.library_panel.post_saved(path, doc.disk_bytes.decode("utf-8", "replace"))
        else:
            self.library_panel.reload_soon()
        self.watcher.refresh_soon()

    def _update_title(self) -> None:
        doc = self.documents.doc
        title = (
            (doc.post.title or doc.path.stem) if doc else translate("MainWindow", "No post open")
        )
        # The save state is in the status bar; the title stays exactly "Post title — BlogDesk".
        self.setWindowTitle(f"{title} — BlogDesk")

    def show_message(self, text: str, post: Path | None = None) -> None:
        """A status-bar line; `post`: the post it is about (cleared when another one opens)."""
        self.status_messages.show(text, post=post)

    @property
    def publishing(self) -> Any:
        """Set by install_publishing; its results in the status bar are about a post too."""
        return getattr(self, "_publishing", None)

    @publishing.setter
    def publishing(self, value: Any) -> None:
        self._publishing = value
        if value is not None:
            self.status_messages.watch_publishing(value)

    def _library_refreshed(self, report: Any) -> None:
        self.library_panel.reload()
        self.documents.check_disk()

    def _app_state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.documents.check_disk()
            self.watcher.refresh_soon()

    def _dark_changed(self, dark: bool) -> None:
        if hasattr(self.editor.highlighter, "set_dark"):
            self.editor.highlighter.set_dark(dark)
        if self.preview is not None and hasattr(self.preview, "set_dark"):
            self.preview.set_dark(dark)

    # -- closing ---------------------------------------------------------------------------------

    def confirm_quit_unsaved(self, reason: str) -> bool:
        """Asked when the post cannot be saved at quit; replaceable (tests, other front ends)."""
        answer = QMessageBox.warning(
            self,
            translate("MainWindow", "Unsaved changes"),
            translate(
                "MainWindow",
                "{reason}\n\nQuit anyway? Your text stays in the recovery journal and comes back "
                "the next time BlogDesk starts.",
            ).format(reason=reason),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.save_now(ask=False):
            reason = self.save_label.text() or translate(
                "MainWindow", "The post could not be saved."
            )
            if not self.confirm_quit_unsaved(reason):
                event.ignore()
                return
        self.documents.save_session()
        self.state.save(self, self._splitters, self.menus)
        self.watcher.stop()
        event.accept()
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ActionAdded and watched is self.menuBar():
            # Once the menu bar has taken the new menu; `self` as context: a window deleted
            # meanwhile cancels the call instead of running it on a dead object.
            QTimer.singleShot(0, self, self._help_last)
        return super().eventFilter(watched, event)

    def _help_last(self) -> None:
        help_act = self.menus.actions.get("help_menu")
        actions = self.menuBar().actions()
        if help_act in actions and actions[-1] is not help_act:
            self.menuBar().removeAction(help_act)
            self.menuBar().addAction(help_act)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # Not before the menus exist (a state change while the window is being built).
        menus: Menus | None = getattr(self, "menus", None)
        if event.type() == QEvent.Type.WindowStateChange and menus is not None:
            menus.sync_fullscreen()
