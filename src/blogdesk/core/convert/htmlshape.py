"""Questions the HTML → Markdown converter asks about the tree's shape, and its final tidy-up.

Which `<cite>` is a quote's attribution, whether a list item is a loose list's (its text in a
`<p>`), whether a list is nested in an item and what follows it there, and the pass that drops
stray spaces and blank lines outside code blocks. Pure functions over bs4 elements and strings.
"""

from __future__ import annotations

import re

from bs4 import Tag

__all__ = [
    "ends_with_attribution",
    "in_an_item",
    "is_attribution",
    "next_content",
    "paragraphed",
    "tidy",
]

_SINGLE_TRAILING_SPACE = re.compile(r"(?<=\S) $")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def paragraphed(li: object) -> bool:
    """The item's text is in a <p> (a loose list's item), not bare."""
    if not isinstance(li, Tag):
        return False
    first = next((c for c in li.children if isinstance(c, Tag) or str(c).strip()), None)
    return isinstance(first, Tag) and first.name == "p"


def in_an_item(el: Tag) -> bool:
    """The <li> nearest around `el` is an item of a list (not a stray one)."""
    parent = el.parent
    while parent is not None and parent.name != "li":
        parent = parent.parent
    return parent is not None and parent.parent is not None and parent.parent.name in ("ul", "ol")


def next_content(el: Tag) -> object | None:
    """The sibling after `el` that is an element or holds text, if any."""
    return next((n for n in el.next_siblings if _is_content(n)), None)


def ends_with_attribution(quote: Tag) -> bool:
    last = next((c for c in reversed(quote.contents) if _is_content(c)), None)
    if isinstance(last, Tag) and last.name == "p" and _alone_child(last, "cite"):
        last = next(c for c in last.contents if _is_content(c))
    return isinstance(last, Tag) and last.name == "cite" and is_attribution(last)


def _alone_child(el: Tag, name: str) -> bool:
    children = [c for c in el.contents if _is_content(c)]
    return len(children) == 1 and isinstance(children[0], Tag) and children[0].name == name


def is_attribution(cite: Tag) -> bool:
    """A <cite> that closes a block quote holding something else: its attribution.

    Also when it is alone in the quote's last paragraph: WordPress's autop wraps a classic
    post's `<cite>` in a `<p>` of its own.
    """
    closing: Tag = cite
    parent = cite.parent
    if parent is not None and parent.name == "p" and _alone(cite):
        closing, parent = parent, parent.parent
    if parent is None or parent.name != "blockquote":
        return False
    before = any(_is_content(n) for n in closing.previous_siblings)
    return before and not any(_is_content(n) for n in closing.next_siblings)


def _alone(el: Tag) -> bool:
    return not any(_is_content(n) for n in (*el.previous_siblings, *el.next_siblings))


def _is_content(node: object) -> bool:
    return isinstance(node, Tag) or bool(str(node).strip())


def tidy(text: str) -> str:
    """Drop stray trailing spaces and extra blank lines, leaving code blocks exactly as they are."""
    out: list[str] = []
    fence: str | None = None
    blank = 0
    for line in text.split("\n"):
        marker = _FENCE.match(line)
        if fence is not None:
            out.append(line)
            if marker and marker[1] == fence:
                fence = None
            continue
        if marker:
            fence = marker[1]
        if not line.strip():
            blank += 1
            if blank == 1:
                out.append("")
            continue
        blank = 0
        out.append(_SINGLE_TRAILING_SPACE.sub("", line))
    return "\n".join(out)
