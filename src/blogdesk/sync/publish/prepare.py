"""Turning a local post into what is sent: render, upload new images, rewrite their links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.post.post import Post
from blogdesk.core.progress import CancelToken, Progress, ProgressCallback
from blogdesk.core.render.rendering import RenderOptions, render
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.counting_provider import CountingProvider
from blogdesk.sync.media.exifstrip import strip_gps
from blogdesk.sync.media.imagelinks import local_image_refs, rewrite_image_links
from blogdesk.sync.media.ledger import (
    MediaLedger,
    file_hash,
    find_images,
    is_local_reference,
    reference_key,
)
from blogdesk.sync.media.markdown_images import rewrite_markdown_images
from blogdesk.sync.provider import PostPayload, body_for
from blogdesk.sync.publish import post_fields as pl


@dataclass
class PublishRun:
    """The state of one publish, passed between its steps."""

    account: Account
    post: Post
    rel: str
    provider: CountingProvider
    progress: ProgressCallback
    cancel: CancelToken
    notices: list[str]
    uploaded: int = 0
    reused: int = 0


def build_payload(
    run: PublishRun,
    ledger: MediaLedger,
    library_root: Path,
    options: RenderOptions | None,
    status: str | None,
    date: datetime | None,
) -> PostPayload:
    """Render the post, upload its new images, and make what is sent."""
    post = run.post
    remote_status = pl.remote_status(post, status)
    when = pl.publish_date(post, date)
    if remote_status == "future" and when is None:
        raise BlogDeskError("To schedule a post, give it a date (front matter `date:` or --date).")
    rendered = render(post.body, options)
    refs = list(rendered.images) + local_image_refs(rendered.html)
    featured = post.featured_image
    if featured and is_local_reference(featured):
        refs.append(featured)
    urls, ids = upload_images(run, ledger, library_root, refs)
    # The platform's own form of the body (WordPress blocks, a Ghost HTML card), after the image
    # links are final: it is what the blog stores and shows.
    html = body_for(run.provider, rewrite_image_links(rendered.html, urls))
    featured_id = None
    if featured:
        featured_id = ids.get(reference_key(featured))
        if featured_id is None:
            run.notices.append(
                "The featured image must be a local image file to be set on the blog; "
                f"{featured!r} was not used."
            )
    state = post.sync_state(run.account.id)
    return PostPayload(
        title=post.title,
        html=html,
        status=remote_status,
        slug=post.slug or state.get("slug") or None,
        date=when,
        tags=tuple(post.tags),
        categories=tuple(post.categories),
        excerpt=post.excerpt,
        featured_media_id=featured_id,
        sticky=pl.front_matter_flag(post, "sticky"),
        format=pl.front_matter_text(post, "format"),
        markdown=rewrite_markdown_images(post.body, urls),
    )


def upload_images(
    run: PublishRun, ledger: MediaLedger, library_root: Path, refs: list[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Upload the images the blog does not have yet; (ref key → URL, ref key → media id)."""
    post_dir = run.post.path.parent if run.post.path else library_root
    images = find_images(refs, post_dir, library_root)
    urls: dict[str, str] = {}
    ids: dict[str, str] = {}
    for number, image in enumerate(images, start=1):
        run.cancel.raise_if_cancelled()
        data = image.path.read_bytes()
        digest = file_hash(data)
        entry = ledger.lookup(run.account.id, digest)
        if entry is None:
            run.progress(
                Progress("upload", f"Uploading {image.path.name}", number - 1, len(images))
            )
            media = run.provider.upload_media(strip_gps(data), image.path.name, image.mime)
            entry = ledger.record(
                run.account.id, digest, media.remote_id, media.url, image.path.name
            )
            run.uploaded += 1
        else:
            run.reused += 1
        urls[reference_key(image.reference)] = entry.url
        ids[reference_key(image.reference)] = entry.remote_id
    if images:
        run.progress(Progress("upload", "Images ready", len(images), len(images)))
    return urls, ids
