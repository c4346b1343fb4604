"""The rows of a list of posts as Python objects, made for lists of 10,000 posts and more:
`PostSummary`s with every field, or `ListedPost`s with the five a one-line list shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from blogdesk.core.index.sql import LISTED, split_terms
from blogdesk.core.post.post import PostSummary

__all__ = ["LISTED_POST_COLUMNS", "ListedPost", "listed_posts", "summaries"]


class ListedPost(NamedTuple):
    """A post as a list of one line per post shows it (`blogdesk list`)."""

    path: str  # relative to the library root, POSIX separators
    title: str
    status: str
    date: str | None  # ISO 8601
    tags: tuple[str, ...]


LISTED_POST_COLUMNS = "p.path, p.title, p.status, p.date, p.tags"


class _SplitTerms(dict[str, tuple[str, ...]]):
    """`split_terms` once per distinct text: posts share their tags and categories, and so may
    their summaries (tuples: nobody can change them)."""

    def __missing__(self, text: str) -> tuple[str, ...]:
        terms = self[text] = split_terms(text)
        return terms


def listed_posts(rows: Iterable[Sequence[Any]]) -> list[ListedPost]:
    """A `ListedPost` for each row of `LISTED_POST_COLUMNS`."""
    terms = _SplitTerms()
    new = tuple.__new__
    return [
        new(ListedPost, (path, title, status, dated, terms[tags]))
        for path, title, status, dated, tags in rows
    ]


# The summaries of a whole list are made without PostSummary's __init__: a frozen dataclass's sets
# each field through object.__setattr__, which for 10,000 posts took ~35 ms of a cold `blogdesk
# list`. Setting its slots directly, as unpickling does, takes ~16 ms. A field added to
# PostSummary must be added here too (test_index.py compares these summaries with ones made by
# PostSummary itself).
_SLOT_SETTERS = tuple(getattr(PostSummary, name).__set__ for name in (*LISTED, "body"))


def summaries(rows: Iterable[Sequence[Any]], bodies: dict[int, str]) -> list[PostSummary]:
    """A summary for each row of `sql.COLUMNS` (its body from `bodies`, by post id, or "")."""
    set_path, set_title, set_status, set_date, set_slug = _SLOT_SETTERS[:5]
    set_tags, set_categories, set_excerpt, set_words, set_body = _SLOT_SETTERS[5:]
    terms = _SplitTerms()
    new = object.__new__
    made = []
    for post_id, path, title, status, dated, slug, tags, categories, excerpt, words in rows:
        summary = new(PostSummary)
        set_path(summary, path)
        set_title(summary, title)
        set_status(summary, status)
        set_date(summary, dated)
        set_slug(summary, slug)
        set_tags(summary, terms[tags])
        set_categories(summary, terms[categories])
        set_excerpt(summary, excerpt)
        set_words(summary, words)
        set_body(summary, bodies.get(post_id, "") if bodies else "")
        made.append(summary)
    return made
