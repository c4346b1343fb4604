"""The crash journal: unsaved editor text and the session, written on a short timer.

Layout (in `recovery` in the state folder, one per user since the window is single-instance):
- `running` — the marker: created at start, removed on a clean exit. Found at start-up, it means the
  last run crashed (or the power went), so the window reopens where it was.
- `session.json` — the library, the open post and the cursor position.
- `<hash>.json` — one entry per post with text not yet saved to the post's own file; removed as soon
  as the post is saved.

Every write is atomic (fsync + rename), so a crash mid-write leaves the previous entry, never a torn
one. Plain Python: no Qt, testable without a window.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from blogdesk.core.fsutil import atomic_write

__all__ = ["JournalEntry", "RecoveryJournal", "Session"]

log = logging.getLogger(__name__)

MARKER = "running"
SESSION = "session.json"


@dataclass(frozen=True)
class JournalEntry:
    path: str  # absolute path of the post file
    text: str  # the editor's text (the post body) not yet saved
    cursor: int  # cursor position in the editor
    written_at: float  # time.time() of the write


@dataclass(frozen=True)
class Session:
    library: str  # absolute library root
    open_path: str | None  # absolute path of the post in the editor
    cursor: int = 0


class RecoveryJournal:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._session: Session | None = None  # as last read or written: the same is not rewritten

    # -- the running marker ----------------------------------------------------------------------

    def begin(self) -> bool:
        """Mark this run as started; True when the previous run never ended cleanly."""
        self.folder.mkdir(parents=True, exist_ok=True)
        marker = self.folder / MARKER
        crashed = marker.exists()
        atomic_write(marker, f"{os.getpid()}\n".encode())
        return crashed

    def end(self) -> None:
        """A clean exit: the next start is not a recovery."""
        with contextlib.suppress(FileNotFoundError):
            (self.folder / MARKER).unlink()

    # -- unsaved text ------------------------------------------------------------------------------

    def record(self, path: Path, text: str, cursor: int) -> None:
        entry = JournalEntry(str(Path(path)), text, cursor, time.time())
        data = json.dumps(asdict(entry), ensure_ascii=False)
        atomic_write(self._entry_file(path), data.encode("utf-8"))

    def forget(self, path: Path) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._entry_file(path).unlink()

    def entry_for(self, path: Path) -> JournalEntry | None:
        return self._read_entry(self._entry_file(path))

    def entries(self) -> list[JournalEntry]:
        found = []
        for file in sorted(self.folder.glob("entry-*.json")):
            entry = self._read_entry(file)
            if entry is not None:
                found.append(entry)
        return found

    def _entry_file(self, path: Path) -> Path:
        digest = hashlib.sha256(str(Path(path)).encode("utf-8", "surrogateescape")).hexdigest()
        return self.folder / f"entry-{digest[:20]}.json"

    @staticmethod
    def _read_entry(file: Path) -> JournalEntry | None:
        data = _read_json(file)
        if data is None:
            return None
        try:
            return JournalEntry(
                path=str(data["path"]),
                text=str(data["text"]),
                cursor=int(data.get("cursor", 0)),
                written_at=float(data.get("written_at", 0.0)),
            )
        except (KeyError, TypeError, ValueError):
            log.warning("ignoring a damaged recovery entry: %s", file)
            return None

    # -- the session ----------------------------------------------------------------------------

    def save_session(self, session: Session) -> None:
        """Write the session, unless it is the one on disk already (opening the post the last
        session had open would otherwise write and fsync it again before the first frame)."""
        if session == self._session:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(asdict(session), ensure_ascii=False)
        atomic_write(self.folder / SESSION, data.encode("utf-8"))
        self._session = session

    def load_session(self) -> Session | None:
        data = _read_json(self.folder / SESSION)
        if data is None:
            return None
        try:
            open_path = data.get("open_path")
            self._session = Session(
                library=str(data["library"]),
                open_path=str(open_path) if open_path else None,
                cursor=int(data.get("cursor", 0)),
            )
        except (KeyError, TypeError, ValueError):
            return None
        return self._session


def _read_json(file: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("cannot read %s: %s", file, exc)
        return None
    return data if isinstance(data, dict) else None
