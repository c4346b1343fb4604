"""One SQLite connection per thread for the index, handed on when the thread's Python state ends.

A worker of a Qt thread pool (the window's TaskRunner) enters Python afresh for each task: PySide
gives each run a new Python thread state, so what one task put in a `threading.local` is gone for
the next, even on the same OS thread. A connection kept only in a thread-local and in a list
(to be closed at the end) was therefore opened again for every task that touched the index and
never closed: about 200 KB of SQLite memory each, some 14 a minute while typing with autosave
(benchmarks/bench_memory_soak.py --constant-length; docs/performance.md).

Here the thread-local holds a lease on the connection. When the thread state goes, so does the
lease, and its connection returns to an idle list; the next thread without one takes it, page
cache still warm, after `reuse` has put back the settings a new connection has (a first build's
bulk settings stay with the thread that made them, as they did). A connection is only ever used
by one thread at a time.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import weakref
from collections.abc import Callable

__all__ = ["ThreadConnections", "is_transient"]

_TRANSIENT = (
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_READONLY",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_CANTOPEN",
    "SQLITE_PERM",
)


def is_transient(exc: sqlite3.Error) -> bool:
    """Busy, locked, read-only, full or I/O failure: the index may be fine, the moment is not."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith(_TRANSIENT)


class _Lease:
    """Kept in the thread-local; its end gives the connection back."""

    __slots__ = ("__weakref__", "conn")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn


class ThreadConnections:
    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        reuse: Callable[[sqlite3.Connection], None] = lambda _conn: None,
    ) -> None:
        self._connect = connect  # opens a connection usable from any thread
        self._reuse = reuse  # makes an idle connection like a new one for the next thread
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[sqlite3.Connection] = []  # every connection not yet closed
        self._idle: list[sqlite3.Connection] = []  # open, and no thread's now

    def get(self) -> sqlite3.Connection:
        """This thread's connection: its own, an idle one, or a new one."""
        lease: _Lease | None = getattr(self._local, "lease", None)
        if lease is not None:
            return lease.conn
        with self._lock:
            conn = self._idle.pop() if self._idle else None
        if conn is not None:
            try:
                self._reuse(conn)
            except sqlite3.Error:
                self._forget(conn)
                conn = None
        if conn is None:
            conn = self._connect()
            with self._lock:
                self._open.append(conn)
        lease = _Lease(conn)
        weakref.finalize(lease, self._give_back, conn)
        self._local.lease = lease
        return conn

    @property
    def open_count(self) -> int:
        """Connections open now, in use by a thread or idle."""
        with self._lock:
            return len(self._open)

    def _give_back(self, conn: sqlite3.Connection) -> None:
        # The thread ended inside a transaction (it should not): undo it. (A connection closed
        # meanwhile by close() raises here, and is not taken back below.)
        with contextlib.suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        with self._lock:
            if any(c is conn for c in self._open):
                self._idle.append(conn)

    def _forget(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            self._open = [c for c in self._open if c is not conn]
        with contextlib.suppress(sqlite3.Error):
            conn.close()

    def close(self) -> None:
        """Close every connection; threads asking afterwards get new ones."""
        with self._lock:
            for conn in self._open:
                conn.close()
            self._open.clear()
            self._idle.clear()
        self._local = threading.local()
