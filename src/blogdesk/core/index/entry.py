"""What a refresh hands the index for one file: a post's summary or the problem reading it.

On their own so that `sql.py` (which turns entries into rows) and `build.py` need not import
`index.py`, which imports them: the index package then imports one way only.
"""

from __future__ import annotations

from dataclasses import dataclass

from blogdesk.core.post.post import PostSummary

__all__ = ["Entry", "Problem"]


@dataclass(frozen=True)
class Problem:
    """A file in the library that cannot be read as a post (it is listed, never modified)."""

    path: str  # relative to the library root, POSIX separators
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Entry:
    """One file's new state for `Index.write`: a post (summary) or a problem."""

    path: str
    mtime_ns: int
    size: int
    hash: str
    summary: PostSummary | None = None
    problem: Problem | None = None
