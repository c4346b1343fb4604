"""The library panel: search, filters, the post list and the post actions (new, duplicate, rename,
delete with undo, reveal in the file manager).

Queries run in the TaskRunner; a revision number drops answers older than the latest question, so
typing fast in the search field never shows a stale list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library import Library, TrashItem
from blogdesk.core.naming import title_to_stem
from blogdesk.core.post import PostSummary, summarize
from blogdesk.ui.library_model import PATH_ROLE, Column, LibraryModel, StatusBadgeDelegate
from blogdesk.ui.tasks import TaskRunner

__all__ = ["LibraryPanel"]

T = TypeVar("T")

SEARCH_DEBOUNCE_MS = 150
# The highlighted row opens once the author stops moving through the list: arrowing through 10,000
# posts opens only the one they stop at.
OPEN_DEBOUNCE_MS = 200
UNTITLED = re.compile(r"untitled-post(-\d+)?", re.IGNORECASE)
SEARCH_LIMIT = 500
STATUSES = ("draft", "pending", "scheduled", "published", "private")
ALL = ""


class LibraryPanel(QWidget):
    openRequested = Signal(object)  # Path of the post the author picked (absolute)
    aboutToRemove = Signal(object)  # Path about to be deleted: save it and let go of it
    aboutToRename = Signal(object)  # Path about to get a new name: save it first
    renamed = Signal(object, object)  # old Path, new Path
    message = Signal(str)  # a line for the status bar
    listed = Signal(int)  # emitted with the row count each time the list was (re)filled

    def __init__(self, library: Library, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._revision = 0
        self._trash: list[tuple[TrashItem, str]] = []  # (item, title) newest last
        self._current: str | None = None  # rel path to keep selected across reloads
        self.default_status = "draft"  # status of posts made with New Post
        # The post in the editor (in the library or not): what File-menu actions act on.
        self.open_post: Path | None = None
        self._open_timer = QTimer(self, singleShot=True, interval=OPEN_DEBOUNCE_MS)
        self._open_timer.timeout.connect(self._open_highlighted)
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.reload)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(self, placeholderText="Search posts", clearButtonEnabled=True)
        self.search.setObjectName("librarySearch")
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status_filter = QComboBox(self)
        self.status_filter.addItem("All statuses", ALL)
        for status in STATUSES:
            self.status_filter.addItem(status.capitalize(), status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.tag_filter = QComboBox(self)
        self.tag_filter.addItem("All tags", ALL)
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.reload())
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.tag_filter, 1)

        self.model = LibraryModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("libraryView")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)  # what keeps 10,000 rows cheap
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setItemDelegateForColumn(Column.STATUS, StatusBadgeDelegate(self.view))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(self._on_activated)
        self.view.clicked.connect(self._on_activated)
        # Selection follows the current row (arrow keys, End, Page Down): the editor follows it.
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._open_timer.start())
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        # Status and date just fit their text (the badge's padding is half a line each side):
        # every pixel they do not take goes to the title.
        metrics, em = self.fontMetrics(), self.fontMetrics().averageCharWidth()
        header.resizeSection(Column.STATUS,
                             metrics.horizontalAdvance("scheduled") + metrics.height() + em)
        header.resizeSection(Column.DATE, metrics.horizontalAdvance("0000-00-00") + 2 * em)
        header.resizeSection(Column.TAGS, em * 16)
        # A narrow panel keeps the title readable: tags are in the filter and the tooltip, and
        # the header's context menu shows the column again.
        self.view.setColumnHidden(Column.TAGS, True)
        self.view.setColumnHidden(Column.MATCH, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

        self.undo_bar = QWidget(self)
        self.undo_label = QLabel(self.undo_bar)
        self.undo_button = QPushButton("Undo", self.undo_bar)
        self.undo_button.clicked.connect(self.undo_delete)
        bar = QHBoxLayout(self.undo_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.undo_bar)
        self._make_actions()

    def _make_actions(self) -> None:
        def action(text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
            act = QAction(text, self)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            return act

        self.new_action = action("&New Post", self.new_post, QKeySequence.StandardKey.New)
        # File-menu actions act on the post the author sees in the editor ...
        self.duplicate_action = action("D&uplicate Post",
                                       lambda: self.duplicate_selected(self.acting_path()))
        self.rename_action = action("&Rename File…",
                                    lambda: self.rename_selected(path=self.acting_path()))
        self.delete_action = action("&Delete Post",
                                    lambda: self.delete_selected(self.acting_path()))
        # ... the list's context menu and Delete key on the row they point at.
        self.row_actions = [
            action("D&uplicate Post", self.duplicate_selected),
            action("&Rename File…", self.rename_selected),
            action("&Delete Post", self.delete_selected),
        ]
        self.undo_delete_action = action("Undo Delete", self.undo_delete)
        self.undo_delete_action.setEnabled(False)
        self.reveal_action = action("Show in &File Manager", self.reveal_selected)
        # Delete acts on the list only while it has focus: elsewhere it edits text.
        # (Ctrl+Z is the window's Undo action, which undoes a delete while the list has focus: a
        # second Ctrl+Z shortcut here would make the key ambiguous and do nothing.)
        local = QAction(self.delete_action.text(), self.view)
        local.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        local.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        local.triggered.connect(lambda _checked=False: self.delete_selected())
        self.view.addAction(local)

    def preferred_width(self) -> int:
        """Room for about 28 characters of title beside the status and date columns."""
        header = self.view.header()
        others = sum(header.sectionSize(c) for c in (Column.STATUS, Column.DATE)
                     if not self.view.isColumnHidden(c))
        chrome = self.view.frameWidth() * 2 + self.view.verticalScrollBar().sizeHint().width()
        return self.fontMetrics().averageCharWidth() * 28 + others + chrome

    # -- queries ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Ask the library again with the current search and filters (in the background)."""
        self._revision += 1
        revision = self._revision
        query = self.search.text().strip()
        status = self.status_filter.currentData() or None
        tag = self.tag_filter.currentData() or None
        library = self._library

        def fetch() -> tuple[list[PostSummary], dict[str, str], list[str]]:
            if query:
                hits = library.search(query, limit=SEARCH_LIMIT)
                rows = [
                    h.summary
                    for h in hits
                    if (status is None or h.summary.status == status)
                    and (tag is None or tag in h.summary.tags)
                ]
                snippets = {h.summary.path: h.snippet_text for h in hits}
                return rows, snippets, []
            rows = library.posts(status=status, tag=tag)
            tags = sorted((name for name, _count in library.tags()), key=str.casefold)
            return rows, {}, tags

        def done(result: tuple[list[PostSummary], dict[str, str], list[str]]) -> None:
            if revision != self._revision:
                return  # a newer question is on its way
            rows, snippets, tags = result
            self._fill(rows, snippets, tags)

        self._runner.run(fetch, done, lambda exc: self.message.emit(f"Could not list posts: {exc}"))

    def reload_soon(self) -> None:
        """Reload shortly; several calls in a row ask once."""
        self._search_timer.start()

    def post_saved(self, path: Path, text: str) -> None:
        """The window saved `path` with `text`. Library.save() already updated the index, so the
        watcher finds nothing new: show the change here — in place when the row keeps its place
        (an autosave while typing must not reset a 10,000-row list), else by asking again."""
        rel = self._relative(path)
        if rel is None:
            return
        try:
            summary = summarize(text, rel)
        except BlogDeskError:
            self.reload_soon()
            return
        status = self.status_filter.currentData() or None
        tag = self.tag_filter.currentData() or None
        row = self.model.row_of(rel)
        old = self.model.summary_at(row)
        in_place = (
            old is not None and old.tags == summary.tags and not self.search.text().strip()
            and (status is None or summary.status == status)
            and (tag is None or tag in summary.tags)
        )
        if not (in_place and self.model.replace_row(summary)):
            self.reload_soon()

    def _fill(self, rows: list[PostSummary], snippets: dict[str, str], tags: list[str]) -> None:
        self.model.set_rows(rows, snippets, keep_order=bool(snippets))
        self.view.setColumnHidden(Column.MATCH, not snippets)
        if tags:
            self._set_tags(tags)
        self._select(self._current)
        self.listed.emit(len(rows))

    def _set_tags(self, tags: list[str]) -> None:
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", ALL)
        for tag in tags:
            self.tag_filter.addItem(tag, tag)
        index = self.tag_filter.findData(chosen)
        self.tag_filter.setCurrentIndex(max(0, index))
        self.tag_filter.blockSignals(False)

    # -- selection -----------------------------------------------------------------------------

    def set_current(self, path: Path | None) -> None:
        """Highlight the post open in the editor (without opening it again)."""
        self._current = self._relative(path) if path is not None else None
        self._select(self._current)

    def _select(self, rel: str | None) -> None:
        row = self.model.row_of(rel) if rel else -1
        selection = self.view.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.model.index(row, Column.TITLE)
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect
                                  | selection.SelectionFlag.Rows)
        self.view.scrollTo(index)

    def selected_path(self) -> Path | None:
        index = self.view.currentIndex()
        rel = index.data(PATH_ROLE) if index.isValid() else None
        return self._library.root / rel if rel else None

    def acting_path(self) -> Path | None:
        """What a File-menu command acts on: the open post, else the highlighted row."""
        return self.open_post if self.open_post is not None else self.selected_path()

    def _on_activated(self, index: QModelIndex) -> None:
        self._open_timer.stop()
        rel = index.data(PATH_ROLE)
        if rel and rel != self._current:
            self.openRequested.emit(self._library.root / rel)

    def _open_highlighted(self) -> None:
        rows = self.view.selectionModel().selectedRows(Column.TITLE)
        if rows:
            self._on_activated(rows[0])

    def _title_of(self, path: Path) -> str:
        rel = self._relative(path)
        row = self.model.row_of(rel) if rel else -1
        title = self.model.index(row, Column.TITLE).data() if row >= 0 else None
        return str(title or path.name)

    def _relative(self, path: Path) -> str | None:
        try:
            return Path(path).resolve().relative_to(self._library.root.resolve()).as_posix()
        except ValueError:
            return None

    # -- actions ---------------------------------------------------------------------------------

    def _guard(self, what: str, fn: Callable[[], T]) -> T | None:
        try:
            return fn()
        except (BlogDeskError, OSError) as exc:
            self.message.emit(f"Could not {what}: {exc}")
            return None

    def new_post(self, title: str = "Untitled post") -> Path | None:
        status = self.default_status
        # Dated now in the author's time zone, to the second: as `blogdesk new` does.
        now = datetime.now().astimezone().replace(microsecond=0)
        post = self._guard("create a post",
                           lambda: self._library.create(title, status=status, date=now))
        if post is None or post.path is None:
            return None
        self.reload()
        self.openRequested.emit(Path(post.path))
        return Path(post.path)

    def duplicate_selected(self, path: Path | None = None) -> Path | None:
        path = path or self.selected_path()
        if path is None:
            return None
        self._open_timer.stop()

        def duplicate() -> Path | None:
            original = self._library.load(path)
            fields = original.metadata()
            for key in ("title", "slug", "blogdesk"):
                fields.pop(key, None)
            copy = self._library.create(f"{original.title} (copy)", original.body, **fields)
            return Path(copy.path) if copy.path is not None else None

        new_path = self._guard("duplicate the post", duplicate)
        if new_path is not None:
            self.reload()
            self.openRequested.emit(new_path)
        return new_path

    def rename_selected(self, new_name: str | None = None, path: Path | None = None
                        ) -> Path | None:
        path = path or self.selected_path()
        if path is None:
            return None
        self._open_timer.stop()
        self.aboutToRename.emit(path)  # saved first: the suggestion reads the title on disk
        if new_name is None:
            new_name, ok = QInputDialog.getText(
                self, "Rename File", "New file name:", QLineEdit.EchoMode.Normal,
                self.suggested_name(path),
            )
            if not ok or not new_name.strip() or new_name == path.name:
                return None
        target = self._guard("rename the file", lambda: self._library.rename(path, new_name))
        if target is not None:
            if self._current == self._relative(path):
                self._current = self._relative(target)
            self.renamed.emit(path, target)
            self.reload()
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
        path = path or self.selected_path()
        if path is None:
            return False
        self._open_timer.stop()
        title = self._title_of(path)
        self.aboutToRemove.emit(path)
        item = self._guard("delete the post", lambda: self._library.delete(path))
        if item is None:
            return False
        self._trash.append((item, title))
        self.undo_label.setText(f"Deleted “{title}”.")
        self.undo_bar.show()
        self.undo_delete_action.setEnabled(True)
        self.message.emit(f"Deleted “{title}” (Undo Delete brings it back)")
        self.reload()
        return True

    def undo_delete(self) -> Path | None:
        if not self._trash:
            return None
        item, title = self._trash.pop()
        restored = self._guard("restore the post", lambda: self._library.restore(item))
        if restored is None:
            self._trash.append((item, title))
            return None
        self.undo_delete_action.setEnabled(bool(self._trash))
        if self._trash:
            self.undo_label.setText(f"Deleted “{self._trash[-1][1]}”.")
        else:
            self.undo_bar.hide()
        self.message.emit(f"Restored “{title}”")
        self.reload()
        return Path(restored)

    def reveal_selected(self) -> None:
        path = self.selected_path() or self._library.root
        folder = path if path.is_dir() else path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.new_action)
        has_selection = self.view.indexAt(pos).isValid()
        for act in self.row_actions:
            act.setEnabled(has_selection)
            menu.addAction(act)
        menu.addAction(self.undo_delete_action)
        menu.addSeparator()
        menu.addAction(self.reveal_action)
        menu.aboutToHide.connect(self._enable_post_actions)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for column in (Column.STATUS, Column.DATE, Column.TAGS):
            act = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(column))
            act.toggled.connect(lambda on, c=column: self.view.setColumnHidden(c, not on))
        menu.popup(self.view.header().mapToGlobal(pos))

    def _enable_post_actions(self) -> None:
        for act in self.row_actions:
            act.setEnabled(True)
