"""The three things the outbox can hold — publish, unpublish, delete — sent at once or queued.

Each sends now; when the blog cannot be reached (or its answer was lost) and `queue_if_offline`
is set, the intent goes into the outbox instead and the result says `queued`. The outbox flush
calls them with `queue_if_offline=False`, so a job that fails again stays the same job.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from blogdesk.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import ResponseLostError, SiteUnreachableError
from blogdesk.sync.publish import take_down
from blogdesk.sync.publish.context import PublishContext
from blogdesk.sync.publish.outbox import Action
from blogdesk.sync.publish.publish_post import publish_post
from blogdesk.sync.publish.results import PublishResult

__all__ = ["delete_remote", "publish", "unpublish"]

log = logging.getLogger("blogdesk.sync.service")  # the name these messages always had


def publish(
    ctx: PublishContext,
    path: Path | str,
    account: Account | str,
    *,
    status: str | None = None,
    date: datetime | None = None,
    overwrite: bool = False,
    queue_if_offline: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> PublishResult:
    """Create or update the post on the blog (see `SyncService.publish`)."""
    acc = ctx.account(account)
    rel = ctx.rel_path(path)
    report = progress or no_progress
    try:
        return publish_post(ctx, acc, rel, status, date, overwrite, report, cancel)
    except (SiteUnreachableError, ResponseLostError) as exc:
        if not queue_if_offline:
            raise
        options = {"status": status, "date": date.isoformat() if date else None}
        return _queue(ctx, acc, "publish", rel, options, exc, report)


def unpublish(
    ctx: PublishContext, path: Path | str, account: Account | str, *, queue_if_offline: bool = True
) -> PublishResult:
    """Turn the blog's copy back into a draft (its text untouched)."""
    acc = ctx.account(account)
    try:
        return take_down.unpublish(ctx, path, acc)
    except (SiteUnreachableError, ResponseLostError) as exc:
        if not queue_if_offline:
            raise
        return _queue(ctx, acc, "unpublish", ctx.rel_path(path), {}, exc)


def delete_remote(
    ctx: PublishContext, path: Path | str, account: Account | str, *, queue_if_offline: bool = True
) -> PublishResult:
    """Move the blog's copy to the blog's trash; the local file stays."""
    acc = ctx.account(account)
    try:
        return take_down.delete_remote(ctx, path, acc)
    except (SiteUnreachableError, ResponseLostError) as exc:
        if not queue_if_offline:
            raise
        return _queue(ctx, acc, "delete", ctx.rel_path(path), {}, exc)


def _queue(
    ctx: PublishContext,
    account: Account,
    action: Action,
    rel: str,
    options: dict[str, Any],
    exc: Exception,
    report: ProgressCallback = no_progress,
) -> PublishResult:
    ctx.outbox.enqueue(account.id, action, rel, options, error=str(exc))
    log.info("queued %s of %s for %s: %s", action, rel, account.name, exc)
    message = f"{exc} The job waits in the outbox and is sent when the site answers."
    report(Progress("queued", message))
    return PublishResult(
        account_id=account.id,
        post_path=rel,
        queued=True,
        requested_status=str(options.get("status") or ""),
        notices=(message,),
    )
