"""Find and replace in the editor: plain text or regular expression, case, whole word.

Matching uses Python's `re` on the document text; positions are converted to Qt's UTF-16 offsets
(an emoji is one Python character but two Qt positions). "Replace all" is one undo step.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QWidget,
)

__all__ = ["FindOptions", "FindReplaceBar", "Finder"]


@dataclass(frozen=True)
class FindOptions:
    pattern: str
    regex: bool = False
    case_sensitive: bool = False
    whole_word: bool = False

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern; raises re.error with a readable message for a bad expression."""
        body = self.pattern if self.regex else re.escape(self.pattern)
        if self.whole_word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        flags = re.MULTILINE | (0 if self.case_sensitive else re.IGNORECASE)
        return re.compile(body, flags)


class _Utf16:
    """Maps Python string indices to QTextDocument positions (UTF-16 code units)."""

    def __init__(self, text: str) -> None:
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() \
            else []

    def __call__(self, index: int) -> int:
        return index + bisect_left(self._astral, index) if self._astral else index


class Finder:
    """The search logic, independent of the bar so the editor's F3 works with the bar hidden."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self.editor = editor
        self.options = FindOptions("")

    def _matches(self) -> tuple[list[re.Match[str]], _Utf16]:
        text = self.editor.toPlainText()
        rx = self.options.compile()
        found = [m for m in rx.finditer(text) if m.end() > m.start()]
        return found, _Utf16(text)

    def find(self, backward: bool = False) -> bool:
        """Select the next (or previous) match from the cursor, wrapping around; False if none."""
        if not self.options.pattern:
            return False
        found, pos = self._matches()
        if not found:
            return False
        cursor = self.editor.textCursor()
        if backward:
            here = cursor.selectionStart()
            earlier = [m for m in found if pos(m.start()) < here]
            match = earlier[-1] if earlier else found[-1]
        else:
            here = cursor.selectionEnd()
            later = [m for m in found if pos(m.start()) >= here]
            match = later[0] if later else found[0]
        c = QTextCursor(self.editor.document())
        c.setPosition(pos(match.start()))
        c.setPosition(pos(match.end()), QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(c)
        self.editor.centerCursor()
        return True

    def count(self) -> int:
        return len(self._matches()[0]) if self.options.pattern else 0

    def replace_current(self, replacement: str) -> bool:
        """Replace the selected match (if the selection is one) and move to the next match."""
        cursor = self.editor.textCursor()
        rx = self.options.compile()
        selected = cursor.selectedText()
        m = rx.fullmatch(selected) if cursor.hasSelection() else None
        if m is not None:
            cursor.insertText(m.expand(replacement) if self.options.regex else replacement)
        return self.find() or m is not None

    def replace_all(self, replacement: str) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        if not self.options.pattern:
            return 0
        found, pos = self._matches()
        if not found:
            return 0
        cursor = QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        try:
            for m in reversed(found):  # from the end, so earlier positions stay valid
                cursor.setPosition(pos(m.start()))
                cursor.setPosition(pos(m.end()), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(m.expand(replacement) if self.options.regex else replacement)
        finally:
            cursor.endEditBlock()
        return len(found)


class FindReplaceBar(QWidget):
    """The bar under the editor (Ctrl+F shows find, Ctrl+H also shows replace, Esc hides)."""

    closed = Signal()  # the bar was hidden by the user (focus goes back to the editor)
    visibilityChanged = Signal(bool)  # shown (True) or hidden: the editor makes room for it

    def __init__(self, finder: Finder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finder = finder
        self.setAutoFillBackground(True)
        self.find_edit = QLineEdit(placeholderText=self.tr("Find"))
        self.replace_edit = QLineEdit(placeholderText=self.tr("Replace with"))
        self.regex_box = QCheckBox(self.tr("Regular e&xpression"))
        self.case_box = QCheckBox(self.tr("Match &case"))
        self.word_box = QCheckBox(self.tr("&Whole words"))
        self.status = QLabel()
        self.replace_label = QLabel(self.tr("Replace:"))
        buttons = []
        for text, slot in ((self.tr("Next"), lambda: self.find_next()),
                           (self.tr("Previous"), lambda: self.find_next(backward=True)),
                           (self.tr("Replace"), self.replace_one),
                           (self.tr("Replace all"), self.replace_all),
                           ("✕", self.close_bar)):
            b = QToolButton()
            b.setText(text)
            b.clicked.connect(slot)
            buttons.append(b)
        self.next_button, self.prev_button, self.replace_button, self.replace_all_button, close = (
            buttons)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.addWidget(QLabel(self.tr("Find:")), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.prev_button, 0, 3)
        grid.addWidget(self.regex_box, 0, 4)
        grid.addWidget(self.case_box, 0, 5)
        grid.addWidget(self.word_box, 0, 6)
        grid.addWidget(close, 0, 7)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        grid.addWidget(self.status, 1, 4, 1, 4)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace_one)
        for box in (self.regex_box, self.case_box, self.word_box):
            box.toggled.connect(self._sync_options)
        self.find_edit.textChanged.connect(self._sync_options)
        self.hide()

    def open(self, replace: bool) -> None:
        cursor = self.finder.editor.textCursor()
        if cursor.hasSelection() and "\u2029" not in cursor.selectedText():
            self.find_edit.setText(cursor.selectedText())
        for w in (self.replace_label, self.replace_edit, self.replace_button,
                  self.replace_all_button):
            w.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.finder.editor.setFocus()
        self.closed.emit()

    def _sync_options(self) -> bool:
        self.finder.options = FindOptions(self.find_edit.text(), self.regex_box.isChecked(),
                                          self.case_box.isChecked(), self.word_box.isChecked())
        try:
            self.finder.options.compile()
        except re.error as exc:
            self.status.setText(self.tr("Invalid expression: {0}").format(exc))
            return False
        self.status.clear()
        return True

    def find_next(self, backward: bool = False) -> bool:
        if not self._sync_options():
            return False
        ok = self.finder.find(backward)
        self.status.setText("" if ok or not self.find_edit.text() else self.tr("Not found"))
        return ok

    def replace_one(self) -> None:
        if self._sync_options():
            self.finder.replace_current(self.replace_edit.text())

    def replace_all(self) -> int:
        if not self._sync_options():
            return 0
        try:
            n = self.finder.replace_all(self.replace_edit.text())
        except re.error as exc:  # a bad group reference in the replacement
            self.status.setText(self.tr("Invalid replacement: {0}").format(exc))
            return 0
        self.status.setText(self.tr("%n replacement(s)", "", n))
        return n

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
