"""Taking a post off a blog: unpublish (back to draft, text untouched) and delete (to the trash)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import NotFoundError, PostPayload, RemotePost
from blogdesk.sync.publish import changes
from blogdesk.sync.publish import post_fields as pl
from blogdesk.sync.publish.context import PublishContext
from blogdesk.sync.publish.results import PublishResult


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def unpublish(ctx: PublishContext, path: Path | str, account: Account) -> PublishResult:
    """Take the post off the blog but keep it there as a draft (content untouched)."""
    rel = ctx.rel_path(path)
    post = ctx.library.load(rel)
    state = post.sync_state(account.id)
    if not state.get("remote_id"):
        raise BlogDeskError(f"{rel} has not been published to {account.name!r}.")
    provider = ctx.provider(account)
    remote = provider.get_post(str(state["remote_id"]))
    stored = provider.update_post(remote.remote_id, payload_from(remote, "draft"))
    readback = provider.get_post(stored.remote_id)
    new_state = dict(state, status=readback.status, synced_at=_now())
    # Only move our "last seen" marker on when the blog held what we last sent; otherwise an
    # edit made on the blog must still show up as a conflict at the next publish.
    if state.get("remote_hash") == changes.remote_hash(readback):
        new_state["modified_gmt"] = readback.modified_gmt
    # The status change is ours, not an edit by the author: a post that matched what was last
    # sent must still match afterwards, or it would read "changed since publish".
    unchanged_locally = state.get("source_hash") == changes.source_hash(post)
    post.status = "draft"
    if unchanged_locally:
        new_state["source_hash"] = changes.source_hash(post)
    ctx.store_state(post, account.id, new_state, "draft")
    return PublishResult(
        account_id=account.id,
        post_path=rel,
        remote_id=readback.remote_id,
        link=readback.link,
        status=readback.status,
        requested_status="draft",
        calls=provider.snapshot(),
    )


def delete_remote(ctx: PublishContext, path: Path | str, account: Account) -> PublishResult:
    """Move the blog's copy to the blog's trash; the local post stays, unlinked."""
    rel = ctx.rel_path(path)
    post = ctx.library.load(rel)
    state = post.sync_state(account.id)
    if not state.get("remote_id"):
        raise BlogDeskError(f"{rel} has not been published to {account.name!r}.")
    provider = ctx.provider(account)
    remote_id = str(state["remote_id"])
    try:
        provider.delete_post(remote_id)
    except NotFoundError:
        pass  # already gone: the state we want
    new_state = {"deleted_remote_id": remote_id, "status": "trash", "synced_at": _now()}
    ctx.store_state(post, account.id, new_state, "draft")
    return PublishResult(
        account_id=account.id,
        post_path=rel,
        remote_id=remote_id,
        status="trash",
        calls=provider.snapshot(),
    )


def payload_from(remote: RemotePost, status: str) -> PostPayload:
    """A payload that leaves the blog's copy as it is, except for the status."""
    return PostPayload(
        title=remote.title,
        html=remote.html,
        status=pl.cast_status(status),
        slug=remote.slug or None,
        date=remote.date_gmt,
        tags=remote.tags,
        categories=remote.categories,
        excerpt=remote.excerpt or None,
        featured_media_id=remote.featured_media_id,
        sticky=remote.sticky,
        format=remote.format,
    )
