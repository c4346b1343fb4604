"""The versions of one post, and which of them is on which blog.

`file_history(history, rel)` walks the commits from HEAD, newest first, and keeps those that
changed the file or carry a publish mark for it (a publish whose file did not change since the
last commit is an empty commit, so a path filter alone would miss it). The first mark met for an
account is the version that account's blog has now.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from dulwich.errors import ChecksumMismatch, MissingCommitError, ObjectFormatException
from dulwich.objects import Commit

from blogdesk.core.history.store import HistoryError, LibraryHistory
from blogdesk.core.history.trailers import MACHINE, PublishMark, parse_trailers, publish_marks

__all__ = ["FileHistory", "Version", "file_history", "published_text"]


@dataclass(frozen=True)
class Version:
    commit: str  # the full commit id
    time: datetime  # aware, in the committer's offset
    message: str  # the subject line
    machine: str  # where it was made ("" when not by BlogDesk)
    marks: tuple[PublishMark, ...] = ()  # publishes recorded with this version
    changed: bool = True  # False: a publish mark on an unchanged file
    live_on: tuple[str, ...] = ()  # accounts whose blog has this version now

    @property
    def short(self) -> str:
        return self.commit[:8]


@dataclass(frozen=True)
class FileHistory:
    path: str
    versions: list[Version] = field(default_factory=list)
    live: dict[str, Version] = field(default_factory=dict)  # account id -> version on that blog

    def last_published(self, account_id: str | None = None) -> Version | None:
        """The version last sent to that account (any account when None)."""
        if account_id is not None:
            return self.live.get(account_id)
        for version in self.versions:
            if version.marks:
                return version
        return None


# A lost or damaged git object (a disk error, a half-copied library).
_DAMAGED = (
    KeyError,
    ValueError,
    MissingCommitError,
    ObjectFormatException,
    ChecksumMismatch,
    zlib.error,
)


def _when(commit: Commit) -> datetime:
    tz = timezone(timedelta(seconds=commit.commit_timezone))
    return datetime.fromtimestamp(commit.commit_time, tz)


def file_history(history: LibraryHistory, rel: str, *, limit: int | None = None) -> FileHistory:
    """The versions of the library file `rel`, newest first (at most `limit`)."""
    found: list[Version] = []
    live: dict[str, int] = {}
    try:
        for commit in history.walk():
            message = commit.message.decode("utf-8", "replace")
            marks = tuple(m for m in publish_marks(message) if m.path == rel)
            ours = history.blob_id(commit.tree, rel)
            theirs = [history.blob_id(history.commit_object(p).tree, rel) for p in commit.parents]
            changed = ours is not None and all(blob != ours for blob in theirs)
            deleted = ours is None and any(blob is not None for blob in theirs)
            if not (changed or marks or deleted):
                continue
            trailers = dict(parse_trailers(message))
            for mark in marks:
                live.setdefault(mark.account_id, len(found))
            found.append(
                Version(
                    commit=commit.id.decode("ascii"),
                    time=_when(commit),
                    message=message.splitlines()[0] if message else "",
                    machine=trailers.get(MACHINE, ""),
                    marks=marks,
                    changed=changed or deleted,
                )
            )
            if limit is not None and len(found) >= limit:
                break
    except _DAMAGED as exc:
        raise HistoryError(
            f"The history of {rel} cannot be read: {exc}. A part of the library's git data is "
            "missing or damaged (`git fsck` in the library folder names it); the post itself "
            "is not affected."
        ) from exc
    by_index: dict[int, list[str]] = {}
    for account_id, index in live.items():
        by_index.setdefault(index, []).append(account_id)
    versions = [
        _with_live(version, tuple(sorted(by_index.get(i, [])))) for i, version in enumerate(found)
    ]
    return FileHistory(rel, versions, {a: versions[i] for a, i in live.items()})


def _with_live(version: Version, accounts: tuple[str, ...]) -> Version:
    if not accounts:
        return version
    return Version(
        version.commit,
        version.time,
        version.message,
        version.machine,
        version.marks,
        version.changed,
        accounts,
    )


def published_text(history: LibraryHistory, rel: str, account_id: str | None) -> str | None:
    """The file as it was last sent to the account (any account when None); None if never."""
    version = file_history(history, rel).last_published(account_id)
    if version is None:
        return None
    data = history.read(rel, version.commit)
    return None if data is None else data.decode("utf-8", "replace")
