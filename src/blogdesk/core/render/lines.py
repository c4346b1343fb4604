"""The Markdown line grammar: what one source line is, as Python-Markdown (the renderer) reads it.

The editor's highlighter and formatting commands, the outline's heading lines and the title
taken from a post's first heading all ask here, so they cannot disagree about what a heading, a
fence, a list item or a quote is. Where Python-Markdown differs from CommonMark it is followed,
since its HTML is what gets published:

- ATX headings start in column 0 (" # x" is a paragraph) and need no space after the hashes
  ("#hashtag" is a heading); a seventh "#" is text ("####### x" is an h6 "# x"); closing hashes
  go only when nothing but them ends the line ("# x #  " keeps its "#").
- Setext underlines are `=` or `-` runs in column 0, trailing spaces only, under the first line
  of a block (so under a single text line, not a paragraph's last line).
- Fences are ``` or ~~~ (3 or more) in column 0 with an optional language, `{attrs}` or
  hl_lines, and are closed only by the very same fence; a fence that never closes is text.
- List items are `*`, `+`, `-` or `1.` followed by a space ("1)" is text).
- Block quotes are `>` after at most 3 spaces, one optional space after it.

Lines are passed without their line ending. Tabs are taken as Python-Markdown sees them after
expanding them to 4 columns: a tab before a marker indents it by 4 (code), a tab after one is
a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

__all__ = [
    "LIST_ITEM",
    "QUOTE",
    "AtxHeading",
    "Heading",
    "atx_heading",
    "closes_fence",
    "fence_open",
    "fenced_lines",
    "fenced_spans",
    "headings",
    "list_item",
    "quote_prefix",
    "setext_level",
]

# HashHeaderProcessor.RE of Python-Markdown 3.x, for one line: `\\.` keeps an escaped "#" in the
# text, `#+(?=[^#])` a run of "#" that something other than "#" follows.
_ATX = re.compile(r"^(#{1,6})((?:\\.|[^\\#]|#+(?=[^#]))*?)#*$")
# SetextHeaderProcessor.RE's second line.
_SETEXT = re.compile(r"^(?:=+|-+)[ ]*$")
# FencedBlockPreprocessor.FENCED_BLOCK_RE's opening line: a fence, then `{attrs}` right up to
# the end of the line, or an optional (.)language and an optional hl_lines="…".
_FENCE_OPEN = re.compile(
    r"""^(?P<fence>~{3,}|`{3,})[ \t]*"""
    r"""(?:\{[^\n]*\}|(?:\.?[\w#.+-]*[ \t]*)?(?:hl_lines=(?P<q>["']).*?(?P=q)[ \t]*)?)$"""
)
_FENCE_CLOSE_TAIL = re.compile(r"[ \t]*")
# UListProcessor/OListProcessor.RE with any indent (nested items sit 4 spaces deeper); `task` is
# the editor's "[ ] " checkbox, which Python-Markdown shows as the text it is.
LIST_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+]|(?P<num>\d+)(?P<delim>\.))"
    r"(?P<space>[ \t]+)(?P<task>\[[ xX]\][ \t]+)?"
)
# BlockQuoteProcessor.RE, repeated for nested quotes ("> > x").
QUOTE = re.compile(r"^(?:[ ]{0,3}>[ \t]?)+")


class AtxHeading(NamedTuple):
    level: int
    text: str  # stripped, closing hashes removed, inline markup and escapes as written
    marker_end: int  # index just past the opening hashes


class Heading(NamedTuple):
    line: int  # 0-based; for a setext heading, the text line (not the underline)
    level: int
    text: str
    quoted: bool  # inside a block quote (the text is without the "> " markers)


def atx_heading(line: str) -> AtxHeading | None:
    match = _ATX.match(line)
    if match is None:
        return None
    return AtxHeading(len(match[1]), match[2].strip(), match.end(1))


def setext_level(line: str) -> int | None:
    """1 for a `===` underline, 2 for `---`, else None (whether the line above makes it a
    heading is `headings()`'s business: on its own `---` may also be a rule)."""
    if not _SETEXT.match(line):
        return None
    return 1 if line[0] == "=" else 2


def fence_open(line: str) -> str | None:
    """The fence ("```", "~~~~"…) that `line` opens, or None."""
    match = _FENCE_OPEN.match(line)
    return match["fence"] if match else None


def closes_fence(line: str, fence: str) -> bool:
    """True when `line` closes `fence`: the same characters, as many, then only spaces."""
    return line.startswith(fence) and _FENCE_CLOSE_TAIL.fullmatch(line, len(fence)) is not None


def fenced_spans(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(first, last) line of every fenced code block, fence lines included: an opening fence
    counts only if a closing one follows (as Python-Markdown searches for whole blocks)."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        fence = fence_open(lines[i]) if lines[i].startswith(("```", "~~~")) else None
        if fence is not None:
            end = next((j for j in range(i + 1, len(lines)) if closes_fence(lines[j], fence)), -1)
            if end >= 0:
                spans.append((i, end))
                i = end + 1
                continue
        i += 1
    return spans


def fenced_lines(lines: Sequence[str]) -> set[int]:
    return {i for first, last in fenced_spans(lines) for i in range(first, last + 1)}


def list_item(line: str) -> re.Match[str] | None:
    """The list marker at the start of `line` (groups: indent, marker, num, delim, space, task)."""
    return LIST_ITEM.match(line)


def quote_prefix(line: str) -> int:
    """How many characters of `line` are block quote markers (0: not quoted)."""
    match = QUOTE.match(line)
    return match.end() if match else 0


def headings(lines: Sequence[str]) -> Iterator[Heading]:
    """Every heading of a document, in order, outside fenced code.

    A setext heading's text line must start its block (after a blank line, the start, an ATX
    heading or a fenced block, which Python-Markdown splits off the block they are in) and not
    be indented code or an ATX heading itself; a quoted one needs both lines in the quote.
    """
    fenced = fenced_lines(lines)
    atx_lines: set[int] = set()
    for i, line in enumerate(lines):
        # Cheap test first: this runs over the whole post at every preview update.
        if not line or line[0] not in _HEADING_STARTS or i in fenced:
            continue
        quoted, text = _unquoted(line)
        atx = atx_heading(text)
        if atx is not None:
            atx_lines.add(i)
            yield Heading(i, atx.level, atx.text, quoted)
            continue
        level = setext_level(text)
        if level is None or i == 0 or i - 1 in fenced or i - 1 in atx_lines:
            continue
        above_quoted, above = _unquoted(lines[i - 1])
        if above_quoted != quoted or not above.strip() or above.startswith(("    ", "\t")):
            continue
        if i >= 2 and _unquoted(lines[i - 2])[1].strip() and not {i - 2} & (atx_lines | fenced):
            continue  # the text line is not the first of its block: a paragraph goes on
        yield Heading(i - 1, level, above.strip(), quoted)


_HEADING_STARTS = frozenset("#=-> ")


def _unquoted(line: str) -> tuple[bool, str]:
    end = quote_prefix(line)
    return (True, line[end:]) if end else (False, line)
