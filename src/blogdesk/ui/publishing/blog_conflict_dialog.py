"""The choice asked when a post changed on the blog since BlogDesk last sent it.

Shows both versions — each field side by side, and a diff of the text — and offers the three ways
out SyncService knows (`resolve_conflict`): overwrite the blog's version, take the blog's version,
or keep both. Closing the dialog decides nothing: the blog's copy stays as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from blogdesk.sync.provider import ConflictError
from blogdesk.ui.i18n import translate

__all__ = ["RESOLUTION_LABELS", "SyncConflictDialog"]

RESOLUTION_LABELS = {
    "overwrite": str(QT_TRANSLATE_NOOP("SyncConflictDialog", "&Overwrite the Blog's Version")),
    "take_remote": str(QT_TRANSLATE_NOOP("SyncConflictDialog", "&Take the Blog's Version")),
    "keep_both": str(QT_TRANSLATE_NOOP("SyncConflictDialog", "&Keep Both")),
}
_HINTS = {
    "overwrite": str(
        QT_TRANSLATE_NOOP(
            "SyncConflictDialog", "Send this computer's version; the blog's changes are replaced."
        )
    ),
    "take_remote": str(
        QT_TRANSLATE_NOOP(
            "SyncConflictDialog",
            "Replace the post here with the blog's version (your text here is replaced).",
        )
    ),
    "keep_both": str(
        QT_TRANSLATE_NOOP(
            "SyncConflictDialog",
            "Save the blog's version as a new local post, then send this computer's "
            "version. Nothing is lost.",
        )
    ),
}


class SyncConflictDialog(QDialog):
    """Window-modal, not blocking: connect to `chosen` (or `finished`) and read `choice`."""

    chosen = Signal(str)  # "overwrite" | "take_remote" | "keep_both", once the author picked one

    def __init__(self, error: ConflictError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncConflictDialog")
        self.setWindowTitle(translate("SyncConflictDialog", "Changed on the blog"))
        self.error = error
        self.choice: str | None = None

        message = QLabel(str(error), self)
        message.setObjectName("conflictMessage")
        message.setWordWrap(True)

        diffs = error.field_diffs
        self.fields = QTableWidget(len(diffs), 3, self)
        self.fields.setObjectName("conflictFields")
        self.fields.setHorizontalHeaderLabels(
            [
                translate("SyncConflictDialog", "Field"),
                translate("SyncConflictDialog", "On this computer"),
                translate("SyncConflictDialog", "On the blog"),
            ]
        )
        self.fields.verticalHeader().hide()
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, diff in enumerate(diffs):
            for column, text in enumerate((diff.field, diff.local, diff.remote)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.fields.setItem(row, column, item)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fields.setVisible(bool(diffs))

        self.diff = QPlainTextEdit(self)
        self.diff.setObjectName("conflictTextDiff")
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self._fill_diff(
            error.text_diff
            or translate("SyncConflictDialog", "The text is the same on both sides.")
        )

        self.buttons: dict[str, QPushButton] = {}
        box = QDialogButtonBox(self)
        for key, label in RESOLUTION_LABELS.items():
            button = QPushButton(translate("SyncConflictDialog", label), self)
            button.setToolTip(translate("SyncConflictDialog", _HINTS[key]))
            button.clicked.connect(lambda _c=False, k=key: self.choose(k))
            box.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.buttons[key] = button
        self.cancel_button = box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(translate("SyncConflictDialog", "Decide &Later"))
        self.cancel_button.clicked.connect(self.reject)
        # The safe choice is the default: nothing is lost with "keep both".
        self.buttons["keep_both"].setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(message)
        fields_label = translate("SyncConflictDialog", "Fields that differ:") if diffs else ""
        layout.addWidget(QLabel(fields_label, self))
        layout.addWidget(self.fields)
        layout.addWidget(
            QLabel(
                translate(
                    "SyncConflictDialog",
                    "Text (lines starting with - are the blog's, + are yours):",
                ),
                self,
            )
        )
        layout.addWidget(self.diff, 1)
        layout.addWidget(box)
        metrics = self.fontMetrics()
        self.resize(metrics.averageCharWidth() * 110, metrics.lineSpacing() * 36)

    def _fill_diff(self, text: str) -> None:
        self.diff.setPlainText(text)
        # Colour the added and removed lines (the words stay readable without colour too).
        added, removed = QTextCharFormat(), QTextCharFormat()
        added.setBackground(QColor(0, 160, 0, 50))
        removed.setBackground(QColor(200, 0, 0, 50))
        block = self.diff.document().firstBlock()
        while block.isValid():
            line = block.text()
            fmt = None
            if line.startswith("+") and not line.startswith("+++"):
                fmt = added
            elif line.startswith("-") and not line.startswith("---"):
                fmt = removed
            if fmt is not None:
                cursor = QTextCursor(block)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(fmt)
            block = block.next()
        self.diff.moveCursor(QTextCursor.MoveOperation.Start)

    def choose(self, resolution: str) -> None:
        if resolution not in RESOLUTION_LABELS:
            raise ValueError(f"unknown resolution {resolution!r}")
        self.choice = resolution
        self.chosen.emit(resolution)
        self.accept()

    def field_rows(self) -> list[tuple[str, str, str]]:
        """The field table as text (what the author sees), for tests and accessibility."""
        rows: list[tuple[str, str, str]] = []
        for row in range(self.fields.rowCount()):
            field, local, remote = (self.fields.item(row, c) for c in range(3))
            rows.append(
                (
                    field.text() if field else "",
                    local.text() if local else "",
                    remote.text() if remote else "",
                )
            )
        return rows
