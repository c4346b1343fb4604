"""The editor's text column: a readable line width, centred, and typewriter scrolling.

The column is made with the editor's viewport margins rather than a narrower editor, so the
scroll bar stays at the pane's edge and a click beside the text still lands in the editor. The
editor itself puts the find bar into the bottom margin and keeps the side margins set here.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QPlainTextEdit

__all__ = ["TextColumn"]


class TextColumn(QObject):
    """Keeps `editor`'s text in a centred column of `chars` characters (0: the whole width)
    and, with `typewriter` on, the line being written in the middle of the pane."""

    def __init__(self, editor: QPlainTextEdit, chars: int = 0, typewriter: bool = False) -> None:
        super().__init__(editor)
        self.editor = editor
        self._chars = max(0, chars)
        self._typewriter = False
        editor.installEventFilter(self)
        editor.cursorPositionChanged.connect(self._follow_cursor)
        self.set_typewriter(typewriter)
        self.update_margins()

    @property
    def chars(self) -> int:
        return self._chars

    @property
    def typewriter(self) -> bool:
        return self._typewriter

    def set_chars(self, chars: int) -> None:
        self._chars = max(0, chars)
        self.update_margins()

    def set_typewriter(self, on: bool) -> None:
        self._typewriter = on
        # Lets the last lines scroll up to the middle too; off, the editor ends at the bottom.
        self.editor.setCenterOnScroll(on)
        if on:
            self.editor.centerCursor()

    def column_width(self) -> int:
        """Pixels the text needs for `chars` characters of the editor's font (with its margin)."""
        metrics = self.editor.fontMetrics()
        margin = int(self.editor.document().documentMargin() * 2)
        return metrics.horizontalAdvance("n" * self._chars) + margin

    def update_margins(self) -> None:
        editor = self.editor
        current = editor.viewportMargins()
        side = 0
        if self._chars > 0:
            # The scroll bar's width counted always, so it showing up never moves the text.
            room = editor.contentsRect().width() - editor.verticalScrollBar().sizeHint().width()
            side = max(0, (room - self.column_width()) // 2)
        if (current.left(), current.right()) != (side, side):
            editor.setViewportMargins(side, current.top(), side, current.bottom())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the editor's own resize handling, which keeps these side margins.
        if watched is self.editor and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.update_margins()
        return False

    def _follow_cursor(self) -> None:
        if self._typewriter:
            self.editor.centerCursor()
