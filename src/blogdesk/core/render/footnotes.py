"""Footnotes for the incremental renderer: body chunks and a separately rendered footnote list.

Python-Markdown numbers a footnote by the position of its definition (``USE_DEFINITION_ORDER``)
and appends one ``<div class="footnote">`` holding every definition. So a body chunk renders
exactly as in the whole document when it is given stub definitions of every footnote id in
document order, and the list at the end can be rendered from the definition chunks alone,
provided that (checked here, else ``None`` and a full render):

- every definition is a chunk of its own (a definition plus its indented continuation);
- no footnote is referenced twice (duplicates get ``fnref2:`` ids, counted in tree order);
- no definition references another footnote, and no ids are defined twice;
- the document does not place the list itself (the ``///Footnotes Go Here///`` marker).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from markdown.extensions.footnotes import FootnoteBlockProcessor

from blogdesk.core.render.blocks import Chunk, fenced_spans
from blogdesk.core.render.htmlscan import raw_html_spans

PLACE_MARKER = "///Footnotes Go Here///"
_DEF_START_RE = FootnoteBlockProcessor.RE  # ^[ ]{0,3}\[\^([^\]]*)\]:[ ]*(.*)$, multiline
_LOOSE_DEF_RE = re.compile(r"\[\^[^\]]*\]:")
# A continuation line that only a paragraph would claim: starts with a letter or digit (and is
# not a numbered list item) or an opening parenthesis or quote.
_PLAIN_LINE_RE = re.compile(r"^(?![0-9]+[.)](?:\s|$))[^\W_(\"'“‘]|^[(\"'“‘]")
_TAG_RE = re.compile(r"<[A-Za-z!/?]")
_REF_RE = re.compile(r"\[\^([^\]]*)\]")  # as FootnoteExtension's inline pattern


class FootnotePlan(NamedTuple):
    body: list[Chunk]  # chunks that are not footnote definitions
    notes: list[Chunk]  # footnote definition chunks, in document order
    stubs: str  # "[^a]: .\n[^b]: ." in definition order: numbers the references right


def plan_footnotes(chunks: list[Chunk], text: str) -> FootnotePlan | None:
    if "[^" not in text:
        return FootnotePlan(chunks, [], "")
    if PLACE_MARKER in text:
        return None
    body: list[Chunk] = []
    notes: list[Chunk] = []
    ids: list[str] = []
    for chunk in chunks:
        if not _DEF_START_RE.match(chunk.text):
            body.append(chunk)
            continue
        heads = [m.group(1) for m in _DEF_START_RE.finditer(chunk.text)]
        if not _only_definitions(chunk.text) or chunk.text.count("[^") != len(heads):
            return None
        ids.extend(heads)
        notes.append(chunk)
    if len(set(ids)) != len(ids) or len(_LOOSE_DEF_RE.findall(text)) != len(ids):
        return None
    refs = Counter(m.group(1) for c in body for m in _REF_RE.finditer(c.text))
    if any(refs[i] > 1 for i in ids):
        return None
    return FootnotePlan(body, notes, "\n".join(f"[^{i}]: ." for i in ids))


def _only_definitions(chunk_text: str) -> bool:
    """The chunk is definitions and their continuation, nothing that could be read otherwise.

    A definition's block may go on with plain lines of text, indented or not; a line that
    could start a heading, list, quote, table, rule or HTML is split off by Python-Markdown's
    other block processors first, so such a chunk is left to a full render. Later blocks
    must be indented. Fenced code and raw HTML blocks are taken out of their surroundings
    before blocks are parsed, so they would end up outside the footnote: not here either.
    """
    if fenced_spans(chunk_text) or raw_html_spans(chunk_text.split("\n"), set()):
        return False
    if _TAG_RE.search(chunk_text):
        # Even a one-line comment or tag is stashed by the raw HTML preprocessor before the
        # footnote's blocks are parsed, and lands after the next chunk, not in the note.
        return False
    for block in chunk_text.rstrip("\n").split("\n\n"):
        if block.startswith("\n"):
            return False  # after two blank lines, an indented block is not the footnote's
        if block.startswith("    "):
            continue
        if not _DEF_START_RE.match(block):
            return False  # a paragraph of its own after the definition, not part of it
        for line in block.split("\n"):
            if line and not (_DEF_START_RE.match(line) or _PLAIN_LINE_RE.match(line.lstrip(" "))):
                return False
    return True
