"""Cutting a Markdown document into top-level chunks that Python-Markdown renders independently.

A cut is made only before a line where Python-Markdown is certain to start a fresh top-level
element that cannot attach to what came before: a column-0 line after a blank line, outside
fenced code and raw HTML, that is not a list item, block quote or definition (those merge with
a preceding list/quote/definition list), looking through blocks of definitions, which leave
no element behind. When unsure, don't cut:
a bigger chunk costs time, a wrong cut would make the preview differ from the published HTML.

Things that cross chunks are handled by ``IncrementalRenderer``: reference links and
abbreviations (``definitions`` here), footnotes (``render_footnotes``), ``[TOC]`` and duplicate
ids.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.abbr import AbbrBlockprocessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from blogdesk.core.render.htmlscan import raw_html_spans

_TAB_LENGTH = 4
_LIST_ITEM_RE = re.compile(r"^(?:[*+-]|\d+[.)])(?:[ \t]|$)")
_DEFINITION_RE = re.compile(r"^ {0,3}:[ ]{1,3}", re.MULTILINE)
# A block that may be nothing but link, abbreviation or footnote definitions (loosely: labels
# may hold "]" or line breaks, e.g. "*[]x]: y" is an abbreviation for "]x").
_DEF_BLOCK_RE = re.compile(r"^(?: {0,3}\[|\*\[)[^\n]*(?:\n[^\n]*)*?\][ ]?:")
_FOOTNOTE_DEF_RE = re.compile(r"^ {0,3}\[\^")
# Anything that might be a reference or abbreviation definition somewhere (loosely).
_LOOSE_DEF_RE = re.compile(r"\[(?!\^)[^\[\]]*\][ ]?:")  # "[^x]:" is a footnote


class Chunk(NamedTuple):
    first_line: int  # 0-based line in the normalized text
    text: str


def normalize(text: str) -> str:
    """What Python-Markdown's whitespace preprocessor does, line count preserved."""
    text = text.replace("\x02", "").replace("\x03", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(_TAB_LENGTH)
    return re.sub(r"(?<=\n) +\n", "\n", text)


def fenced_spans(text: str) -> list[tuple[int, int]]:
    """(first, last) line of each fenced code block, as Python-Markdown finds them."""
    spans = []
    if "```" in text or "~~~" in text:
        for m in FencedBlockPreprocessor.FENCED_BLOCK_RE.finditer(text):
            first = text.count("\n", 0, m.start())
            spans.append((first, first + text.count("\n", m.start(), m.end())))
    return spans


def split(text: str) -> tuple[list[Chunk], list[str]]:
    """Chunks of the normalized ``text`` and its lines."""
    lines = text.split("\n")
    n = len(lines)
    protected = bytearray(n)  # 1 = a cut before this line is not allowed
    fences = fenced_spans(text)
    fenced_lines: set[int] = set()
    for first, last in fences:
        fenced_lines.update(range(first, last + 1))
    spans = fences + raw_html_spans(lines, fenced_lines)
    for first, last in spans:
        for j in range(first + 1, min(last + 1, n)):
            protected[j] = 1
    chunks: list[Chunk] = []
    start = 0
    for i in range(1, n):
        line = lines[i]
        if not line or lines[i - 1] or protected[i] or not _may_start_chunk(lines, protected, i):
            continue
        last = i - 1
        while last > start and not lines[last]:
            last -= 1
        if not lines[last]:
            continue  # nothing but blank lines so far
        if i - last > 2 and lines[last][0] == " ":
            # Several blank lines after an indented block: Python-Markdown may add them to a
            # code block's text, so keep the two together.
            continue
        chunks.append(Chunk(start, "\n".join(lines[start : last + 1])))
        start = i
    tail = "\n".join(lines[start:])
    if tail.strip():
        chunks.append(Chunk(start, tail))
    return chunks, lines


def _may_start_chunk(lines: list[str], protected: bytearray, i: int) -> bool:
    n = len(lines)
    while True:
        line = lines[i]
        if line[0] in " >:" or _LIST_ITEM_RE.match(line):
            return False
        k = _next_block(lines, protected, i)
        # Definitions leave no element behind: look through them (and a footnote's indented
        # continuation, which is part of it).
        after = _skip_footnote_body(lines, protected, i, k)
        while after < n and _DEF_BLOCK_RE.match(_block(lines, after)):
            after = _skip_footnote_body(
                lines, protected, after, _next_block(lines, protected, after)
            )
        # A definition in this block, or a "Term\n\n: definition" right after it, would join
        # a definition list just before it.
        if any(_DEFINITION_RE.match(lines[j]) for j in range(i, k)):
            return False
        if after < n and _DEFINITION_RE.match(lines[after]):
            return False
        if not _DEF_BLOCK_RE.match(_block(lines, i)):
            return True
        # This block is definitions: what follows them meets the element before the cut.
        if after >= n:
            return True
        i = after


def _skip_footnote_body(lines: list[str], protected: bytearray, i: int, k: int) -> int:
    """``k``, or past the indented blocks that continue a footnote definition at ``i``."""
    if _FOOTNOTE_DEF_RE.match(lines[i]):
        while k < len(lines) and lines[k].startswith("    "):
            k = _next_block(lines, protected, k)
    return k


def _block(lines: list[str], i: int) -> str:
    """The lines from ``i`` to the next blank line (a label may span lines: "[a\nb]: url")."""
    j = i
    while j < len(lines) and lines[j]:
        j += 1
    return "\n".join(lines[i:j])


def _next_block(lines: list[str], protected: bytearray, i: int) -> int:
    """Start of the block after the one at ``i`` (blank lines in fences/HTML don't count)."""
    k = i + 1
    while k < len(lines) and (lines[k - 1] or not lines[k] or protected[k]):
        k += 1
    return k


def definitions(chunks: list[Chunk], text: str) -> str | None:
    """Every reference-link and abbreviation definition, as Markdown to prepend to each chunk.

    Only blocks made of nothing but definitions are collected: there Python-Markdown surely
    reads them as definitions. ``None`` when some other text looks like one (in a table, a
    list, a quote, raw HTML...) or a key is defined twice: the caller then renders whole.
    """
    fences = fenced_spans(text)
    unfenced = _drop_lines(text, fences) if fences else text
    loose = len(_LOOSE_DEF_RE.findall(unfenced))
    if loose == 0:
        return ""
    found: list[str] = []
    keys: set[str] = set()
    for chunk in chunks:
        body = _drop_lines(chunk.text, raw_html_spans(chunk.text.split("\n"), set()))
        body = _drop_lines(body, fenced_spans(body))
        for block in body.split("\n\n"):
            for key, definition in _definition_block(block.strip("\n")):
                if key in keys:
                    return None
                keys.add(key)
                found.append(definition)
    if len(found) != loose:
        return None
    return "\n\n".join(found)


def _definition_block(block: str) -> list[tuple[str, str]]:
    """(key, text) of each definition if ``block`` holds definitions only, else []."""
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(block):
        prefix = "*"
        m = AbbrBlockprocessor.RE.match(block, pos)
        if m is None:
            prefix = ""
            m = ReferenceProcessor.RE.match(block, pos)
        if m is None or m.group(1).startswith("^"):
            return []  # not a definition block ("[^x]:" is a footnote, see render_footnotes)
        out.append((prefix + " ".join(m.group(1).split()).lower(), m.group(0)))
        pos = m.end() + 1
    return out


def _drop_lines(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the lines of ``spans`` blanked (line count kept)."""
    if not spans:
        return text
    lines = text.split("\n")
    for first, last in spans:
        for j in range(first, min(last + 1, len(lines))):
            lines[j] = ""
    return "\n".join(lines)
