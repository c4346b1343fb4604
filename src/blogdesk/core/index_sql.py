"""The index's SQL: the schema, the statements, and the filters, sort orders and date keys for
lists. Kept apart from `index.py`, which holds the connections and the Index API."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from blogdesk.core.errors import LibraryError
from blogdesk.core.post import PostSummary
from blogdesk.core.search_text import SNIPPET_END, SNIPPET_START

# Bump when the tables change or when the rules that fill them (summarize) change meaning: an index
# with another version is rebuilt from the files.
SCHEMA_VERSION = 3

SORTS = ("date", "title", "modified", "status")

# bm25 weights for the FTS columns (title, tags, body): a word in the title counts most.
_WEIGHTS = (10.0, 4.0, 1.0)

# Prefix indexes make the first letters typed in the search box as fast as whole words.
FTS_TABLE = """CREATE VIRTUAL TABLE posts_fts USING fts5(
    title, tags, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'
)"""
# Empties the index inside a transaction (readers keep seeing the old rows until it commits).
CLEAR = f"""
DELETE FROM posts; DELETE FROM terms; DELETE FROM problems; DROP TABLE posts_fts; {FTS_TABLE};
"""

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
{FTS_TABLE};
INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');
"""


# A query matching at least this many posts is "broad" (see Index.search).
BROAD = 2000
PROBE = "SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH ? LIMIT ?)"
_BM25 = f"bm25(posts_fts, {', '.join(map(str, _WEIGHTS))})"
RANKED = (
    f"SELECT rowid, {_BM25} AS score FROM posts_fts WHERE posts_fts MATCH ? ORDER BY score LIMIT ?"
)
NEWEST = f"SELECT rowid, {_BM25} FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
TEXTS = "SELECT rowid, title, tags, body FROM posts_fts WHERE rowid IN ({ids})"
SNIPPETS = (
    f"SELECT rowid, snippet(posts_fts, -1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 16) "
    "FROM posts_fts WHERE posts_fts MATCH ? AND rowid IN ({ids})"
)
COLUMNS = (
    "p.id, p.path, p.title, p.status, p.date, p.slug, p.tags, p.categories, p.excerpt, p.word_count"
)
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
    """The SELECT (and its arguments) for a filtered, sorted page of posts."""
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
    sql = f"SELECT {COLUMNS} FROM posts p"
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
