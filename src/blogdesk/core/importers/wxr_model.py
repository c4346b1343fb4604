"""What a WordPress export holds, as plain data, and how its XML elements become that data."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

__all__ = ["WxrChannel", "WxrItem", "WxrTerm", "channel_field", "item_from", "salvage"]


@dataclass
class WxrChannel:
    """The blog the export came from, and what the reader had to work around in the file."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: dict[str, str] = field(default_factory=dict)  # login → display name
    repairs: list[str] = field(default_factory=list)  # defects of the file worked around
    cut_short_at: int | None = None  # the line the file ends on, when it ends mid-way


@dataclass
class WxrTerm:
    domain: str  # "category", "post_tag", "post_format", or a custom taxonomy
    nicename: str  # the term's slug
    name: str  # what readers see


@dataclass
class WxrItem:
    """One `<item>`: a post, a page, an attachment, a menu item, …, as plain strings.

    `error` is set (and only what could be salvaged filled in) when the item cannot be read.
    """

    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_id: int | None = None
    post_date: str = ""
    post_date_gmt: str = ""
    post_name: str = ""
    status: str = ""
    post_type: str = ""
    post_password: str = ""
    is_sticky: bool = False
    attachment_url: str = ""
    terms: list[WxrTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    approved_comments: int = 0
    line: int = 0  # where its <item> tag is in the file
    error: str | None = None


def key(tag: str) -> str:
    """`{uri}local` → `prefix:local` whatever the WXR version's namespace URIs."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    if "wordpress.org/export" in uri:
        prefix = "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
    elif "purl.org/rss/1.0/modules/content" in uri:
        prefix = "content"
    elif "purl.org/dc/elements" in uri:
        prefix = "dc"
    elif "wellformedweb.org" in uri:
        prefix = "wfw"
    else:
        return tag
    return f"{prefix}:{local}"


def _text(el: Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _to_int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


_SIMPLE = {
    "title": "title",
    "link": "link",
    "guid": "guid",
    "dc:creator": "creator",
    "content:encoded": "content",
    "excerpt:encoded": "excerpt",
    "wp:post_date": "post_date",
    "wp:post_date_gmt": "post_date_gmt",
    "wp:post_name": "post_name",
    "wp:status": "status",
    "wp:post_type": "post_type",
    "wp:post_password": "post_password",
    "wp:attachment_url": "attachment_url",
}


def item_from(el: Element, line: int) -> WxrItem:
    item = WxrItem(line=line)
    for child in el:
        name = key(child.tag)
        if name in _SIMPLE:
            setattr(item, _SIMPLE[name], _text(child))
        elif name == "wp:post_id":
            item.post_id = _to_int(_text(child))
        elif name == "wp:is_sticky":
            item.is_sticky = _text(child).strip() == "1"
        elif name == "category":
            item.terms.append(
                WxrTerm(child.get("domain", ""), child.get("nicename", ""), _text(child).strip())
            )
        elif name == "wp:postmeta":
            meta = {key(c.tag): _text(c) for c in child}
            meta_key = meta.get("wp:meta_key", "")
            if meta_key and meta_key not in item.meta:
                item.meta[meta_key] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            fields = {key(c.tag): _text(c).strip() for c in child}
            if fields.get("wp:comment_approved") == "1":
                item.approved_comments += 1
    return item


def channel_field(channel: WxrChannel, name: str, el: Element) -> None:
    if name in ("title", "link"):
        setattr(channel, name, _text(el).strip())
    elif name in ("wp:base_site_url", "wp:base_blog_url"):
        setattr(channel, name.split(":", 1)[1], _text(el).strip())
    elif name == "wp:author":
        fields = {key(c.tag): _text(c).strip() for c in el}
        login = fields.get("wp:author_login", "")
        if login:
            channel.authors[login] = fields.get("wp:author_display_name") or login


# Lenient on purpose: the item is broken, possibly cut off inside the very element read here.
_SALVAGE = {
    "title": re.compile(r"<title>\s*(?:<!\[CDATA\[)?([^<\]]*)"),
    "post_id": re.compile(r"<wp:post_id>\s*(?:<!\[CDATA\[)?\s*(\d+)"),
    "post_name": re.compile(r"<wp:post_name>\s*(?:<!\[CDATA\[)?([^<\]]*)"),
    "post_type": re.compile(r"<wp:post_type>\s*(?:<!\[CDATA\[)?([^<\]]*)"),
}


def salvage(text: str, line: int, error: str) -> WxrItem:
    """A broken item's title, id, URL name and type, as far as they can be found in its text."""
    item = WxrItem(line=line, error=error)
    for name, pattern in _SALVAGE.items():
        match = pattern.search(text)
        if match is not None:
            value = match[1].strip()
            setattr(item, name, int(value) if name == "post_id" else value)
    return item
