"""Markdown → HTML: the one function whose output is both previewed and published.

``render(text, options)`` is pure: every input is an argument, nothing global is read or written.
The dialect is Markdown Extra (what Jetpack, Jekyll's kramdown and Hugo authors write): tables,
footnotes, fenced code highlighted by Pygments into ``.codehilite`` classes, attribute lists,
definition lists, abbreviations, ``md_in_html``, heading anchors and ``[TOC]``, sane lists, and
smart punctuation (``blogdesk.core.render.smartquotes``, a fast equivalent of ``smarty``).
``IncrementalRenderer`` gives the live preview the same HTML faster. See docs/rendering.md.
"""

from __future__ import annotations

from pygments.formatters import HtmlFormatter

from blogdesk.core.render.engine import (
    CSS_CLASS,
    Heading,
    RenderedPost,
    RenderError,
    RenderOptions,
    convert,
    rendered_post,
)
from blogdesk.core.render.incremental import IncrementalRenderer

__all__ = [
    "Heading",
    "IncrementalRenderer",
    "RenderError",
    "RenderOptions",
    "RenderedPost",
    "pygments_css",
    "render",
]

LIGHT_STYLE = "friendly"
DARK_STYLE = "github-dark"


def render(text: str, options: RenderOptions | None = None) -> RenderedPost:
    """Render a Markdown post body (front matter already removed) to HTML plus its facts."""
    opts = options if options is not None else RenderOptions()
    return rendered_post(text, convert(text, opts))


def pygments_css(dark: bool) -> str:
    """CSS for the ``.codehilite`` token classes: a light or a dark Pygments style."""
    style = DARK_STYLE if dark else LIGHT_STYLE
    formatter: HtmlFormatter[str] = HtmlFormatter(style=style)
    css = formatter.get_style_defs(f".{CSS_CLASS}")  # type: ignore[no-untyped-call]
    return f"{css}\n"
