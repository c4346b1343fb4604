"""The library panel's post actions: new, duplicate, rename, delete/undo, show in file manager.

`PostActions` is made and held by `LibraryPanel` (`panel.post_actions`): it gets the list view
and the panel's queries as callables, and reports through its own signals, which the panel passes
on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QWidget,
)

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import Library, TrashItem
from blogdesk.core.post.naming import title_to_stem
from blogdesk.core.post.rules import date_is_provisional
from blogdesk.ui.i18n import translate

__all__ = ["UNTITLED", "PostActions"]

T = TypeVar("T")

UNTITLED = re.compile(r"untitled-post(-\d+)?", re.IGNORECASE)


class PostActions(QObject):
    """The post actions of the library panel, their menu entries and the undo-delete bar."""

    openRequested = Signal(object)  # a post to open: made (new, duplicate), restored, or next
    aboutToRemove = Signal(object)  # Path about to be deleted: save it and let go of it
    aboutToRename = Signal(object)  # Path about to get a new name: save it first
    renamed = Signal(object, object)  # old Path, new Path
    created = Signal(object)  # Path of a post New Post made and opened: its title comes next
    message = Signal(str)  # a line for the status bar

    def __init__(
        self,
        library: Library,
        view: QTreeView,
        *,
        selected_path: Callable[[], Path | None],
        acting_path: Callable[[], Path | None],
        neighbour_of: Callable[[Path], Path | None],
        open_post: Callable[[], Path | None],
        title_of: Callable[[Path], str],
        reload: Callable[[], None],
        cancel_pending_open: Callable[[], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._view = view
        # The panel's: the highlighted row, what File-menu commands act on, a row's title, ask
        # the library again, and drop the open-on-highlight still waiting (the row may go away).
        self._selected_path = selected_path
        self._acting_path = acting_path
        self._neighbour_of = neighbour_of  # the row below a post, else above: opened after it
        self._open_post = open_post  # the post open in the editor
        self._title_of = title_of
        self._reload = reload
        self._cancel_pending_open = cancel_pending_open
        self._widget = parent  # dialogs and menus open over the panel
        self._trash: list[tuple[TrashItem, str]] = []  # (item, title) newest last
        self.default_status = "draft"  # status of posts made with New Post
        self._build_undo_bar()
        self._make_actions()
        view.customContextMenuRequested.connect(self._context_menu)

    def _build_undo_bar(self) -> None:
        """The bar under the list after a delete; the panel puts it in its layout."""
        self.undo_bar = QWidget(self._widget)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_button = QPushButton(translate("PostActions", "Undo"), self.undo_bar)
        self.undo_button.clicked.connect(self.undo_delete)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()

    def _make_actions(self) -> None:
        def action(text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
            act = QAction(text, self._widget)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            return act

        self.new_action = action(
            translate("PostActions", "&New Post"), self.new_post, QKeySequence.StandardKey.New
        )
        # File-menu actions act on the post the author sees in the editor ...
        self.duplicate_action = action(
            translate("PostActions", "D&uplicate Post"),
            lambda: self.duplicate_selected(self._acting_path()),
        )
        self.rename_action = action(
            translate("PostActions", "&Rename File…"),
            lambda: self.rename_selected(path=self._acting_path()),
        )
        self.delete_action = action(
            translate("PostActions", "&Delete Post"),
            lambda: self.delete_selected(self._acting_path()),
        )
        # ... the list's context menu and Delete key on the highlighted row: the open post, or
        # the row the author moved to (never a row the highlight merely drifted to).
        self.row_actions = [
            action(translate("PostActions", "D&uplicate Post"), self.duplicate_selected),
            action(translate("PostActions", "&Rename File…"), self.rename_selected),
            action(translate("PostActions", "&Delete Post"), self.delete_selected),
        ]
        self.undo_delete_action = action(translate("PostActions", "Undo Delete"), self.undo_delete)
        self.undo_delete_action.setEnabled(False)
        self.reveal_action = action(
            translate("PostActions", "Show in &File Manager"), self.reveal_selected
        )
        # Delete acts on the list only while it has focus: elsewhere it edits text.
        # (Ctrl+Z is the window's Undo action, which undoes a delete while the list has focus: a
        # second Ctrl+Z shortcut here would make the key ambiguous and do nothing.)
        local = QAction(self.delete_action.text(), self._view)
        local.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        local.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        local.triggered.connect(lambda _checked=False: self.delete_selected())
        self._view.addAction(local)

    # -- actions ---------------------------------------------------------------------------------

    def _guard(self, message: str, fn: Callable[[], T]) -> T | None:
        """fn(), or None when it failed: then `message` (with {reason}) in the status bar."""
        try:
            return fn()
        except (BlogDeskError, OSError) as exc:
            self.message.emit(message.format(reason=exc))
            return None

    def new_post(self, title: str = "Untitled post") -> Path | None:
        status = self.default_status
        # Dated now only provisionally (Library.create): publishing uses the moment of publishing.
        post = self._guard(
            translate("PostActions", "Could not create a post: {reason}"),
            lambda: self._library.create(title, status=status, new_draft=True),
        )
        if post is None or post.path is None:
            return None
        self._reload()
        self.openRequested.emit(Path(post.path))
        self.created.emit(Path(post.path))
        return Path(post.path)

    def duplicate_selected(self, path: Path | None = None) -> Path | None:
        path = path or self._selected_path()
        if path is None:
            return None
        self._cancel_pending_open()

        def duplicate() -> Path | None:
            original = self._library.load(path)
            fields = original.metadata()
            for key in ("title", "slug", "blogdesk"):
                fields.pop(key, None)
            # A copy of a draft whose date is only its creation stamp is a new draft itself.
            fresh = date_is_provisional(original.metadata())
            if fresh:
                fields.pop("date", None)
            copy = self._library.create(
                f"{original.title} (copy)", original.body, new_draft=fresh, **fields
            )
            return Path(copy.path) if copy.path is not None else None

        new_path = self._guard(
            translate("PostActions", "Could not duplicate the post: {reason}"), duplicate
        )
        if new_path is not None:
            self._reload()
            self.openRequested.emit(new_path)
        return new_path

    def rename_selected(self, new_name: str | None = None, path: Path | None = None) -> Path | None:
        path = path or self._selected_path()
        if path is None:
            return None
        self._cancel_pending_open()
        was_open = path == self._open_post()
        self.aboutToRename.emit(path)  # saved first: the suggestion reads the title on disk
        renamed_by_save = self._open_post()
        if was_open and renamed_by_save is not None:
            path = renamed_by_save  # that save may have renamed a new post after its title
        if new_name is None:
            new_name, ok = QInputDialog.getText(
                self._widget,
                translate("PostActions", "Rename File"),
                translate("PostActions", "New file name:"),
                QLineEdit.EchoMode.Normal,
                self.suggested_name(path),
            )
            if not ok or not new_name.strip() or new_name == path.name:
                return None
        target = self._guard(
            translate("PostActions", "Could not rename the file: {reason}"),
            lambda: self._library.rename(path, new_name),
        )
        if target is not None:
            self.renamed.emit(path, target)  # the panel keeps the renamed row highlighted
            self._reload()
        return target

    def suggested_name(self, path: Path) -> str:
        """The name offered by Rename: from the title when the file still has New Post's name."""
        if not UNTITLED.fullmatch(path.stem):
            return path.name
        try:
            title = self._library.load(path).title
        except (BlogDeskError, OSError):
            return path.name
        stem = title_to_stem(title) if title.strip() else ""
        return f"{stem}{path.suffix}" if stem and not UNTITLED.fullmatch(stem) else path.name

    def delete_selected(self, path: Path | None = None) -> bool:
        """Delete `path`, else the highlighted row, else the open post (the list is filtered
        and does not show it). Deleting the open post opens the one below it (else above)."""
        path = path or self._selected_path() or self._open_post()
        if path is None:
            return False
        self._cancel_pending_open()
        title = self._title_of(path)
        open_post = self._open_post()
        was_open = open_post is not None and open_post.resolve() == path.resolve()
        after = self._neighbour_of(path) if was_open else None
        self.aboutToRemove.emit(path)
        item = self._guard(
            translate("PostActions", "Could not delete the post: {reason}"),
            lambda: self._library.delete(path),
        )
        if item is None:
            return False
        self._trash.append((item, title))
        self.undo_label.setText(translate("PostActions", "Deleted “{title}”.").format(title=title))
        self.undo_bar.show()
        self.undo_delete_action.setEnabled(True)
        self.message.emit(
            translate("PostActions", "Deleted “{title}” (Undo Delete brings it back)").format(
                title=title
            )
        )
        self._reload()
        if after is not None:
            self.openRequested.emit(after)
        return True

    def undo_delete(self) -> Path | None:
        if not self._trash:
            return None
        item, title = self._trash.pop()
        restored = self._guard(
            translate("PostActions", "Could not restore the post: {reason}"),
            lambda: self._library.restore(item),
        )
        if restored is None:
            self._trash.append((item, title))
            return None
        self.undo_delete_action.setEnabled(bool(self._trash))
        if self._trash:
            self.undo_label.setText(
                translate("PostActions", "Deleted “{title}”.").format(title=self._trash[-1][1])
            )
        else:
            self.undo_bar.hide()
        self.message.emit(translate("PostActions", "Restored “{title}”").format(title=title))
        self._reload()
        self.openRequested.emit(Path(restored))  # the author sees what came back
        return Path(restored)

    def reveal_selected(self) -> None:
        path = self._selected_path() or self._library.root
        folder = path if path.is_dir() else path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self._widget)
        menu.addAction(self.new_action)
        has_selection = self._view.indexAt(pos).isValid()
        for act in self.row_actions:
            act.setEnabled(has_selection)
            menu.addAction(act)
        menu.addAction(self.undo_delete_action)
        menu.addSeparator()
        menu.addAction(self.reveal_action)
        menu.aboutToHide.connect(self._enable_post_actions)
        menu.popup(self._view.viewport().mapToGlobal(pos))

    def _enable_post_actions(self) -> None:
        for act in self.row_actions:
            act.setEnabled(True)
