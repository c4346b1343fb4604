"""Dimming every paragraph but the one being written (focus mode's "paragraph focus").

Done with two QTextEdit.ExtraSelections (document start → paragraph start, paragraph end →
document end) rather than with the highlighter: the Markdown highlighter's formats stay as they
are, nothing is re-highlighted, and a cursor move costs a walk over the current paragraph's
blocks only. A paragraph is what Markdown calls one: the lines between two blank lines.

The editor has no other extra selections; should one come, it would need to merge with these.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette, QTextBlock, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

__all__ = ["DIM_ALPHA", "ParagraphDimmer", "paragraph_bounds"]

# How much of the text colour is left on dimmed paragraphs: still readable, clearly set back.
DIM_ALPHA = 0.35


def _blank(block: QTextBlock) -> bool:
    return not block.text().strip()


def paragraph_bounds(cursor: QTextCursor) -> tuple[int, int]:
    """(start, end) positions of the paragraph holding `cursor`; on a blank line, that line."""
    block = cursor.block()
    if _blank(block):
        return block.position(), block.position() + block.length() - 1
    first = last = block
    while (prev := first.previous()).isValid() and not _blank(prev):
        first = prev
    while (nxt := last.next()).isValid() and not _blank(nxt):
        last = nxt
    return first.position(), last.position() + last.length() - 1


class ParagraphDimmer(QObject):
    """While `enabled`, `editor`'s text outside the caret's paragraph is drawn faded."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self.editor = editor
        self._enabled = False
        # The lit paragraph and the document's length when last drawn: the length too, so a
        # post replaced by another whose paragraph happens to span the same positions is redrawn.
        self._drawn: tuple[int, int, int] | None = None
        editor.cursorPositionChanged.connect(self.update)

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        self._enabled = on
        self._drawn = None
        self.update()

    def dim_format(self) -> QTextCharFormat:
        """The text colour blended towards the background (follows light and dark palettes)."""
        palette = self.editor.palette()
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        mixed = QColor.fromRgbF(
            base.redF() + (text.redF() - base.redF()) * DIM_ALPHA,
            base.greenF() + (text.greenF() - base.greenF()) * DIM_ALPHA,
            base.blueF() + (text.blueF() - base.blueF()) * DIM_ALPHA,
        )
        fmt = QTextCharFormat()
        fmt.setForeground(mixed)
        return fmt

    def update(self) -> None:
        editor = self.editor
        if not self._enabled:
            if editor.extraSelections():
                editor.setExtraSelections([])
            return
        start, end = paragraph_bounds(editor.textCursor())
        doc_end = editor.document().characterCount() - 1
        if (start, end, doc_end) == self._drawn:  # moving within the paragraph: nothing to redo
            return
        self._drawn = (start, end, doc_end)
        fmt = self.dim_format()
        selections = []
        for a, b in ((0, start), (end, doc_end)):
            if b <= a:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(editor.document())
            cursor.setPosition(a)
            cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        editor.setExtraSelections(selections)

    def refresh(self) -> None:
        """The palette changed (light ↔ dark) or the text was replaced: draw again."""
        self._drawn = None
        self.update()
