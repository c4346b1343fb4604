"""Unsaved text the crash journal kept, put back at start: into the post it belongs to (opened
if no post is), said in the status bar and in a RecoveredDialog that offers the saved file's text
instead; the journal's entries for other posts are named, not opened."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from blogdesk.ui.i18n import number, translate
from blogdesk.ui.window.main_window import MainWindow
from blogdesk.ui.window.recovery import JournalEntry, RecoveryJournal

if TYPE_CHECKING:  # loaded only after a crash left text behind, not on every start
    from blogdesk.ui.window.recovered_dialog import RecoveredDialog

__all__ = ["restore_unsaved"]


def restore_unsaved(
    window: MainWindow, journal: RecoveryJournal
) -> tuple[list[str], RecoveredDialog | None]:
    """The paths whose text came back, and the dialog that says so (None: nothing came back)."""
    docs = window.documents
    restored: list[str] = []
    dialog: RecoveredDialog | None = None
    left_over = []
    for entry in journal.entries():
        path = Path(entry.path)
        if docs.doc is None and path.exists():
            window.open_path(path)
        if docs.doc is not None and docs.doc.path == path.resolve():
            saved = window.editor.toPlainText()  # the file's text, just opened
            if entry.text != saved:
                docs.restore_text(entry.text)
                docs.set_cursor(entry.cursor)
                restored.append(entry.path)
                window.show_message(
                    translate(
                        "DeskApp", "Restored unsaved text of {name} from the recovery journal"
                    ).format(name=path.name)
                )
                dialog = _tell_recovered(window, entry, saved)
            else:
                journal.forget(path)  # it was saved after all
        else:
            left_over.append(entry.path)
    if left_over:
        others = len(left_over)
        message = (
            translate("DeskApp", "Unsaved text of 1 other post is kept in {folder}")
            if others == 1
            else translate("DeskApp", "Unsaved text of {count} other posts is kept in {folder}")
        )
        window.show_message(message.format(count=number(others), folder=journal.folder))
    return restored, dialog


def _tell_recovered(window: MainWindow, entry: JournalEntry, saved: str) -> RecoveredDialog:
    """Say what came back, from when, and offer to compare it with the saved file or go back
    to that file (a status-bar line alone was easy to miss)."""
    path = Path(entry.path).resolve()
    doc = window.documents.doc
    try:
        saved_at: float | None = path.stat().st_mtime
    except OSError:
        saved_at = None
    from blogdesk.ui.window.recovered_dialog import RecoveredDialog

    dialog = RecoveredDialog(
        title=(doc.post.title if doc is not None else "") or path.stem,
        file_name=path.name,
        saved_text=saved,
        recovered_text=entry.text,
        saved_at=saved_at,
        recovered_at=entry.written_at,
        use_saved=lambda text: _use_saved(window, path, text),
        parent=window,
    )
    dialog.show()
    return dialog


def _use_saved(window: MainWindow, path: Path, text: str) -> None:
    """Put the saved file's text back (undoable); the post is opened again if the author
    went to another one meanwhile (the recovered text was saved when they left it)."""
    docs = window.documents
    if (docs.doc is None or docs.doc.path != path) and not window.open_path(path):
        return  # the post could not be opened: it said why in the status bar
    if window.editor.toPlainText() != text:
        docs.restore_text(text)
    window.show_message(
        translate("DeskApp", "{name}: back to the saved file's text").format(name=path.name)
    )
