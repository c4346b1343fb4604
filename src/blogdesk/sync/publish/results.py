"""What the sync service reports back: its results. Plain data, no Qt.

Progress and cancellation use `blogdesk.core.progress`, as the importers do. The window runs
`SyncService` calls on a worker thread: it passes a `progress` callable (called on the worker
thread; the window forwards it to the GUI thread through a signal) and a `CancelToken` whose
`cancel()` it may call from the GUI thread. Cancellation is checked between steps (before each
upload and before the create/update), never in the middle of a request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What a cancelled sync job says (the token `SyncService` callers pass is
# `CancelToken(CANCELLED)`): the service checks it between steps, so this is a promise it keeps.
CANCELLED = "Cancelled. Nothing more was sent to the blog."


@dataclass(frozen=True)
class ScheduleInfo:
    """A publication date shown three ways, so nobody has to convert time zones in their head."""

    utc: str  # "2026-12-01 09:00 UTC"
    blog: str  # "2026-12-01 10:00 CET (Europe/Berlin, the blog's time zone)"
    author: str  # "2026-12-01 04:00 EST (your time zone)"


@dataclass(frozen=True)
class PublishResult:
    account_id: str
    post_path: str
    remote_id: str = ""
    link: str = ""
    status: str = ""  # what the server says now (draft, publish, future, ...)
    requested_status: str = ""
    queued: bool = False  # True: the site was unreachable; the job waits in the outbox
    created: bool = False
    adopted: bool = False  # a lost create was found on the server by its slug and adopted
    uploaded: int = 0  # images uploaded in this run
    reused: int = 0  # images the blog already had
    schedule: ScheduleInfo | None = None
    notices: tuple[str, ...] = ()  # things the author should know (read-back differences, ...)
    calls: dict[str, int] = field(default_factory=dict)  # API calls made, by method name


@dataclass(frozen=True)
class PullResult:
    account_id: str
    created: tuple[str, ...] = ()  # new local posts (paths relative to the library)
    updated: tuple[str, ...] = ()  # local posts refreshed from the blog
    unchanged: int = 0
    skipped: tuple[str, ...] = ()  # reasons, e.g. a local edit and a blog edit both exist
    total_remote: int = 0


@dataclass(frozen=True)
class FlushResult:
    sent: tuple[PublishResult, ...] = ()
    still_waiting: int = 0
    failed: tuple[str, ...] = ()  # messages of jobs that now need the author


@dataclass(frozen=True)
class PostSyncInfo:
    """Where one post stands on one blog, for the Publish panel and the library list."""

    account_id: str
    account_name: str
    remote_id: str = ""
    link: str = ""
    status: str = ""  # the blog's status at the last sync ("" = never published there)
    synced_at: str = ""  # ISO 8601 UTC
    pending: str = ""  # an outbox job waiting: its action ("publish", ...); "" if none
    needs_attention: str = ""  # the outbox job's error when it waits for the author
