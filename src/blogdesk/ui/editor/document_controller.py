"""The open post: load it into the editor, save it (automatically, on switching, on closing), keep
the crash journal, and notice when another program changed the file.

Saving is synchronous on the GUI thread: one atomic write of a post plus an index update, measured
at a few milliseconds (benchmarks/bench_startup.py prints it), and it keeps the Post object free of
cross-thread access. Every save first compares the file on disk with what was last loaded or saved;
a difference means someone else wrote it, and the author decides (ConflictDialog) instead of either
version being lost.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import atomic_write
from blogdesk.core.library.library import ChangedOnDiskError, Library
from blogdesk.core.library.title_names import rename_for_title
from blogdesk.core.post.post import Post
from blogdesk.ui.editor.save_states import SAVED, SAVING, UNSAVED, save_failed_text
from blogdesk.ui.i18n import translate
from blogdesk.ui.window.recovery import RecoveryJournal, Session

if TYPE_CHECKING:  # the dialog's module loads with the first conflict, not at start-up
    from blogdesk.ui.editor.disk_conflict_dialog import ConflictDialog

__all__ = ["DocumentController", "OpenDocument"]

log = logging.getLogger(__name__)

MAX_UNSAVED_S = 10.0  # while typing without pause, save at least this often


@dataclass
class OpenDocument:
    path: Path  # absolute
    post: Post
    in_library: bool
    disk_bytes: bytes | None  # the file as last loaded or saved: what "unchanged on disk" means
    saved_title: str = ""  # the title in disk_bytes: a file name that follows it follows edits


class DocumentController(QObject):
    documentOpened = Signal(object)  # the OpenDocument now in the editor, or None when closed
    saveStateChanged = Signal(str)  # "Saved", "Saving…", "Unsaved" or "Save failed: <reason>"
    titleChanged = Signal(str)  # the post's title after an edit in the metadata panel
    message = Signal(str)  # a line for the status bar
    conflictShown = Signal(object)  # the ConflictDialog just opened (tests drive it)
    saved = Signal(object)  # Path of the file just written
    # Path: its saves stopped for `burst_ms` (or the post was closed). One per burst of
    # autosaves, for work that should not run at every save (a history commit, a kept draft).
    saveBurstEnded = Signal(object)

    def __init__(
        self,
        library: Library,
        editor: QPlainTextEdit,
        journal: RecoveryJournal,
        *,
        autosave_ms: int = 1500,
        journal_ms: int = 400,
        burst_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.editor = editor
        self.journal = journal
        self.doc: OpenDocument | None = None
        self._dirty = False  # body or front matter differ from the file
        self._dirty_since = 0.0
        self._loading = False
        self._last_state = translate("DocumentController", SAVED)
        self.saveStateChanged.connect(self._remember_state)
        self._conflict: ConflictDialog | None = None
        self._autosave = QTimer(self, singleShot=True, interval=autosave_ms)
        self._autosave.timeout.connect(self.save_now)
        self._journal_timer = QTimer(self, singleShot=True, interval=journal_ms)
        self._journal_timer.timeout.connect(self._write_journal)
        self._burst = QTimer(self, singleShot=True, interval=burst_ms)
        self._burst.timeout.connect(self.end_save_burst)
        self._burst_paths: list[Path] = []
        self._disk_check = QTimer(self, singleShot=True, interval=150)
        self._disk_check.timeout.connect(self.check_disk)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _p: self._disk_check.start())
        editor.textChanged.connect(self._on_text_changed)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)

    def set_delays(self, autosave_ms: int, journal_ms: int) -> None:
        """New autosave and journal delays (Preferences); a save already waiting keeps its time."""
        self._autosave.setInterval(max(1, autosave_ms))
        self._journal_timer.setInterval(max(1, journal_ms))

    # -- state -----------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def path(self) -> Path | None:
        return self.doc.path if self.doc else None

    def in_library(self, path: Path) -> bool:
        try:
            rel = Path(path).resolve().relative_to(self.library.root.resolve())
        except ValueError:
            return False
        return not rel.parts or not rel.parts[0].startswith(".")

    # -- open / close ----------------------------------------------------------------------------

    def open(self, path: Path, *, cursor: int | None = None) -> bool:
        """Show `path` in the editor, saving the current post first. False when nothing changed."""
        path = Path(path).resolve()
        if self.doc is not None and self.doc.path == path:
            return True
        # Read the new file first: a file that cannot be opened leaves the current post open.
        in_library = self.in_library(path)
        try:
            raw = path.read_bytes()
            post = self.library.load(path) if in_library else Post.load(path)
        except (BlogDeskError, OSError) as exc:
            reason = getattr(exc, "strerror", None) if isinstance(exc, OSError) else None
            self.message.emit(
                translate("DocumentController", "Could not open {name}: {reason}").format(
                    name=path.name, reason=reason or exc
                )
            )
            return False
        if not self.close_document():
            current = (
                self.doc.path.name if self.doc else translate("DocumentController", "The open post")
            )
            self.message.emit(
                translate(
                    "DocumentController", "{name} could not be saved, so it stays open: {state}"
                ).format(name=current, state=self._last_state)
            )
            return False
        self.doc = OpenDocument(path, post, in_library, raw, post.title)
        self._set_editor_text(post.body, undoable=False)
        if cursor is not None:
            self.set_cursor(cursor)
        self._watch(path)
        self._set_clean()
        self.documentOpened.emit(self.doc)
        self.save_session()
        return True

    def close_document(self) -> bool:
        """Save and let go of the current post. False (post kept open) when saving failed."""
        if self.doc is None:
            return True
        if not self.save_now():
            return False
        self.end_save_burst()  # switching posts ends the burst of the one left
        self._unwatch()
        self.journal.forget(self.doc.path)
        self.doc = None
        self._loading = True
        self.editor.clear()
        self._loading = False
        self._set_clean()
        self.documentOpened.emit(None)
        return True

    def forget_moved(self, old: Path, new: Path | None) -> None:
        """The library renamed (or deleted, `new` None) the open file: follow it."""
        if self.doc is None or self.doc.path != Path(old).resolve():
            return
        if new is None:
            self._unwatch()
            if not self._dirty:  # unsaved words stay in the journal, restorable at next start
                self.journal.forget(self.doc.path)
            self.doc = None
            self._loading = True
            self.editor.clear()
            self._loading = False
            self._set_clean()
            self.documentOpened.emit(None)
            return
        self._unwatch()
        self.journal.forget(self.doc.path)
        new = Path(new).resolve()
        try:
            self.doc.post = self.library.load(new)
            self.doc.path = new
            self.doc.disk_bytes = new.read_bytes()
            self.doc.saved_title = self.doc.post.title
        except (BlogDeskError, OSError) as exc:
            self.message.emit(
                translate(
                    "DocumentController", "Could not follow the renamed file: {error}"
                ).format(error=exc)
            )
            return
        self._watch(new)
        self.documentOpened.emit(self.doc)
        self.save_session()

    def _remember_state(self, state: str) -> None:
        self._last_state = state

    # -- editing ---------------------------------------------------------------------------------

    def set_field(self, name: str, value: Any) -> None:
        """Change one front-matter field (typed property when there is one, else Post.set)."""
        if self.doc is None:
            return
        post = self.doc.post
        typed = name in (
            "title",
            "date",
            "slug",
            "status",
            "tags",
            "categories",
            "excerpt",
            "featured_image",
        )
        if (getattr(post, name) if typed else post.get(name)) == value:
            return
        try:
            if typed:
                setattr(post, name, value)
            else:
                post.set(name, value)
        except BlogDeskError as exc:
            # A value no post file can hold (e.g. a control character pasted into the title):
            # refused at entry with the reason; the file keeps its last good value.
            self.message.emit(str(exc))
            return
        if name == "title":
            self.titleChanged.emit(post.title)
        self._mark_dirty()

    def set_cursor(self, position: int) -> None:
        cursor = self.editor.textCursor()
        cursor.setPosition(max(0, min(position, len(self.editor.toPlainText()))))
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    def restore_text(self, text: str) -> None:
        """Put recovered text in the editor as an unsaved (and undoable) edit."""
        self._set_editor_text(text, undoable=True)
        self._mark_dirty()

    def _on_text_changed(self) -> None:
        if not self._loading and self.doc is not None:
            self._mark_dirty()

    def _on_cursor_moved(self) -> None:
        if not self._loading and self.doc is not None and not self._journal_timer.isActive():
            self._journal_timer.start()

    def _mark_dirty(self) -> None:
        if not self._dirty:
            self._dirty = True
            self._dirty_since = time.monotonic()
            self.saveStateChanged.emit(translate("DocumentController", UNSAVED))
        # Debounced, but never postponed forever by someone who types without pausing.
        if time.monotonic() - self._dirty_since < MAX_UNSAVED_S or not self._autosave.isActive():
            self._autosave.start()
        if not self._journal_timer.isActive():
            self._journal_timer.start()

    def _set_clean(self) -> None:
        self._dirty = False
        self._autosave.stop()
        self.saveStateChanged.emit(translate("DocumentController", SAVED))

    def _set_editor_text(self, text: str, *, undoable: bool) -> None:
        self._loading = True
        try:
            if undoable:
                cursor = QTextCursor(self.editor.document())
                cursor.select(QTextCursor.SelectionType.Document)
                cursor.insertText(text)
            else:
                self.editor.setPlainText(text)
        finally:
            self._loading = False

    # -- saving ----------------------------------------------------------------------------------

    def save_now(self, *, force: bool = False, ask: bool = True) -> bool:
        """Write the open post if it has unsaved edits. True when nothing is left unsaved.

        When the file changed on disk, `ask` opens the ConflictDialog; without it (quitting) the
        save just fails, the text staying in the recovery journal."""
        doc = self.doc
        if doc is None or not self._dirty:
            return True
        if self._conflict is not None:
            return False  # the author is deciding; writing now would decide for them
        self._autosave.stop()
        self.saveStateChanged.emit(translate("DocumentController", SAVING))
        text = self.editor.toPlainText()
        try:
            on_disk = doc.path.read_bytes()
        except FileNotFoundError:
            on_disk = None  # deleted outside BlogDesk: writing it again keeps the words
        except OSError as exc:
            return self._save_failed(exc)
        if not force and on_disk is not None and on_disk != doc.disk_bytes:
            if ask:
                self._raise_conflict(on_disk)
            else:
                self._write_journal()
                self.saveStateChanged.emit(
                    translate("DocumentController", "{name} was changed by another program").format(
                        name=doc.path.name
                    )
                )
            return False
        doc.post.body = text
        try:
            if doc.in_library and (force or on_disk is None):
                self.library.save(doc.post, force=True)
            elif doc.in_library:
                self.library.save(doc.post)
            else:
                atomic_write(doc.path, doc.post.dumps().encode("utf-8"))
            doc.disk_bytes = doc.path.read_bytes()
            saved_title, doc.saved_title = doc.saved_title, doc.post.title
        except ChangedOnDiskError as exc:
            # Written by someone else between our check and the library's own: same question.
            try:
                current = doc.path.read_bytes()
            except OSError:
                return self._save_failed(exc)
            if ask:
                self._raise_conflict(current)
                return False
            return self._save_failed(exc)
        except (BlogDeskError, OSError) as exc:
            return self._save_failed(exc)
        if doc.in_library and doc.post.title != saved_title:
            self._follow_title(doc, saved_title)
        self._watch(doc.path)  # the rename of an atomic save ends the old watch
        if self.editor.toPlainText() == text:
            self.journal.forget(doc.path)
            self._set_clean()
        self.saved.emit(doc.path)
        if doc.path not in self._burst_paths:
            self._burst_paths.append(doc.path)
        self._burst.start()
        return not self._dirty

    def end_save_burst(self) -> None:
        """Say now that the saves of the posts saved since the last burst ended."""
        self._burst.stop()
        paths, self._burst_paths = self._burst_paths, []
        for path in paths:
            self.saveBurstEnded.emit(path)

    def _follow_title(self, doc: OpenDocument, saved_title: str) -> None:
        """Rename a new post's file after its new title (core/library/title_names.py says when).

        The words are already saved under the old name; the rename is one atomic os.rename.
        The editor keeps its text, undo history and cursor (only the path changes), and the
        journal, the watch, the session and the window follow the new path."""
        old = doc.path
        try:
            new = rename_for_title(self.library, doc.post, old, saved_title)
        except (BlogDeskError, OSError) as exc:
            log.info("the file name stays %s: %s", old.name, exc)  # a namesake appeared
            return
        if new is None:
            return
        self._unwatch()
        self.journal.forget(old)
        doc.path = new  # doc.post.path followed already: Library.rename moves loaded posts
        if self._dirty:  # typed during the save: the journal holds it under the new name
            self._write_journal()
        self.documentOpened.emit(doc)
        self.save_session()

    def _save_failed(self, exc: BaseException) -> bool:
        reason = getattr(exc, "strerror", None) or str(exc)
        log.warning("save failed: %s", reason)
        self.saveStateChanged.emit(save_failed_text(reason))
        self._write_journal()  # the words are safe in the journal meanwhile
        self._autosave.start()  # try again later (disk full, folder read-only for a moment)
        return False

    def _write_journal(self) -> None:
        doc = self.doc
        if doc is None:
            return
        try:
            if self._dirty:
                self.journal.record(
                    doc.path, self.editor.toPlainText(), self.editor.textCursor().position()
                )
            self.save_session()
        except OSError as exc:
            log.warning("cannot write the recovery journal: %s", exc)

    def save_session(self) -> None:
        doc = self.doc
        position = self.editor.textCursor().position() if doc else 0
        with contextlib.suppress(OSError):
            self.journal.save_session(
                Session(str(self.library.root), str(doc.path) if doc else None, position)
            )

    # -- changes made by other programs ----------------------------------------------------------

    def check_disk(self) -> None:
        """Compare the open file with what we last read or wrote; react when another program
        changed it: reload silently when there is nothing unsaved, else ask."""
        doc = self.doc
        if doc is None or self._conflict is not None:
            return
        self._watch(doc.path)
        try:
            on_disk = doc.path.read_bytes()
        except FileNotFoundError:
            self.message.emit(
                translate(
                    "DocumentController", "{name} was deleted on disk; saving will write it again"
                ).format(name=doc.path.name)
            )
            return
        except OSError:
            return
        if on_disk == doc.disk_bytes:
            return
        if doc.in_library and self.library.wrote(doc.path, on_disk) and self._take_own(on_disk):
            return
        if self._dirty:
            self._raise_conflict(on_disk)
        else:
            self.reload_from_disk()
            self.message.emit(
                translate(
                    "DocumentController", "Reloaded {name}: it was changed outside BlogDesk"
                ).format(name=doc.path.name)
            )

    def _take_own(self, on_disk: bytes) -> bool:
        """Take in a write BlogDesk itself made to the open file (the sync service recording the
        blog's state after a publish): no "changed outside" message, no question. False when it
        cannot be taken in without losing an unsaved edit: then it is handled as any change."""
        doc = self.doc
        assert doc is not None
        try:
            post = self.library.load(doc.path)
            before = Post.parse(doc.disk_bytes.decode("utf-8")) if doc.disk_bytes else None
        except (BlogDeskError, OSError, UnicodeDecodeError):
            return False
        if post.dumps().encode("utf-8") != on_disk:
            return False  # written again meanwhile: look at that write on its own
        if self._dirty:
            # Unsaved typing survives when the write left the text alone and no front matter
            # edit is pending: the next save writes the new front matter with the typed text.
            if (
                before is None
                or before.body != post.body
                or before.metadata() != doc.post.metadata()
            ):
                return False
            doc.post, doc.disk_bytes, doc.saved_title = post, on_disk, post.title
            self.documentOpened.emit(doc)
            return True
        doc.post, doc.disk_bytes, doc.saved_title = post, on_disk, post.title
        if self.editor.toPlainText() != post.body:  # a "take the blog's version" rewrote it
            position = self.editor.textCursor().position()
            self._set_editor_text(post.body, undoable=True)
            self.set_cursor(position)
        self.journal.forget(doc.path)
        self._set_clean()
        self.documentOpened.emit(doc)
        return True

    def reload_from_disk(self) -> None:
        doc = self.doc
        if doc is None:
            return
        try:
            raw = doc.path.read_bytes()
            post = self.library.load(doc.path) if doc.in_library else Post.load(doc.path)
        except (BlogDeskError, OSError) as exc:
            self.message.emit(
                translate("DocumentController", "Could not reload {name}: {error}").format(
                    name=doc.path.name, error=exc
                )
            )
            return
        position = self.editor.textCursor().position()
        doc.post, doc.disk_bytes, doc.saved_title = post, raw, post.title
        self._set_editor_text(post.body, undoable=True)
        self.set_cursor(position)
        self.journal.forget(doc.path)
        self._set_clean()
        self.documentOpened.emit(doc)

    def _raise_conflict(self, on_disk: bytes) -> None:
        doc = self.doc
        assert doc is not None
        doc.post.body = self.editor.toPlainText()
        mine = doc.post.dumps()
        from blogdesk.ui.editor.disk_conflict_dialog import ConflictDialog

        parent = self.editor.window() if isinstance(self.editor, QWidget) else None
        dialog = ConflictDialog(doc.path.name, on_disk.decode("utf-8", "replace"), mine, parent)
        self._conflict = dialog
        self.saveStateChanged.emit(translate("DocumentController", "Unsaved: changed on disk"))
        self._write_journal()
        dialog.finished.connect(lambda _r: self._resolve(dialog))
        dialog.open()
        self.conflictShown.emit(dialog)

    def _resolve(self, dialog: ConflictDialog) -> None:
        from blogdesk.ui.editor.disk_conflict_dialog import ConflictChoice

        self._conflict = None
        if dialog.choice == ConflictChoice.RELOAD:
            self.reload_from_disk()
        elif dialog.choice == ConflictChoice.KEEP_MINE:
            self.save_now(force=True)
        else:
            self.saveStateChanged.emit(translate("DocumentController", "Unsaved: changed on disk"))
        dialog.deleteLater()

    def _watch(self, path: Path) -> None:
        if str(path) not in self._watcher.files() and path.exists():
            self._watcher.addPath(str(path))

    def _unwatch(self) -> None:
        files = self._watcher.files()
        if files:
            self._watcher.removePaths(files)
