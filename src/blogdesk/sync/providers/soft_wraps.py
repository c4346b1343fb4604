"""Markdown for sites that render line breaks as they are typed (Forem/DEV: Redcarpet's hard_wrap).

In the preview (Python-Markdown), a paragraph written over several lines is one flowing
paragraph: its line breaks are soft. DEV turns every one of them into a `<br>`, so a post wrapped
at 80 columns shows ragged short lines there. `join_soft_breaks` joins the lines of each paragraph
(and of each list item's and quote's text) with a space, and turns a hard break (two or more
trailing spaces) into an explicit `<br>` on the same line, which both renderers show as the
preview does. Everything whose line structure means something is left exactly as written:
fenced and indented code (also in a quote or a list item), tables, HTML blocks, headings
(setext underlines included), rules, reference/footnote/abbreviation definitions, attribute
lists, definition lists, and the list markers and quote markers themselves.

The fence grammar is the renderer's (core/render/lines.py), so a fence the preview does not take
for one is not one here either. Which indented block is code and which is a list item's paragraph
follows Python-Markdown too: it depends on the lists open before it, and a fenced block, a quote
or any unindented block closes them.
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
    keep, indents = _kept_blocks(lines, fenced)
    out: list[str] = []
    for i, line in enumerate(lines):
        # A list item's own paragraph is read without the indent that puts it in the item.
        inner = line[indents.get(i, 0) :]
        if (
            out
            and i - 1 not in keep
            and i not in keep
            and _joinable(lines[i - 1][indents.get(i - 1, 0) :], inner)
        ):
            previous = out[-1]
            text = _unquoted(inner).lstrip(" \t")
            if _HARD_BREAK.search(previous):
                out[-1] = _HARD_BREAK.sub("", previous) + "<br>" + text
            else:
                out[-1] = previous.rstrip(" \t") + " " + text
            continue
        out.append(line)
    return "\n".join(out)


def _unquoted(line: str) -> str:
    return line[quote_prefix(line) :]


def _blocks(lines: Sequence[str], fenced: set[int]) -> list[range]:
    """Runs of lines that are not blank (a quote's ">" line is blank too). A fenced code block is
    a run of its own: Python-Markdown takes it out of the text first, so it ends what was before."""
    blocks: list[range] = []
    start, start_fenced = None, False
    for i, line in enumerate(lines):
        is_fenced = i in fenced
        inside = is_fenced or bool(_unquoted(line).strip())
        if start is not None and (not inside or is_fenced != start_fenced):
            blocks.append(range(start, i))
            start = None
        if inside and start is None:
            start, start_fenced = i, is_fenced
    if start is not None:
        blocks.append(range(start, len(lines)))
    return blocks


def _indent(text: str) -> int:
    """The columns of white space `text` starts with (a tab reaches the next multiple of 4)."""
    spaces = text.expandtabs(4)
    return len(spaces) - len(spaces.lstrip(" "))


def _dedent(line: str, columns: int) -> int:
    """How many characters of `line`'s leading white space make up (at most) `columns`."""
    width = 0
    for count, char in enumerate(line):
        if width >= columns or char not in " \t":
            return count
        width = width + 1 if char == " " else (width // 4 + 1) * 4
    return len(line)


def _kept_blocks(lines: Sequence[str], fenced: set[int]) -> tuple[set[int], dict[int, int]]:
    """Lines never joined (fenced code, and whole blocks whose line breaks carry meaning), and
    the indent of each line of a list item's own paragraph (its text starts after it)."""
    keep = set(fenced)
    indents: dict[int, int] = {}
    # How many lists are open, nested, at the end of the block before (at the same quote depth):
    # Python-Markdown's ListIndentProcessor gives a block indented by 4 × k, k up to that many,
    # to the item k lists deep; a block indented deeper is code in the innermost item.
    open_lists, depth = 0, 0
    for block in _blocks(lines, fenced):
        if block[0] in fenced:
            open_lists = 0
            continue
        unquoted = [_unquoted(lines[i]) for i in block]
        if _quote_depth(lines[block[0]]) != depth:  # a quote starts or ends: so does any list
            open_lists, depth = 0, _quote_depth(lines[block[0]])
        level = _indent(unquoted[0]) // 4
        items = [list_item(text) for text in unquoted]
        if items[0] is not None and (level == 0 or open_lists >= level):
            # A list, or a nested list in an item: the innermost item its last marker opens.
            last = next(m for m in reversed(items) if m is not None)
            open_lists = _indent(last["indent"]) // 4 + 1
            code = False
        elif level == 0:
            open_lists, code = 0, False
        elif level <= open_lists:  # a paragraph of the item `level` lists deep
            open_lists, code = level, False
            for i in block:
                indents[i] = _dedent(lines[i], 4 * level)
            unquoted = [_unquoted(lines[i][indents[i] :]) for i in block]
        else:  # indented code, at the top or in the innermost item
            code = True
        if (
            code
            or re.match(r"[ ]{0,3}<[A-Za-z/!?]", lines[block[0]])  # an HTML block
            or any(_TABLE_DELIMITER.match(text) for text in unquoted)
            # A fence in a quote or a list item (the column-0 grammar does not see it, other
            # Markdown readers do): its code lines must stay lines.
            or any(text.lstrip().startswith(("```", "~~~")) for text in unquoted)
            # A setext underline (or a "---" rule right under text): joining the lines above
            # it would change which line is the heading.
            or any(setext_level(text.strip()) is not None for text in unquoted[1:])
        ):
            keep.update(block)
    return keep, indents


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
