"""The index's SQL: the schema, the statements, and the filters, sort orders and date keys for
lists. Kept apart from `index.py`, which holds the connections and the Index API."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from blogdesk.core.errors import LibraryError
from blogdesk.core.index.entry import Entry
from blogdesk.core.index.search_text import SNIPPET_END, SNIPPET_START, index_texts
from blogdesk.core.post.post import PostSummary

# Bump when the tables change or when the rules that fill them (summarize) change meaning: an index
# with another version is rebuilt from the files.
SCHEMA_VERSION = 5  # 5: titles from the first heading by core.render.lines

SORTS = ("date", "title", "modified", "status")

# bm25 weights for the FTS columns (title, tags, body): a word in the title counts most.
_WEIGHTS = (10.0, 4.0, 1.0)

# Prefix indexes make the first letters typed in the search box as fast as whole words: on
# 10,000 posts a one-letter query takes 3 ms with a prefix-1 index and 20-70 ms without, three
# letters 1 ms with and 11-35 ms without; four and more letters are fast without one.
# title, tags, body: the text FTS5 indexes (ё folded, see search_text); *_shown: the text as
# written where it differs, else NULL (snippets and bodies show it).
# hashsize: FTS5 writes a new segment each time its pending terms pass this size (1 MB by
# default); 64 MB turns a build's hundreds of segments and merges into a few (-40 % build time).
FTS_TABLE = """CREATE VIRTUAL TABLE posts_fts USING fts5(
    title, tags, body, title_shown UNINDEXED, tags_shown UNINDEXED, body_shown UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
);
INSERT INTO posts_fts (posts_fts, rank) VALUES ('hashsize', 67108864)"""
# Empties the index inside a transaction (readers keep seeing the old rows until it commits).
CLEAR = f"""
DELETE FROM posts; DELETE FROM terms; DELETE FROM problems; DROP TABLE posts_fts; {FTS_TABLE};
"""

# The columns a list reads after the post's id, in the order `listing.summaries` takes them.
LISTED = ("path", "title", "status", "date", "slug", "tags", "categories", "excerpt", "word_count")

# Indexes that an index file made by an earlier BlogDesk may lack: `upgrade.add_indexes` makes
# them when it is opened.
ADDED_INDEXES = {
    # A list in its usual order (newest first, then by title; also with `since`/`until`) is read
    # from this index alone: its entries are in that order and hold every column listed, so
    # SQLite sorts nothing and looks no post up in the table. 10,000 posts: 25-45 ms; with an
    # index on the date alone (`posts_date`, which this replaces) 45-75 ms, sorting each day's
    # posts in a temporary b-tree and then reading each post from the table. 3.1 MB on disk
    # for 10,000 posts (the whole index: ~150 MB). An index file made before keeps its
    # posts_date, unused (SQLite prefers this one): dropping it made the one-time upgrade's
    # commit take ~300 ms instead of ~10 (WAL, synchronous=NORMAL).
    "posts_list": "CREATE INDEX IF NOT EXISTS posts_list ON posts "
    f"(date_key DESC, title_key, {', '.join(LISTED)})",
    # What a refresh compares each file with (`stamps.KnownFiles`), read from this index alone:
    # ~5 ms less than from the table, where each row also holds the post's title, excerpt, …
    # (0.6 MB for 10,000 posts).
    "posts_stamps": "CREATE INDEX IF NOT EXISTS posts_stamps ON posts "
    "(path, mtime_ns, size, indexed_ns)",
}
_ADDED = ";\n".join(ADDED_INDEXES.values())

SCHEMA = f"""
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
{_ADDED};
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
{FTS_TABLE};
INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
"""


_FTS_COLUMNS = "title, tags, body, title_shown, tags_shown, body_shown"
INSERT_FTS = f"INSERT INTO posts_fts (rowid, {_FTS_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
# A full build passes the FTS rows through this table (see Index.write_all).
STAGING = f"CREATE TEMP TABLE IF NOT EXISTS fts_staging (id INTEGER PRIMARY KEY, {_FTS_COLUMNS})"
INSERT_STAGING = "INSERT INTO temp.fts_staging VALUES (?, ?, ?, ?, ?, ?, ?)"
FROM_STAGING = (
    f"INSERT INTO posts_fts (rowid, {_FTS_COLUMNS}) SELECT id, {_FTS_COLUMNS} "
    "FROM temp.fts_staging ORDER BY id"
)


@dataclass
class Rows:
    """The rows that store a batch of entries (FTS rows apart: they go in by another path)."""

    next_id: int  # the id of the next post after these
    posts: list[tuple[Any, ...]] = field(default_factory=list)
    fts: list[tuple[Any, ...]] = field(default_factory=list)
    terms: list[tuple[Any, ...]] = field(default_factory=list)
    problems: list[tuple[Any, ...]] = field(default_factory=list)

    @classmethod
    def of(cls, entries: Sequence[Entry], next_id: int, now_ns: int) -> Rows:
        rows = cls(next_id)
        for e in entries:
            s = e.summary
            if s is None:
                message = e.problem.message if e.problem else "cannot be read"
                line = e.problem.line if e.problem else None
                rows.problems.append((e.path, e.mtime_ns, e.size, e.hash, now_ns, message, line))
                continue
            post_id = rows.next_id
            rows.next_id += 1
            rows.posts.append(
                (
                    *(post_id, e.path, e.mtime_ns, e.size, e.hash, now_ns),
                    *(s.title, s.title.casefold(), s.status, s.date, date_key(s.date), s.slug),
                    *(s.excerpt, s.word_count, join_terms(s.tags), join_terms(s.categories)),
                )
            )
            pairs = [index_texts(text) for text in (s.title, " ".join(s.tags), s.body)]
            # Each column as indexed, then each as written (None where the same).
            rows.fts.append((post_id, *(i for i, _ in pairs), *(shown for _, shown in pairs)))
            rows.terms.extend((post_id, "t", t, t.casefold()) for t in s.tags)
            rows.terms.extend((post_id, "c", c, c.casefold()) for c in s.categories)
        return rows

    def insert(self, conn: sqlite3.Connection) -> None:
        conn.executemany(f"INSERT INTO posts VALUES ({', '.join('?' * 16)})", self.posts)
        conn.executemany("INSERT INTO terms VALUES (?, ?, ?, ?)", self.terms)
        conn.executemany("INSERT INTO problems VALUES (?, ?, ?, ?, ?, ?, ?)", self.problems)


# A query matching at least this many posts is "broad" (see Index.search).
BROAD = 2000
PROBE = "SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)"
_BM25 = f"bm25(posts_fts, {', '.join(map(str, _WEIGHTS))})"
RANKED = (
    f"SELECT rowid, {_BM25} AS score FROM posts_fts WHERE posts_fts MATCH ? ORDER BY score LIMIT ?"
)
NEWEST = f"SELECT rowid, {_BM25} FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
SHOWN = "coalesce(title_shown, title), coalesce(tags_shown, tags), coalesce(body_shown, body)"
TEXTS = f"SELECT rowid, {SHOWN} FROM posts_fts WHERE rowid IN ({{ids}})"
BODIES = "SELECT rowid, coalesce(body_shown, body) FROM posts_fts WHERE rowid IN ({ids})"
SNIPPETS = (
    f"SELECT rowid, snippet(posts_fts, -1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 16) "
    "FROM posts_fts WHERE posts_fts MATCH ? AND rowid IN ({ids})"
)
COLUMNS = ", ".join(f"p.{name}" for name in ("id", *LISTED))
BY_ID = f"SELECT {COLUMNS} FROM posts p WHERE p.id IN ({{ids}})"


# Tags and categories are stored joined by a control character (json.loads on 10,000 rows would
# cost more than the query); one in a name is dropped by `join_terms`.
_TERM_SEP = "\x1f"


def join_terms(names: Sequence[str]) -> str:
    return _TERM_SEP.join(name.replace(_TERM_SEP, "") for name in names)


def split_terms(text: str) -> tuple[str, ...]:
    return tuple(text.split(_TERM_SEP)) if text else ()


def summary_from_row(row: Sequence[Any], body: str) -> PostSummary:
    return PostSummary(
        path=row[1],
        title=row[2],
        status=row[3],
        date=row[4],
        slug=row[5],
        tags=split_terms(row[6]),
        categories=split_terms(row[7]),
        excerpt=row[8],
        word_count=row[9],
        body=body,
    )


def list_sql(
    *,
    columns: str = COLUMNS,
    status: str | Iterable[str] | None = None,
    tag: str | None = None,
    category: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    sort: str = "date",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[str, list[Any]]:
    """The SELECT of `columns` (and its arguments) for a filtered, sorted page of posts."""
    where: list[str] = []
    args: list[Any] = []
    if status is not None:
        wanted = [status] if isinstance(status, str) else list(status)
        where.append(f"p.status IN ({', '.join('?' * len(wanted))})")
        args.extend(s.strip().lower() for s in wanted)
    for kind, name in (("t", tag), ("c", category)):
        if name is not None:
            where.append("p.id IN (SELECT post_id FROM terms WHERE kind = ? AND key = ?)")
            args.extend((kind, name.strip().casefold()))
    if since is not None:
        where.append("p.date_key >= ?")
        args.append(_bound_key(since, end=False))
    if until is not None:
        where.append("p.date_key < ?")
        args.append(_bound_key(until, end=True))
    sql = f"SELECT {columns} FROM posts p"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {_order_by(sort, descending)} LIMIT ? OFFSET ?"
    args.extend((-1 if limit is None else max(limit, 0), max(offset, 0)))
    return sql, args


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
