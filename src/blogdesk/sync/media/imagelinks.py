"""Find and rewrite local image links in rendered HTML, touching nothing else.

The HTML is tokenised with the standard library's HTMLParser (so comments, `<pre>` text and
scripts are never mistaken for tags); only the attribute values of `<img src|srcset>`,
`<source srcset>` and `<a href>` (when it points at a local image) are replaced, in place. Every
other byte of the HTML stays as rendered.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser
from pathlib import PurePosixPath

from blogdesk.sync.media.ledger import guess_image_type, is_local_reference, reference_key

_ATTR = re.compile(r"""(?P<name>[^\s/>"'=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG_NAME = re.compile(r"<\s*[^\s/>]+")

# (tag, attribute) pairs that may hold a local image address.
_URL_ATTRS = {("img", "src"), ("a", "href")}
_SRCSET_ATTRS = {("img", "srcset"), ("source", "srcset")}


class _TagFinder(HTMLParser):
    """Records (offset, raw start tag, tag name) for the tags we care about."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, str]] = []
        self._line_starts = [0]
        for match in re.finditer("\n", source):
            self._line_starts.append(match.end())

    def _record(self, tag: str) -> None:
        if tag not in ("img", "source", "a"):
            return
        raw = self.get_starttag_text()
        if raw is None:
            return
        line, col = self.getpos()
        self.tags.append((self._line_starts[line - 1] + col, raw, tag))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag)


def _find_tags(source: str) -> list[tuple[int, str, str]]:
    finder = _TagFinder(source)
    finder.feed(source)
    finder.close()
    return finder.tags


def _srcset_urls(value: str) -> list[str]:
    urls = []
    for candidate in value.split(","):
        parts = candidate.strip().split()
        if parts:
            urls.append(parts[0])
    return urls


def local_image_refs(source: str) -> list[str]:
    """Local image addresses in the HTML (img src/srcset, source srcset, links to images)."""
    refs: list[str] = []
    for _offset, raw, tag in _find_tags(source):
        for match in _ATTR.finditer(raw, _tag_name_end(raw)):
            name = match.group("name").lower()
            value = _unquote_attr(match.group("value"))
            if value is None:
                continue
            if (tag, name) in _SRCSET_ATTRS:
                refs.extend(u for u in _srcset_urls(value) if is_local_reference(u))
            elif (tag, name) == ("img", "src"):
                if is_local_reference(value):
                    refs.append(value)
            elif (tag, name) == ("a", "href") and _looks_like_local_image(value):
                refs.append(value)
    return refs


def _looks_like_local_image(url: str) -> bool:
    if not is_local_reference(url):
        return False
    return guess_image_type(PurePosixPath(reference_key(url))) is not None


def _tag_name_end(raw: str) -> int:
    match = _TAG_NAME.match(raw)
    return match.end() if match else 0


def _unquote_attr(value: str | None) -> str | None:
    if value is None:
        return None
    if value[:1] in ("'", '"'):
        value = value[1:-1]
    return html.unescape(value)


def rewrite_image_links(source: str, mapping: Mapping[str, str]) -> str:
    """Replace local image addresses by remote ones. `mapping` is keyed by `reference_key(ref)`."""
    if not mapping:
        return source

    def lookup(url: str) -> str | None:
        if not is_local_reference(url):
            return None
        return mapping.get(reference_key(url))

    pieces: list[str] = []
    cursor = 0
    for offset, raw, tag in _find_tags(source):
        new_raw = _rewrite_tag(raw, tag, lookup)
        if new_raw == raw or source[offset : offset + len(raw)] != raw:
            continue
        pieces.append(source[cursor:offset])
        pieces.append(new_raw)
        cursor = offset + len(raw)
    pieces.append(source[cursor:])
    return "".join(pieces)


def _rewrite_tag(raw: str, tag: str, lookup: Callable[[str], str | None]) -> str:
    out: list[str] = []
    cursor = 0
    for match in _ATTR.finditer(raw, _tag_name_end(raw)):
        name = match.group("name").lower()
        value = _unquote_attr(match.group("value"))
        if value is None:
            continue
        replacement: str | None = None
        if (tag, name) in _URL_ATTRS:
            remote = lookup(value)
            if remote is not None and (tag == "img" or _looks_like_local_image(value)):
                replacement = remote
        elif (tag, name) in _SRCSET_ATTRS:
            replacement = _rewrite_srcset(value, lookup)
        if replacement is None or replacement == value:
            continue
        start, end = match.span("value")
        out.append(raw[cursor:start])
        out.append('"' + html.escape(replacement, quote=True) + '"')
        cursor = end
    out.append(raw[cursor:])
    return "".join(out)


def _rewrite_srcset(value: str, lookup: Callable[[str], str | None]) -> str | None:
    candidates = []
    changed = False
    for candidate in value.split(","):
        parts = candidate.strip().split(None, 1)
        if not parts:
            continue
        remote = lookup(parts[0])
        if remote is not None:
            parts[0] = remote
            changed = True
        candidates.append(" ".join(parts))
    return ", ".join(candidates) if changed else None
