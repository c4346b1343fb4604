"""The metadata panel: the current post's front matter as a form.

Each field reports one parsed value when the author finishes editing it (`fieldEdited`); the
document controller writes it through the Post's typed properties, which rewrite only that key.
A value that does not parse (a date like "next Tuesday") is flagged and never written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from blogdesk.core.post.post import Post
from blogdesk.ui.i18n import translate

__all__ = ["MetadataPanel", "format_date", "parse_date", "parse_terms"]

STATUSES = ("draft", "pending", "scheduled", "published", "private")


def parse_terms(text: str) -> list[str]:
    """ "a, b ,, c" -> ["a", "b", "c"] (order kept, duplicates dropped)."""
    seen: list[str] = []
    for part in text.split(","):
        term = part.strip()
        if term and term not in seen:
            seen.append(term)
    return seen


def parse_date(text: str) -> datetime | None:
    """ISO 8601 ("2026-11-28", "2026-11-28 09:30", with or without offset); "" means no date.
    ValueError with a readable message otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("T", " ", 1))
    except ValueError:
        raise ValueError(
            translate(
                "MetadataPanel",
                "“{text}” is not a date: write it as 2026-11-28 or 2026-11-28 09:30",
            ).format(text=text)
        ) from None


def format_date(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.hour == value.minute == value.second == 0 and value.tzinfo is None:
        return value.date().isoformat()
    return value.isoformat(sep=" ", timespec="minutes" if value.second == 0 else "seconds")


W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class MetadataPanel(QWidget):
    fieldEdited = Signal(str, object)  # (field name, parsed value) after the author changed it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataPanel")
        self._loading = False
        self.media_importer: Callable[[Path], str] | None = None
        # Where the image dialog starts: the post's folder (set by the window); never the
        # process's working directory.
        self.image_folder: Callable[[], Path | None] = lambda: None
        # The post's text, where Enter in the title goes on to (set by the window).
        self.body: QPlainTextEdit | None = None
        # Set by New Post until the title loses focus: Tab then goes to the text too, the way
        # the author writes a new post (title, then text), instead of on to Status.
        self._new_post = False
        self.title = _named(QLineEdit(self), "metaTitle")
        self.status = _named(QComboBox(self, editable=True), "metaStatus")
        self.status.addItems(STATUSES)
        self.date = _named(
            QLineEdit(self, placeholderText=translate("MetadataPanel", "YYYY-MM-DD HH:MM")),
            "metaDate",
        )
        # Wide enough for a date with time, seconds (New Post's) and offset, whatever the font.
        margins = self.date.textMargins()
        self.date.setMinimumWidth(
            self.date.fontMetrics().horizontalAdvance("2024-05-01 09:30:00+02:00")
            + margins.left()
            + margins.right()
            + self.fontMetrics().averageCharWidth() * 2
        )
        self.tags = _named(
            QLineEdit(self, placeholderText=translate("MetadataPanel", "comma, separated")),
            "metaTags",
        )
        self.categories = _named(QLineEdit(self), "metaCategories")
        self.slug = _named(
            QLineEdit(self, placeholderText=translate("MetadataPanel", "from the title")),
            "metaSlug",
        )
        self.excerpt = _named(QPlainTextEdit(self), "metaExcerpt")
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setMaximumHeight(self.fontMetrics().lineSpacing() * 3)
        self.featured = _named(QLineEdit(self), "metaFeatured")
        choose = QPushButton(translate("MetadataPanel", "Choose…"), self)
        choose.clicked.connect(self._choose_image)
        featured_row = QHBoxLayout()
        featured_row.setContentsMargins(0, 0, 0, 0)
        featured_row.addWidget(self.featured, 1)
        featured_row.addWidget(choose)

        # Two label/field pairs per row keep the form short, so the text keeps most of the height.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        rows: list[list[tuple[str, QWidget | QHBoxLayout]]] = [
            [(translate("MetadataPanel", "&Title"), self.title)],
            [
                (translate("MetadataPanel", "&Status"), self.status),
                (translate("MetadataPanel", "&Date"), self.date),
            ],
            [
                (translate("MetadataPanel", "Ta&gs"), self.tags),
                (translate("MetadataPanel", "&Categories"), self.categories),
            ],
            [
                (translate("MetadataPanel", "Sl&ug"), self.slug),
                (translate("MetadataPanel", "Featured &image"), featured_row),
            ],
            [(translate("MetadataPanel", "E&xcerpt"), self.excerpt)],
        ]
        for r, pairs in enumerate(rows):
            for c, (text, field) in enumerate(pairs):
                label = QLabel(text, self)
                span = 3 if len(pairs) == 1 else 1
                grid.addWidget(label, r, c * 2)
                if isinstance(field, QHBoxLayout):
                    grid.addLayout(field, r, c * 2 + 1, 1, span)
                    label.setBuddy(self.featured)
                else:
                    grid.addWidget(field, r, c * 2 + 1, 1, span)
                    label.setBuddy(field)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.title.editingFinished.connect(lambda: self._emit("title", self.title.text().strip()))
        self.title.returnPressed.connect(self._to_body)
        self.title.installEventFilter(self)
        self.status.currentTextChanged.connect(self._status_changed)
        self.date.editingFinished.connect(self._date_changed)
        self.tags.editingFinished.connect(lambda: self._emit("tags", parse_terms(self.tags.text())))
        self.categories.editingFinished.connect(
            lambda: self._emit("categories", parse_terms(self.categories.text()))
        )
        self.slug.editingFinished.connect(
            lambda: self._emit("slug", self.slug.text().strip() or None)
        )
        self.featured.editingFinished.connect(
            lambda: self._emit("featured_image", self.featured.text().strip() or None)
        )
        self._excerpt_timer = QTimer(self, singleShot=True, interval=600)
        self._excerpt_timer.timeout.connect(
            lambda: self._emit("excerpt", self.excerpt.toPlainText().strip() or None)
        )
        self.excerpt.textChanged.connect(
            lambda: None if self._loading else self._excerpt_timer.start()
        )
        self._post: Post | None = None
        self.set_post(None)

    def set_post(self, post: Post | None) -> None:
        """Show `post`'s front matter (or an empty, disabled form)."""
        # The same post shown again (its file was renamed after its title) must not take back
        # what the author is typing in a field right now.
        again = post is not None and post is self._post
        self._post = post
        if not again:
            self._new_post = False  # another post: Tab in the title keeps the form's order
        self._loading = True
        try:
            if not (again and self.excerpt.hasFocus()):
                self._excerpt_timer.stop()
            self.setEnabled(post is not None)
            self._show(self.title, post.title if post else "", again)
            status = post.status if post else "draft"
            if self.status.findText(status) < 0:
                self.status.addItem(status)
            self.status.setCurrentText(status)
            self._show(self.date, format_date(post.date) if post else "", again)
            self._flag(self.date, None)
            self._show(self.tags, ", ".join(post.tags) if post else "", again)
            self._show(self.categories, ", ".join(post.categories) if post else "", again)
            self._show(self.slug, (post.slug or "") if post else "", again)
            if not (again and self.excerpt.hasFocus()):
                self.excerpt.setPlainText((post.excerpt or "") if post else "")
            self._show(self.featured, (post.featured_image or "") if post else "", again)
        finally:
            self._loading = False

    @staticmethod
    def _show(field: QLineEdit, text: str, again: bool) -> None:
        if not (again and field.hasFocus()):
            field.setText(text)

    def focus_title(self, *, new_post: bool = False) -> None:
        """Put the cursor in the title, selected so that typing replaces it. `new_post`: Tab
        goes on to the text too (not only Enter), with the cursor at its start."""
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title.selectAll()
        self._new_post = new_post

    def _to_body(self) -> None:
        body = self.body
        if body is None:
            return
        at_start, self._new_post = self._new_post, False
        body.setFocus(Qt.FocusReason.TabFocusReason)
        if at_start:  # a new post's text begins there; elsewhere the author's place is kept
            cursor = body.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.Start)
            body.setTextCursor(cursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.title and self._new_post:
            if event.type() == QEvent.Type.FocusOut:
                self._new_post = False
            elif (
                isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Tab
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
            ):
                self._to_body()  # the focus change finishes the edit: the title is kept
                return True
        return super().eventFilter(watched, event)

    def _emit(self, name: str, value: Any) -> None:
        if not self._loading:
            self.fieldEdited.emit(name, value)

    def _status_changed(self, text: str) -> None:
        if text.strip():
            self._emit("status", text.strip())

    def _date_changed(self) -> None:
        try:
            value = parse_date(self.date.text())
        except ValueError as exc:
            self._flag(self.date, str(exc))
            return
        self._flag(self.date, None)
        self._emit("date", value)

    @staticmethod
    def _flag(field: QLineEdit, problem: str | None) -> None:
        # The style's own error look would need a stylesheet; a tooltip and a marker property do.
        field.setProperty("invalid", problem is not None)
        field.setToolTip(problem or "")
        field.setStyleSheet("" if problem is None else "QLineEdit { border: 1px solid #c0392b; }")

    def _choose_image(self) -> None:
        start = self.image_folder()
        if start is None or not start.is_dir():
            start = Path.home()
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            translate("MetadataPanel", "Featured image"),
            str(start),
            translate("MetadataPanel", "Images (*.png *.jpg *.jpeg *.gif *.webp *.svg)"),
        )
        if not chosen:
            return
        reference = self.media_importer(Path(chosen)) if self.media_importer else chosen
        self.featured.setText(reference)
        self._emit("featured_image", reference)
