"""Bringing an index file made by an earlier BlogDesk up to date without rebuilding it.

`SCHEMA_VERSION` changes when the rows change meaning, and an index of another version is
rebuilt from the files: seconds on a large library. An index file that only lacks a b-tree index
added since (one more way to read the same rows) gets it here when it is opened, once: ~60 ms
for 10,000 posts. Its rows, and the "complete" mark, stay as they are.
"""

from __future__ import annotations

import sqlite3

from blogdesk.core.index.connections import is_transient
from blogdesk.core.index.sql import ADDED_INDEXES

__all__ = ["add_indexes"]

# How long to wait for another process's write before leaving the upgrade to a later open.
_WAIT_MS = 250


def add_indexes(conn: sqlite3.Connection) -> bool:
    """Make the indexes this file lacks. False when it had to leave that for now (another
    process writing, a disk that is full or cannot be written): the index works without
    them, only lists are slower, and the next open tries again."""
    have = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    missing = [statement for name, statement in ADDED_INDEXES.items() if name not in have]
    if not missing:
        return True
    waited_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {_WAIT_MS}")
    try:
        conn.execute("BEGIN IMMEDIATE")
        for statement in missing:
            conn.execute(statement)
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if not is_transient(exc):
            raise
        return False
    finally:
        if conn.in_transaction:  # it failed: nothing of it is kept
            conn.execute("ROLLBACK")
        conn.execute(f"PRAGMA busy_timeout = {waited_ms}")
    return True
