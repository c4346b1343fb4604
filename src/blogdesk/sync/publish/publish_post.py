"""One post sent to one blog: prepare, create or update, read back, record the blog's state."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from blogdesk.core.progress import CancelToken, Progress, ProgressCallback
from blogdesk.sync.accounts import setup as account_setup
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import ConflictError, PostPayload, RemotePost
from blogdesk.sync.publish import changes
from blogdesk.sync.publish import post_fields as pl
from blogdesk.sync.publish.context import PublishContext
from blogdesk.sync.publish.create_or_update import create_remote, update_remote
from blogdesk.sync.publish.prepare import PublishRun, build_payload
from blogdesk.sync.publish.results import PublishResult

__all__ = ["publish_post", "record"]

log = logging.getLogger("blogdesk.sync.service")  # the name these messages always had


def publish_post(
    ctx: PublishContext,
    account: Account,
    rel: str,
    status: str | None,
    date: datetime | None,
    overwrite: bool,
    report: ProgressCallback,
    cancel: CancelToken | None,
) -> PublishResult:
    token = cancel or CancelToken()
    token.raise_if_cancelled()
    post = ctx.library.load(rel)
    run = PublishRun(account, post, rel, ctx.provider(account), report, token, [])
    report(Progress("render", "Preparing the post"))
    payload = build_payload(run, ctx.ledger, ctx.library.root, ctx.render_options, status, date)
    token.raise_if_cancelled()
    state = post.sync_state(account.id)
    created = adopted = False
    stored: RemotePost | None = None
    if state.get("remote_id"):
        try:
            stored = update_remote(run, str(state["remote_id"]), state, payload, overwrite)
        except ConflictError as exc:
            # A server's own collision check (Ghost's 409) knows neither account nor file.
            exc.account_id = exc.account_id or account.id
            exc.post_path = exc.post_path or rel
            raise
    if stored is None:
        stored, adopted = create_remote(run, state, payload, ctx.save)
        created = not adopted
    report(Progress("verify", "Checking what the blog stored"))
    readback = run.provider.get_post(stored.remote_id)
    run.notices.extend(changes.readback_differences(payload, readback))
    notice = pl.schedule_notice(payload.status, readback.status, payload.date)
    if notice:
        run.notices.append(notice)
    report(Progress("record", "Recording the blog's state in the post"))
    record(ctx, run, readback, payload)
    schedule = None
    if readback.date_gmt is not None and readback.status in ("future", "publish", "private"):
        schedule = pl.schedule_info(readback.date_gmt, account.options.get("timezone"))
    report(Progress("done", f"Sent: {readback.link}"))
    log.info("published %s to %s as %s: %s", rel, account.name, readback.status, readback.link)
    return PublishResult(
        account_id=account.id,
        post_path=rel,
        remote_id=readback.remote_id,
        link=readback.link,
        status=readback.status,
        requested_status=payload.status,
        created=created,
        adopted=adopted,
        uploaded=run.uploaded,
        reused=run.reused,
        schedule=schedule,
        notices=tuple(run.notices),
        calls=run.provider.snapshot(),
    )


def record(ctx: PublishContext, run: PublishRun, remote: RemotePost, payload: PostPayload) -> None:
    post = run.post
    local_status = pl.REMOTE_TO_LOCAL.get(remote.status)
    if local_status:
        post.status = local_status  # before source_hash: the hash covers the file we keep
    pl.settle_date(post, remote.status, remote.date_gmt)  # before source_hash, too
    state: dict[str, Any] = {
        "remote_id": remote.remote_id,
        "link": remote.link,
        "status": remote.status,
        "slug": remote.slug,
        "modified_gmt": remote.modified_gmt,
        "remote_hash": changes.remote_hash(remote),
        "pushed_hash": changes.payload_hash(payload),
        "source_hash": changes.source_hash(post),
        "synced_at": _now(),
    }
    if remote.status in ("publish", "future", "private"):
        state["published_at"] = _now()
    ctx.store_state(post, run.account.id, state, local_status)
    account_setup.remember_terms(ctx.cache_dir, run.account.id, "tag", remote.tags)
    account_setup.remember_terms(ctx.cache_dir, run.account.id, "category", remote.categories)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
