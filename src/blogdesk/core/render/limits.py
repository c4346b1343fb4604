"""Bounds that keep ``render()`` fast on hostile or absurd input (docs/rendering.md, "Limits").

Python-Markdown's cost grows much faster than the input in three places, all measured in
docs/performance.md: nested lists (a 1,000-level list took 36 s and 760 MB before failing),
nested quotes (3,000 lines quoted one level deeper each: 63 s, 2.3 GB), and inline Markdown in
one huge paragraph (a 2 MB line: 91 s; each match rebuilds the paragraph's string). Real posts
come nowhere near the bounds below, so they render exactly as before:

- **Nesting.** Quote markers beyond the 50th on a line are text (the 51st ``>`` is escaped),
  and indentation beyond 196 columns (where the 50th list level's marker stands) is cut to 196
  columns, where a list marker or ``>`` is escaped: deeper "levels" read as text in the 50th.
  Markers on one line (``- - - … text`` or ``> - > - …``) count the same way: the 51st is
  escaped (Python-Markdown's own handling of such lines differs between its versions: a
  RecursionError in some, 446 levels in 3.11). Fenced code is left alone.
- **Huge blocks.** Text of one element longer than ``MAX_INLINE_TEXT`` characters is shown as
  written: inline Markdown (emphasis, links, code spans, smart quotes) is not applied in it.
- **Size.** A post longer than ``MAX_POST_CHARS`` characters is not rendered
  (``RenderError``): at ~6 s per MB, and ~60 MB of memory per MB, it would stall the editor.

Every rule is local to one line or one block, so the incremental renderer, which renders
chunks of whole blocks, gives the same HTML as a full render.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from blogdesk.core.render.blocks import fenced_spans, normalize

MAX_DEPTH = 50
MAX_INDENT = 4 * (MAX_DEPTH - 1)  # where the 50th level's list marker stands
MAX_INLINE_TEXT = 50_000
MAX_POST_CHARS = 5_000_000

# Cheap first look: no line starts with 50 blanks or 51 quote markers in most documents (197
# columns need at least 50 blank characters, a tab being at most 4 columns).
_MAYBE_DEEP = re.compile(rf"^(?:[ \t]{{{MAX_DEPTH}}}|(?:[ \t]*>){{{MAX_DEPTH + 1}}})", re.M)
_QUOTE_MARKER = re.compile(r"[ ]{0,3}>[ ]?")
# More than MAX_DEPTH list or quote markers in a row on one line (possessive, so a long line
# that is not deep fails fast).
_DEEP_MARKERS = re.compile(
    rf"^(?:[ \t]*+(?:[*+-]|\d{{1,9}}[.)]|>)[ \t]++){{{MAX_DEPTH + 1}}}", re.M
)
_ANY_MARKER = re.compile(r"[ \t]*+(?:[*+-]|\d{1,9}[.)]|>)(?=[ \t])")
_LIST_MARKER = re.compile(r"(?:[*+-]|\d+[.)])(?=[ \t]|$)")


def cap_nesting(text: str) -> str:
    """``text`` with nesting beyond ``MAX_DEPTH`` levels turned into text (see above)."""
    if not _MAYBE_DEEP.search(text) and not _DEEP_MARKERS.search(text):
        return text
    text = normalize(text)
    lines = text.split("\n")
    fenced: set[int] = set()
    for first, last in fenced_spans(text):
        fenced.update(range(first, last + 1))
    for i, line in enumerate(lines):
        if i in fenced:
            continue
        if _DEEP_MARKERS.match(line):
            lines[i] = line = _cap_marker_run(line)
        if line.startswith(" " * (MAX_INDENT + 1)) or ">" in line[:200]:
            lines[i] = _cap_line(line)
    return "\n".join(lines)


def _cap_marker_run(line: str) -> str:
    """``line`` with the marker after the first ``MAX_DEPTH`` escaped, so the rest is text."""
    pos = 0
    for _ in range(MAX_DEPTH):
        marker = _ANY_MARKER.match(line, pos)
        if marker is None:
            return line
        pos = marker.end()
        while pos < len(line) and line[pos] in " \t":
            pos += 1
    return line[:pos] + "\\" + line[pos:]


def _cap_line(line: str) -> str:
    pos = 0
    for _ in range(MAX_DEPTH):
        marker = _QUOTE_MARKER.match(line, pos)
        if marker is None:
            break
        pos = marker.end()
    else:
        if _QUOTE_MARKER.match(line, pos):
            # One level too many: the rest of the line is text in the 50th quote.
            rest = line[pos:].lstrip(" ")
            return line[:pos] + "\\" + rest
    body = line[pos:]
    indent = len(body) - len(body.lstrip(" "))
    if indent <= MAX_INDENT:
        return line
    rest = body[indent:]
    if _LIST_MARKER.match(rest) or rest.startswith(">"):
        rest = "\\" + rest
    return line[:pos] + " " * MAX_INDENT + rest


class _HugeTextGuard(Treeprocessor):
    """Marks the text of an element longer than ``MAX_INLINE_TEXT`` as atomic, so the inline
    patterns (and smart punctuation) leave it as written."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            text = el.text
            if text and len(text) > MAX_INLINE_TEXT and not isinstance(text, AtomicString):
                el.text = AtomicString(text)


class LimitsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # After the quote attribution (25), right before the inline patterns (20).
        md.treeprocessors.register(_HugeTextGuard(md), "huge_text_guard", 21)
