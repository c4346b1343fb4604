"""The sync state of each post, as one short badge for the library list.

Computed from two things only: the post's own `blogdesk:` sync state (front matter, written by
SyncService after every push) and the outbox (`Outbox.pending_for` / `Outbox.jobs`).
`badge_for` and `compute_badges` are plain Python, safe on a worker thread; `BadgeUpdater` runs
them in the TaskRunner for the rows the library lists, and the model only looks them up.

Order of precedence, most urgent first: conflict, pending in the outbox, changed since publish,
then the blog's status (scheduled, published, draft on server, ...), else local only.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from blogdesk.core.post.post import RESERVED_KEY, Post
from blogdesk.sync.publish import changes
from blogdesk.sync.publish.outbox import Job, Outbox
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, translate
from blogdesk.ui.tasks import TaskRunner

__all__ = [
    "BADGE_LABELS",
    "BadgeCache",
    "BadgeUpdater",
    "SyncBadge",
    "badge_for",
    "compute_badges",
    "is_conflict_error",
]

# key -> what the list shows. Keys are stable (tests, colours); labels are for people, translated
# when a badge is made (QT_TRANSLATE_NOOP only marks them).
BADGE_LABELS: dict[str, str] = {
    "local": QT_TRANSLATE_NOOP("SyncBadge", "local only"),
    "draft": QT_TRANSLATE_NOOP("SyncBadge", "draft on server"),
    "scheduled": QT_TRANSLATE_NOOP("SyncBadge", "scheduled"),
    "published": QT_TRANSLATE_NOOP("SyncBadge", "published"),
    "private": QT_TRANSLATE_NOOP("SyncBadge", "private on server"),
    "review": QT_TRANSLATE_NOOP("SyncBadge", "awaiting review"),
    "trash": QT_TRANSLATE_NOOP("SyncBadge", "in the blog's trash"),
    "changed": QT_TRANSLATE_NOOP("SyncBadge", "changed since publish"),
    "pending": QT_TRANSLATE_NOOP("SyncBadge", "pending in outbox"),
    "attention": QT_TRANSLATE_NOOP("SyncBadge", "outbox: needs you"),
    "conflict": QT_TRANSLATE_NOOP("SyncBadge", "conflict"),
    # "Keep the draft on the blog" (sync/drafts.py): the blog's draft follows the saves.
    "draft_kept": QT_TRANSLATE_NOOP("SyncBadge", "draft on the blog, up to date"),
    "draft_pending": QT_TRANSLATE_NOOP("SyncBadge", "draft on the blog, pending"),
}
log = logging.getLogger(__name__)
_REMOTE_KEYS = {
    "draft": "draft",
    "future": "scheduled",
    "publish": "published",
    "private": "private",
    "pending": "review",
    "trash": "trash",
}
# The words SyncService puts in a ConflictError's message (a failed outbox job keeps only the
# text). TODO(sync): a structured error kind on Job would make this exact.
_CONFLICT_WORDS = ("changed on the blog",)


@dataclass(frozen=True)
class SyncBadge:
    key: str  # one of BADGE_LABELS
    label: str
    tooltip: str = ""
    link: str = ""  # the post on the blog, when it has been sent
    account_id: str = ""  # the account the badge speaks of ("" for local only)


def is_conflict_error(message: str) -> bool:
    return any(word in message for word in _CONFLICT_WORDS)


def _badge(key: str, tooltip: str = "", link: str = "", account_id: str = "") -> SyncBadge:
    return SyncBadge(key, translate("SyncBadge", BADGE_LABELS[key]), tooltip, link, account_id)


@dataclass(frozen=True)
class _FileState:
    """What the file says: the most recently synced account's state, and whether the author's
    content changed since that sync."""

    account_id: str
    state: dict[str, Any]
    changed: bool
    keeps_draft: bool = False  # the post asks for its draft on a blog (`keep_draft_on`)


def _latest_account(post: Post) -> tuple[str, dict[str, Any]]:
    best: tuple[str, dict[str, Any]] = ("", {})
    for account_id in post.sync_accounts():
        state = post.sync_state(account_id)
        if not state.get("remote_id"):
            continue
        if not best[0] or str(state.get("synced_at", "")) > str(best[1].get("synced_at", "")):
            best = (account_id, state)
    return best


def _file_state(post: Post) -> _FileState:
    account_id, state = _latest_account(post)
    recorded = state.get("source_hash")
    changed = bool(recorded) and recorded != changes.source_hash(post)
    reserved = post.get(RESERVED_KEY)
    keeps = isinstance(reserved, dict) and bool(reserved.get("keep_draft_on"))
    return _FileState(account_id, state, changed, keeps)


def badge_for(post: Post, jobs: Iterable[Job] = (), *, conflicted: bool = False) -> SyncBadge:
    """The badge of one post, given its outbox jobs (`Outbox.pending_for(rel_path)`)."""
    return _from_state(_file_state(post), list(jobs), conflicted)


def _from_state(file: _FileState, jobs: list[Job], conflicted: bool) -> SyncBadge:
    link = str(file.state.get("link") or "")
    failed = [j for j in jobs if j.needs_attention]
    if conflicted or any(is_conflict_error(j.last_error) for j in failed):
        return _badge(
            "conflict",
            translate(
                "SyncBadge",
                "The post was changed on the blog and here: publish it to "
                "choose which version to keep.",
            ),
            link,
            file.account_id,
        )
    if failed:
        return _badge("attention", failed[-1].last_error, link, failed[-1].account_id)
    if jobs and all(j.options.get("keep_draft") for j in jobs):
        return _badge(
            "draft_pending",
            translate("SyncBadge", "The draft on the blog is updated when the blog answers."),
            link,
            jobs[-1].account_id,
        )
    if jobs:
        job = jobs[-1]
        tooltip = (
            translate(
                "SyncBadge",
                "Waiting to be sent ({action}) when the blog answers (last try: {error}).",
            )
            if job.last_error
            else translate("SyncBadge", "Waiting to be sent ({action}) when the blog answers.")
        )
        return _badge(
            "pending",
            tooltip.format(action=job.action, error=job.last_error),
            link,
            job.account_id,
        )
    if not file.account_id:
        return _badge("local", translate("SyncBadge", "Not on any blog yet."))
    remote_draft = str(file.state.get("status") or "") == "draft"
    if file.changed and file.keeps_draft and remote_draft:
        return _badge(
            "draft_pending",
            translate(
                "SyncBadge", "Saved here; the draft on the blog follows after the next save burst."
            ),
            link,
            file.account_id,
        )
    if file.changed:
        return _badge(
            "changed",
            translate("SyncBadge", "Edited here since it was last sent to the blog."),
            link,
            file.account_id,
        )
    key = _REMOTE_KEYS.get(str(file.state.get("status") or ""), "draft")
    if key == "draft" and file.keeps_draft:
        key = "draft_kept"
    when = str(file.state.get("synced_at") or "")
    sent = translate("SyncBadge", "Last sent {when}").format(when=when) if when else ""
    return _badge(key, sent, link, file.account_id)


class BadgeCache:
    """Reads each file once per change (keyed by size and mtime), so listing 10,000 posts again
    costs one `stat` each. Files without BlogDesk's key are never parsed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[tuple[int, int], _FileState]] = {}

    def file_state(self, root: Path, rel: str) -> _FileState:
        full = root / rel
        try:
            info = os.stat(full)
        except OSError:
            return _FileState("", {}, False)
        stamp = (info.st_mtime_ns, info.st_size)
        with self._lock:
            hit = self._entries.get(rel)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        state = _FileState("", {}, False)
        try:
            text = full.read_text(encoding="utf-8-sig")
            if f"{RESERVED_KEY}:" in text or f"[{RESERVED_KEY}" in text:
                state = _file_state(Post.parse(text, full))
        except Exception:  # a broken file is the library's to report, not ours
            state = _FileState("", {}, False)
        with self._lock:
            self._entries[rel] = (stamp, state)
        return state


def compute_badges(
    root: Path,
    rel_paths: Iterable[str],
    outbox: Outbox | None = None,
    *,
    conflicted: Iterable[str] = (),
    cache: BadgeCache | None = None,
) -> dict[str, SyncBadge]:
    """Badges for many posts (relative paths) at once; call it on a worker thread."""
    cache = cache or BadgeCache()
    by_path: dict[str, list[Job]] = {}
    if outbox is not None and outbox.path.exists():  # no outbox file: nothing was ever queued
        for job in outbox.jobs():
            by_path.setdefault(job.post_path, []).append(job)
    flagged = set(conflicted)
    return {
        rel: _from_state(cache.file_state(root, rel), by_path.get(rel, []), rel in flagged)
        for rel in rel_paths
    }


class BadgeUpdater(QObject):
    """Recomputes the badges of the listed posts in the TaskRunner, one run at a time; a request
    made meanwhile runs once more afterwards with the newest list."""

    updated = Signal(object)  # dict: rel path -> SyncBadge

    def __init__(
        self, runner: TaskRunner, root: Path, outbox: Outbox, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner, self.root, self.outbox = runner, root, outbox
        self.cache = BadgeCache()
        self.badges: dict[str, SyncBadge] = {}
        self._running = False
        self._again: tuple[list[str], set[str]] | None = None

    def refresh(self, paths: Iterable[str], conflicted: Iterable[str] = ()) -> None:
        wanted, flagged = list(paths), set(conflicted)
        if self._running:
            self._again = (wanted, flagged)
            return
        self._running = True
        root, outbox, cache = self.root, self.outbox, self.cache
        self.runner.run(
            lambda: compute_badges(root, wanted, outbox, conflicted=flagged, cache=cache),
            self._done,
            self._failed,
        )

    def _done(self, badges: dict[str, SyncBadge]) -> None:
        self._running = False
        self.badges = badges
        self.updated.emit(badges)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        log.warning("sync badges could not be computed: %s", exc)
        self._next()

    def _next(self) -> None:
        if self._again is not None:
            again, self._again = self._again, None
            self.refresh(*again)
