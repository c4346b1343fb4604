"""Reading a WordPress export (WXR) safely, as a stream of items, in constant memory.

The file goes through `defusedxml`'s `iterparse`: no DTD, no entity declarations (the "billion
laughs" bomb), no external references. Each `<item>` is handed out as plain data once it is
complete and then dropped from the tree, so a 1 GB export needs no more memory than a small one.

Real exports have defects this reader tolerates: a namespace prefix used but not declared on the
root (`excerpt:` is the usual one), control characters XML forbids, bytes that are not UTF-8, and a
file cut short (everything before the cut is read; the error says where it stopped).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import iterparse

from blogdesk.core.errors import BlogDeskError

__all__ = ["WxrChannel", "WxrDamaged", "WxrError", "WxrItem", "count_items", "read_wxr"]

# The namespaces of WXR 1.2; older versions differ only in the version number.
NAMESPACES = {
    "wp": "http://wordpress.org/export/1.2/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# Characters XML 1.0 forbids (tab, newline and carriage return are allowed).
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RSS_START = re.compile(r"<rss\b[^>]*>", re.IGNORECASE)
_HEAD_LIMIT = 1 << 20  # where the <rss> start tag must have appeared
_CHUNK = 1 << 16


class WxrError(BlogDeskError):
    """The file cannot be imported at all (not an export, or an unsafe one). Nothing is written."""


class WxrDamaged(BlogDeskError):
    """The file breaks off or goes bad part-way; the items before that point were read."""


@dataclass
class WxrChannel:
    """The blog the export came from."""

    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: dict[str, str] = field(default_factory=dict)  # login → display name
    repairs: list[str] = field(default_factory=list)  # defects of the file worked around


@dataclass
class WxrTerm:
    domain: str  # "category", "post_tag", "post_format", or a custom taxonomy
    nicename: str  # the term's slug
    name: str  # what readers see


@dataclass
class WxrItem:
    """One `<item>`: a post, a page, an attachment, a menu item, …, as plain strings."""

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


def _key(tag: str) -> str:
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


class _CleanStream:
    """The export's bytes, repaired on the way to the parser: invalid UTF-8 replaced, forbidden
    control characters dropped, missing namespace declarations added to the `<rss>` tag."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = b""
        self._head: str | None = ""  # text held back until the <rss> tag is complete
        self._eof = False
        self.dropped_chars = 0
        self.added_namespaces: list[str] = []

    def read(self, size: int = -1) -> bytes:
        want = size if size and size > 0 else _CHUNK
        while len(self._pending) < want and not self._eof:
            chunk = self._raw.read(_CHUNK)
            self._eof = not chunk
            text = self._decoder.decode(chunk, final=self._eof)
            text, dropped = _FORBIDDEN_CHARS.subn("", text)
            self.dropped_chars += dropped
            if self._head is not None:
                text = self._fix_head(text)
            self._pending += text.encode("utf-8")
        out, self._pending = self._pending[:want], self._pending[want:]
        return out

    def _fix_head(self, text: str) -> str:
        assert self._head is not None
        self._head += text
        match = _RSS_START.search(self._head)
        if match is None and not self._eof and len(self._head) < _HEAD_LIMIT:
            return ""
        head, self._head = self._head, None
        if match is None:
            return head  # not an export: the parser will say so
        tag = match[0]
        missing = [p for p in NAMESPACES if f"xmlns:{p}=" not in tag]
        self.added_namespaces = missing
        declarations = "".join(f' xmlns:{p}="{NAMESPACES[p]}"' for p in missing)
        end = len(tag) - (2 if tag.endswith("/>") else 1)
        fixed = tag[:end] + declarations + tag[end:]
        return head[: match.start()] + fixed + head[match.end() :]


def count_items(stream: IO[bytes]) -> int:
    """How many `<item>` elements the file holds, by a quick byte scan (for progress totals)."""
    count, tail = 0, b""
    while chunk := stream.read(1 << 20):
        data = tail + chunk
        count += data.count(b"<item>") + data.count(b"<item ")
        tail = data[-5:]  # keep a tag split over two chunks; "<item" itself cannot overlap
    return count


def _text(el: Element | None) -> str:
    return (el.text or "") if el is not None else ""


def _to_int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() else None


def _item(el: Element) -> WxrItem:
    item = WxrItem()
    simple = {
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
    for child in el:
        key = _key(child.tag)
        if key in simple:
            setattr(item, simple[key], _text(child))
        elif key == "wp:post_id":
            item.post_id = _to_int(_text(child))
        elif key == "wp:is_sticky":
            item.is_sticky = _text(child).strip() == "1"
        elif key == "category":
            item.terms.append(
                WxrTerm(child.get("domain", ""), child.get("nicename", ""), _text(child).strip())
            )
        elif key == "wp:postmeta":
            meta = {_key(c.tag): _text(c) for c in child}
            name = meta.get("wp:meta_key", "")
            if name and name not in item.meta:
                item.meta[name] = meta.get("wp:meta_value", "")
        elif key == "wp:comment":
            fields = {_key(c.tag): _text(c).strip() for c in child}
            if fields.get("wp:comment_approved") == "1":
                item.approved_comments += 1
    return item


def _channel_field(channel: WxrChannel, key: str, el: Element) -> None:
    if key in ("title", "link"):
        setattr(channel, key, _text(el).strip())
    elif key in ("wp:base_site_url", "wp:base_blog_url"):
        setattr(channel, key.split(":", 1)[1], _text(el).strip())
    elif key == "wp:author":
        fields = {_key(c.tag): _text(c).strip() for c in el}
        login = fields.get("wp:author_login", "")
        if login:
            channel.authors[login] = fields.get("wp:author_display_name") or login


def read_wxr(stream: IO[bytes], channel: WxrChannel) -> Iterator[WxrItem]:
    """The items of the export in `stream`, in file order; `channel` is filled in as its fields
    are read (they come before the items in every export WordPress writes).

    Raises WxrError before the first item for files that are unsafe or not exports, WxrDamaged
    where a file breaks off after items were read.
    """
    clean = _CleanStream(stream)
    try:
        yield from _items(clean, channel)
    finally:
        _note_repairs(clean, channel)


def _items(clean: _CleanStream, channel: WxrChannel) -> Iterator[WxrItem]:
    stack: list[str] = []
    parent_of_channel: Element | None = None
    seen_rss = False
    try:
        for event, el in iterparse(
            clean, events=("start", "end"), forbid_dtd=False, forbid_entities=True
        ):
            if event == "start":
                key = _key(el.tag)
                if not stack and key != "rss":
                    raise WxrError(
                        "This is not a WordPress export: its first element is "
                        f"<{key}>, not <rss>. Export from WordPress with Tools → Export."
                    )
                seen_rss = True
                if key == "channel":
                    parent_of_channel = el
                stack.append(key)
                continue
            key = stack.pop()
            if parent_of_channel is None or not stack or stack[-1] != "channel":
                continue
            if key == "item":
                yield _item(el)
            else:
                _channel_field(channel, key, el)
            parent_of_channel.remove(el)  # keep memory flat: the item is done with
            el.clear()
    except DTDForbidden as exc:
        raise WxrError(_UNSAFE + " (it has a document type declaration)") from exc
    except EntitiesForbidden as exc:
        raise WxrError(
            _UNSAFE + " (it declares XML entities, as entity bombs and external-entity attacks do)"
        ) from exc
    except DefusedXmlException as exc:
        raise WxrError(_UNSAFE + " (it refers to external resources)") from exc
    except ParseError as exc:
        line, column = exc.position
        if not seen_rss:
            raise WxrError(
                f"This is not a WordPress export (XML error at line {line}, column {column})."
            ) from exc
        raise WxrDamaged(
            f"the file is damaged or cut short at line {line}, column {column}; "
            "the items after that point were not read"
        ) from exc
    if not seen_rss:
        raise WxrError("This file is empty: it is not a WordPress export.")


_UNSAFE = (
    "BlogDesk refuses this file because XML like it can attack the computer reading it, and "
    "WordPress never writes it"
)


def _note_repairs(clean: _CleanStream, channel: WxrChannel) -> None:
    if clean.added_namespaces:
        prefixes = ", ".join(f"{p}:" for p in clean.added_namespaces)
        channel.repairs.append(
            f"the export does not declare the namespace prefixes {prefixes}; "
            "they were read as WordPress's"
        )
    if clean.dropped_chars:
        channel.repairs.append(
            f"{clean.dropped_chars} control characters that XML forbids were removed"
        )
