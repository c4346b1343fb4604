"""The live preview's renderer: the same HTML as ``render()``, reusing unchanged chunks.

A keystroke changes one top-level chunk of the document (``render_blocks.split``); every other
chunk's HTML comes from the previous render. Features that reach across chunks are handled so
the result stays equal to ``render(text).html`` — the preview must show what gets published:

- reference links and abbreviations: their definitions, collected document-wide, are rendered
  with every chunk (and are part of each chunk's cache key);
- footnotes: references are numbered via stub definitions, the footnote list is rendered from
  the definition chunks (``render_footnotes``);
- a ``[TOC]`` marker, definitions or footnotes that cannot be handled with certainty, or the
  same id coming out of two chunks (duplicate heading anchors): render the document whole.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from blogdesk.core.render_blocks import definitions, normalize, split
from blogdesk.core.render_engine import RenderedPost, RenderOptions, convert, rendered_post
from blogdesk.core.render_footnotes import plan_footnotes

_ID_RE = re.compile(r"""<[^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Each chunk is rendered between two paragraphs of this text (invisible, no word characters,
# so no Markdown, abbreviation or smart-punctuation rule touches it). What comes out between
# them is exactly what the chunk contributes to the whole document's HTML, including the
# whitespace after its last element, which a bare render would strip.
_SENTINEL = "\u2063\u2062\u2063"
_HEAD = f"<p>{_SENTINEL}</p>\n"
_TAIL = f"<p>{_SENTINEL}</p>"
_FOOTNOTE_LIST = '\n<div class="footnote">'




class _ChunkHtml(NamedTuple):
    html: str
    ids: tuple[str, ...]


class IncrementalRenderer:
    """Renders successive versions of one document; use it from one thread at a time."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options if options is not None else RenderOptions()
        # (chunk text, prefix rendered with it, is the footnote list) -> its HTML
        self._chunks: dict[tuple[str, str, bool], _ChunkHtml] = {}
        self._last: tuple[str, RenderedPost] | None = None
        # Figures about the last render, for tests and the benchmark.
        self.last_rendered_chunks = 0
        self.last_total_chunks = 0
        self.last_was_full = False

    def render(self, text: str) -> RenderedPost:
        if self._last is not None and self._last[0] == text:
            self.last_rendered_chunks = 0
            return self._last[1]
        html = self._html(text)
        post = rendered_post(text, html)
        self._last = (text, post)
        return post

    def _html(self, text: str) -> str:
        body = normalize(text)
        if self.options.toc and "[TOC]" in body:
            return self._full(text)  # the table of contents depends on every heading
        if body.startswith(" ") and not body.split("\n", 1)[0].strip():
            return self._full(text)  # a blank-looking first line is kept only at the very start
        chunks, _ = split(body)
        if len(chunks) < 2:
            return self._full(text)
        defs = definitions(chunks, body)
        plan = plan_footnotes(chunks, body) if defs is not None else None
        if defs is None or plan is None:
            return self._full(text)
        # Body chunks see the link/abbreviation definitions and stub footnote definitions;
        # the footnote list is rendered from the definition chunks, after every body chunk.
        body_prefix = "\n\n".join(p for p in (defs, plan.stubs) if p)
        jobs = [(c.text, body_prefix, False) for c in plan.body]
        if plan.notes:
            jobs.append(("\n\n".join(c.text for c in plan.notes), defs, True))
        fresh: dict[tuple[str, str, bool], _ChunkHtml] = {}
        parts: list[str] = []
        seen_ids: set[str] = set()
        rendered = 0
        for key in jobs:
            done = fresh.get(key) or self._chunks.get(key)
            if done is None:
                html = self._convert_chunk(*key, footnote_stubs=bool(plan.stubs))
                if html is None:
                    self._chunks = fresh
                    return self._full(text)
                done = _ChunkHtml(html, tuple(a or b for a, b in _ID_RE.findall(html)))
                rendered += 1
            fresh[key] = done
            for anchor in done.ids:
                if anchor in seen_ids:
                    # Python-Markdown would have made this heading anchor unique across the
                    # whole document ("intro_1"); only a full render knows how.
                    self._chunks = fresh
                    return self._full(text)
                seen_ids.add(anchor)
            parts.append(done.html)
        self._chunks = fresh  # keep only what the current text uses
        self.last_rendered_chunks = rendered
        self.last_total_chunks = len(jobs)
        self.last_was_full = False
        return "".join(parts).strip()

    def _convert_chunk(
        self, chunk: str, prefix: str, footnotes: bool, footnote_stubs: bool
    ) -> str | None:
        """The HTML ``chunk`` contributes to the document (None if that can't be told)."""
        if footnotes:
            # Definitions only: the output is the footnote list after the two sentinels.
            html = convert(f"{prefix}\n\n{_SENTINEL}\n\n{_SENTINEL}\n\n{chunk}\n", self.options)
            head = f"{_HEAD}{_TAIL}\n"
            return html[len(head) :] if html.startswith(head) else None
        html = convert(f"{prefix}\n\n{_SENTINEL}\n\n{chunk}\n\n{_SENTINEL}\n", self.options)
        # With footnote stubs, their list follows the closing sentinel: cut it off.
        end = html.rfind(_TAIL)
        rest = html[end + len(_TAIL) :]
        if not html.startswith(_HEAD) or end < len(_HEAD) - 1:
            return None
        if rest and not (footnote_stubs and rest.startswith(_FOOTNOTE_LIST)):
            return None  # e.g. an unclosed HTML block swallowed the closing sentinel
        return html[len(_HEAD) : end]

    def _full(self, text: str) -> str:
        self.last_rendered_chunks = 1
        self.last_total_chunks = 1
        self.last_was_full = True
        return convert(text, self.options)
