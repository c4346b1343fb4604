"""`blogdesk import wxr FILE`: a WordPress export (WXR) → posts and pages in the library.

Each imported post remembers where it came from in its front matter, as the sync state of the
account id `wxr:<site url>` (see `account_id_for`): `{remote_id, link, guid}`. That makes a second
import of the same file change nothing, and lets a WordPress account of the same site adopt the
posts later. Comments are counted (`comments: N`), not imported. Posts are written straight to
files (atomically) and the index is refreshed once at the end.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.importers.media import Fetcher, MediaDownloader, urllib_fetcher
from blogdesk.core.importers.report import ImportReport
from blogdesk.core.importers.writing import (
    BatchWriter,
    Every,
    FolderNames,
    existing_sync_keys,
    post_text,
)
from blogdesk.core.importers.wxr_reader import (
    WxrChannel,
    WxrDamaged,
    WxrItem,
    count_items,
    read_wxr,
)
from blogdesk.core.library.library import Library
from blogdesk.core.post.naming import title_to_stem
from blogdesk.core.progress import CancelToken, Progress, ProgressCallback

__all__ = ["ACCOUNT_PREFIX", "account_id_for", "import_wxr"]

ACCOUNT_PREFIX = "wxr:"
STATUSES = {
    "publish": "published",
    "draft": "draft",
    "future": "scheduled",
    "pending": "pending",
    "private": "private",
}
_NOT_IMPORTED = {
    "auto-draft": "an empty automatic draft",
    "trash": "in the WordPress trash",
    "inherit": "a revision",
}
_TYPE_REASONS = {
    "revision": "a revision",
    "nav_menu_item": "a menu item",
    "attachment": "an attachment",
    "wp_block": "a reusable block",
    "wp_template": "a theme template",
    "wp_template_part": "a theme template",
    "wp_global_styles": "theme styles",
    "wp_navigation": "a navigation menu",
    "custom_css": "custom CSS",
    "customize_changeset": "a Customizer changeset",
    "oembed_cache": "an embed cache entry",
    "user_request": "a privacy request",
}
_NO_DATE = "0000-00-00 00:00:00"


def account_id_for(site_url: str) -> str:
    """`wxr:` + the site's address without scheme noise: `wxr:https://example.com/blog`."""
    parts = urlsplit(site_url.strip())
    if not parts.scheme or not parts.netloc:
        return ACCOUNT_PREFIX + (site_url.strip() or "unknown-site")
    return (
        f"{ACCOUNT_PREFIX}{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"
    )


@dataclass
class _Run:
    library: Library
    report: ImportReport
    names: FolderNames
    writer: BatchWriter
    existing: dict[tuple[str, str], str]
    media: MediaDownloader | None
    channel: WxrChannel = field(default_factory=WxrChannel)
    attachments: dict[int, str] = field(default_factory=dict)  # attachment id → URL
    # Featured images whose attachment comes later in the file: (path, thumbnail id, title).
    pending_thumbnails: list[tuple[Path, int, str]] = field(default_factory=list)

    @property
    def account(self) -> str:
        return account_id_for(self.channel.base_blog_url or self.channel.link)


def import_wxr(
    library: Library,
    source: Path,
    *,
    download_media: bool = False,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Import the posts and pages of the export `source` into `library`.

    Raises a BlogDeskError (and writes nothing) for a file that is missing, unsafe or not an
    export. A file damaged part-way is imported up to the damage; `report.error` says where.
    Pass `report` to read partial results while the import runs (the window does).
    """
    source = Path(source)
    report = report if report is not None else ImportReport()
    report.source = str(source)
    try:
        with open(source, "rb") as counting:
            total = count_items(counting)
        stream = open(source, "rb")  # noqa: SIM115 (closed below; the reader streams it)
    except OSError as exc:
        raise BlogDeskError(f"Cannot read {source}: {exc.strerror or exc}") from exc
    BatchWriter.remove_leftovers(library.root)
    media = None
    if download_media:
        media = MediaDownloader(library.root / "media", fetcher or urllib_fetcher, set())
    run = _Run(
        library,
        report,
        FolderNames(library.root),
        # Index the posts as they land, every few seconds: the window shows them arriving and the
        # refresh holds a few batches in memory, not all 10,000 files at the end. (Each refresh
        # also stats every file, so not after every batch.)
        BatchWriter(on_flush=Every(library.refresh, 5.0)),
        existing_sync_keys(library.root, ACCOUNT_PREFIX),
        media,
    )
    done = 0
    try:
        with stream:
            for item in read_wxr(stream, run.channel):
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True
                    break
                if media is not None and not media.hosts:
                    media.hosts = _site_hosts(run.channel)
                done += 1
                if progress is not None:
                    progress(Progress(message=_display_title(item), done=done, total=total))
                _import_item(run, item)
    except WxrDamaged as exc:
        report.error = str(exc)
    finally:
        try:
            run.writer.flush()  # every post written so far is complete: put them in place
        except OSError as exc:
            run.writer.discard()
            report.error = f"could not write the last posts: {exc.strerror or exc}"
        for repair in run.channel.repairs:
            report.warn(source.name, repair)  # a repair to the export file itself
        if not report.cancelled:
            _fill_late_thumbnails(run)
        if media is not None:
            report.media_downloaded = media.downloaded
        library.refresh()
    return report


def _site_hosts(channel: WxrChannel) -> set[str]:
    urls = (channel.link, channel.base_site_url, channel.base_blog_url)
    return {urlsplit(u).hostname or "" for u in urls if u} - {""}


def _display_title(item: WxrItem) -> str:
    """The title as a reader sees it (`&amp;` → `&`), else the URL name, else "(no title)"."""
    return html.unescape(item.title).strip() or unquote(item.post_name) or "(no title)"


def _label(item: WxrItem) -> str:
    name = _display_title(item)
    return f"{name} (#{item.post_id})" if item.post_id is not None else name


def _import_item(run: _Run, item: WxrItem) -> None:
    kind = item.post_type or "post"
    if kind == "attachment":
        if item.post_id is not None and item.attachment_url:
            run.attachments[item.post_id] = item.attachment_url
        return
    if kind not in ("post", "page"):
        reason = _TYPE_REASONS.get(kind, f"of type '{kind}', which BlogDesk does not import")
        run.report.skip(_label(item), f"not a post or page: {reason}")
        return
    if item.status in _NOT_IMPORTED:
        run.report.skip(_label(item), f"not imported: {_NOT_IMPORTED[item.status]}")
        return
    account = run.account
    keys = [f"id:{item.post_id}"] if item.post_id is not None else []
    keys += [f"guid:{item.guid}"] if item.guid else []
    for key in keys:
        previous = run.existing.get((account, key))
        if previous is not None:  # imported before (this run or an earlier one): leave it be
            run.report.unchanged.append(previous)
            return
    try:
        _write_post(run, item, account, kind)
    except BlogDeskError as exc:
        run.report.skip(_label(item), str(exc))
    except (RecursionError, ValueError, LookupError) as exc:
        # One post the converter cannot handle (absurdly deep HTML, say) must not stop the rest.
        run.report.skip(_label(item), f"could not be converted ({type(exc).__name__}: {exc})")


def _write_post(run: _Run, item: WxrItem, account: str, kind: str) -> None:
    label = _label(item)
    title = html.unescape(item.title).strip()
    slug = unquote(item.post_name).strip() or None
    base = run.channel.base_blog_url or run.channel.link or None
    body = html_to_markdown(item.content, base_url=base, wordpress=True)
    path = run.names.reserve(title_to_stem(slug or title or f"post-{item.post_id}"))
    problems: list[str] = []
    featured = _featured_image(run, item, path, title)
    if run.media is not None:
        body = run.media.localize(body, path, problems)
        if featured and featured.startswith("http"):
            local = run.media.fetch(featured, problems)
            if local is not None:
                featured = _relative(local, path)
    status = STATUSES.get(item.status)
    if status is None:
        problems.append(f"unknown status '{item.status}', imported as a draft")
        status = "draft"
    fields: dict[str, Any] = {
        "title": title or None,
        "status": status,
        "date": _date(item),
        "slug": slug,
        "author": run.channel.authors.get(item.creator, item.creator) or None,
        "categories": _terms(item, "category") or None,
        "tags": _terms(item, "post_tag") or None,
        "excerpt": html.unescape(item.excerpt).strip() or None,
        "format": _post_format(item),
        "sticky": True if item.is_sticky else None,
        "type": "page" if kind == "page" else None,
        "featured_image": featured,
        "comments": item.approved_comments or None,
        # Never the password itself: post files end up in git repositories and backups.
        "password_protected": True if item.post_password else None,
        "blogdesk": {"accounts": {account: _sync_state(item)}},
    }
    if item.post_password:
        problems.append("password-protected on WordPress; the password was not imported")
    run.writer.write(path, post_text(fields, body))
    rel = path.relative_to(run.library.root).as_posix()
    run.report.imported.append(rel)
    run.existing[(account, f"id:{item.post_id}")] = rel
    if item.guid:
        run.existing[(account, f"guid:{item.guid}")] = rel
    for problem in problems:
        run.report.warn(label, problem)


def _relative(target: Path, post_path: Path) -> str:
    return Path(os.path.relpath(target, post_path.parent)).as_posix()


def _sync_state(item: WxrItem) -> dict[str, Any]:
    state: dict[str, Any] = {"remote_id": item.post_id, "link": item.link or None}
    if item.guid:
        state["guid"] = item.guid
    return {key: value for key, value in state.items() if value is not None}


def _date(item: WxrItem) -> datetime | None:
    """The GMT date when WordPress set one (drafts have `0000-00-00`), else the local one."""
    for value, zone in ((item.post_date_gmt, UTC), (item.post_date, None)):
        value = value.strip()
        if not value or value == _NO_DATE:
            continue
        try:
            parsed = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return parsed.replace(tzinfo=zone) if zone else parsed
    return None


def _terms(item: WxrItem, domain: str) -> list[str]:
    names: list[str] = []
    for term in item.terms:
        name = html.unescape(term.name) or unquote(term.nicename)
        if term.domain == domain and name and name not in names:
            names.append(name)
    return names


def _post_format(item: WxrItem) -> str | None:
    for term in item.terms:
        if term.domain == "post_format":
            value = term.nicename or term.name
            return value.removeprefix("post-format-").lower() or None
    return None


def _featured_image(run: _Run, item: WxrItem, path: Path, title: str) -> str | None:
    thumbnail = item.meta.get("_thumbnail_id", "").strip()
    if not thumbnail.isdigit():
        return None
    url = run.attachments.get(int(thumbnail))
    if url is None:  # the attachment may come later in the file
        run.pending_thumbnails.append((path, int(thumbnail), _label(item)))
    return url


def _fill_late_thumbnails(run: _Run) -> None:
    """Set the featured images whose attachments came after their posts in the file."""
    for path, thumbnail, label in run.pending_thumbnails:
        url = run.attachments.get(thumbnail)
        if url is None:
            missing = f"its featured image (attachment #{thumbnail}) is not in the file"
            run.report.warn(label, missing)
            continue
        try:
            post = run.library.load(path)
            problems: list[str] = []
            local = run.media.fetch(url, problems) if run.media is not None else None
            post.featured_image = _relative(local, path) if local else url
            run.library.save(post)
        except BlogDeskError as exc:
            run.report.warn(label, f"could not set its featured image: {exc}")
            continue
        for problem in problems:
            run.report.warn(label, problem)
