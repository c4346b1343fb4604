"""The bar above the post that says a save failed, with Try Again and Dismiss."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from blogdesk.ui.editor.save_states import failed_save_reason, is_saved
from blogdesk.ui.i18n import translate

__all__ = ["SaveAlert"]


class SaveAlert(QFrame):
    """For what the author must not miss (a save that failed): the status bar is easy to
    overlook, and a modal dialog every autosave retry would nag. The window connects
    `retry_button` to saving and hands every save state to `show_state`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#alertBar { background: #fdecea; color: #611a15; }")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.retry_button = QPushButton(translate("SaveAlert", "Try Again"), self)
        self.dismiss_button = QPushButton(translate("SaveAlert", "Dismiss"), self)
        self.dismiss_button.clicked.connect(self._dismiss)
        self._state = ""  # the last save state shown in the status bar
        self._dismissed = ""  # the failure the author closed: autosave retries keep quiet
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.retry_button)
        row.addWidget(self.dismiss_button)
        self.hide()

    def show_state(self, state: str, name: str) -> None:
        """A new save state of the post `name` ("Saved", "Save failed: why", …)."""
        self._state = state
        reason = failed_save_reason(state)  # the states come translated
        if reason is not None and state != self._dismissed:
            self.label.setText(
                translate(
                    "SaveAlert",
                    "{name} could not be saved ({reason}). Your text is kept in the recovery "
                    "journal; BlogDesk keeps trying.",
                ).format(name=name, reason=reason)
            )
            self.show()
        elif is_saved(state):
            self._dismissed = ""
            self.hide()

    def _dismiss(self) -> None:
        self._dismissed = self._state
        self.hide()
