"""Full-text search in the index: ranked matches with snippets (`Index.search` runs this)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from blogdesk.core.errors import LibraryError
from blogdesk.core.index.search_text import SnippetMaker, fts_query, query_terms, snippets
from blogdesk.core.index.sql import BY_ID, NEWEST, PROBE, RANKED, SNIPPETS, TEXTS, summary_from_row
from blogdesk.core.post.post import PostSummary

__all__ = ["SearchHit", "search"]


@dataclass(frozen=True)
class SearchHit:
    """One search result. `summary.body` is left empty (the snippet shows the match)."""

    summary: PostSummary
    snippet_html: str  # HTML-escaped, the matched words in <mark>…</mark>
    snippet_text: str  # plain text, the matched words in «…»
    # Relevance, higher is better: FTS5's bm25 negated, rounded to 4 significant digits (only the
    # order means something; words found in most posts give small values such as 2.1e-06).
    score: float


def search(conn: sqlite3.Connection, query: str, limit: int, broad: int) -> list[SearchHit]:
    """Ranked matches for a search box query (see `fts_query`), with snippets.

    A query matching `broad` posts or more (a very common word, one letter typed) ranks only
    its title and tag matches and lists the body-only matches after them, newest first: ranking
    every match would cost more than a keystroke, and for such words the ranking says little.
    """
    match = fts_query(query)
    if match is None or limit <= 0:
        return []
    try:
        probe = conn.execute(PROBE, (match, broad)).fetchone()[0]
        if probe < broad:
            ranked = conn.execute(RANKED, (match, limit)).fetchall()
        else:
            ranked = conn.execute(RANKED, (f"{{title tags}} : ({match})", limit)).fetchall()
            seen = {rowid for rowid, _ in ranked}
            for rowid, score in conn.execute(NEWEST, (match, limit + len(ranked))):
                if len(ranked) >= limit:
                    break
                if rowid not in seen:
                    ranked.append((rowid, score))
        if not ranked:
            return []
        ids = ", ".join(str(int(rowid)) for rowid, _ in ranked)
        rows = {row[0]: row for row in conn.execute(BY_ID.format(ids=ids))}
        raw = _snippets(conn, match, query_terms(query), ids)
    except sqlite3.OperationalError as exc:  # fts_query quotes everything: a bug if seen
        raise LibraryError(
            f"Search failed for “{query}”: {exc}. The library's index may be damaged: "
            "rebuild it with `blogdesk reindex` (your posts are not affected)."
        ) from exc
    hits = []
    for rowid, score in ranked:
        if rowid in rows:
            html, text = snippets(raw.get(rowid, ""))
            relevance = float(f"{-score:.4g}") + 0.0  # + 0.0: never "-0.0"
            hits.append(SearchHit(summary_from_row(rows[rowid], ""), html, text, relevance))
    return hits


def _snippets(
    conn: sqlite3.Connection, match: str, terms: list[tuple[str, bool]], ids: str
) -> dict[int, str]:
    found: dict[int, str] = {}
    make_snippet = SnippetMaker(terms)
    for rowid, title, tags, body in conn.execute(TEXTS.format(ids=ids)):
        snippet = make_snippet((body, title, tags))
        if snippet is not None:
            found[rowid] = snippet
    missing = [i for i in ids.split(", ") if i and int(i) not in found]
    if missing:  # words matched only through accent folding: let FTS5 find them
        found.update(conn.execute(SNIPPETS.format(ids=", ".join(missing)), (match,)))
    return found
