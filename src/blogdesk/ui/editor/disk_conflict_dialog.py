"""The question asked when a post changed on disk while it had unsaved edits in the editor:
reload the file, keep mine, or compare the two first (a unified diff, difflib)."""

from __future__ import annotations

import difflib
from enum import Enum

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogdesk.ui.i18n import translate

__all__ = ["ConflictChoice", "ConflictDialog", "unified_diff"]


class ConflictChoice(Enum):
    RELOAD = "reload"  # take the file on disk; the editor's text is replaced (undoable)
    KEEP_MINE = "keep"  # write the editor's text over the file on disk
    LATER = "later"  # decide later: nothing is written, the editor keeps its text


def unified_diff(disk_text: str, mine: str, name: str) -> str:
    lines = difflib.unified_diff(
        disk_text.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        fromfile=translate("ConflictDialog", "{name} (on disk)").format(name=name),
        tofile=translate("ConflictDialog", "{name} (in BlogDesk)").format(name=name),
    )
    return "".join(lines) or translate("ConflictDialog", "The two versions are the same.")


class ConflictDialog(QDialog):
    """Window-modal but not blocking: the caller connects to `finished` and reads `choice`."""

    def __init__(self, name: str, disk_text: str, mine: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(translate("ConflictDialog", "Post changed on disk"))
        self.choice = ConflictChoice.LATER
        self._diff_text = unified_diff(disk_text, mine, name)
        message = QLabel(
            translate(
                "ConflictDialog",
                "“{name}” was changed by another program while you were editing it here.\n"
                "Which version do you want to keep?",
            ).format(name=name),
            self,
        )
        message.setWordWrap(True)
        self.diff = QPlainTextEdit(self)
        self.diff.setObjectName("conflictDiff")
        self.diff.setReadOnly(True)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setPlainText(self._diff_text)
        self.diff.hide()

        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton(translate("ConflictDialog", "&Keep Mine"), self)
        self.reload_button = QPushButton(translate("ConflictDialog", "&Reload from Disk"), self)
        self.compare_button = QPushButton(translate("ConflictDialog", "&Compare…"), self)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter must never throw the author's typing away: it keeps theirs, even when Tab has
        # moved the focus onto "Reload" (that takes a click, Space or Alt+R). Escape closes the
        # dialog as "decide later": nothing is written and the editor keeps its text.
        self.reload_button.setAutoDefault(False)
        self.compare_button.setAutoDefault(False)
        self.keep_button.setDefault(True)
        self.keep_button.setFocus()
        self.reload_button.setToolTip(
            translate("ConflictDialog", "Replace the text here with the file on disk (undoable)")
        )
        self.keep_button.setToolTip(
            translate("ConflictDialog", "Write the text here over the file on disk")
        )
        self.reload_button.clicked.connect(lambda: self._choose(ConflictChoice.RELOAD))
        self.keep_button.clicked.connect(lambda: self._choose(ConflictChoice.KEEP_MINE))
        self.compare_button.clicked.connect(self.show_diff)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)

    def show_diff(self) -> None:
        self.diff.show()
        self.compare_button.setEnabled(False)
        metrics = self.fontMetrics()
        self.resize(max(self.width(), metrics.averageCharWidth() * 90), metrics.height() * 30)

    def diff_text(self) -> str:
        return self._diff_text

    def _choose(self, choice: ConflictChoice) -> None:
        self.choice = choice
        self.accept()
