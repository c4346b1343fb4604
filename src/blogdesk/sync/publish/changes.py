"""Telling whether a post changed, and showing how: hashes, HTML normalisation and diffs.

Three fingerprints are kept in a post's sync state:
- `remote_hash`: what the server stored after our last push (content, not its timestamp), so an
  edit made on the blog is noticed even when it falls in the same second as ours (WordPress's
  `modified_gmt` has 1-second resolution and changes on every save, even a no-op).
- `pushed_hash`: what we sent, so a re-publish knows whether anything changed.
- `source_hash`: the local file's content at the last sync, so a pull knows whether the author
  edited the post since.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from blogdesk.core.post.post import Post
from blogdesk.sync.provider import FieldDiff, PostPayload, RemotePost

RESERVED_KEY = "blogdesk"
_SPACE = re.compile(r"\s+")
_VOID = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    )
)


class _Normaliser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._pre = 0

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        parts = [tag]
        for name, value in sorted(attrs, key=lambda a: a[0]):
            parts.append(name if value is None else f'{name}="{_escaped(value, attribute=True)}"')
        return "<" + " ".join(parts) + ">"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self._pre += 1
        self.out.append(self._tag(tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre" and self._pre:
            self._pre -= 1
        if tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._pre:
            self.out.append(_escaped(data, attribute=False))
            return
        text = _SPACE.sub(" ", data).strip()
        if text:
            self.out.append(_escaped(text, attribute=False))

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data.strip()}-->")


_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def _escaped(text: str, attribute: bool) -> str:
    """``text`` (decoded by the parser) written so that parsing the output gives it back.

    Normalising must be idempotent, or a post would look edited on the blog after every pull.
    Escaping only where a second parse would read the text differently keeps the normal form
    (and so the stored hashes) of ordinary content unchanged: "a & b" stays as it is, while a
    decoded "&lt;p&gt;" is written "&lt;p>" rather than as a tag, and a quote inside an
    attribute value as "&quot;".
    """
    if "&" in text and unescape(text) != text:
        text = text.replace("&", "&amp;")
    if attribute:
        return text.replace('"', "&quot;")
    return _TAG_START.sub("&lt;", text)


def normalize_html(source: str) -> str:
    """HTML with insignificant differences removed: whitespace between and inside text (outside
    <pre>), attribute order and quoting, entity spelling, `<br>` vs `<br />`."""
    parser = _Normaliser()
    parser.feed(source.replace("\r\n", "\n"))
    parser.close()
    return "".join(parser.out)


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _managed_fields(
    title: str,
    html: str,
    excerpt: str,
    tags: tuple[str, ...],
    categories: tuple[str, ...],
    featured: str | None,
    slug: str,
) -> str:
    return _digest(
        {
            "title": title.strip(),
            "html": normalize_html(html),
            "excerpt": excerpt.strip(),
            "tags": sorted(t.casefold() for t in tags),
            "categories": sorted(c.casefold() for c in categories),
            "featured": featured or "",
            "slug": slug,
        }
    )


def remote_hash(remote: RemotePost) -> str:
    """Fingerprint of what the server stores for the fields BlogDesk manages (not status, not
    timestamps: a scheduled post going live is not an edit)."""
    return _managed_fields(
        remote.title,
        remote.html,
        remote.excerpt,
        remote.tags,
        remote.categories,
        remote.featured_media_id,
        remote.slug,
    )


def expected_remote_hash(payload: PostPayload) -> str:
    """The remote_hash the blog would have if it held exactly this payload."""
    return _managed_fields(
        payload.title,
        payload.html,
        payload.excerpt or "",
        payload.tags,
        payload.categories,
        payload.featured_media_id,
        payload.slug or "",
    )


def payload_hash(payload: PostPayload) -> str:
    return _digest(
        {
            "title": payload.title,
            "html": payload.html,
            "status": payload.status,
            "slug": payload.slug,
            "date": payload.date.isoformat() if payload.date else None,
            "tags": list(payload.tags),
            "categories": list(payload.categories),
            "excerpt": payload.excerpt,
            "featured": payload.featured_media_id,
            "sticky": payload.sticky,
            "format": payload.format,
        }
    )


def source_hash(post: Post) -> str:
    """Fingerprint of the author's file, leaving out BlogDesk's own sync-state key."""
    meta = {k: v for k, v in post.metadata().items() if k != RESERVED_KEY}
    return _digest({"meta": meta, "body": post.body})


# ------------------------------------------------------------------------------------ diffs


def _as_text(source: str) -> list[str]:
    # Imported here: the HTML converter (BeautifulSoup, markdownify: ~8 MB) is for the diff a
    # conflict shows; the library's badges import this module for `source_hash` alone.
    from blogdesk.core.convert.htmltomd import html_to_markdown

    try:
        text = html_to_markdown(source)
    except Exception:  # a converter problem must not hide the conflict itself
        text = source
    return text.splitlines(keepends=True)


def text_diff(local_html: str, remote_html: str) -> str:
    """A unified diff of the body, both sides converted to Markdown the same way (so only real
    differences show, not the converter's spelling)."""
    lines = difflib.unified_diff(
        _as_text(remote_html),
        _as_text(local_html),
        fromfile="on the blog",
        tofile="on this computer",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def field_diffs(local: PostPayload, remote: RemotePost) -> tuple[FieldDiff, ...]:
    """Per-field differences the conflict dialog lists (body shown separately)."""
    pairs: list[tuple[str, str, str]] = [
        ("title", local.title, remote.title),
        ("slug", local.slug or "", remote.slug),
        ("excerpt", (local.excerpt or "").strip(), remote.excerpt.strip()),
        ("tags", ", ".join(sorted(local.tags)), ", ".join(sorted(remote.tags))),
        (
            "categories",
            ", ".join(sorted(local.categories)),
            ", ".join(sorted(remote.categories)),
        ),
        ("status", local.status, remote.status),
    ]
    if normalize_html(local.html) != normalize_html(remote.html):
        pairs.append(("body", "text as on this computer", "text as on the blog"))
    if local.featured_media_id is not None:
        pairs.append(("featured image", local.featured_media_id, remote.featured_media_id or ""))
    return tuple(FieldDiff(name, a, b) for name, a, b in pairs if a != b)


def readback_differences(sent: PostPayload, stored: RemotePost) -> list[str]:
    """What the server stored differently from what was sent (reported, never an error)."""
    notes: list[str] = []
    if normalize_html(sent.html) != normalize_html(stored.html):
        notes.append(
            "The blog stored the post's text differently from what BlogDesk sent (it may have "
            "filtered some HTML). Check the post on the blog."
        )
    if sent.title.strip() != stored.title.strip():
        notes.append(f"The blog changed the title to {stored.title!r}.")
    if sent.slug and stored.slug and sent.slug != stored.slug:
        notes.append(f"The blog changed the address (slug) to {stored.slug!r}.")
    missing_tags = {t.casefold() for t in sent.tags} - {t.casefold() for t in stored.tags}
    if missing_tags:
        notes.append("The blog did not keep these tags: " + ", ".join(sorted(missing_tags)))
    missing_cats = {c.casefold() for c in sent.categories} - {
        c.casefold() for c in stored.categories
    }
    if missing_cats:
        notes.append("The blog did not keep these categories: " + ", ".join(sorted(missing_cats)))
    return notes
