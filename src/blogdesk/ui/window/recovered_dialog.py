"""What the window says after a crash put unsaved text back: which post, when its file was last
saved, when the recovered text was written; and the choice to compare the two (a unified diff)
and to keep either.

Non-modal: the recovered text is already in the editor (and is saved a moment later, as before),
so ignoring the window, or closing it, keeps it. "Use Saved File" puts the file's text back as an
undoable edit, so neither version is ever lost without a way back.
"""

from __future__ import annotations

import difflib
import time
from collections.abc import Callable
from datetime import datetime
from html import escape

from PySide6.QtCore import Signal
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

from blogdesk.ui.i18n import locale_date, translate

__all__ = ["RecoveredDialog", "recovered_diff", "when"]


def when(timestamp: float, now: float | None = None) -> str:
    """A moment in local time: "today at 09:30", "yesterday at 18:05", "on 2/10/2026 at 09:30"
    (the date in the locale's short form)."""
    moment = datetime.fromtimestamp(timestamp)
    today = datetime.fromtimestamp(now if now is not None else time.time()).date()
    days = (today - moment.date()).days
    clock = moment.strftime("%H:%M")
    if days == 0:
        return translate("RecoveredDialog", "today at {time}").format(time=clock)
    if days == 1:
        return translate("RecoveredDialog", "yesterday at {time}").format(time=clock)
    return translate("RecoveredDialog", "on {date} at {time}").format(
        date=locale_date(f"{moment:%Y-%m-%d}"), time=clock
    )


def recovered_diff(saved: str, recovered: str, name: str) -> str:
    lines = difflib.unified_diff(
        saved.splitlines(keepends=True),
        recovered.splitlines(keepends=True),
        fromfile=translate("RecoveredDialog", "{name} (saved file)").format(name=name),
        tofile=translate("RecoveredDialog", "{name} (recovered)").format(name=name),
    )
    return "".join(lines) or translate("RecoveredDialog", "The two versions are the same.")


class RecoveredDialog(QDialog):
    """Shown, not exec()'d. `use_saved` is called with the saved text when the author picks the
    file's version; `choice` is "recovered" or "saved" once one was chosen (None until then)."""

    choiceMade = Signal(str)

    def __init__(
        self,
        *,
        title: str,
        file_name: str,
        saved_text: str,
        recovered_text: str,
        saved_at: float | None,
        recovered_at: float,
        use_saved: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveredDialog")
        self.setWindowTitle(translate("RecoveredDialog", "Unsaved text recovered"))
        self.setModal(False)
        self.choice: str | None = None
        self._saved_text = saved_text
        self._use_saved = use_saved
        saved = (
            translate("RecoveredDialog", "last saved {when}").format(when=when(saved_at))
            if saved_at is not None
            else translate("RecoveredDialog", "not found on disk")
        )
        self.message = QLabel(
            translate(
                "RecoveredDialog",
                "<p>BlogDesk did not close properly last time. The text of "
                "<b>“{title}”</b> ({file}) that was not saved yet has been put "
                "back into the editor: it was written {when}.</p>"
                "<p>The post's file was {saved}. Keep the recovered text, or go back to the "
                "saved file? While the post stays open, Undo brings back the other one.</p>",
            ).format(
                title=escape(title), file=escape(file_name), when=when(recovered_at), saved=saved
            ),
            self,
        )
        self.message.setWordWrap(True)
        self.diff = QPlainTextEdit(self)
        self.diff.setObjectName("recoveredDiff")
        self.diff.setReadOnly(True)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setPlainText(recovered_diff(saved_text, recovered_text, file_name))
        self.diff.hide()

        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton(translate("RecoveredDialog", "&Keep Recovered"), self)
        self.saved_button = QPushButton(translate("RecoveredDialog", "&Use Saved File"), self)
        self.compare_button = QPushButton(translate("RecoveredDialog", "&Compare…"), self)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.saved_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Enter keeps the recovered words (what is in the editor already); replacing them takes
        # a deliberate click, Space or Alt+U.
        self.saved_button.setAutoDefault(False)
        self.compare_button.setAutoDefault(False)
        self.keep_button.setDefault(True)
        self.saved_button.setToolTip(
            translate("RecoveredDialog", "Replace the text in the editor with the saved file's")
        )
        self.keep_button.clicked.connect(lambda: self._choose("recovered"))
        self.saved_button.clicked.connect(lambda: self._choose("saved"))
        self.compare_button.clicked.connect(self.show_diff)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)

    def show_diff(self) -> None:
        self.diff.show()
        self.compare_button.setEnabled(False)
        metrics = self.fontMetrics()
        self.resize(max(self.width(), metrics.averageCharWidth() * 90), metrics.height() * 30)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == "saved":
            self._use_saved(self._saved_text)
        self.choiceMade.emit(choice)
        self.accept()
