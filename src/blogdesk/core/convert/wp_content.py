"""WordPress post content as stored (in an export or the editor's raw field) → plain HTML.

WordPress keeps "classic" posts as text with blank lines between paragraphs and turns them into
`<p>` only when it displays them (`wpautop`); shortcodes (`[caption]`, `[embed]`, `[code]`) are
expanded at display time too, and block-editor posts carry `<!-- wp:... -->` comments around their
HTML. These functions do the same so the HTML → Markdown converter sees what a reader would see.
"""

from __future__ import annotations

import html
import re

from blogdesk.core.convert.wp_blocks import from_blocks

# The element names wpautop treats as blocks (never wrapped in <p>, never given a <br> after).
_BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area"
    "|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header"
    "|footer|nav|figure|figcaption|details|menu|summary|iframe|video|audio|object|embed|script"
    "|noscript|source|picture|svg"
)
_OPEN_BLOCK = re.compile(rf"(<(?:{_BLOCK_TAGS})[\s/>])", re.IGNORECASE)
_CLOSE_BLOCK = re.compile(rf"(</(?:{_BLOCK_TAGS})>)", re.IGNORECASE)
_P_BEFORE_BLOCK = re.compile(rf"<p>\s*(</?(?:{_BLOCK_TAGS})[\s/>][^>]*>?)", re.IGNORECASE)
_P_AFTER_BLOCK = re.compile(rf"(</?(?:{_BLOCK_TAGS})[^>]*>)\s*</p>", re.IGNORECASE)
_BR_AFTER_BLOCK = re.compile(rf"(</?(?:{_BLOCK_TAGS})[^>]*>)\s*<br />", re.IGNORECASE)
_BR_BEFORE_BLOCK = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", re.I)
_PROTECTED = re.compile(r"<(pre|script|style|textarea)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
_BR_NEWLINE = re.compile(r"<br\s*/?>[ \t]*\n[ \t]*", re.IGNORECASE)
_PAGE_BREAK = re.compile(r"<!--(?:more|nextpage|noteaser)\b.*?-->", re.DOTALL)

_CAPTION = re.compile(r"\[(?:caption|wp_caption)([^\]]*)\](.*?)\[/(?:caption|wp_caption)\]", re.S)
_CAPTION_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
_CODE = re.compile(r"\[(sourcecode|code)\b([^\]]*)\](.*?)\[/\1\]", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
_ENTITY_OR_AMP = re.compile(r"&(?![#\w]+;)")


def has_blocks(content: str) -> bool:
    """True for block-editor (Gutenberg) content, which WordPress does not pass through autop."""
    return "<!-- wp:" in content


def strip_block_comments(content: str) -> str:
    """Remove the `<!-- wp:... -->` delimiters; the HTML between them is the content.

    The block classes BlogDesk's own block markup adds (`core.convert.wp_blocks`) go too, so a
    post published as blocks pulls back to the Markdown it was written in.
    """
    return from_blocks(content)


def _attrs(text: str) -> dict[str, str]:
    return {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(text)}


def _caption_html(match: re.Match[str]) -> str:
    attrs = _attrs(match[1])
    found = _CAPTION_IMAGE.match(match[2])
    if found is None:  # not the shape WordPress makes: leave the text for the reader to see
        return match[0]
    image, caption = found[1], found[2].strip() or attrs.get("caption", "")
    classes = " ".join(c for c in ("wp-caption", attrs.get("align", "")) if c)
    ident = f' id="{html.escape(attrs["id"])}"' if attrs.get("id") else ""
    return f'<figure{ident} class="{classes}">{image}<figcaption>{caption}</figcaption></figure>'


def _embed_html(match: re.Match[str]) -> str:
    url = html.escape(match[1].strip())
    return (
        f'<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n{url}\n'
        "</div></figure>"
    )


def _code_html(match: re.Match[str]) -> str:
    attrs = _attrs(match[2])
    language = attrs.get("language") or attrs.get("lang") or ""
    code = match[3].strip("\n")
    # The shortcode body is literal code, sometimes already entity-encoded: encode what is not.
    code = _ENTITY_OR_AMP.sub("&amp;", code).replace("<", "&lt;").replace(">", "&gt;")
    cls = f' class="language-{html.escape(language)}"' if language else ""
    return f"<pre><code{cls}>{code}</code></pre>"


def expand_shortcodes(content: str) -> str:
    """Turn the shortcodes whose meaning we know into the HTML WordPress would show.

    Other shortcodes (`[gallery ids="…"]`, plugin ones) stay as text: published back to WordPress
    they still work, and the author sees them.
    """
    content = _CODE.sub(_code_html, content)
    content = _CAPTION.sub(_caption_html, content)
    return _EMBED.sub(_embed_html, content)


def autop(text: str) -> str:
    """WordPress's `wpautop`: blank lines make paragraphs, single newlines make `<br />`.

    A simplified port: the same block-tag rules, `<pre>`/`<script>` bodies left alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    saved: list[str] = []

    def _protect_block(match: re.Match[str]) -> str:
        saved.append(match[0])
        return f"\n\n\x00{len(saved) - 1}\x00\n\n"

    def _protect_inline(match: re.Match[str]) -> str:
        saved.append(match[0])
        return f"\x00{len(saved) - 1}\x00"

    # Like WordPress, shortcodes are expanded after autop: their bodies are not paragraphs.
    text = _PROTECTED.sub(_protect_block, text)
    for pattern in (_CODE, _CAPTION, _EMBED, _PAGE_BREAK):
        text = pattern.sub(_protect_block, text)
    text = _HTML_COMMENT.sub(_protect_inline, text)
    text = _OPEN_BLOCK.sub(r"\n\n\1", text)
    text = _CLOSE_BLOCK.sub(r"\1\n\n", text)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    chunks = [c.strip() for c in text.split("\n\n")]
    # A newline after an existing <br> is not a second line break (autop must be idempotent:
    # HTML that WordPress already rendered may come through it again).
    text = "".join(
        "<p>" + _NEWLINE.sub("<br />\n", _BR_NEWLINE.sub("<br />", c)) + "</p>\n"
        for c in chunks
        if c
    )
    text = re.sub(r"<p>\s*(\x00\d+\x00)\s*</p>", r"\1", text)
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m[1])], text)


# Ghost's card markers: content that holds them is Ghost's rendered HTML, never autop'd text.
_GHOST_CARD = re.compile(r"<!--\s*kg-card-begin:")


def prepare(content: str) -> str:
    """Raw WordPress post content → the HTML a reader sees (blocks, shortcodes, autop done).

    Content from Ghost (its HTML cards' markers) is HTML already: autop would turn its soft
    line breaks into hard ones, so a post published to Ghost would not pull back as written.
    """
    if has_blocks(content) or _GHOST_CARD.search(content):
        return expand_shortcodes(strip_block_comments(content))
    return expand_shortcodes(autop(content))
