"""Bring a blog's posts into the library as Markdown, linked so they can be edited and updated.

Idempotent: a post already linked to the same remote post (its front matter sync state names the
remote id) is never created twice. A linked post is refreshed from the blog only when the blog's
copy changed and the local file did not; when both changed, it is left alone and reported. A post
imported from the same site's export (WXR) is the same post too: it is adopted, not duplicated
(pull_imported.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.importers.wxr_identity import ACCOUNT_PREFIX
from blogdesk.core.post.post import Post
from blogdesk.core.progress import CancelToken, Progress, ProgressCallback, no_progress
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import RemotePost
from blogdesk.sync.publish import changes
from blogdesk.sync.publish import post_fields as pl
from blogdesk.sync.publish.context import PublishContext
from blogdesk.sync.publish.pull_imported import (
    Imported,
    adopt,
    edited_since_import,
    edited_state,
    imported_posts,
)
from blogdesk.sync.publish.results import PullResult

PAGE_SIZE = 100


@dataclass
class LocalPosts:
    """The library's posts that are already some remote post of the account's blog."""

    linked: dict[str, str] = field(default_factory=dict)  # remote id → path (relative)
    imported: dict[str, Imported] = field(default_factory=dict)  # remote id → import of the site


def local_posts(library_root: Path, paths: list[str], account: Account) -> LocalPosts:
    """Posts linked to the account, and posts imported from its site's export, by remote id."""
    found = LocalPosts()
    for rel in paths:
        full = library_root / rel
        try:
            text = full.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        # Cheap filter: most posts were never synced to this blog nor imported from an export.
        if account.id not in text and ACCOUNT_PREFIX not in text:
            continue
        try:
            post = Post.parse(text, full)
        except Exception:  # a broken file is the library's problem to report, not ours
            continue
        remote_id = post.sync_state(account.id).get("remote_id")
        if remote_id:
            found.linked[str(remote_id)] = rel
        for imported_id, imported in imported_posts(post, rel, account.site_url):
            found.imported.setdefault(imported_id, imported)
    return found


def linked_posts(library_root: Path, paths: list[str], account: Account) -> dict[str, str]:
    """remote id → library path (relative) for every post linked to the account."""
    return local_posts(library_root, paths, account).linked


def _markdown(remote: RemotePost, account: Account) -> str:
    return html_to_markdown(remote.html, base_url=account.site_url, wordpress=True).strip() + "\n"


def pulled_state(remote: RemotePost, post: Post) -> dict[str, Any]:
    return {
        "remote_id": remote.remote_id,
        "link": remote.link,
        "status": remote.status,
        "slug": remote.slug,
        "modified_gmt": remote.modified_gmt,
        "remote_hash": changes.remote_hash(remote),
        "source_hash": changes.source_hash(post),
        "synced_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def apply_remote(post: Post, remote: RemotePost, account: Account) -> None:
    """Copy the blog's fields onto a local post (body converted to Markdown)."""
    post.title = remote.title or "Untitled"
    post.body = _markdown(remote, account)
    if remote.date_gmt is not None:
        post.date = remote.date_gmt
    post.slug = remote.slug or None
    post.tags = list(remote.tags)
    post.categories = list(remote.categories)
    post.excerpt = remote.excerpt.strip() or None
    local_status = pl.REMOTE_TO_LOCAL.get(remote.status)
    if local_status:
        post.status = local_status


def new_local_post(remote: RemotePost, account: Account) -> Post:
    """A new local post holding the blog's copy (front matter written in one go: fast)."""
    fields: dict[str, Any] = {}
    if remote.date_gmt is not None:
        fields["date"] = remote.date_gmt
    if remote.slug:
        fields["slug"] = remote.slug
    if remote.tags:
        fields["tags"] = list(remote.tags)
    if remote.categories:
        fields["categories"] = list(remote.categories)
    if remote.excerpt.strip():
        fields["excerpt"] = remote.excerpt.strip()
    fields["status"] = pl.REMOTE_TO_LOCAL.get(remote.status, "draft")
    return Post.new(remote.title or "Untitled", _markdown(remote, account), **fields)


def pull(
    ctx: PublishContext,
    account: Account,
    *,
    limit: int | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> PullResult:
    report = progress or no_progress
    token = cancel or CancelToken()
    library = ctx.library
    provider = ctx.provider(account)
    report(Progress("pull", "Looking for posts already linked to this blog"))
    rels = [s.path for s in library.posts(sort="title")]
    local = local_posts(library.root, rels, account)
    linked = local.linked
    created: list[str] = []
    updated: list[str] = []
    skipped: list[str] = []
    unchanged = seen = total = 0
    page = 1
    while True:
        token.raise_if_cancelled()
        batch = provider.list_posts(page=page, per_page=PAGE_SIZE)
        total = batch.total
        for remote in batch.posts:
            if limit is not None and seen >= limit:
                break
            seen += 1
            if remote.status == "trash":
                continue
            rel = linked.get(remote.remote_id)
            imported = local.imported.get(remote.remote_id) if rel is None else None
            if imported is not None:
                outcome = _adopt(ctx, account, imported, remote)
                linked[remote.remote_id] = imported.path
                if outcome == "updated":
                    updated.append(imported.path)
                else:
                    skipped.append(outcome)
            elif rel is None:
                post = new_local_post(remote, account)
                post.set_sync_state(account.id, pulled_state(remote, post))
                library.save(post)  # one atomic write: the file is linked from its first byte
                rel = ctx.rel_path(post.path or "")
                linked[remote.remote_id] = rel
                created.append(rel)
            else:
                outcome = _refresh(ctx, account, rel, remote)
                if outcome == "updated":
                    updated.append(rel)
                elif outcome == "unchanged":
                    unchanged += 1
                else:
                    skipped.append(outcome)
        report(Progress("pull", f"Fetched {seen} of {total} posts", seen, limit or total))
        if not batch.has_more or (limit is not None and seen >= limit):
            break
        page += 1
    return PullResult(
        account_id=account.id,
        created=tuple(created),
        updated=tuple(updated),
        unchanged=unchanged,
        skipped=tuple(skipped),
        total_remote=total,
    )


def _adopt(ctx: PublishContext, account: Account, found: Imported, remote: RemotePost) -> str:
    """Link a post imported from the site's export: refreshed from the blog when untouched since
    the import, kept (and reported) when edited here."""
    edited = edited_since_import(ctx.library.root, found)
    post = ctx.library.load(found.path)
    if not edited:
        apply_remote(post, remote, account)
        adopt(post, found, account.id, pulled_state(remote, post))
        ctx.library.save(post)
        return "updated"
    adopt(post, found, account.id, edited_state(found, pulled_state(remote, post)))
    ctx.library.save(post)
    return (
        f"{found.path}: imported from the blog's export and edited here since; your version "
        "was kept and linked to the blog's post. Publish it to see the differences and choose "
        "which to keep."
    )


def _refresh(ctx: PublishContext, account: Account, rel: str, remote: RemotePost) -> str:
    post = ctx.library.load(rel)
    state = post.sync_state(account.id)
    if state.get("remote_hash") == changes.remote_hash(remote):
        return "unchanged"
    if state.get("source_hash") and state.get("source_hash") != changes.source_hash(post):
        return (
            f"{rel}: changed both here and on the blog; publish it to see the differences "
            "and choose which to keep."
        )
    apply_remote(post, remote, account)
    post.set_sync_state(account.id, dict(state, **pulled_state(remote, post)))
    ctx.library.save(post)
    return "updated"
