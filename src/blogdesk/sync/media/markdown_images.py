"""Rewrite local image paths in a Markdown body to their uploaded URLs.

For the platforms that take Markdown rather than HTML (static sites, Forem): the same mapping the
HTML rewrite uses (`reference_key(ref)` → URL), applied to `![alt](path "title")`,
`![alt](<path with spaces>)`, reference definitions `[id]: path` and raw `<img src>` tags. Fenced
code blocks are left alone: an image inside a code sample is text, not an image.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from blogdesk.sync.media.imagelinks import rewrite_image_links
from blogdesk.sync.media.ledger import is_local_reference, reference_key

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,}).*?$.*?^(?P=fence)[ \t]*$", re.M | re.S)
_INLINE = re.compile(r"(!\[[^\]]*\]\()(<[^>\n]+>|[^\s)]+)((?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\))")
_DEFINITION = re.compile(r"^( {0,3}\[[^\]]+\]:[ \t]*)(<[^>\n]+>|\S+)", re.M)


def _swap(url: str, mapping: Mapping[str, str]) -> str:
    bare = url[1:-1] if url.startswith("<") and url.endswith(">") else url
    if not is_local_reference(bare):
        return url
    new = mapping.get(reference_key(bare))
    if new is None:
        return url
    return f"<{new}>" if " " in new else new


def _rewrite(text: str, mapping: Mapping[str, str]) -> str:
    text = _INLINE.sub(lambda m: m.group(1) + _swap(m.group(2), mapping) + m.group(3), text)
    text = _DEFINITION.sub(lambda m: m.group(1) + _swap(m.group(2), mapping), text)
    return rewrite_image_links(text, mapping)


def rewrite_markdown_images(markdown: str, mapping: Mapping[str, str]) -> str:
    """The Markdown with every local image reference found in `mapping` replaced."""
    if not mapping:
        return markdown
    pieces: list[str] = []
    cursor = 0
    for fence in _FENCE.finditer(markdown):
        pieces.append(_rewrite(markdown[cursor : fence.start()], mapping))
        pieces.append(fence.group(0))
        cursor = fence.end()
    pieces.append(_rewrite(markdown[cursor:], mapping))
    return "".join(pieces)
