"""The preview page in either style, as one string: the captured theme's template filled in, or
BlogDesk's plain page. Used by the window (with an empty body that swap.js fills) and by
`blogdesk preview` (with the post in it), so both show the same page.

The Content-Security-Policy is BlogDesk's own in both styles: no script from anywhere, styles,
fonts and images only from `own` (the preview's private scheme, or the files beside a written
page). A captured theme adds no source to it.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from string import Template

from blogdesk.core.theme.template import ASSETS, CONTENT_MARK, DOC_TITLE, HEAD_MARK, TITLE_MARK

__all__ = [
    "BLOGDESK_THEME_CSS",
    "blog_body",
    "content_security_policy",
    "fill_plain",
    "fill_theme",
]

# BlogDesk's own boxes (a blocked remote image, an embed card, a missing gallery image) must be
# legible on any blog's colours, so they carry their own; everything else is the blog's CSS.
BLOGDESK_THEME_CSS = """
.blogdesk-blocked, .blogdesk-missing { display: inline-block; padding: .4em .7em;
  border: 1px dashed #b08a2e; background: #fff8e6; color: #6b4a00; font: 14px/1.4 sans-serif; }
.blogdesk-embed { display: block; margin: 1em 0; padding: .8em 1em; border: 1px solid #c8ccd2;
  border-radius: 6px; background: #f6f8fa; color: #1f2328; font: 15px/1.4 sans-serif; }
.blogdesk-embed a { color: #0969da; } .blogdesk-embed small { color: #59636e; display: block; }
.blogdesk-gallery { display: grid; gap: .5em;
  grid-template-columns: repeat(var(--blogdesk-columns, 3), minmax(0, 1fr)); }
.blogdesk-gallery img { width: 100%; height: auto; }
"""


def blog_body(platform: str) -> Callable[[str], str] | None:
    """How BlogDesk sends a body to a blog on `platform`, where that changes its look: WordPress
    gets block markup (core/convert/wp_blocks.py), whose classes (`wp-block-quote`, …) its
    theme styles. The blog style previews that form; None: the rendered HTML as it is."""
    if platform == "wordpress":
        from blogdesk.core.convert.wp_blocks import to_blocks

        return to_blocks
    return None


def content_security_policy(own: str, *, allow_remote: bool = False) -> str:
    """No script at all; styles, fonts, images and media only from `own` (and data:), remote
    images and frames only when the author allowed remote content."""
    remote = " https: http:" if allow_remote else ""
    frames = "https: http:" if allow_remote else "'none'"
    return (
        f"default-src 'none'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        f"form-action 'none'; style-src 'unsafe-inline' {own}; img-src {own} data:{remote}; "
        f"media-src {own} data:{remote}; font-src {own} data:; frame-src {frames}"
    )


def _csp_meta(csp: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">'


def fill_theme(
    template: str,
    *,
    assets_base: str,
    csp: str,
    title: str = "",
    content_html: str = "",
    extra_css: str = "",
) -> str:
    """The captured template with the local files at `assets_base`, the CSP first in <head>
    (before anything it governs), and the title and content in their places."""
    page = template.replace(ASSETS, assets_base)
    head = _csp_meta(csp) + f"<style>{BLOGDESK_THEME_CSS}{extra_css}</style>"
    page = page.replace(HEAD_MARK, head, 1)
    page = page.replace(DOC_TITLE, escape(title or "Preview"), 1)
    page = page.replace(TITLE_MARK, escape(title), 1)
    return page.replace(CONTENT_MARK, content_html, 1)


def fill_plain(
    template: str,
    *,
    dark: bool,
    csp: str,
    css: str,
    pygments: str,
    title: str = "",
    content_html: str = "",
) -> str:
    """BlogDesk's plain page (resources/preview/template.html), with the post when given."""
    page = Template(template).substitute(
        theme="dark" if dark else "light", csp=csp, css=css, pygments=pygments
    )
    page = page.replace("<title>Preview</title>", f"<title>{escape(title or 'Preview')}</title>")
    page = page.replace(
        '<h1 id="blogdesk-title" class="post-title"></h1>',
        f'<h1 id="blogdesk-title" class="post-title">{escape(title)}</h1>',
        1,
    )
    return page.replace(
        '<article id="blogdesk-content" class="post"></article>',
        f'<article id="blogdesk-content" class="post">{content_html}</article>',
        1,
    )
