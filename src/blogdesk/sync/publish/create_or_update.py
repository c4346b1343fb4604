"""Sending a prepared post: update after the conflict check, or create without duplicates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.post.post import Post
from blogdesk.core.progress import Progress
from blogdesk.sync.counting_provider import CountingProvider
from blogdesk.sync.provider import (
    ConflictError,
    NotFoundError,
    PostPayload,
    RemotePost,
    ResponseLostError,
)
from blogdesk.sync.publish import changes
from blogdesk.sync.publish import post_fields as pl
from blogdesk.sync.publish.prepare import PublishRun


def update_remote(
    run: PublishRun,
    remote_id: str,
    state: dict[str, Any],
    payload: PostPayload,
    overwrite: bool,
) -> RemotePost | None:
    """Update after the conflict check; None when the remote post is gone (create again)."""
    try:
        remote = run.provider.get_post(remote_id)
    except NotFoundError:
        run.notices.append(
            "The post had been deleted on the blog; BlogDesk published it as a new post."
        )
        return None
    if remote.status == "trash":
        run.notices.append("The post was in the blog's trash; BlogDesk restored it.")
    if not payload.slug:
        payload = replace(payload, slug=remote.slug or None)
    if not overwrite:
        check_conflict(run, state, payload, remote)
    run.cancel.raise_if_cancelled()
    run.progress(Progress("send", "Updating the post on the blog"))
    return run.provider.update_post(remote_id, payload)


def check_conflict(
    run: PublishRun, state: dict[str, Any], payload: PostPayload, remote: RemotePost
) -> None:
    recorded = state.get("remote_hash")
    if not recorded:
        return
    now = changes.remote_hash(remote)
    if now == recorded or now == changes.expected_remote_hash(payload):
        return  # unchanged on the blog, or it already holds exactly what we send
    when = remote.modified_gmt or "recently"
    raise ConflictError(
        f"The post {run.post.title!r} was changed on the blog ({when} UTC) since BlogDesk "
        "last sent it. Choose: overwrite the blog's version, take the blog's version, or "
        "keep both.",
        local=payload,
        remote=remote,
        text_diff=changes.text_diff(payload.html, remote.html),
        field_diffs=changes.field_diffs(payload, remote),
        account_id=run.account.id,
        post_path=run.rel,
    )


def create_remote(
    run: PublishRun, state: dict[str, Any], payload: PostPayload, save: Callable[[Post], None]
) -> tuple[RemotePost, bool]:
    """Create the post, never twice: a create whose answer was lost is looked up by slug."""
    provider = run.provider
    if state.get("creating") and state.get("slug"):
        slug = str(state["slug"])
        found = provider.find_post_by_slug(slug)
        if found is not None:  # an earlier attempt reached the blog: adopt it, then update
            run.notices.append("An earlier attempt had reached the blog; BlogDesk used it.")
            run.progress(Progress("send", "Updating the post on the blog"))
            return provider.update_post(found.remote_id, replace(payload, slug=slug)), True
    else:
        slug = free_slug(provider, payload.slug or pl.choose_slug(run.post))
        # Remember the slug before sending: if the answer is lost, or BlogDesk stops, the
        # next attempt finds the post by it instead of creating a second one.
        run.post.set_sync_state(run.account.id, {"creating": True, "slug": slug})
        save(run.post)
    payload = replace(payload, slug=slug)
    run.cancel.raise_if_cancelled()
    run.progress(Progress("send", "Creating the post on the blog"))
    try:
        return provider.create_post(payload), False
    except ResponseLostError:
        found = provider.find_post_by_slug(slug)
        if found is not None:
            run.notices.append(
                "The blog's answer was lost, but the post had been created; BlogDesk "
                "found it by its address and did not send it twice."
            )
            return found, True
        return provider.create_post(payload), False


def free_slug(provider: CountingProvider, base: str) -> str:
    candidate, number = base, 2
    while provider.find_post_by_slug(candidate) is not None:
        candidate = pl.numbered_slug(base, number)
        number += 1
        if number > 100:
            raise BlogDeskError(f"Could not find a free address (slug) for {base!r}.")
    return candidate
