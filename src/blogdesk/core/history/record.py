"""Recording saves and publishes in the history: the two kinds of commit BlogDesk makes."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from blogdesk.core.history.store import LibraryHistory, is_tracked
from blogdesk.core.history.trailers import FILE, PUBLISHED, PublishMark
from blogdesk.core.post.post import Post

__all__ = ["record_publish", "record_saves"]

log = logging.getLogger(__name__)


def record_saves(history: LibraryHistory, paths: Iterable[str] | None = None) -> str | None:
    """One commit for a save burst: the named files (every tracked file when None) as they are
    on disk. None when nothing changed since the last commit."""
    wanted = None if paths is None else [p for p in paths if is_tracked(p)]
    if wanted is not None and not wanted:
        return None
    if wanted is None:
        subject = "Save the library"
    elif len(wanted) == 1:
        subject = f"Save {wanted[0]}"
    else:
        subject = f"Save {len(wanted)} posts"
    return history.commit(subject, paths=wanted)


def record_publish(
    history: LibraryHistory,
    mark: PublishMark,
    subject: str,
    sent: bytes | None = None,
) -> str | None:
    """A marked commit for one publish, update or unpublish of `mark.path`.

    `sent` is the file as it was read for sending. When the body on disk is still that body (the
    front matter changes a publish makes itself: status, date, sync state), the commit is the
    file on disk; when the author typed meanwhile, the commit holds `sent` (what the blog got)
    and their newer text follows in a save commit of its own, so the marked version is the text
    that is on the blog."""
    rel = mark.path
    trailers = [(FILE, rel), (PUBLISHED, mark.trailer())]
    after = history.read_disk(rel)
    if sent is not None and after is not None and _body(sent) != _body(after):
        made = history.commit(subject, contents={rel: sent}, trailers=trailers, allow_empty=True)
        record_saves(history, [rel])
        return made
    return history.commit(subject, paths=[rel], trailers=trailers, allow_empty=True)


def _body(data: bytes) -> str:
    text = data.decode("utf-8", "replace")
    try:
        return Post.parse(text).body
    except Exception:  # unreadable front matter: compare the whole text
        return text
