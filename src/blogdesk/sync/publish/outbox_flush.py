"""Sending what waits in the outbox, and resolving conflicts.

`flush_outbox` sends the due jobs (all retryable ones with force=True): call it at start-up, when
the network comes back, and from a timer at `Outbox.next_due_at()`. A job that fails because the
site is still unreachable backs off (30 s doubling to an hour); one that needs the author (a
conflict, a refused password, a post deleted locally) is kept as "failed" and not retried.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.post.post import Post
from blogdesk.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from blogdesk.sync.provider import (
    ConflictError,
    RateLimitedError,
    ResponseLostError,
    ServerError,
    SiteUnreachableError,
)
from blogdesk.sync.publish import actions
from blogdesk.sync.publish.context import PublishContext
from blogdesk.sync.publish.pull import apply_remote, pulled_state
from blogdesk.sync.publish.results import FlushResult, PublishResult

Resolution = Literal["overwrite", "take_remote", "keep_both"]
_RETRYABLE = (SiteUnreachableError, ResponseLostError, ServerError, RateLimitedError)


def flush_outbox(
    ctx: PublishContext,
    *,
    force: bool = False,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> FlushResult:
    report = progress or no_progress
    token = cancel or CancelToken()
    outbox = ctx.outbox
    sent: list[PublishResult] = []
    failed: list[str] = []
    jobs = outbox.due(force=force)
    for number, job in enumerate(jobs, start=1):
        token.raise_if_cancelled()
        if not outbox.claim(job.id):
            continue  # another BlogDesk is sending it
        report(Progress("send", f"Sending {job.post_path}", number - 1, len(jobs)))
        account = ctx.accounts.find(job.account_id)
        if account is None:
            outbox.fail(job.id, "The blog account of this job was removed.")
            failed.append(f"{job.post_path}: the blog account was removed")
            continue
        try:
            if job.action == "publish":
                date = job.options.get("date")
                result = actions.publish(
                    ctx,
                    job.post_path,
                    account,
                    status=job.options.get("status"),
                    date=datetime.fromisoformat(date) if date else None,
                    queue_if_offline=False,
                    cancel=token,
                )
            elif job.action == "unpublish":
                result = actions.unpublish(ctx, job.post_path, account, queue_if_offline=False)
            elif job.action == "delete":
                result = actions.delete_remote(ctx, job.post_path, account, queue_if_offline=False)
            else:
                raise BlogDeskError(
                    f"This BlogDesk cannot do the outbox job {job.action!r} (a newer version "
                    "queued it?): update BlogDesk to send it."
                )
        except _RETRYABLE as exc:
            retry_after = exc.retry_after if isinstance(exc, RateLimitedError) else None
            outbox.retry_later(job.id, str(exc), retry_after)
            continue
        except BlogDeskError as exc:
            outbox.fail(job.id, str(exc))
            failed.append(f"{job.post_path}: {exc}")
            continue
        outbox.complete(job.id)
        sent.append(result)
    waiting = sum(1 for j in outbox.jobs() if not j.needs_attention)
    report(Progress("done", f"{len(sent)} sent, {waiting} waiting", len(jobs), len(jobs)))
    return FlushResult(sent=tuple(sent), still_waiting=waiting, failed=tuple(failed))


@dataclass(frozen=True)
class ResolveResult:
    resolution: str
    post_path: str
    publish: PublishResult | None = None  # overwrite / keep_both: the push that followed
    copy_path: str | None = None  # keep_both: the blog's version saved as a new local post


def resolve_conflict(
    ctx: PublishContext,
    error: ConflictError,
    resolution: Resolution,
    *,
    progress: ProgressCallback | None = None,
) -> ResolveResult:
    """Act on the author's choice after a ConflictError.

    - overwrite: send the local version over the blog's.
    - take_remote: replace the local post with the blog's version (HTML → Markdown).
    - keep_both: save the blog's version as a new local post (not linked), then overwrite the
      blog with the local version. Nothing is lost either way.
    """
    account = ctx.account(error.account_id)
    rel = error.post_path
    if resolution == "overwrite":
        result = actions.publish(
            ctx,
            rel,
            account,
            status=error.local.status,
            overwrite=True,
            date=error.local.date,
            progress=progress,
        )
        return ResolveResult(resolution, rel, publish=result)
    if resolution == "take_remote":
        post = ctx.library.load(rel)
        apply_remote(post, error.remote, account)
        state = post.sync_state(account.id)
        post.set_sync_state(account.id, dict(state, **pulled_state(error.remote, post)))
        ctx.library.save(post)
        return ResolveResult(resolution, rel)
    if resolution == "keep_both":
        copy = Post.new(f"{error.remote.title or 'Untitled'} (version from the blog)", "")
        apply_remote(copy, error.remote, account)
        copy.title = f"{error.remote.title or 'Untitled'} (version from the blog)"
        copy.slug = None
        copy.status = "draft"
        ctx.library.save(copy)
        copy_rel = ctx.rel_path(copy.path or "")
        result = actions.publish(
            ctx,
            rel,
            account,
            status=error.local.status,
            overwrite=True,
            date=error.local.date,
            progress=progress,
        )
        return ResolveResult(resolution, rel, publish=result, copy_path=copy_rel)
    raise BlogDeskError(f"Unknown choice {resolution!r}: use overwrite, take_remote or keep_both.")
