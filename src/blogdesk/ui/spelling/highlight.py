"""Red wavy underlines under misspelled words, drawn by the editor's own highlighter.

Two QSyntaxHighlighters on one document overwrite each other's formats, so the Markdown
highlighter is replaced by this subclass, which underlines on top of the Markdown formats.

Misspellings are kept by line *text* (what the checker saw), not by line number: a line that
moves (Enter above it) keeps its underlines without waiting for a new check, and a line being
typed in loses them until the next check, instead of showing them at offsets that no longer fit.
A line of code never gets underlines (the checker skips code, and the block state says fenced).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextDocument

from blogdesk.ui.editor.highlighter import (
    FRONT_MATTER_TOML,
    FRONT_MATTER_YAML,
    MarkdownHighlighter,
    in_code_fence,
)

__all__ = ["LineSpans", "SpellingHighlighter", "Underline"]

# (start, length, word) in the line, in UTF-16 units as Qt counts them.
Underline = tuple[int, int, str]
LineSpans = Mapping[str, tuple[Underline, ...]]
REFRESH_BUDGET_S = 0.003  # of re-highlighting per turn of the event loop


class SpellingHighlighter(MarkdownHighlighter):
    def __init__(self, document: QTextDocument, *, dark: bool | None = None) -> None:
        self.misspelled: dict[str, tuple[Underline, ...]] = {}
        super().__init__(document, dark=dark)
        self._todo: list[int] = []  # lines still to re-highlight
        self._todo_texts: set[str] = set()
        self._todo_edits = self._edits = 0  # real edits (text added or removed)
        self._more = QTimer(self, singleShot=True, interval=0)
        self._more.timeout.connect(self._refresh_some)
        document.contentsChange.connect(self._contents_changed)

    def set_dark(self, dark: bool) -> None:
        # Red reads on both backgrounds; a lighter one on dark, as other editors do.
        self.f_spelling_colour = QColor("#ff6b6b" if dark else "#d0021b")
        super().set_dark(dark)

    def highlightBlock(self, text: str) -> None:
        super().highlightBlock(text)
        found = self.misspelled.get(text)
        if not found:
            return
        previous = self.previousBlockState()
        if in_code_fence(previous) or previous in (FRONT_MATTER_YAML, FRONT_MATTER_TOML):
            return
        for start, length, _word in found:
            # On top of the Markdown format (a misspelled word in bold stays bold).
            fmt = QTextCharFormat(self.format(start))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(self.f_spelling_colour)
            self.setFormat(start, length, fmt)

    def word_at(self, block: QTextBlock, position: int) -> Underline | None:
        """The underlined word of `block` that covers `position` (UTF-16, in the block)."""
        for start, length, word in self.misspelled.get(block.text(), ()):
            if start <= position <= start + length:
                return start, length, word
        return None

    def refresh_lines(
        self, lines: Iterable[int], texts: Iterable[str], first: Iterable[int] = ()
    ) -> None:
        """Highlight these lines again (their underlines changed; `texts` are their texts, to
        find them again after an edit), the ones in `first` (on screen) first.

        A few milliseconds of it at a time: at the opening of a post full of made-up words,
        thousands of lines change, and typing must not wait for them all.
        """
        todo = sorted(set(lines))
        front = set(first)
        self._todo = [n for n in todo if n in front] + [n for n in todo if n not in front]
        self._todo_texts = set(texts)
        self._todo_edits = self._edits
        self._refresh_some()

    def _refresh_some(self) -> None:
        if self._todo_edits != self._edits:  # lines moved: find them again by their text
            self._todo = self.lines_with(self._todo_texts)
            self._todo_edits = self._edits
        document = self.document()
        if document is None:
            self._todo = []
            return
        # Re-highlighting ends an edit block on the document, which says "contents changed"
        # and bumps its revision although no text changed: the window would take the post for
        # edited (unsaved, preview rendered again) and the checker would start over. The
        # document's signals are held meanwhile; its layout is told directly and repaints.
        deadline = time.perf_counter() + REFRESH_BUDGET_S
        blocked = document.blockSignals(True)
        try:
            while self._todo and time.perf_counter() < deadline:
                block = document.findBlockByNumber(self._todo.pop(0))
                if block.isValid():
                    self.rehighlightBlock(block)
        finally:
            document.blockSignals(blocked)
        if self._todo:
            self._more.start()

    def _contents_changed(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self._edits += 1

    def lines_with(self, texts: Iterable[str]) -> list[int]:
        """The numbers of the lines whose text is one of `texts` (walks the document)."""
        wanted = set(texts)
        document = self.document()
        if not wanted or document is None:
            return []
        found = []
        block = document.firstBlock()
        while block.isValid():
            if block.text() in wanted:
                found.append(block.blockNumber())
            block = block.next()
        return found
