"""Where a library's index lives: `.blogdesk/index.sqlite3` in the library, or, when the library
cannot be written (a read-only disk, another user's folder), a folder of its own in BlogDesk's
cache (`library-indexes/<key>/`): the index is only a cache of the files, so it can live anywhere.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from blogdesk.core import paths
from blogdesk.core.errors import LibraryError
from blogdesk.core.fsutil import is_read_only_error, write_failure
from blogdesk.core.index.index import Index
from blogdesk.core.library.scan import STATE_DIR

__all__ = ["ELSEWHERE_DIR", "INDEX_FILE", "index_failure", "open_index"]

INDEX_FILE = "index.sqlite3"
# Under the cache folder: the indexes of libraries whose own `.blogdesk/` cannot be written.
ELSEWHERE_DIR = "library-indexes"

log = logging.getLogger(__name__)


def open_index(root: Path) -> tuple[Index, bool]:
    """The index of the library in `root`, and whether the library is read-only (its index then
    in the cache folder). A LibraryError says why when neither place works."""
    try:
        (root / STATE_DIR).mkdir(exist_ok=True)
        return Index(root / STATE_DIR / INDEX_FILE), False
    except (OSError, sqlite3.Error) as exc:
        if os.access(root, os.W_OK) and not (isinstance(exc, OSError) and is_read_only_error(exc)):
            raise LibraryError(
                f"Cannot open the library index in {root / STATE_DIR}: {index_failure(exc)}"
            ) from exc
        # A read-only library: index it in the cache folder instead (it is only a cache).
        log.info("the library %s cannot be written (%s): indexing it elsewhere", root, exc)
        return _index_elsewhere(root), True


def _index_elsewhere(root: Path) -> Index:
    """The index of a library that cannot be written, in the cache folder (one per library)."""
    import hashlib  # here: ~5 ms to load (OpenSSL), needed only for a read-only library

    key = hashlib.blake2b(os.fsencode(root), digest_size=8).hexdigest()
    folder = paths.cache_dir() / ELSEWHERE_DIR / key
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return Index(folder / INDEX_FILE)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(
            f"The library {root} is read-only, and its index cannot be kept in {folder} "
            f"either: {exc}"
        ) from exc


def index_failure(exc: OSError | sqlite3.Error) -> str:
    """Why the index could not be opened or written, in words ("the disk is full")."""
    if isinstance(exc, OSError):
        reason = write_failure(exc)
    elif getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
        reason = "the disk is full"
    else:
        return str(exc)
    if reason == "the disk is full":
        return "the disk is full; free some space and try again"
    return reason
