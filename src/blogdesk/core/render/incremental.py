"""The live preview's renderer: the same HTML as ``render()``, reusing unchanged chunks.

A keystroke changes one top-level chunk of the document (``render_blocks.split``); every other
chunk's HTML comes from the previous render. Features that reach across chunks are handled so
the result stays equal to ``render(text).html`` — the preview must show what gets published:

- reference links and abbreviations: their definitions, collected document-wide, are rendered
  with every chunk (and are part of each chunk's cache key);
- footnotes: references are numbered via stub definitions, the footnote list is rendered from
  the definition chunks (``render_footnotes``);
- ``[TOC]``: built by the toc extension's own code from the headings of all chunks;
- anything that cannot be handled with certainty — a definition or footnote where it can't be
  collected, the same id coming out of two chunks (duplicate heading anchors) — makes it
  render the document whole.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from blogdesk.core.render.blocks import definitions, normalize, split
from blogdesk.core.render.engine import (
    RenderedPost,
    RenderOptions,
    TocEntry,
    check_size,
    convert,
    convert_with_toc,
    rendered_post,
    toc_html,
)
from blogdesk.core.render.footnotes import plan_footnotes

_ID_RE = re.compile(r"""<[^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Each chunk is rendered between two paragraphs of this text (invisible, no word characters,
# so no Markdown, abbreviation or smart-punctuation rule touches it). What comes out between
# them is exactly what the chunk contributes to the whole document's HTML, including the
# whitespace after its last element, which a bare render would strip.
_SENTINEL = "\u2063\u2062\u2063"
_HEAD = f"<p>{_SENTINEL}</p>\n"
_TAIL = f"<p>{_SENTINEL}</p>"
_FOOTNOTE_LIST = '\n<div class="footnote">'
_TOC_MARKER = "[TOC]"

_Kind = Literal["body", "notes", "toc"]


class _Job(NamedTuple):
    text: str
    prefix: str  # definitions rendered before the chunk
    kind: _Kind


class _ChunkHtml(NamedTuple):
    html: str
    ids: tuple[str, ...]
    toc: tuple[TocEntry, ...]


class _Fallback(Exception):
    """This document needs a full render."""


class IncrementalRenderer:
    """Renders successive versions of one document; use it from one thread at a time."""

    def __init__(self, options: RenderOptions | None = None) -> None:
        self.options = options if options is not None else RenderOptions()
        self._chunks: dict[_Job, _ChunkHtml] = {}
        self._last: tuple[str, RenderedPost] | None = None
        # Figures about the last render, for tests and the benchmark.
        self.last_rendered_chunks = 0
        self.last_total_chunks = 0
        self.last_was_full = False

    def render(self, text: str) -> RenderedPost:
        if self._last is not None and self._last[0] == text:
            self.last_rendered_chunks = 0
            return self._last[1]
        check_size(text)  # each chunk is small: the whole post's size decides, as in render()
        try:
            html = self._chunked_html(text)
        except _Fallback:
            html = self._full(text)
        post = rendered_post(text, html)
        self._last = (text, post)
        return post

    def _jobs(self, text: str) -> list[_Job]:
        body = normalize(text)
        if body.startswith(" ") and not body.split("\n", 1)[0].strip():
            raise _Fallback  # a blank-looking first line is kept only at the very start
        chunks, _ = split(body)
        if len(chunks) < 2:
            raise _Fallback
        defs = definitions(chunks, body)
        plan = plan_footnotes(chunks, body) if defs is not None else None
        if defs is None or plan is None:
            raise _Fallback
        # Body chunks see the link/abbreviation definitions and stub footnote definitions;
        # the footnote list is rendered from the definition chunks, after every body chunk.
        body_prefix = "\n\n".join(p for p in (defs, plan.stubs) if p)
        with_toc = self.options.toc and _TOC_MARKER in body
        jobs = [
            _Job(c.text, body_prefix, "toc" if with_toc and _is_marker(c.text) else "body")
            for c in plan.body
        ]
        if with_toc:
            markers = sum(1 for j in jobs if j.kind == "toc")
            if body.count(_TOC_MARKER) != markers or "[toc]:" in body.lower():
                raise _Fallback  # a marker inside a list, a quote, a sentence...
        if plan.notes:
            jobs.append(_Job("\n\n".join(c.text for c in plan.notes), defs, "notes"))
        return jobs

    def _chunked_html(self, text: str) -> str:
        jobs = self._jobs(text)
        fresh: dict[_Job, _ChunkHtml] = {}
        parts: list[str] = []
        toc: list[TocEntry] = []
        seen_ids: set[str] = set()
        rendered = 0
        try:
            for job in jobs:
                if job.kind == "toc":
                    parts.append("")  # filled in below, once every heading is known
                    continue
                done = fresh.get(job) or self._chunks.get(job)
                if done is None:
                    done = self._render_job(job, footnote_stubs="[^" in job.prefix)
                    rendered += 1
                fresh[job] = done
                for anchor in done.ids:
                    if anchor in seen_ids:
                        # Python-Markdown would have made this heading anchor unique across
                        # the whole document ("intro_1"); only a full render knows how.
                        raise _Fallback
                    seen_ids.add(anchor)
                parts.append(done.html)
                toc.extend(done.toc)
        finally:
            self._chunks = fresh  # keep only what the current text uses
        if any(job.kind == "toc" for job in jobs):
            div = toc_html(tuple(toc), self.options)
            kinds = [job.kind for job in jobs]
            parts = [div if k == "toc" else part for k, part in zip(kinds, parts, strict=True)]
        self.last_rendered_chunks = rendered
        self.last_total_chunks = len(jobs)
        self.last_was_full = False
        return "".join(parts).strip()

    def _render_job(self, job: _Job, footnote_stubs: bool) -> _ChunkHtml:
        """What ``job``'s chunk contributes to the document's HTML."""
        if job.kind == "notes":
            # Definitions only: the output is the footnote list after the two sentinels.
            source = f"{job.prefix}\n\n{_SENTINEL}\n\n{_SENTINEL}\n\n{job.text}\n"
            html, toc = convert_with_toc(source, self.options)
            head = f"{_HEAD}{_TAIL}\n"
            if not html.startswith(head):
                raise _Fallback
            html = html[len(head) :]
        else:
            source = f"{job.prefix}\n\n{_SENTINEL}\n\n{job.text}\n\n{_SENTINEL}\n"
            html, toc = convert_with_toc(source, self.options)
            # With footnote stubs, their list follows the closing sentinel: cut it off.
            end = html.rfind(_TAIL)
            rest = html[end + len(_TAIL) :]
            if not html.startswith(_HEAD) or end < len(_HEAD) - 1:
                raise _Fallback
            if rest and not (footnote_stubs and rest.startswith(_FOOTNOTE_LIST)):
                raise _Fallback  # e.g. an unclosed HTML block swallowed the closing sentinel
            html = html[len(_HEAD) : end]
        ids = tuple(a or b for a, b in _ID_RE.findall(html))
        return _ChunkHtml(html, ids, toc)

    def _full(self, text: str) -> str:
        self.last_rendered_chunks = 1
        self.last_total_chunks = 1
        self.last_was_full = True
        return convert(text, self.options)


def _is_marker(chunk_text: str) -> bool:
    return chunk_text.strip() == _TOC_MARKER
