"""Keeping a library's index in step with its folder (`Library.refresh`, `rebuild_index`,
`index_files`): compare every file with the index and read the ones that changed, or read them
all into an index that holds none. The caller holds the index's write lock."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from blogdesk.core.errors import LibraryError
from blogdesk.core.index.entry import Entry
from blogdesk.core.index.index import Index, is_transient
from blogdesk.core.library.index_place import index_failure
from blogdesk.core.library.scan import (
    RACY_NS,
    Changes,
    RefreshReport,
    find_changes,
    read_all,
    read_into,
)

__all__ = ["index_files", "update_index"]


def update_index(root: Path, index: Index, *, rebuild: bool) -> RefreshReport:
    """Bring `index` in step with the files under `root`; `rebuild`: read every file again and
    replace the whole index in one transaction. A damaged index is made again from the files;
    LibraryError when it cannot be written at the moment."""
    try:
        return _apply_changes(root, index, rebuild)
    except sqlite3.DatabaseError as exc:
        if is_transient(exc):
            raise LibraryError(f"Could not update the library index: {index_failure(exc)}") from exc
        # A damaged index shows up on first real use: it is only a cache, so start over.
        index.recreate()
        return _apply_changes(root, index, True)


def _apply_changes(root: Path, index: Index, rebuild: bool) -> RefreshReport:
    changes = None
    if not rebuild:
        with index.known_files(RACY_NS) as known:
            if known.count:
                changes = find_changes(root, known)
    if changes is not None:
        if changes.entries or changes.removed or changes.touched:
            # Nothing changed, nothing written: no wait for another process's write.
            index.write(changes.entries, changes.removed, changes.touched, time.time_ns())
    else:
        changes = _read_everything(root, index, clear=rebuild)
        if changes.entries:
            index.optimize()  # merge the FTS segments once
    if not index.complete:
        index.mark_complete()  # only now may a later open trust this index
    return RefreshReport(
        tuple(changes.added),
        tuple(changes.updated),
        tuple(changes.removed),
        tuple(index.problems()),
        elsewhere=index.changed_elsewhere(),
    )


def _read_everything(root: Path, index: Index, *, clear: bool) -> Changes:
    """A full build: every file is new. Returns what was added (entries: problems only)."""
    found = Changes()

    def batches() -> Iterator[list[Entry]]:
        for changes in read_all(root):
            found.added.extend(changes.added)
            # Keep only the problems: 10,000 bodies need not stay in memory.
            found.entries.extend(e for e in changes.entries if e.summary is None)
            yield changes.entries

    # Taken before reading: a file edited while the build reads it then looks "racy" and
    # is hashed again on the next refresh (see scan.RACY_NS).
    index.write_all(batches(), time.time_ns(), clear=clear)
    found.added.sort()
    return found


def index_files(root: Path, index: Index, rels: list[str]) -> None:
    """Index the post files at `rels` (relative to `root`) as they are now."""
    changes = Changes()
    for rel in rels:
        read_into(changes, rel, str(root / rel), None)
    index.write(changes.entries, (), changes.touched, time.time_ns())
