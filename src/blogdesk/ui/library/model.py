"""The library as a table model: one row per post summary, no widget per post.

Rows are plain `PostSummary` values handed in by the panel (queried off the GUI thread), so ten
thousand posts cost one list and a view that paints only what is visible. While searching, a
"Match" column carries the snippet of each hit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QWidget

from blogdesk.core.post.post import PostSummary
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, locale_date, number, translate
from blogdesk.ui.library.match_text import MATCH_ROLE, Segments, match_segments, segments_text
from blogdesk.ui.status_words import status_word
from blogdesk.ui.window.theme import is_dark, status_colours

if TYPE_CHECKING:  # the badges module loads the outbox; the model only shows what it computed
    from blogdesk.ui.library.sync_badges import SyncBadge

__all__ = ["Column", "LibraryModel", "StatusBadgeDelegate"]

ModelIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    STATUS = 1
    DATE = 2
    TAGS = 3
    MATCH = 4


# Translated where shown (QT_TRANSLATE_NOOP only marks them), as are the status words the
# badge paints (the model's data stays the post's own status: filters and sorting use it).
_HEADERS = {
    Column.TITLE: QT_TRANSLATE_NOOP("LibraryModel", "Title"),
    Column.STATUS: QT_TRANSLATE_NOOP("LibraryModel", "Status"),
    Column.DATE: QT_TRANSLATE_NOOP("LibraryModel", "Date"),
    Column.TAGS: QT_TRANSLATE_NOOP("LibraryModel", "Tags"),
    Column.MATCH: QT_TRANSLATE_NOOP("LibraryModel", "Match"),
}
PATH_ROLE = Qt.ItemDataRole.UserRole + 1  # the post's path relative to the library (str)
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2  # the PostSummary itself
SYNC_BADGE_ROLE = Qt.ItemDataRole.UserRole + 3  # the post's SyncBadge (None until computed)

# The sync badge is drawn as a dot before the title, one colour per kind; "local only" gets none
# (most posts of a library that never published). Changed-since-published and waiting-in-the-
# outbox are what the author must act on, so they have colours of their own.
_BADGE_COLOURS = {
    "conflict": "#d93025",
    "attention": "#e8710a",
    "pending": "#f9ab00",
    "changed": "#1a73e8",
    "published": "#188038",
    "scheduled": "#12b5cb",
    "draft": "#9aa0a6",
    "private": "#9334e6",
    "review": "#a142f4",
    "trash": "#5f6368",
}
_icons: dict[str, QIcon] = {}


def badge_icon(key: str) -> QIcon | None:
    """The dot shown before the title for a sync badge (None for "local only")."""
    colour = _BADGE_COLOURS.get(key)
    if colour is None:
        return None
    if key not in _icons:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        _icons[key] = QIcon(pixmap)
    return _icons[key]


def display_title(summary: PostSummary) -> str:
    if summary.title.strip():
        return summary.title
    return summary.path.rsplit("/", 1)[-1]


class LibraryModel(QAbstractTableModel):
    """Post summaries in the order given, re-sortable by any column."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PostSummary] = []
        self._snippets: dict[str, str] = {}  # rel path -> the match as plain text
        self._matches: dict[str, Segments] = {}  # the same, in pieces: matched words marked
        self._badges: dict[str, SyncBadge] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- feeding -------------------------------------------------------------------------------

    def set_rows(
        self,
        rows: Sequence[PostSummary],
        snippets: dict[str, str] | None = None,
        *,
        keep_order: bool = False,
    ) -> None:
        """Show `rows`. `snippets`: each search hit's snippet as the index gives it (escaped,
        matches in <mark>). `keep_order` keeps the order given (search hits, best first) instead
        of the column the list was last sorted by."""
        self.beginResetModel()
        self._rows = list(rows)
        # Shown as words, never markup: the post's own HTML tags go, the matches are kept apart.
        self._matches = {path: match_segments(html) for path, html in (snippets or {}).items()}
        self._snippets = {path: segments_text(pieces) for path, pieces in self._matches.items()}
        if self._sort is not None and not keep_order:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def replace_row(self, summary: PostSummary) -> bool:
        """Show the new `summary` of a listed post in place (no reset: the view keeps its scroll
        and selection). False when the post is not listed or its place in the sort order would
        change: then the list must be asked again."""
        row = self.row_of(summary.path)
        if row < 0:
            return False
        old = self._rows[row]
        if self._sort is not None:
            column = self._sort[0]
            if column == Column.DATE and old.date != summary.date:
                return False
            if column != Column.DATE and self._display(old, column) != self._display(
                summary, column
            ):
                return False
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        return True

    def set_sync_badges(self, badges: Mapping[str, SyncBadge]) -> None:
        """Show each listed post's sync badge (rel path -> SyncBadge, from BadgeUpdater): a dot
        before the title, the badge's label and explanation in the title's tooltip."""
        self._badges = dict(badges)
        if self._rows:
            last = self.index(len(self._rows) - 1, 0)
            roles = [
                Qt.ItemDataRole.DecorationRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.AccessibleTextRole,
                SYNC_BADGE_ROLE,
            ]
            self.dataChanged.emit(self.index(0, Column.TITLE), last, roles)

    def sync_badge(self, rel_path: str) -> SyncBadge | None:
        return self._badges.get(rel_path)

    def summary_at(self, row: int) -> PostSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, rel_path: str) -> int:
        for row, summary in enumerate(self._rows):
            if summary.path == rel_path:
                return row
        return -1

    def paths(self) -> list[str]:
        return [s.path for s in self._rows]

    def has_snippets(self) -> bool:
        return bool(self._snippets)

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(Column):
                return translate("LibraryModel", _HEADERS[Column(section)])
            return None
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self.summary_at(index.row()) if index.isValid() else None
        if summary is None:
            return None
        column = index.column()
        badge = self._badges.get(summary.path)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == Qt.ItemDataRole.DecorationRole:
            return badge_icon(badge.key) if badge is not None and column == Column.TITLE else None
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.TITLE:
            # Screen readers hear the badge the dot shows.
            title = display_title(summary)
            return f"{title}, {badge.label}" if badge is not None else title
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.MATCH:
                return self._snippets.get(summary.path)
            lines = [display_title(summary), summary.path]
            if badge is not None:
                lines.append(f"{badge.label}: {badge.tooltip}" if badge.tooltip else badge.label)
            if summary.excerpt:
                lines.append(summary.excerpt)
            words = summary.word_count
            lines.append(
                translate("LibraryModel", "1 word")
                if words == 1
                else translate("LibraryModel", "{count} words").format(count=number(words))
            )
            return "\n".join(lines)
        if role == PATH_ROLE:
            return summary.path
        if role == SUMMARY_ROLE:
            return summary
        if role == SYNC_BADGE_ROLE:
            return badge
        if role == MATCH_ROLE and column == Column.MATCH:
            return self._matches.get(summary.path, [])
        return None

    def _display(self, summary: PostSummary, column: int) -> str:
        if column == Column.TITLE:
            return display_title(summary)
        if column == Column.STATUS:
            return summary.status
        if column == Column.DATE:
            return locale_date(summary.date)  # sorted by the stored date (ISO), not this
        if column == Column.TAGS:
            return ", ".join(summary.tags)
        if column == Column.MATCH:
            return self._snippets.get(summary.path, "")
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        # The view's selection and current row are persistent indexes: moved with their posts,
        # or the highlight would stay on the row number and point at another post.
        persistent = self.persistentIndexList()
        was = [self._rows[index.row()].path for index in persistent]
        self._sort_rows(column, order)
        now = {summary.path: row for row, summary in enumerate(self._rows)}
        moved = [
            self.index(now[path], index.column())
            for path, index in zip(was, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        def key(summary: PostSummary) -> tuple[str, str]:
            if column == Column.DATE:
                first = summary.date or ""
            elif column == Column.MATCH:
                first = self._snippets.get(summary.path, "")
            else:
                first = self._display(summary, column).casefold()
            return first, summary.path

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints the status as a rounded badge, sized from the font so it holds at 2x."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painting = False

    def initStyleOption(self, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().initStyleOption(option, index)
        if self._painting:
            option.text = ""  # the row's background and selection only: the badge goes on top

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        status = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        # Qt's own paint draws the background and selection (without the text, see above): the
        # style stays in C++, and no Python type for QStyle is made before the first frame.
        self._painting = True
        try:
            super().paint(painter, option, index)
        finally:
            self._painting = False
        if not status:
            return
        metrics = option.fontMetrics
        pad = max(2, metrics.height() // 4)
        rect: QRect = option.rect
        shown = status_word(status)
        width = min(metrics.horizontalAdvance(shown) + 2 * pad, rect.width() - 2)
        height = min(metrics.height() + 2, rect.height() - 2)
        badge = QRect(rect.left() + 1, rect.center().y() - height // 2, width, height)
        background, text = status_colours(status, is_dark())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(text)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, shown)
        painter.restore()
