"""The library's SQLite index: post metadata for lists and an FTS5 table for full-text search.

The index is a cache of the files. It can be deleted at any time and is rebuilt from them; an index
that is not a database, is damaged, or was written by another schema version is thrown away and
recreated on open. Nothing in it is the only copy of anything.

Threads: each thread gets its own connection (WAL lets readers go on while one thread writes;
`connections` hands a connection on when its thread is done); writers take `write_lock`, so a
long refresh in a worker never blocks the UI thread's searches.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from time import time_ns
from typing import Any

from blogdesk.core.index import search, stamps, upgrade
from blogdesk.core.index.connections import ThreadConnections, is_transient
from blogdesk.core.index.entry import Entry, Problem
from blogdesk.core.index.listing import LISTED_POST_COLUMNS, ListedPost, listed_posts, summaries
from blogdesk.core.index.search import SearchHit
from blogdesk.core.index.sql import (
    BODIES,
    BROAD,
    CLEAR,
    COLUMNS,
    INSERT_FTS,
    SCHEMA,
    SCHEMA_VERSION,
    Rows,
    date_key,
    list_sql,
    summary_from_row,
)
from blogdesk.core.index.stamps import KnownFiles, Stamp
from blogdesk.core.post.post import PostSummary

__all__ = [
    "SCHEMA_VERSION",
    "Entry",
    "Index",
    "KnownFiles",
    "ListedPost",
    "Problem",
    "SearchHit",
    "Stamp",
    "date_key",
    "is_transient",
]


_CACHE_KB = -32000  # SQLite page cache per connection (negative: KiB)
_BULK_CACHE_KB = -131072  # a first build's 150 MB of pages then rarely spill to disk mid-way
# An import writes each post once and never reads it back: a small cache keeps its memory flat
# (measured on 10,000 posts: peak RSS 48 MB instead of 79, in the same time; docs/importing.md).
_IMPORT_CACHE_KB = -2048


class Index:
    def __init__(self, db_path: Path, *, timeout: float = 15.0) -> None:
        self.path = db_path
        self._timeout = timeout  # how long to wait for another process's write to finish
        self.write_lock = threading.RLock()
        self._connections = ThreadConnections(self._connect, self._settle)
        self.broad = BROAD  # see search()
        self.complete = False  # holds every file (not a first build cut short)
        # The index is shared: a CLI import in another process indexes the files it writes, so
        # this process's refresh then finds nothing new. Every write that changes posts bumps a
        # generation number in `meta`; one this Index did not write means "changed elsewhere".
        self._seen_generation = 0
        self._foreign_write = False
        self.created = self._open_or_recreate()
        self._seen_generation = self._generation(self._conn())

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False
        )
        # A cache: losing the last transactions to a power cut only means re-reading a few files.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = {_CACHE_KB}")
        return conn

    @staticmethod
    def _settle(conn: sqlite3.Connection) -> None:
        """A connection handed on to another thread: the settings `_connect` gives (a first
        build's bulk settings, `small_cache`'s, belong to the thread that set them)."""
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = {_CACHE_KB}")
        conn.execute("PRAGMA temp_store = DEFAULT")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "memory":
            conn.execute("PRAGMA journal_mode = DELETE")

    def _conn(self) -> sqlite3.Connection:
        return self._connections.get()

    @property
    def open_connections(self) -> int:
        """SQLite connections open now (one per thread using the index at once, at most)."""
        return self._connections.open_count

    def close(self) -> None:
        self._connections.close()

    def _open_or_recreate(self) -> bool:
        """Open the index; a missing, damaged or outdated one is recreated. True if (re)created."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            try:
                conn = self._conn()
                rows = dict(conn.execute("SELECT key, value FROM meta"))
                # No "complete" mark: a first build was interrupted; what it wrote is unknown.
                if rows.get("schema_version") == str(SCHEMA_VERSION) and "complete" in rows:
                    conn.execute("SELECT count(*) FROM posts_fts_idx").fetchone()
                    self.use_wal()
                    upgrade.add_indexes(conn)  # made by an earlier BlogDesk: its new indexes
                    self.complete = True
                    return False
            except sqlite3.DatabaseError as exc:
                if is_transient(exc):
                    raise  # busy (another process is building it?): never delete it then
        self.recreate(bulk=True)
        return True

    def recreate(self, *, bulk: bool = False) -> None:
        """Throw the index file away and create empty tables (the caller then re-reads files and
        calls `mark_complete()`; until then the next open starts over).

        `bulk`: nobody else can be reading yet, so the first build skips the write-ahead log
        (which doubles what a 150 MB build writes) and every sync to disk: a crash only leaves an
        index without the "complete" mark. `mark_complete()` then restores the usual settings.
        """
        with self.write_lock:
            self.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
            self.complete = False
            conn = self._conn()
            if bulk:
                conn.execute("PRAGMA journal_mode = MEMORY")
                conn.execute("PRAGMA synchronous = OFF")
                conn.execute("PRAGMA temp_store = MEMORY")
                conn.execute(f"PRAGMA cache_size = {_BULK_CACHE_KB}")
            else:
                self.use_wal()
            conn.executescript(f"BEGIN; {SCHEMA} COMMIT;")
            self._seen_generation = 0

    def mark_complete(self) -> None:
        """Record that the index holds every file (after the first full write since `recreate`)."""
        with self.write_lock:
            conn = self._conn()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute(f"PRAGMA cache_size = {_CACHE_KB}")
            # A bulk build wrote without syncing: this commit syncs the file, so the mark below
            # can never reach the disk before what it vouches for.
            with self._transaction():
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('built_ns', ?)", (time_ns(),))
            with self._transaction():
                conn.execute("INSERT OR REPLACE INTO meta VALUES ('complete', '1')")
            conn.execute("PRAGMA synchronous = NORMAL")
            self.complete = True

    def use_wal(self) -> None:
        """WAL lets the UI thread read while a worker writes."""
        conn = self._conn()
        # Another process holding the file only delays this until a later open.
        with contextlib.suppress(sqlite3.OperationalError):
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")

    @contextlib.contextmanager
    def small_cache(self) -> Iterator[None]:
        """This thread's connection keeps a small page cache while the block runs (an import
        writing thousands of posts), then the usual one."""
        conn = self._conn()
        conn.execute(f"PRAGMA cache_size = {_IMPORT_CACHE_KB}")
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute(f"PRAGMA cache_size = {_CACHE_KB}")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self.write_lock:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- who else wrote ----------------------------------------------------------------------

    @staticmethod
    def _generation(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
        return int(row[0]) if row is not None else 0

    def _bump_generation(self, conn: sqlite3.Connection) -> None:
        """Record, inside a write transaction, that this Index changed the posts."""
        current = self._generation(conn)
        if current != self._seen_generation:
            self._foreign_write = True  # someone else wrote since this Index last looked
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(current + 1),))
        self._seen_generation = current + 1

    def changed_elsewhere(self) -> bool:
        """True (once) when another Index — another process — changed the posts since this one
        last looked: lists shown from this index are then out of date."""
        with self.write_lock:
            current = self._generation(self._conn())
            changed = self._foreign_write or current != self._seen_generation
            self._seen_generation = current
            self._foreign_write = False
            return changed

    # -- writing -----------------------------------------------------------------------------

    def stamps(self) -> dict[str, Stamp]:
        """Every indexed file (posts and problems) with its stamp, in one query."""
        rows = self._conn().execute(stamps.STAMPS)
        return {row[0]: Stamp(row[1], row[2], row[3], row[4]) for row in rows}

    def known_files(self, racy_ns: int) -> contextlib.AbstractContextManager[KnownFiles]:
        """`with index.known_files(racy_ns) as known:` what a refresh compares the files with,
        as one moment of the index shows it (see `stamps.KnownFiles`); no writes in the block."""
        return stamps.reading(self._conn(), racy_ns)

    def write(
        self,
        entries: Sequence[Entry] = (),
        removed: Iterable[str] = (),
        touched: Sequence[Entry] = (),
        now_ns: int = 0,
        *,
        clear: bool = False,
    ) -> None:
        """In one transaction: store `entries`, drop `removed` paths, and record new stamps for
        `touched` files whose content is unchanged. `clear` first empties the index (a rebuild
        that other threads never see half done)."""
        removed = list(removed)
        with self._transaction() as conn:
            if entries or removed or clear:
                self._bump_generation(conn)  # a mere new mtime (`touched`) changes no post
            if clear:
                for statement in CLEAR.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            gone = [(p,) for p in removed] + [(e.path,) for e in entries]
            if gone:
                conn.executemany(
                    "DELETE FROM posts_fts WHERE rowid = (SELECT id FROM posts WHERE path = ?)",
                    gone,
                )
                conn.executemany(
                    "DELETE FROM terms WHERE post_id = (SELECT id FROM posts WHERE path = ?)", gone
                )
                conn.executemany("DELETE FROM posts WHERE path = ?", gone)
                conn.executemany("DELETE FROM problems WHERE path = ?", gone)
            for table in ("posts", "problems"):
                conn.executemany(
                    f"UPDATE {table} SET mtime_ns = ?, size = ?, indexed_ns = ? WHERE path = ?",
                    [(e.mtime_ns, e.size, now_ns, e.path) for e in touched],
                )
            self._insert(conn, entries, now_ns)

    def _insert(self, conn: sqlite3.Connection, entries: Sequence[Entry], now_ns: int) -> None:
        next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM posts").fetchone()[0]
        rows = Rows.of(entries, next_id, now_ns)
        rows.insert(conn)
        conn.executemany(INSERT_FTS, rows.fts)

    def write_all(
        self, batches: Iterable[Sequence[Entry]], now_ns: int, *, clear: bool = False
    ) -> None:
        """Fill an index that holds no files (new, or emptied first by `clear`) in one
        transaction, from `batches` of new entries (how: see `build.write_all`)."""

        from blogdesk.core.index import build  # a thread pool: no `blogdesk list` needs it

        @contextlib.contextmanager
        def changing_posts() -> Iterator[sqlite3.Connection]:
            with self._transaction() as conn:
                self._bump_generation(conn)
                yield conn

        build.write_all(changing_posts, batches, now_ns, clear=clear)

    def rename(self, old: str, new: str) -> None:
        with self._transaction() as conn:
            self._bump_generation(conn)
            conn.execute("UPDATE posts SET path = ? WHERE path = ?", (new, old))
            conn.execute("UPDATE problems SET path = ? WHERE path = ?", (new, old))

    def optimize(self) -> None:
        """Merge the FTS segments after a bulk build: searches then read one b-tree."""
        with self._transaction() as conn:
            conn.execute("INSERT INTO posts_fts (posts_fts) VALUES ('optimize')")

    # -- reading -----------------------------------------------------------------------------

    def posts(self, *, with_body: bool = False, **filters: Any) -> list[PostSummary]:
        """Summaries matching `filters` (the keyword arguments of `list_sql`)."""
        sql, args = list_sql(**filters)
        rows = self._conn().execute(sql, args)
        if not with_body:
            return summaries(rows, {})  # from the cursor: no list of 10,000 rows kept meanwhile
        listed = rows.fetchall()
        return summaries(listed, self._bodies([row[0] for row in listed]))

    def listing(self, **filters: Any) -> list[ListedPost]:
        """`posts(**filters)` with only the fields of a `ListedPost`, in half the time."""
        sql, args = list_sql(columns=LISTED_POST_COLUMNS, **filters)
        return listed_posts(self._conn().execute(sql, args))

    def summary(self, path: str, *, with_body: bool = False) -> PostSummary | None:
        row = (
            self._conn()
            .execute(f"SELECT {COLUMNS} FROM posts p WHERE p.path = ?", (path,))
            .fetchone()
        )
        if row is None:
            return None
        return summary_from_row(row, self._bodies([row[0]]).get(row[0], "") if with_body else "")

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Ranked matches for a search box query, with snippets (see `search.search`: a query
        matching `self.broad` posts or more ranks only its title and tag matches)."""
        return search.search(self._conn(), query, limit, self.broad)

    def terms(self, kind: str) -> list[tuple[str, int]]:
        """(name, number of posts) for tags ('t') or categories ('c'), most used first."""
        rows = self._conn().execute(
            "SELECT min(name), count(DISTINCT post_id) AS n FROM terms WHERE kind = ? "
            "GROUP BY key ORDER BY n DESC, key",
            (kind,),
        )
        return [(name, count) for name, count in rows]

    def problems(self) -> list[Problem]:
        rows = self._conn().execute("SELECT path, message, line FROM problems ORDER BY path")
        return [Problem(path, message, line) for path, message, line in rows]

    def count(self) -> int:
        return int(self._conn().execute("SELECT count(*) FROM posts").fetchone()[0])

    def _bodies(self, ids: Sequence[int]) -> dict[int, str]:
        if not ids:
            return {}
        rows = self._conn().execute(BODIES.format(ids=", ".join("?" * len(ids))), ids)
        return {rowid: body.replace("\u200b", "") for rowid, body in rows}
