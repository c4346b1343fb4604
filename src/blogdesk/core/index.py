"""The library's SQLite index: post metadata for lists and an FTS5 table for full-text search.

The index is a cache of the files. It can be deleted at any time and is rebuilt from them; an index
that is not a database, is damaged, or was written by another schema version is thrown away and
recreated on open. Nothing in it is the only copy of anything.

Threads: each thread gets its own connection (WAL lets readers go on while one thread writes);
writers take `write_lock`, so a long refresh in a worker never blocks the UI thread's searches.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from blogdesk.core.errors import LibraryError
from blogdesk.core.post import PostSummary
from blogdesk.core.search_text import (
    SNIPPET_END,
    SNIPPET_START,
    fts_query,
    index_text,
    make_snippet,
    query_terms,
    snippets,
)

# Bump when the tables change or when the rules that fill them (summarize) change meaning: an index
# with another version is rebuilt from the files.
SCHEMA_VERSION = 2

SORTS = ("date", "title", "modified", "status")

# bm25 weights for the FTS columns (title, tags, body): a word in the title counts most.
_WEIGHTS = (10.0, 4.0, 1.0)

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, hash TEXT NOT NULL,
    indexed_ns INTEGER NOT NULL,
    title TEXT NOT NULL, title_key TEXT NOT NULL, status TEXT NOT NULL,
    date TEXT, date_key TEXT, slug TEXT, excerpt TEXT, word_count INTEGER NOT NULL,
    tags TEXT NOT NULL, categories TEXT NOT NULL
);
CREATE INDEX posts_date ON posts (date_key);
CREATE INDEX posts_title ON posts (title_key);
CREATE INDEX posts_status ON posts (status);
CREATE INDEX posts_mtime ON posts (mtime_ns);
-- kind: 't' tag, 'c' category; key: casefolded name (filters and counts ignore case)
CREATE TABLE terms (post_id INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
                    key TEXT NOT NULL);
CREATE INDEX terms_key ON terms (kind, key);
CREATE INDEX terms_post ON terms (post_id);
CREATE TABLE problems (
    path TEXT PRIMARY KEY,
    mtime_ns INTEGER NOT NULL, size INTEGER NOT NULL, hash TEXT NOT NULL,
    indexed_ns INTEGER NOT NULL,
    message TEXT NOT NULL, line INTEGER
);
-- prefix indexes make the first letters typed in the search box as fast as whole words
CREATE VIRTUAL TABLE posts_fts USING fts5(
    title, tags, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
"""


@dataclass(frozen=True)
class Stamp:
    """What a refresh compares: the file's mtime and size, and the hash of what was indexed."""

    mtime_ns: int
    size: int
    hash: str
    indexed_ns: int  # when the row was written; a file changed in the same tick looks unchanged


@dataclass(frozen=True)
class Problem:
    """A file in the library that cannot be read as a post (it is listed, never modified)."""

    path: str  # relative to the library root, POSIX separators
    message: str
    line: int | None = None


@dataclass(frozen=True)
class SearchHit:
    summary: PostSummary
    snippet_html: str  # HTML-escaped, the matched words in <mark>…</mark>
    snippet_text: str  # plain text, the matched words in «…»
    score: float  # higher is better


@dataclass(frozen=True)
class Entry:
    """One file's new state for `Index.write`: a post (summary) or a problem."""

    path: str
    mtime_ns: int
    size: int
    hash: str
    summary: PostSummary | None = None
    problem: Problem | None = None


class Index:
    def __init__(self, db_path: Path) -> None:
        self.path = db_path
        self.write_lock = threading.RLock()
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self.broad = _BROAD  # see search()
        self.created = self._open_or_recreate()

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=15, isolation_level=None, check_same_thread=False)
        # A cache: losing the last transactions to a power cut only means re-reading a few files.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -32000")
        return conn

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._all_lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._all_lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def _open_or_recreate(self) -> bool:
        """Open the index; a missing, damaged or outdated one is recreated. True if (re)created."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            try:
                conn = self._conn()
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row is not None and row[0] == str(SCHEMA_VERSION):
                    conn.execute("SELECT count(*) FROM posts_fts_idx").fetchone()
                    return False
            except sqlite3.DatabaseError:
                pass
        self.recreate()
        return True

    def recreate(self) -> None:
        """Throw the index file away and create empty tables (the caller then re-reads files)."""
        with self.write_lock:
            self.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
            conn = self._conn()
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(f"BEGIN; {_SCHEMA} COMMIT;")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self.write_lock:
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------

    def stamps(self) -> dict[str, Stamp]:
        """Every indexed file (posts and problems) with its stamp, in one query."""
        rows = self._conn().execute(
            "SELECT path, mtime_ns, size, hash, indexed_ns FROM posts "
            "UNION ALL SELECT path, mtime_ns, size, hash, indexed_ns FROM problems"
        )
        return {row[0]: Stamp(row[1], row[2], row[3], row[4]) for row in rows}

    def write(
        self,
        entries: Sequence[Entry] = (),
        removed: Iterable[str] = (),
        touched: Sequence[Entry] = (),
        now_ns: int = 0,
    ) -> None:
        """In one transaction: store `entries`, drop `removed` paths, and record new stamps for
        `touched` files whose content is unchanged."""
        with self._transaction() as conn:
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
        posts: list[tuple[Any, ...]] = []
        fts: list[tuple[Any, ...]] = []
        terms: list[tuple[Any, ...]] = []
        problems: list[tuple[Any, ...]] = []
        for entry in entries:
            s = entry.summary
            if s is None:
                problem = entry.problem or Problem(entry.path, "cannot be read")
                problems.append(
                    (
                        entry.path,
                        entry.mtime_ns,
                        entry.size,
                        entry.hash,
                        now_ns,
                        problem.message,
                        problem.line,
                    )
                )
                continue
            post_id = next_id
            next_id += 1
            posts.append(
                (
                    post_id,
                    entry.path,
                    entry.mtime_ns,
                    entry.size,
                    entry.hash,
                    now_ns,
                    s.title,
                    s.title.casefold(),
                    s.status,
                    s.date,
                    date_key(s.date),
                    s.slug,
                    s.excerpt,
                    s.word_count,
                    json.dumps(s.tags),
                    json.dumps(s.categories),
                )
            )
            fts.append(
                (post_id, index_text(s.title), index_text(" ".join(s.tags)), index_text(s.body))
            )
            terms.extend((post_id, "t", t, t.casefold()) for t in s.tags)
            terms.extend((post_id, "c", c, c.casefold()) for c in s.categories)
        conn.executemany(f"INSERT INTO posts VALUES ({', '.join('?' * 16)})", posts)
        conn.executemany(
            "INSERT INTO posts_fts (rowid, title, tags, body) VALUES (?, ?, ?, ?)", fts
        )
        conn.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", terms)
        conn.executemany("INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?)", problems)

    def rename(self, old: str, new: str) -> None:
        with self._transaction() as conn:
            conn.execute("UPDATE posts SET path = ? WHERE path = ?", (new, old))
            conn.execute("UPDATE problems SET path = ? WHERE path = ?", (new, old))

    def optimize(self) -> None:
        """Merge the FTS segments after a bulk build: searches then read one b-tree."""
        with self._transaction() as conn:
            conn.execute("INSERT INTO posts_fts (posts_fts) VALUES ('optimize')")

    # -- reading -----------------------------------------------------------------------------

    def posts(
        self,
        *,
        status: str | Iterable[str] | None = None,
        tag: str | None = None,
        category: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        sort: str = "date",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
        with_body: bool = False,
    ) -> list[PostSummary]:
        where: list[str] = []
        args: list[Any] = []
        if status is not None:
            wanted = [status] if isinstance(status, str) else list(status)
            where.append(f"p.status IN ({', '.join('?' * len(wanted))})")
            args.extend(s.strip().lower() for s in wanted)
        for kind, name in (("t", tag), ("c", category)):
            if name is not None:
                where.append(
                    "EXISTS (SELECT 1 FROM terms t WHERE t.post_id = p.id AND t.kind = ? "
                    "AND t.key = ?)"
                )
                args.extend((kind, name.strip().casefold()))
        if since is not None:
            where.append("p.date_key >= ?")
            args.append(_bound_key(since, end=False))
        if until is not None:
            where.append("p.date_key < ?")
            args.append(_bound_key(until, end=True))
        order = _order_by(sort, descending)
        sql = f"SELECT {_COLUMNS} FROM posts p"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
        args.extend((-1 if limit is None else max(limit, 0), max(offset, 0)))
        rows = self._conn().execute(sql, args).fetchall()
        bodies = self._bodies([row[0] for row in rows]) if with_body else {}
        return [_summary(row, bodies.get(row[0], "")) for row in rows]

    def summary(self, path: str, *, with_body: bool = False) -> PostSummary | None:
        row = (
            self._conn()
            .execute(f"SELECT {_COLUMNS} FROM posts p WHERE p.path = ?", (path,))
            .fetchone()
        )
        if row is None:
            return None
        return _summary(row, self._bodies([row[0]]).get(row[0], "") if with_body else "")

    def search(self, query: str, *, limit: int = 50) -> list[SearchHit]:
        """Ranked matches for a search box query (see `fts_query`), with snippets.

        A query matching a large share of the library (a very common word, one letter typed)
        ranks only its title and tag matches and lists the body-only matches after them, newest
        first: ranking every match would cost more than a keystroke, and for such words the
        ranking says little anyway.
        """
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        conn = self._conn()
        try:
            probe = conn.execute(_PROBE, (match, self.broad)).fetchone()[0]
            if probe < self.broad:
                ranked = conn.execute(_RANKED, (match, limit)).fetchall()
            else:
                ranked = conn.execute(_RANKED, (f"{{title tags}} : ({match})", limit)).fetchall()
                seen = {rowid for rowid, _ in ranked}
                for rowid, score in conn.execute(_NEWEST, (match, limit + len(ranked))):
                    if len(ranked) >= limit:
                        break
                    if rowid not in seen:
                        ranked.append((rowid, score))
            if not ranked:
                return []
            ids = ", ".join(str(int(rowid)) for rowid, _ in ranked)
            rows = {row[0]: row for row in conn.execute(_BY_ID.format(ids=ids))}
            raw = self._snippets(conn, match, query_terms(query), ids)
        except sqlite3.OperationalError as exc:  # fts_query quotes everything: a bug if seen
            raise LibraryError(f"Search failed for “{query}”: {exc}") from exc
        hits = []
        for rowid, score in ranked:
            if rowid in rows:
                html, text = snippets(raw.get(rowid, ""))
                hits.append(SearchHit(_summary(rows[rowid], ""), html, text, -float(score)))
        return hits

    def _snippets(
        self, conn: sqlite3.Connection, match: str, terms: list[tuple[str, bool]], ids: str
    ) -> dict[int, str]:
        found: dict[int, str] = {}
        for rowid, title, tags, body in conn.execute(_TEXTS.format(ids=ids)):
            snippet = make_snippet((body, title, tags), terms)
            if snippet is not None:
                found[rowid] = snippet
        missing = [i for i in ids.split(", ") if i and int(i) not in found]
        if missing:  # words matched only through accent folding: let FTS5 find them
            found.update(conn.execute(_SNIPPETS.format(ids=", ".join(missing)), (match,)))
        return found

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
        rows = self._conn().execute(
            f"SELECT rowid, body FROM posts_fts WHERE rowid IN ({', '.join('?' * len(ids))})", ids
        )
        return {rowid: body.replace("\u200b", "") for rowid, body in rows}


# A query matching at least this many posts is "broad" (see Index.search).
_BROAD = 2000
_PROBE = "SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)"
_BM25 = f"bm25(posts_fts, {', '.join(map(str, _WEIGHTS))})"
_RANKED = (
    f"SELECT rowid, {_BM25} AS score FROM posts_fts WHERE posts_fts MATCH ? ORDER BY score LIMIT ?"
)
_NEWEST = (
    f"SELECT rowid, {_BM25} FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
)
_TEXTS = "SELECT rowid, title, tags, body FROM posts_fts WHERE rowid IN ({ids})"
_SNIPPETS = (
    f"SELECT rowid, snippet(posts_fts, -1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 16) "
    "FROM posts_fts WHERE posts_fts MATCH ? AND rowid IN ({ids})"
)
_COLUMNS = (
    "p.id, p.path, p.title, p.status, p.date, p.slug, p.tags, p.categories, p.excerpt, p.word_count"
)
_BY_ID = f"SELECT {_COLUMNS} FROM posts p WHERE p.id IN ({{ids}})"


def _summary(row: Sequence[Any], body: str) -> PostSummary:
    return PostSummary(
        path=row[1],
        title=row[2],
        status=row[3],
        date=row[4],
        slug=row[5],
        tags=tuple(json.loads(row[6])),
        categories=tuple(json.loads(row[7])),
        excerpt=row[8],
        word_count=row[9],
        body=body,
    )


def _order_by(sort: str, descending: bool) -> str:
    direction = "DESC" if descending else "ASC"
    columns = {
        "date": f"p.date_key {direction} NULLS LAST, p.title_key",
        "title": f"p.title_key {direction}, p.path",
        "modified": f"p.mtime_ns {direction}, p.title_key",
        "status": f"p.status {direction}, p.date_key DESC NULLS LAST, p.title_key",
    }
    if sort not in columns:
        raise LibraryError(f"Cannot sort by “{sort}”: choose one of {', '.join(SORTS)}.")
    return columns[sort]


def date_key(value: str | None) -> str | None:
    """A sortable form of an ISO date: UTC for dates with an offset, as written for the others."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return _moment_key(moment)


def _moment_key(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="microseconds")


def _bound_key(value: date | str, *, end: bool) -> str:
    """`since` is inclusive, `until` too: a bare day as `until` takes in that whole day."""
    if isinstance(value, str):
        try:
            value = (
                datetime.fromisoformat(value)
                if "T" in value or " " in value.strip()
                else (date.fromisoformat(value.strip()))
            )
        except ValueError as exc:
            raise LibraryError(f"“{value}” is not a date (use YYYY-MM-DD).") from exc
    if isinstance(value, datetime):
        key = _moment_key(value)
        return key + "\uffff" if end else key  # until a moment: that moment included
    start = datetime.combine(value + timedelta(days=1) if end else value, datetime.min.time())
    return _moment_key(start)
