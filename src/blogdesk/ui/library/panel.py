"""The library panel: search, filters and the post list. The post actions (new, duplicate, rename,
delete with undo, reveal in the file manager) are `PostActions`', held as `panel.post_actions`.

Queries run in the TaskRunner; a revision number drops answers older than the latest question, so
typing fast in the search field never shows a stale list.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

# Re-exported: tests patch blogdesk.ui.library.panel.QInputDialog (used by post_actions).
from PySide6.QtWidgets import QInputDialog as QInputDialog

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import Library
from blogdesk.core.post.post import PostSummary, summarize
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, locale_date, translate
from blogdesk.ui.library.match_text import MatchDelegate
from blogdesk.ui.library.model import (
    PATH_ROLE,
    Column,
    LibraryModel,
    StatusBadgeDelegate,
)
from blogdesk.ui.library.post_actions import PostActions
from blogdesk.ui.status_words import status_word
from blogdesk.ui.tasks import TaskRunner

__all__ = ["LibraryPanel"]

SEARCH_DEBOUNCE_MS = 150
# The highlighted row opens once the author stops moving through the list: arrowing through 10,000
# posts opens only the one they stop at.
OPEN_DEBOUNCE_MS = 200
SEARCH_LIMIT = 500
STATUSES = ("draft", "pending", "scheduled", "published", "private")
# The filter's names of the statuses, translated where shown (QT_TRANSLATE_NOOP only marks them).
STATUS_NAMES = {
    "draft": QT_TRANSLATE_NOOP("LibraryPanel", "Draft"),
    "pending": QT_TRANSLATE_NOOP("LibraryPanel", "Pending"),
    "scheduled": QT_TRANSLATE_NOOP("LibraryPanel", "Scheduled"),
    "published": QT_TRANSLATE_NOOP("LibraryPanel", "Published"),
    "private": QT_TRANSLATE_NOOP("LibraryPanel", "Private"),
}
ALL = ""


class LibraryPanel(QWidget):
    openRequested = Signal(object)  # Path of the post the author picked (absolute)
    aboutToRemove = Signal(object)  # Path about to be deleted: save it and let go of it
    aboutToRename = Signal(object)  # Path about to get a new name: save it first
    renamed = Signal(object, object)  # old Path, new Path
    postCreated = Signal(object)  # Path of a post New Post made, now open
    message = Signal(str)  # a line for the status bar
    listed = Signal(int)  # emitted with the row count each time the list was (re)filled

    def __init__(self, library: Library, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._revision = 0
        self._current: str | None = None  # rel path to keep selected across reloads
        # The post in the editor (in the library or not): what File-menu actions act on.
        self.open_post: Path | None = None
        self._open_timer = QTimer(self, singleShot=True, interval=OPEN_DEBOUNCE_MS)
        self._open_timer.timeout.connect(self._open_highlighted)
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.reload)

    # -- layout --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.search = QLineEdit(self, placeholderText=translate("LibraryPanel", "Search posts"))
        self.search.setObjectName("librarySearch")
        self.search.textChanged.connect(self._search_edited)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(translate("LibraryPanel", "All statuses"), ALL)
        for status in STATUSES:
            self.status_filter.addItem(translate("LibraryPanel", STATUS_NAMES[status]), status)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.tag_filter = QComboBox(self)
        self.tag_filter.addItem(translate("LibraryPanel", "All tags"), ALL)
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
        # The sort keeps the selection on its post; this scrolls the open post into view.
        self.model.layoutChanged.connect(lambda *_: self._select(self._current))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setItemDelegateForColumn(Column.STATUS, StatusBadgeDelegate(self.view))
        self.view.setItemDelegateForColumn(Column.MATCH, MatchDelegate(self.view))
        # A narrow panel cuts long titles at their end ("A trip to…"); the tooltip has them whole.
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
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
        widest = max(metrics.horizontalAdvance(status_word(status)) for status in STATUSES)
        header.resizeSection(Column.STATUS, widest + metrics.height() + em)
        header.resizeSection(
            Column.DATE, metrics.horizontalAdvance(locale_date("2000-12-28")) + 2 * em
        )
        header.resizeSection(Column.TAGS, em * 16)
        # A narrow panel keeps the title readable: tags are in the filter and the tooltip, and
        # the header's context menu shows the column again.
        self.view.setColumnHidden(Column.TAGS, True)
        self.view.setColumnHidden(Column.MATCH, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

        # Not `actions`: that name is QWidget.actions(), the widget's QAction list.
        self.post_actions = PostActions(
            self._library,
            self.view,
            selected_path=self.selected_path,
            acting_path=self.acting_path,
            neighbour_of=self.neighbour_of,
            open_post=lambda: self.open_post,
            title_of=self._title_of,
            reload=self.reload,
            cancel_pending_open=self._open_timer.stop,
            parent=self,
        )
        actions = self.post_actions
        actions.openRequested.connect(self.openRequested)
        actions.aboutToRemove.connect(self.aboutToRemove)
        actions.aboutToRename.connect(self.aboutToRename)
        actions.renamed.connect(self._post_renamed)
        actions.created.connect(self.postCreated)
        actions.message.connect(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        # A filter that matches nothing says so, and how to undo it, instead of a blank list.
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("libraryEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setContentsMargins(4, 8, 4, 8)
        self.empty_label.linkActivated.connect(lambda _link: self.clear_filters())
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        # Esc in the search field or the list clears the filter (when there is one).
        self.search.installEventFilter(self)
        self.view.installEventFilter(self)
        layout.addWidget(self.post_actions.undo_bar)

    def _search_edited(self, text: str) -> None:
        # The clear button shows only over text; it is added with the first text, not before
        # the window's first frame (looking up its icon in the icon theme takes ~10 ms).
        if text and not self.search.isClearButtonEnabled():
            self.search.setClearButtonEnabled(True)
        self._search_timer.start()

    def preferred_width(self) -> int:
        """Room for about 28 characters of title beside the status and date columns."""
        header = self.view.header()
        others = sum(
            header.sectionSize(c)
            for c in (Column.STATUS, Column.DATE)
            if not self.view.isColumnHidden(c)
        )
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
                snippets = {h.summary.path: h.snippet_html for h in hits}
                return rows, snippets, []
            rows = library.posts(status=status, tag=tag)
            tags = sorted((name for name, _count in library.tags()), key=str.casefold)
            return rows, {}, tags

        def done(result: tuple[list[PostSummary], dict[str, str], list[str]]) -> None:
            if revision != self._revision:
                return  # a newer question is on its way
            rows, snippets, tags = result
            self._fill(rows, snippets, tags)

        self._runner.run(
            fetch,
            done,
            lambda exc: self.message.emit(
                translate("LibraryPanel", "Could not list posts: {reason}").format(reason=exc)
            ),
        )

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
            old is not None
            and old.tags == summary.tags
            and not self.search.text().strip()
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
        self._show_empty_state(len(rows))
        self.listed.emit(len(rows))

    def filter_words(self) -> list[str]:
        """The search text and the chosen status and tag, as the author sees them."""
        words = [self.search.text().strip()]
        for combo in (self.status_filter, self.tag_filter):
            if combo.currentData():
                words.append(combo.currentText())
        return [w for w in words if w]

    def clear_filters(self) -> None:
        """Show every post again: one reload, not one per field cleared."""
        for widget in (self.search, self.status_filter, self.tag_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.tag_filter.setCurrentIndex(0)
        for widget in (self.search, self.status_filter, self.tag_filter):
            widget.blockSignals(False)
        self._search_timer.stop()
        self.reload()

    def _show_empty_state(self, rows: int) -> None:
        words = self.filter_words()
        if rows or not words:
            self.empty_label.hide()
            return
        what = html.escape(" · ".join(words))
        self.empty_label.setText(
            translate(
                "LibraryPanel",
                "No posts match “{words}”.<br><a href='clear'>Clear filter</a> (Esc)",
            ).format(words=what)
        )
        self.empty_label.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and watched in (self.search, self.view)
            and self.filter_words()
        ):
            self.clear_filters()
            return True
        return super().eventFilter(watched, event)

    def _set_tags(self, tags: list[str]) -> None:
        chosen = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(translate("LibraryPanel", "All tags"), ALL)
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
            # No current row either: a current row left on another post would be what a key
            # press acts on, and its focus frame would look like a highlight.
            selection.clear()
            return
        index = self.model.index(row, Column.TITLE)
        selection.setCurrentIndex(
            index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def selected_path(self) -> Path | None:
        """The highlighted row's post: the open post, or the row the author moved to. Never the
        bare current row, which a focus change can put on any post without highlighting it."""
        rows = self.view.selectionModel().selectedRows(Column.TITLE)
        rel = rows[0].data(PATH_ROLE) if rows else None
        return self._library.root / rel if rel else None

    def neighbour_of(self, path: Path) -> Path | None:
        """The post listed below `path`, else above it (None: not listed, or alone)."""
        rel = self._relative(path)
        row = self.model.row_of(rel) if rel else -1
        if row < 0:
            return None
        for other in (row + 1, row - 1):
            summary = self.model.summary_at(other)
            if summary is not None:
                return self._library.root / summary.path
        return None

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

    def _post_renamed(self, old: Path, new: Path) -> None:
        # Before the window hears of it: the reload that follows keeps the row highlighted.
        if self._current == self._relative(old):
            self._current = self._relative(new)
        self.renamed.emit(old, new)

    def _title_of(self, path: Path) -> str:
        rel = self._relative(path)
        row = self.model.row_of(rel) if rel else -1
        title = self.model.index(row, Column.TITLE).data() if row >= 0 else None
        if title is None:  # filtered out of the list: the index still knows it
            try:
                summary = self._library.summary(path)
            except BlogDeskError:
                summary = None
            title = summary.title if summary is not None and summary.title.strip() else None
        return str(title or path.name)

    def _relative(self, path: Path) -> str | None:
        try:
            return Path(path).resolve().relative_to(self._library.root.resolve()).as_posix()
        except ValueError:
            return None

    def _header_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for column in (Column.STATUS, Column.DATE, Column.TAGS):
            act = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            act.setCheckable(True)
            act.setChecked(not self.view.isColumnHidden(column))
            act.toggled.connect(lambda on, c=column: self.view.setColumnHidden(c, not on))
        menu.popup(self.view.header().mapToGlobal(pos))
