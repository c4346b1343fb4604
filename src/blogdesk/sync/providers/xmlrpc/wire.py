"""What posts look like on the wire for each XML-RPC flavour, both ways.

Dates always travel as XML-RPC DateTime in UTC (`post_date_gmt`, `date_created_gmt`): the blog's
own time zone never matters. WordPress sends a DateTime as "20261128T16:36:21" without a zone; the
`_gmt` fields are UTC. MetaWeblog reports a scheduled post as "publish": its date tells.
"""

from __future__ import annotations

import html
import re
import xmlrpc.client
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from slugify import slugify

from blogdesk.sync.provider import PostPayload, RemotePost, Term, TermKind
from blogdesk.sync.providers.timestamps import timestamp_or_none

_XMLRPC_DATE = "%Y%m%dT%H:%M:%S"
_BLOGGER_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_BLOGGER_CATEGORY = re.compile(r"<category>(.*?)</category>", re.S | re.I)
MORE = "<!--more-->"


def to_datetime(when: datetime) -> xmlrpc.client.DateTime:
    return xmlrpc.client.DateTime(when.astimezone(UTC).strftime(_XMLRPC_DATE))


def date_text(value: Any) -> str:
    """A DateTime (or string) exactly as the server sent it."""
    if isinstance(value, xmlrpc.client.DateTime):
        return str(value.value)
    return str(value or "")


def from_datetime(value: Any) -> datetime | None:
    """A UTC datetime from an XML-RPC date ("20261128T16:36:21", "...Z", "2026-11-28T..."),
    None for WordPress's "no date" (00000000T00:00:00) and for anything unreadable."""
    text = date_text(value).strip()
    if text.startswith("0000"):
        return None
    # The `_gmt` fields are UTC by their name; XML-RPC's DateTime has no offset of its own.
    return timestamp_or_none(text, naive=UTC)


def _check_schedule(payload: PostPayload) -> None:
    if payload.status == "future" and payload.date is None:
        # Never the author's doing: build_payload refuses a schedule without a date.
        raise ValueError("a 'future' payload without a date")


def _inferred_status(status: str, date: datetime | None) -> str:
    # Over XML-RPC (wp.getPost too) WordPress calls a scheduled post "publish": the date tells.
    if status == "publish" and date is not None and date > datetime.now(UTC):
        return "future"
    return status


# ------------------------------------------------------------------------------ wp.* (WordPress)


def wp_struct(payload: PostPayload) -> dict[str, Any]:
    _check_schedule(payload)
    struct: dict[str, Any] = {
        "post_type": "post",
        "post_status": payload.status,
        "post_title": payload.title,
        "post_content": payload.html,
        # Names: WordPress finds them or creates the missing ones.
        "terms_names": {"post_tag": list(payload.tags)},
    }
    if payload.categories:  # none: leave them as the blog has them (it defaults one)
        struct["terms_names"]["category"] = list(payload.categories)
    if payload.slug is not None:
        struct["post_name"] = payload.slug
    if payload.date is not None:
        struct["post_date_gmt"] = to_datetime(payload.date)
    if payload.excerpt is not None:
        struct["post_excerpt"] = payload.excerpt
    if payload.featured_media_id is not None:
        struct["post_thumbnail"] = int(payload.featured_media_id or 0)
    if payload.sticky is not None:
        struct["sticky"] = payload.sticky
    if payload.format is not None:
        struct["post_format"] = payload.format
    return struct


def wp_remote(data: Mapping[str, Any]) -> RemotePost:
    terms = [t for t in data.get("terms") or () if isinstance(t, dict)]
    thumb = data.get("post_thumbnail")
    thumb_id = str(thumb.get("attachment_id") or "") if isinstance(thumb, dict) else ""
    date = from_datetime(data.get("post_date_gmt"))
    return RemotePost(
        remote_id=str(data["post_id"]),
        link=str(data.get("link") or ""),
        title=str(data.get("post_title") or ""),
        html=str(data.get("post_content") or ""),
        status=_inferred_status(str(data.get("post_status") or ""), date),
        date_gmt=date,
        modified_gmt=date_text(data.get("post_modified_gmt")),
        slug=str(data.get("post_name") or ""),
        tags=tuple(
            html.unescape(str(t.get("name"))) for t in terms if t.get("taxonomy") == "post_tag"
        ),
        categories=tuple(
            html.unescape(str(t.get("name"))) for t in terms if t.get("taxonomy") == "category"
        ),
        excerpt=str(data.get("post_excerpt") or ""),
        featured_media_id=thumb_id or None,
        sticky=bool(data.get("sticky")),
        format=str(data.get("post_format") or "standard"),
    )


# ------------------------------------------------------------------- metaWeblog / Movable Type


def mw_struct(payload: PostPayload, *, with_categories: bool = True) -> dict[str, Any]:
    _check_schedule(payload)
    struct: dict[str, Any] = {
        "title": payload.title,
        "description": payload.html,
        "mt_keywords": ",".join(payload.tags),
    }
    # "future" is not a MetaWeblog status: "publish" with a future date schedules the post.
    struct["post_status"] = "publish" if payload.status == "future" else payload.status
    if with_categories and payload.categories:
        struct["categories"] = list(payload.categories)
    if payload.slug is not None:
        struct["wp_slug"] = payload.slug
    if payload.date is not None:
        struct["date_created_gmt"] = to_datetime(payload.date)
        struct["dateCreated"] = to_datetime(payload.date)
    if payload.excerpt is not None:
        struct["mt_excerpt"] = payload.excerpt
    if payload.featured_media_id is not None:
        struct["wp_post_thumbnail"] = int(payload.featured_media_id or 0)
    if payload.sticky is not None:
        struct["sticky"] = payload.sticky
    if payload.format is not None:
        struct["wp_post_format"] = payload.format
    return struct


def publish_flag(payload: PostPayload) -> bool:
    return payload.status in ("publish", "future", "private")


def mw_remote(data: Mapping[str, Any]) -> RemotePost:
    body = str(data.get("description") or "")
    more = str(data.get("mt_text_more") or "")
    if more:
        body = f"{body}{MORE}{more}"
    date = from_datetime(data.get("date_created_gmt") or data.get("dateCreated"))
    keywords = str(data.get("mt_keywords") or "")
    title = str(data.get("title") or "")
    thumb = data.get("wp_post_thumbnail")
    return RemotePost(
        remote_id=str(data.get("postid") or data.get("postId") or ""),
        link=str(data.get("permaLink") or data.get("link") or ""),
        title=title,
        html=body,
        status=_inferred_status(str(data.get("post_status") or "publish"), date),
        date_gmt=date,
        modified_gmt=date_text(data.get("date_modified_gmt") or data.get("date_modified")),
        slug=str(data.get("wp_slug") or "") or slugify(title),
        tags=tuple(html.unescape(k.strip()) for k in keywords.split(",") if k.strip()),
        categories=tuple(html.unescape(str(c)) for c in data.get("categories") or ()),
        excerpt=str(data.get("mt_excerpt") or ""),
        featured_media_id=str(thumb) if thumb not in (None, "", 0, "0") else None,
        sticky=bool(data.get("sticky")),
        format=str(data.get("wp_post_format") or "standard"),
    )


# --------------------------------------------------------------------------------- Blogger 1.0


def blogger_content(payload: PostPayload) -> str:
    """Blogger 1.0 has one text field; the title travels in a <title> element inside it."""
    return f"<title>{html.escape(payload.title, quote=False)}</title>{payload.html}"


def blogger_remote(data: Mapping[str, Any], status: str) -> RemotePost:
    content = str(data.get("content") or "")
    match = _BLOGGER_TITLE.search(content)
    title = html.unescape(match.group(1)) if match else ""
    body = _BLOGGER_CATEGORY.sub("", _BLOGGER_TITLE.sub("", content, count=1), count=1)
    return RemotePost(
        remote_id=str(data.get("postid") or ""),
        link=str(data.get("link") or ""),
        title=title,
        html=body,
        status=status,
        # Blogger 1.0's dateCreated is in the blog's local time, with no zone: not usable.
        date_gmt=None,
        modified_gmt="",
        slug=slugify(title),
    )


def wp_term(data: Mapping[str, Any], kind: TermKind) -> Term:
    """A term of `wp.getTerms` (WordPress's own XML-RPC API)."""
    parent = data.get("parent")
    return Term(
        remote_id=str(data["term_id"]),
        name=str(data.get("name") or ""),
        kind=kind,
        slug=str(data.get("slug") or ""),
        parent_id=str(parent) if parent not in (None, "", "0", 0) else None,
        count=int(data.get("count") or 0),
    )


def mt_category(data: Mapping[str, Any]) -> Term:
    """A category of `mt.getCategoryList` (Movable Type and plain MetaWeblog blogs)."""
    return Term(
        remote_id=str(data.get("categoryId")),
        name=str(data.get("categoryName")),
        kind="category",
    )
