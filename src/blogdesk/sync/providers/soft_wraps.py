"""Markdown for sites that render line breaks as they are typed (Forem/DEV: Redcarpet's hard_wrap).

In the preview (Python-Markdown), a paragraph written over several lines is one flowing
paragraph: its line breaks are soft. DEV turns every one of them into a `<br>`, so a post wrapped
at 80 columns shows ragged short lines there. `join_soft_breaks` joins the lines of each paragraph
(and of each list item's and quote's text) with a space, and turns a hard break (two or more
trailing spaces) into an explicit `<br>` on the same line, which both renderers show as the
preview does. Everything whose line structure means something is left exactly as written:
fenced and indented code, tables, HTML blocks, headings (setext underlines included), rules,
reference/footnote/abbreviation definitions, attribute lists, definition lists, and the list
markers and quote markers themselves.

The fence grammar is the renderer's (core/render/lines.py), so a fence the preview does not take
for one is not one here either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from blogdesk.core.render.lines import (
    atx_heading,
    fenced_lines,
    list_item,
    quote_prefix,
    setext_level,
)

__all__ = ["join_soft_breaks"]

_HARD_BREAK = re.compile(r"[ ]{2,}$")
# A table's delimiter row ("|---|:--:|", "--- | ---"): a block holding one is a table.
_TABLE_DELIMITER = re.compile(
    r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$"
)
# Lines that stand on their own in Python-Markdown "extra", whatever comes before or after:
# thematic breaks, link/footnote references, abbreviations, attribute lists, definitions, a
# block of HTML, a table row.
_OWN_LINE = re.compile(
    r"""^[ ]{0,3}(?:
        (?:[*][ ]*){3,}$ | (?:-[ ]*){3,}$ | (?:_[ ]*){3,}$   # rules
      | \[[^\]]+\]:                                          # [id]: url, [^1]: note
      | \*\[[^\]]+\]:                                        # *[HTML]: abbreviation
      | \{:?[^}]*\}[ ]*$                                     # {: .attr-list}
      | :[ ]                                                 # definition list
      | <[A-Za-z/!?]                                         # HTML block or comment
      | \|                                                   # table row
    )""",
    re.X,
)


def join_soft_breaks(markdown: str) -> str:
    """`markdown` with the soft line breaks of its paragraphs joined (see the module text)."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    fenced = fenced_lines(lines)
    keep = _kept_blocks(lines, fenced)
    out: list[str] = []
    for i, line in enumerate(lines):
        if out and i - 1 not in keep and i not in keep and _joinable(lines[i - 1], line):
            previous = out[-1]
            text = line[quote_prefix(line) :].lstrip(" \t")
            if _HARD_BREAK.search(previous):
                out[-1] = _HARD_BREAK.sub("", previous) + "<br>" + text
            else:
                out[-1] = previous.rstrip(" \t") + " " + text
            continue
        out.append(line)
    return "\n".join(out)


def _blocks(lines: Sequence[str], fenced: set[int]) -> list[range]:
    """Runs of non-blank lines outside fenced code (a fence also ends the block before it)."""
    blocks: list[range] = []
    start: int | None = None
    for i, line in enumerate(lines):
        inside = bool(line.strip()) and i not in fenced
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            blocks.append(range(start, i))
            start = None
    if start is not None:
        blocks.append(range(start, len(lines)))
    return blocks


def _kept_blocks(lines: Sequence[str], fenced: set[int]) -> set[int]:
    """Lines never joined: fenced code, and whole blocks whose line breaks carry meaning."""
    keep = set(fenced)
    in_list = False  # the block before was a list (or a paragraph of one of its items)
    for block in _blocks(lines, fenced):
        first = lines[block[0]]
        unquoted = [lines[i][quote_prefix(lines[i]) :] for i in block]
        indent = len(first) - len(first.lstrip(" ")) if not first.startswith("\t") else 4
        # Indented by 4 after a list, a block is the item's next paragraph (Python-Markdown's
        # ListIndentProcessor); anywhere else, or indented 8 there, it is code.
        item_paragraph = in_list and 4 <= indent < 8
        in_list = list_item(first) is not None or item_paragraph
        if (
            (indent >= 4 and not item_paragraph)
            or re.match(r"[ ]{0,3}<[A-Za-z/!?]", first)  # an HTML block
            or any(_TABLE_DELIMITER.match(text) for text in unquoted)
            # A fence in a quote or a list item (the column-0 grammar does not see it, other
            # Markdown readers do): its code lines must stay lines.
            or any(text.lstrip().startswith(("```", "~~~")) for text in unquoted)
            # A setext underline (or a "---" rule right under text): joining the lines above
            # it would change which line is the heading.
            or any(setext_level(text.strip()) is not None for text in unquoted[1:])
        ):
            keep.update(block)
    return keep


def _joinable(line: str, following: str) -> bool:
    """Whether the break between two lines of one block is a soft break inside a paragraph."""
    before = line[quote_prefix(line) :]
    after = following[quote_prefix(following) :]
    if not before.strip() or not after.strip():
        return False  # a blank line, or a quote's blank line (">"): a paragraph ends
    if _quote_depth(line) != _quote_depth(following):
        return False  # a quote starts or ends (or nests deeper): structure, not a wrap
    for text in (before, after):
        if atx_heading(text) is not None or _OWN_LINE.match(text):
            return False
    # A new list item starts a new line; the item's own text may go on (a continuation line).
    return list_item(after) is None


def _quote_depth(line: str) -> int:
    return line[: quote_prefix(line)].count(">")
