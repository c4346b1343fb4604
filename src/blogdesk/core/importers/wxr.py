"""`blogdesk import wxr FILE`: a WordPress export (WXR) → posts and pages in the library.

Every `<item>` of the file gets one outcome in the report: imported, updated, skipped (with the
reason) or failed (with the reason). A post's identity is its site plus its WordPress post id
(`wxr_identity`): two posts sharing a GUID or a URL name both come in; importing the same export
again changes no byte; an export of the same site with edits updates the posts that changed on the
blog and were not edited in BlogDesk, and reports the ones edited on both sides as conflicts,
keeping the local text. Comments are counted (`comments: N`), not imported. Posts are written
straight to files (in atomic batches) and each batch is indexed as it lands.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.errors import BlogDeskError, LibraryError
from blogdesk.core.importers.media import Fetcher, MediaDownloader, urllib_fetcher
from blogdesk.core.importers.report import ImportReport
from blogdesk.core.importers.writing import (
    BatchWriter,
    FolderNames,
    front_matter,
    post_text,
)
from blogdesk.core.importers.wxr_fields import (
    FIELD_ORDER,
    NOT_IMPORTED,
    STATUSES,
    TYPE_REASONS,
    author_of,
    display_title,
    front_matter_fields,
    label,
)
from blogdesk.core.importers.wxr_identity import (
    ACCOUNT_PREFIX,
    RESERVED_KEY,
    Known,
    KnownPosts,
    account_id_for,
    content_hash,
    fields_hash,
    item_hash,
)
from blogdesk.core.importers.wxr_late import fill_late_thumbnails
from blogdesk.core.importers.wxr_model import WxrChannel, WxrItem
from blogdesk.core.importers.wxr_reader import read_wxr, survey
from blogdesk.core.library.library import Library
from blogdesk.core.post.naming import title_to_stem
from blogdesk.core.progress import CancelToken, Progress, ProgressCallback

__all__ = ["ACCOUNT_PREFIX", "account_id_for", "import_wxr"]

UNCHANGED = "already in the library, unchanged on the blog"
UNCOMPARED = (
    "already in the library (imported before BlogDesk recorded what it imported, so not compared)"
)
PULLED = "already in the library, linked to your blog account (Pull brings the blog's changes)"
CONFLICT = "changed on the blog and edited in BlogDesk: your version was kept, the blog's was not"
REPEATED = "the same post id as an earlier item in this file: imported once"


@dataclass
class _Run:
    library: Library
    report: ImportReport
    names: FolderNames
    writer: BatchWriter
    known: KnownPosts
    media: MediaDownloader | None
    channel: WxrChannel = field(default_factory=WxrChannel)
    attachments: dict[int, str] = field(default_factory=dict)  # attachment id → URL
    # Post ids (or GUIDs) met in this file: all the import keeps per post besides the report's
    # lines (an int or a short string each), so its memory stays flat over 10,000 posts.
    seen: set[int | str] = field(default_factory=set)
    index_behind: bool = False  # a batch could not be indexed: refresh at the end
    # Featured images whose attachment comes later in the file: (path, thumbnail id, label).
    pending_thumbnails: list[tuple[Path, int, str]] = field(default_factory=list)

    @property
    def site(self) -> str:
        channel = self.channel
        return channel.base_blog_url or channel.link or channel.base_site_url

    @property
    def account(self) -> str:
        return account_id_for(self.site)


def import_wxr(
    library: Library,
    source: Path,
    *,
    download_media: bool = False,
    fetcher: Fetcher | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    report: ImportReport | None = None,
    sites: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import the posts and pages of the export `source` into `library`.

    Raises a BlogDeskError (and writes nothing) for a file that is missing, unsafe or not an
    export. A file cut short is imported up to the cut; `report.error` says where. Pass `report`
    to read partial results while the import runs (the window does). `sites` maps the ids of
    the person's blog accounts to their site URLs, so posts pulled from the export's site are
    recognised (without it, their recorded permalinks are used).
    """
    source = Path(source)
    report = report if report is not None else ImportReport()
    report.source = str(source)
    try:
        with open(source, "rb") as scanning:
            found = survey(scanning)
        stream = open(source, "rb")  # noqa: SIM115 (closed below; the reader streams it)
    except OSError as exc:
        raise BlogDeskError(f"Cannot read {source}: {exc.strerror or exc}") from exc
    report.items = found.items
    BatchWriter.remove_leftovers(library.root)
    media = None
    if download_media:
        media = MediaDownloader(library.root / "media", fetcher or urllib_fetcher, set())
    run = _Run(
        library,
        report,
        FolderNames(library.root),
        # Index each batch of posts as it lands: the window shows them arriving, and the memory
        # is that of one batch, where a refresh would also scan and hold every library file.
        BatchWriter(on_flush=lambda paths: _index(run, paths)),
        KnownPosts(library.root, sites),
        media,
    )
    done = 0
    try:
        with stream, library.low_memory_index():
            for item in read_wxr(stream, run.channel, found, source):
                if cancel is not None and cancel.cancelled:
                    report.cancelled = True
                    break
                if media is not None and not media.hosts:
                    media.hosts = _site_hosts(run.channel)
                done += 1
                if progress is not None:
                    total = max(found.items, done)
                    progress(Progress(message=display_title(item), done=done, total=total))
                _import_item(run, item)
    finally:
        try:
            run.writer.flush()  # every post written so far is complete: put them in place
        except OSError as exc:
            run.writer.discard()
            report.error = f"could not write the last posts: {exc.strerror or exc}"
        for repair in run.channel.repairs:
            report.warn(source.name, repair)  # a repair to the export file itself
        cut = run.channel.cut_short_at
        if cut is not None and not report.cancelled:
            report.error = (
                f"{source.name} is cut short: it ends at line {cut:,}, before the end of the "
                "export; everything up to there was read"
            )
        if not report.cancelled:
            fill_late_thumbnails(
                run.writer,
                run.media,
                run.attachments,
                run.pending_thumbnails,
                run.account,
                report,
            )
        if media is not None:
            report.media_downloaded = media.downloaded
        if run.index_behind:
            try:
                library.refresh()
            except LibraryError as exc:
                report.warn(
                    source.name,
                    f"the posts are imported, but the library's index could not be updated ({exc});"
                    " it catches up the next time the library is opened or refreshed",
                )
    return report


def _index(run: _Run, paths: list[Path]) -> None:
    try:
        run.library.index_files(paths)
    except LibraryError:
        run.index_behind = True  # the posts are written; the index catches up at the end


def _site_hosts(channel: WxrChannel) -> set[str]:
    urls = (channel.link, channel.base_site_url, channel.base_blog_url)
    return {urlsplit(u).hostname or "" for u in urls if u} - {""}


def _import_item(run: _Run, item: WxrItem) -> None:
    name = label(item)
    report = run.report
    if item.error is not None:
        report.fail(name, item.error)
        return
    kind = item.post_type or "post"
    if kind == "attachment":
        if item.post_id is not None and item.attachment_url:
            run.attachments[item.post_id] = item.attachment_url
        report.skip(name, "not a post or page: an attachment (used for featured images)")
        return
    if kind not in ("post", "page"):
        reason = TYPE_REASONS.get(kind, f"of type '{kind}', which BlogDesk does not import")
        report.skip(name, f"not a post or page: {reason}")
        return
    if item.status in NOT_IMPORTED:
        report.skip(name, f"not imported: {NOT_IMPORTED[item.status]}")
        return
    identity = item.post_id if item.post_id is not None else item.guid
    if identity in run.seen:
        report.skip(name, REPEATED)
        return
    if identity is not None and identity != "":
        # Also what makes a post written by this import found again: no second lookup table.
        run.seen.add(identity)
    try:
        known = run.known.find(run.account, run.site, item)
        if known is None:
            _write_post(run, item, None)
        else:
            _update(run, item, known)
    except BlogDeskError as exc:
        report.fail(name, str(exc))
    except OSError as exc:
        report.fail(name, f"could not be read or written: {exc.strerror or exc}")
    except (RecursionError, ValueError, LookupError) as exc:
        # One post the converter cannot handle (absurdly deep HTML, say) must not stop the rest.
        report.fail(name, f"could not be converted ({type(exc).__name__}: {exc})")


def _update(run: _Run, item: WxrItem, known: Known) -> None:
    """An item already in the library: leave it, rewrite it, or report a conflict."""
    report = run.report
    there = f"{label(item)} → {known.path}"
    state = known.state
    if state is None:
        report.skip(there, PULLED)
        report.unchanged.append(known.path)
        return
    recorded = state.get("imported_hash")
    if recorded is None or recorded == item_hash(item, author_of(item, run.channel)):
        report.skip(there, UNCOMPARED if recorded is None else UNCHANGED)
        report.unchanged.append(known.path)
        return
    path = run.library.root / known.path
    data = path.read_bytes()
    if content_hash(data) != state.get("local_hash"):
        report.skip(there, CONFLICT)
        report.conflicts.append(known.path)
        return
    _write_post(run, item, path)


def _write_post(run: _Run, item: WxrItem, target: Path | None) -> None:
    """Write `item` as a new post, or over `target` (an untouched earlier import of it)."""
    name = label(item)
    fields = front_matter_fields(item, run.channel, "draft", None)
    title, slug = fields["title"], fields["slug"]
    base = run.site or None
    body = html_to_markdown(item.content, base_url=base, wordpress=True)
    path = target or run.names.reserve(title_to_stem(slug or title or f"post-{item.post_id}"))
    problems: list[str] = []
    featured = _featured_image(run, item, path, name)
    if run.media is not None:
        body = run.media.localize(body, path, problems)
        if featured and featured.startswith("http"):
            local = run.media.fetch(featured, problems)
            if local is not None:
                featured = Path(os.path.relpath(local, path.parent)).as_posix()
    status = STATUSES.get(item.status)
    if status is None:
        problems.append(f"unknown status '{item.status}', imported as a draft")
    fields["status"] = status or "draft"
    fields["featured_image"] = featured
    if item.post_password:
        problems.append("password-protected on WordPress; the password was not imported")
    state: dict[str, Any] = {"remote_id": item.post_id, "link": item.link or None}
    if item.guid:
        state["guid"] = item.guid  # a hint for other tools; never the key
    state["imported_hash"] = item_hash(item, author_of(item, run.channel))
    state["local_hash"] = fields_hash(fields, body)
    state = {key: value for key, value in state.items() if value is not None}
    fields[RESERVED_KEY] = _reserved(path if target else None, run.account, state)
    run.writer.write(path, post_text({k: fields.get(k) for k in FIELD_ORDER}, body))
    rel = path.relative_to(run.library.root).as_posix()
    (run.report.updated if target else run.report.imported).append(rel)
    for problem in problems:
        run.report.warn(name, problem)


def _reserved(existing: Path | None, account: str, state: dict[str, Any]) -> dict[str, Any]:
    """The `blogdesk:` value: this import's state, plus whatever else an existing file keeps
    there (the state of a blog account that adopted the post, say)."""
    reserved: dict[str, Any] = {}
    if existing is not None:
        value = (front_matter(existing.read_bytes()) or {}).get(RESERVED_KEY)
        reserved = copy.deepcopy(value) if isinstance(value, dict) else {}
    accounts = reserved.get("accounts")
    accounts = dict(accounts) if isinstance(accounts, dict) else {}
    accounts[account] = state
    reserved["accounts"] = accounts
    return reserved


def _featured_image(run: _Run, item: WxrItem, path: Path, name: str) -> str | None:
    thumbnail = item.meta.get("_thumbnail_id", "").strip()
    if not thumbnail.isdigit():
        return None
    url = run.attachments.get(int(thumbnail))
    if url is None:  # the attachment may come later in the file
        run.pending_thumbnails.append((path, int(thumbnail), name))
    return url
