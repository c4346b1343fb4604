"""The save states of the open post, as the status bar shows them (in the window's language).

`DocumentController.saveStateChanged` sends these texts translated; the save alert
(ui/window/save_alert.py) recognises "Saved" and a failed save with `is_saved` and
`failed_save_reason`, never by comparing English words.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from blogdesk.ui.i18n import translate

__all__ = ["SAVED", "SAVING", "UNSAVED", "failed_save_reason", "is_saved", "save_failed_text"]

# The save states the status bar shows (saveStateChanged sends them translated).
SAVED = str(QT_TRANSLATE_NOOP("DocumentController", "Saved"))
SAVING = str(QT_TRANSLATE_NOOP("DocumentController", "Saving…"))
UNSAVED = str(QT_TRANSLATE_NOOP("DocumentController", "Unsaved"))
SAVE_FAILED = str(QT_TRANSLATE_NOOP("DocumentController", "Save failed: {reason}"))


def save_failed_text(reason: str) -> str:
    """The save state for a failed save, as saveStateChanged sends it."""
    return translate("DocumentController", SAVE_FAILED).format(reason=reason)


def failed_save_reason(state: str) -> str | None:
    """The reason in a save state `save_failed_text` made, else None (the state is no failure)."""
    head, _, tail = translate("DocumentController", SAVE_FAILED).partition("{reason}")
    if state.startswith(head) and state.endswith(tail) and len(state) >= len(head) + len(tail):
        return state[len(head) : len(state) - len(tail)]
    return None


def is_saved(state: str) -> bool:
    """Whether the save state `state` is "Saved" (in the window's language)."""
    return state == translate("DocumentController", SAVED)
