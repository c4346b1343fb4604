"""The machinery behind ``core.render.rendering``: options, result types, per-thread Markdown.

Python-Markdown instances are not thread-safe, so each thread keeps its own, one per
``RenderOptions``, and resets it around every use (``_markdown_for``). Nothing here reads global
state: the per-thread instances are caches of pure configuration.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html import escape
from typing import Any

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.codehilite import CodeHiliteExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.md_in_html import MarkdownInHtmlExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import (
    TocExtension,
    TocTreeprocessor,
    nest_toc_tokens,
    slugify_unicode,
)
from markdown.treeprocessors import Treeprocessor
from pygments.formatters import HtmlFormatter

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.render.attribution import AttributionExtension
from blogdesk.core.render.hard_breaks import HardBreakExtension
from blogdesk.core.render.limits import MAX_POST_CHARS, LimitsExtension, cap_nesting
from blogdesk.core.render.smartquotes import SmartPunctuationExtension
from blogdesk.core.render.summary import summarize_html

CSS_CLASS = "codehilite"


class RenderError(BlogDeskError):
    """The Markdown could not be turned into HTML (e.g. nesting too deep to parse)."""


@dataclass(frozen=True)
class RenderOptions:
    smart_quotes: bool = True  # “curly” quotes, – — dashes and … (never inside code)
    toc: bool = True  # replace a `[TOC]` paragraph with the table of contents
    highlight: bool = True  # Pygments classes on fenced/indented code (class="codehilite")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str  # the heading's id in the HTML ("" for a raw-HTML heading without one)
    line: int  # 0-based line of the heading in the source text


@dataclass(frozen=True)
class RenderedPost:
    html: str
    title: str | None  # text of the first H1, if any
    word_count: int
    reading_minutes: int
    outline: tuple[Heading, ...]
    images: tuple[str, ...]  # local image references as written, de-duplicated, in order


def convert(text: str, options: RenderOptions) -> str:
    """Only the HTML of ``render(text, options)``."""
    return _convert(text, options, collect_toc=False)[0]


TocEntry = tuple[int, str, str]  # level, anchor, name as the table of contents shows it


def convert_with_toc(text: str, options: RenderOptions) -> tuple[str, tuple[TocEntry, ...]]:
    """The HTML and the table-of-contents entries of the headings in it, in document order."""
    return _convert(text, options, collect_toc=True)


def toc_html(entries: tuple[TocEntry, ...], options: RenderOptions) -> str:
    """The ``<div class="toc">`` that ``[TOC]`` becomes in a document with these headings.

    Built by the toc extension's own code, as in a full render, and followed by the newline
    that element has in the document.
    """
    md = _markdown_for(options)
    md.reset()
    try:
        tokens: list[Any] = [
            {"level": lv, "id": anchor, "name": name} for lv, anchor, name in entries
        ]
        toc = md.treeprocessors["toc"]
        assert isinstance(toc, TocTreeprocessor)
        div = toc.build_toc_div(nest_toc_tokens(tokens))
        html: str = md.serializer(div)
        for postprocessor in md.postprocessors:
            html = postprocessor.run(html)
        return html
    finally:
        md.reset()


def _convert(
    text: str, options: RenderOptions, collect_toc: bool
) -> tuple[str, tuple[TocEntry, ...]]:
    check_size(text)
    md = _markdown_for(options)
    md.reset()
    try:
        html = md.convert(cap_nesting(text))
        toc: tuple[TocEntry, ...] = ()
        if collect_toc:
            toc = tuple(_flatten(getattr(md, "toc_tokens", [])))
        return html, toc
    except RecursionError as exc:
        _forget(options)
        raise RenderError(
            "This post is nested too deeply to render (emphasis, lists or quotes inside each "
            "other hundreds of levels deep). Flatten the deepest part and try again."
        ) from exc
    except Exception as exc:  # a Python-Markdown bug must not take the editor down
        _forget(options)
        raise RenderError(
            f"The Markdown renderer failed on this post ({type(exc).__name__}: {exc}). "
            "Undo the last change or report the text that causes it."
        ) from exc
    finally:
        # Don't keep the last document's stash and references alive between renders.
        md.reset()


def check_size(text: str) -> None:
    """Refuse a post longer than ``MAX_POST_CHARS`` (core/render/limits.py says why)."""
    if len(text) > MAX_POST_CHARS:
        raise RenderError(
            f"This post is too long to render ({len(text) / 1e6:.1f} million characters; "
            f"BlogDesk renders posts of up to {MAX_POST_CHARS / 1e6:.0f} million). "
            "Split it into several posts."
        )


def _flatten(tokens: list[dict[str, Any]]) -> list[TocEntry]:
    out: list[TocEntry] = []
    for token in tokens:
        out.append((int(token["level"]), str(token["id"]), str(token["name"])))
        out.extend(_flatten(token.get("children", [])))
    return out


def rendered_post(text: str, html: str) -> RenderedPost:
    """The post's facts, all read from ``html`` (and ``text`` for heading lines)."""
    summary = summarize_html(text, html)
    return RenderedPost(
        html=html,
        title=summary.title,
        word_count=summary.word_count,
        reading_minutes=summary.reading_minutes,
        outline=tuple(Heading(*h) for h in summary.headings),
        images=summary.images,
    )


class _LabelledFormatter(HtmlFormatter):  # type: ignore[type-arg]
    """Pygments' HTML, with the code block's language kept as ``<code data-lang="python">``.

    Highlighted code otherwise says nothing about its language, so HTML → Markdown (pull,
    import) could not give the fence its language back and a re-render would lose the colours.
    A ``data-`` attribute rather than ``class="language-python"``: theme scripts (Prism,
    highlight.js) re-highlight any ``code.language-*`` and restyle it, so the blog would no
    longer show what the preview showed; a data attribute changes nothing on screen, and
    WordPress keeps ``data-*`` attributes for every allowed element. Plain text (no language,
    or ``text``) gets none.
    """

    def __init__(self, **options: Any) -> None:
        lang_str = str(options.pop("lang_str", ""))
        super().__init__(**options)
        lang = lang_str.removeprefix("language-")
        self._code_tag = f'<code data-lang="{escape(lang)}">' if lang and lang != "text" else ""

    def wrap(self, source: Any) -> Any:
        for kind, piece in super().wrap(source):  # type: ignore[no-untyped-call]
            if kind == 0 and piece == "<code>" and self._code_tag:
                piece = self._code_tag
            yield kind, piece


class _FormatterCache:
    """Hands codehilite one HtmlFormatter per distinct option set.

    Building an HtmlFormatter compiles its style table, which cost more than highlighting a
    typical snippet; once built it is not changed by formatting. One cache per Markdown
    instance, hence per thread.
    """

    def __init__(self) -> None:
        self._formatters: dict[str, HtmlFormatter[str]] = {}

    def __call__(self, **options: Any) -> HtmlFormatter[str]:
        key = repr(sorted(options.items()))
        formatter = self._formatters.get(key)
        if formatter is None:
            formatter = _LabelledFormatter(**options)
            self._formatters[key] = formatter
        return formatter


class _AttributeGuard(Treeprocessor):
    """Drops valueless attributes a malformed ``{...}`` attribute list can leave behind.

    ``## Title {## x {#id}}`` makes attr_list store ``None`` values, which crash the toc
    extension and serialize as broken HTML. Half-typed attribute lists are common while
    typing in the live preview.
    """

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.attrib and None in el.attrib.values():
                for key in [k for k, v in el.attrib.items() if v is None]:
                    del el.attrib[key]


class _AttributeGuardExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Right after attr_list (8), before abbr (7), smart punctuation (6) and toc (5).
        md.treeprocessors.register(_AttributeGuard(md), "attribute_guard", 7.5)


_local = threading.local()


def _markdown_for(options: RenderOptions) -> markdown.Markdown:
    """This thread's Markdown instance for ``options`` (instances are not thread-safe)."""
    cache: dict[RenderOptions, markdown.Markdown] | None = getattr(_local, "instances", None)
    if cache is None:
        cache = {}
        _local.instances = cache
    md = cache.get(options)
    if md is None:
        md = _build_markdown(options)
        cache[options] = md
    return md


def _forget(options: RenderOptions) -> None:
    """Drop an instance that failed mid-parse: its parser state may be left half-set."""
    cache: dict[RenderOptions, markdown.Markdown] | None = getattr(_local, "instances", None)
    if cache is not None:
        cache.pop(options, None)


def _build_markdown(options: RenderOptions) -> markdown.Markdown:
    # Instances, never names: a name makes Python-Markdown scan every installed package's entry
    # points (importlib.metadata, ~30 ms of the first render). The first seven are what "extra"
    # names, in its order.
    extensions: list[Any] = [
        FencedCodeExtension(),
        FootnoteExtension(),
        AttrListExtension(),
        DefListExtension(),
        TableExtension(),
        AbbrExtension(),
        MarkdownInHtmlExtension(),
        SaneListExtension(),
        TocExtension(
            # Keeps non-Latin letters, so "Привет, мир" gets the anchor "привет-мир".
            slugify=slugify_unicode,
            marker="[TOC]" if options.toc else "",
        ),
        AttributionExtension(),  # "> — Name" closing a quote becomes its <cite>
        HardBreakExtension(),  # "\\" at a line's end is a <br />, like two trailing spaces
    ]
    if options.highlight:
        extensions.append(
            CodeHiliteExtension(
                css_class=CSS_CLASS,
                guess_lang=False,  # an unknown or missing language renders as plain text
                use_pygments=True,
                pygments_formatter=_FormatterCache(),
            )
        )
    if options.smart_quotes:
        extensions.append(SmartPunctuationExtension())
    extensions.append(_AttributeGuardExtension())
    extensions.append(LimitsExtension())  # nesting, huge paragraphs: see core/render/limits.py
    return markdown.Markdown(extensions=extensions, output_format="html")
