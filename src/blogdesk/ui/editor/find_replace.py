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
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from blogdesk.ui.i18n import translate

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
        self._astral = (
            [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        )

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
    """The bar under the editor (Ctrl+F shows find, Ctrl+H also shows replace, Esc hides).

    Three short rows so it fits a narrow editor column: find field and its buttons, replace
    field and its buttons, then the options and the status. It lives inside the editor, so every
    key typed here stops here: Tab moves between the bar's own fields and a key the fields leave
    unhandled (Return, Tab at the ends, ...) must never reach the editor and change the post.
    """

    closed = Signal()  # the bar was hidden by the user (focus goes back to the editor)
    visibilityChanged = Signal(bool)  # shown (True) or hidden: the editor makes room for it

    def __init__(self, finder: Finder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finder = finder
        self.setAutoFillBackground(True)
        self.find_edit = QLineEdit(placeholderText=translate("FindReplaceBar", "Find"))
        self.replace_edit = QLineEdit(placeholderText=translate("FindReplaceBar", "Replace with"))
        self.regex_box = QCheckBox(translate("FindReplaceBar", "Rege&x"))
        self.regex_box.setToolTip(
            translate("FindReplaceBar", "Treat the search text as a regular expression")
        )
        self.case_box = QCheckBox(translate("FindReplaceBar", "Match &case"))
        self.case_box.setToolTip(
            translate("FindReplaceBar", "Tell capital and small letters apart")
        )
        self.word_box = QCheckBox(translate("FindReplaceBar", "&Whole words"))
        self.word_box.setToolTip(
            translate("FindReplaceBar", "Only match whole words, not parts of longer words")
        )
        self.status = QLabel()
        # A long error message must not widen the bar past the editor: it is cut, and shown whole
        # as the tooltip.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.replace_label = QLabel(translate("FindReplaceBar", "Replace:"))
        buttons = []
        for text, tip, slot in (
            (
                translate("FindReplaceBar", "Next"),
                translate("FindReplaceBar", "Find the next match (Enter, F3)"),
                lambda: self.find_next(),
            ),
            (
                translate("FindReplaceBar", "Previous"),
                translate("FindReplaceBar", "Find the previous match (Shift+F3)"),
                lambda: self.find_next(backward=True),
            ),
            (
                translate("FindReplaceBar", "Replace"),
                translate("FindReplaceBar", "Replace this match and find the next (Enter)"),
                self.replace_one,
            ),
            (
                translate("FindReplaceBar", "Replace all"),
                translate("FindReplaceBar", "Replace every match (one undo step)"),
                self.replace_all,
            ),
            ("✕", translate("FindReplaceBar", "Close the find bar (Esc)"), self.close_bar),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            # Fill the grid cell: the buttons of a column line up at the same width.
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            b.clicked.connect(slot)
            buttons.append(b)
        (
            self.next_button,
            self.prev_button,
            self.replace_button,
            self.replace_all_button,
            self.close_button,
        ) = buttons
        self.close_button.setAutoRaise(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setVerticalSpacing(2)
        grid.addWidget(QLabel(translate("FindReplaceBar", "Find:")), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.prev_button, 0, 3)
        grid.addWidget(self.close_button, 0, 4)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        options = QHBoxLayout()
        for box in (self.regex_box, self.case_box, self.word_box):
            options.addWidget(box)
        options.addWidget(self.status, 1)
        grid.addLayout(options, 2, 1, 1, 4)
        grid.setColumnStretch(1, 1)
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
        for w in (
            self.replace_label,
            self.replace_edit,
            self.replace_button,
            self.replace_all_button,
        ):
            w.setVisible(replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.finder.editor.setFocus()
        self.closed.emit()

    def _sync_options(self) -> bool:
        self.finder.options = FindOptions(
            self.find_edit.text(),
            self.regex_box.isChecked(),
            self.case_box.isChecked(),
            self.word_box.isChecked(),
        )
        try:
            self.finder.options.compile()
        except re.error as exc:
            self._set_status(
                translate("FindReplaceBar", "Invalid expression: {error}").format(error=exc)
            )
            return False
        self._set_status("")
        return True

    def _set_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)

    def find_next(self, backward: bool = False) -> bool:
        if not self._sync_options():
            return False
        ok = self.finder.find(backward)
        self._set_status(
            "" if ok or not self.find_edit.text() else translate("FindReplaceBar", "Not found")
        )
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
            self._set_status(
                translate("FindReplaceBar", "Invalid replacement: {error}").format(error=exc)
            )
            return 0
        # A singular and a plural message, chosen here: pyside6-lupdate drops the plural form of
        # translate("…", "%n replacement(s)", None, n) when the count is not a literal number.
        if n == 1:
            done = translate("FindReplaceBar", "{n} replacement")
        else:
            done = translate("FindReplaceBar", "{n} replacements")
        self._set_status(done.format(n=n))
        return n

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibilityChanged.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.visibilityChanged.emit(False)

    def focus_chain(self) -> list[QWidget]:
        """The bar's fields and buttons in Tab order (the ones showing and reachable by Tab)."""
        order: list[QWidget] = [
            self.find_edit,
            self.next_button,
            self.prev_button,
            self.close_button,
            self.replace_edit,
            self.replace_button,
            self.replace_all_button,
            self.regex_box,
            self.case_box,
            self.word_box,
        ]
        return [
            w
            for w in order
            if w.isVisibleTo(self) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]

    def focusNextPrevChild(self, next: bool) -> bool:
        # The children ask their parent; without this the question went on to the editor, which
        # says "not me" (Tab indents there) and the Tab key then reached the editor's text.
        chain = self.focus_chain()
        if not chain:
            return False
        current = self.focusWidget()
        if current in chain:
            target = chain[(chain.index(current) + (1 if next else -1)) % len(chain)]
        else:
            target = chain[0] if next else chain[-1]
        target.setFocus(
            Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        )
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            backward = event.key() == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self.focusNextPrevChild(not backward)
        # Whatever a field left unhandled (Return after "find next", Tab, letters typed on a
        # checkbox) ends here: passed on, it would reach the editor and edit the post.
        event.accept()
