"""Keep the draft on the blog: after a save burst, the blog's draft copy of the post is updated.

Asked per post (`blogdesk: {keep_draft_on: [account-id, ...]}` in the front matter) or per account
(the account option `keep_draft: true`); off by default. The rules that make it safe:
- only a post that is a draft here and is a draft (or nothing yet) on that blog is sent, and
  always with status "draft": this never publishes, and never unpublishes a post published since;
- it goes through the outbox as a "publish" job marked `keep_draft`, so it survives a crash and an
  offline blog, and it never replaces a real job the author queued (that job sends the newest
  text anyway);
- the send is `SyncService.publish`, so the post is created once (the remote id is recorded,
  a lost create is adopted by its slug), only new images are uploaded (the media ledger), and an
  edit made on the blog meanwhile stops it with the usual ConflictError: the job then waits in
  the outbox for the author's choice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.post.post import RESERVED_KEY, Post
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import (
    RateLimitedError,
    ResponseLostError,
    ServerError,
    SiteUnreachableError,
)
from blogdesk.sync.publish.context import PublishContext
from blogdesk.sync.publish.outbox import Job

if TYPE_CHECKING:
    from blogdesk.sync.service import SyncService

__all__ = [
    "ACCOUNT_OPTION",
    "JOB_OPTION",
    "POST_KEY",
    "DraftRun",
    "drop_stale_draft_jobs",
    "is_draft_job",
    "keep_draft_accounts",
    "keep_drafts",
    "queue_drafts",
    "send_drafts",
]

log = logging.getLogger(__name__)

POST_KEY = "keep_draft_on"  # under the post's `blogdesk:` key: a list of account ids
ACCOUNT_OPTION = "keep_draft"  # Account.options: keep every draft post's copy on this blog
JOB_OPTION = "keep_draft"  # in a job's options: this publish is a kept draft
_RETRYABLE = (SiteUnreachableError, ResponseLostError, ServerError, RateLimitedError)
_DRAFT_STATES = ("", "draft")


@dataclass
class DraftRun:
    """What one `keep_drafts` call did."""

    sent: list[str] = field(default_factory=list)  # "path → account" of drafts brought up to date
    waiting: list[str] = field(default_factory=list)  # unreachable: retried from the outbox
    failed: list[str] = field(default_factory=list)  # conflicts and refusals: the author decides


def is_draft_job(job: Job) -> bool:
    return job.action == "publish" and bool(job.options.get(JOB_OPTION))


def _post_accounts(post: Post) -> list[str]:
    reserved = post.get(RESERVED_KEY)
    wanted = reserved.get(POST_KEY) if isinstance(reserved, dict) else None
    if isinstance(wanted, str):
        return [wanted]
    return [str(a) for a in wanted] if isinstance(wanted, list) else []


def _eligible(post: Post, account: Account) -> bool:
    remote = str(post.sync_state(account.id).get("status") or "")
    return post.status == "draft" and remote in _DRAFT_STATES


def keep_draft_accounts(ctx: PublishContext, post: Post) -> list[Account]:
    """The accounts whose draft copy of `post` should follow its saves now."""
    chosen: dict[str, Account] = {}
    for account_id in _post_accounts(post):
        found = ctx.accounts.find(account_id)  # an id, or the account's name
        if found is not None:
            chosen[found.id] = found
    for account in ctx.accounts.all():
        if account.options.get(ACCOUNT_OPTION):
            chosen.setdefault(account.id, account)
    return [a for a in chosen.values() if _eligible(post, a)]


def queue_drafts(ctx: PublishContext, rel: str) -> list[Job]:
    """Queue a kept-draft job for each account that wants this post's draft; no network."""
    try:
        post = ctx.library.load(rel)
    except BlogDeskError:
        return []  # deleted or unreadable since the save: nothing to keep
    queued = []
    pending = {job.account_id: job for job in ctx.outbox.pending_for(rel)}
    for account in keep_draft_accounts(ctx, post):
        job = pending.get(account.id)
        if job is not None and not is_draft_job(job):
            continue  # the author's own job sends the newest text; never replace it
        queued.append(ctx.outbox.enqueue(account.id, "publish", rel, _job_options()))
    return queued


def _job_options() -> dict[str, Any]:
    return {"status": "draft", "date": None, JOB_OPTION: True}


def send_drafts(service: SyncService, rel: str | None = None) -> DraftRun:
    """Send the kept-draft jobs (of one post, or all), now, whatever their retry time."""
    run = DraftRun()
    ctx = service.context
    for job in ctx.outbox.jobs():
        if not is_draft_job(job) or job.needs_attention or (rel and job.post_path != rel):
            continue
        if not ctx.outbox.claim(job.id):
            continue  # another sender has it
        _send_one(service, ctx, job, run)
    return run


def _send_one(service: SyncService, ctx: PublishContext, job: Job, run: DraftRun) -> None:
    label = f"{job.post_path} → {job.account_id}"
    account = ctx.accounts.find(job.account_id)
    try:
        post = ctx.library.load(job.post_path)
    except BlogDeskError:
        post = None
    if account is None or post is None or not _eligible(post, account):
        ctx.outbox.complete(job.id)  # no longer wanted: published meanwhile, or gone
        return
    try:
        service.publish(job.post_path, account, status="draft", queue_if_offline=False)
    except _RETRYABLE as exc:
        ctx.outbox.retry_later(job.id, str(exc))
        run.waiting.append(label)
        return
    except BlogDeskError as exc:  # ConflictError included: the author chooses, as for publish
        ctx.outbox.fail(job.id, str(exc))
        run.failed.append(f"{label}: {exc}")
        return
    ctx.outbox.complete(job.id)
    run.sent.append(label)


def keep_drafts(service: SyncService, rel: str) -> DraftRun:
    """After a save burst of `rel`: queue, then send, its kept drafts (a worker thread's job)."""
    if not queue_drafts(service.context, rel):
        return DraftRun()
    return send_drafts(service, rel)


def drop_stale_draft_jobs(ctx: PublishContext) -> int:
    """Remove kept-draft jobs of posts that are no longer drafts here or on that blog."""
    dropped = 0
    for job in ctx.outbox.jobs():
        if not is_draft_job(job) or job.state == "sending":
            continue
        account = ctx.accounts.find(job.account_id)
        try:
            post = ctx.library.load(job.post_path)
        except BlogDeskError:
            post = None
        if account is None or post is None or not _eligible(post, account):
            ctx.outbox.remove(job.id)
            dropped += 1
    return dropped
