"""An image as the author writes it in a post, read from and written back to its source text.

Two forms, the ones docs/rendering.md describes:

- plain Markdown, `![alt](src)` or `![alt](src "title")`, for an image with nothing else to say;
- a WordPress-style figure on one line, for an image with a caption, an alignment, a size or a
  link. Raw HTML passes through the renderer unchanged, so the preview and the published post get
  exactly these classes:

  `<figure class="wp-caption aligncenter"><a href="…"><img src="…" alt="…" width="…" height="…">`
  `</a><figcaption>…</figcaption></figure>`

  `wp-caption` is there when there is a caption (as WordPress's `[caption]` shortcode makes it,
  see core/convert/wp_content.py); the align class is always there. The figure is kept in this
  standard shape because publishing maps it to a WordPress image block.

`parse()` also reads what other tools wrote: the block editor's `wp-block-image` figures, multi-line
figures, self-closing `<img />`, a linked Markdown image `[![alt](src)](url)`. `serialise()` always
writes the forms above, and `serialise(parse(x)) == x` for everything it writes.
"""

from __future__ import annotations

import html
import html.entities
import re
from dataclasses import dataclass, replace
from enum import Enum

__all__ = [
    "Align",
    "FoundImage",
    "ImageMarkup",
    "find_image_at",
    "markdown_title",
    "parse",
    "scaled_height",
    "serialise",
]


class Align(Enum):
    """The alignments WordPress offers, with its class names."""

    NONE = "alignnone"
    LEFT = "alignleft"
    CENTER = "aligncenter"
    RIGHT = "alignright"


_ALIGN_BY_CLASS = {a.value: a for a in Align}


@dataclass(frozen=True)
class ImageMarkup:
    """One image reference. Empty strings mean "not given"; `alt` empty is a decorative image."""

    src: str
    alt: str = ""
    title: str = ""
    caption: str = ""
    # A caption read from a figure whose <figcaption> holds tags (a link, emphasis): it is HTML
    # and written back as it is. Captions typed in BlogDesk are text and get escaped.
    caption_is_html: bool = False
    align: Align = Align.NONE
    width: int | None = None
    height: int | None = None
    link: str = ""
    # Kept from a figure another tool wrote (WordPress's attachment id and classes), so editing
    # the alt text does not cut the image loose from the blog's media library.
    figure_id: str = ""
    figure_classes: tuple[str, ...] = ()
    img_classes: tuple[str, ...] = ()

    @property
    def needs_figure(self) -> bool:
        """True when plain Markdown cannot say it all."""
        return bool(
            self.caption
            or self.align is not Align.NONE
            or self.width
            or self.height
            or self.link
            or self.figure_id
            or self.figure_classes
            or self.img_classes
        )


@dataclass(frozen=True)
class FoundImage:
    """An image reference in a text: `text[start:end]` is its source."""

    start: int
    end: int
    image: ImageMarkup


def scaled_height(width: int, natural: tuple[int, int]) -> int:
    """The height that keeps the aspect ratio of an image `natural` = (width, height) pixels."""
    natural_width, natural_height = natural
    if natural_width <= 0:
        return natural_height
    return max(1, round(width * natural_height / natural_width))


# -- writing -------------------------------------------------------------------------------------


def _attr(value: str) -> str:
    # Only what would end or confuse the attribute; html.escape's &#x27; for ' is noise here.
    return (
        value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )


def _markdown(image: ImageMarkup) -> str:
    # Brackets would end the alt text, a backtick would start code (Python-Markdown drops it).
    alt = re.sub(r"([\\\[\]`])", r"\\\1", image.alt)
    # Angle brackets let a path hold spaces and brackets (an image beside the post, "my pic.png").
    src = f"<{image.src}>" if re.search(r"[\s()<>]", image.src) else image.src
    title = f' "{markdown_title(image.title)}"' if image.title else ""
    return f"![{alt}]({src}{title})"


# What Python-Markdown's HTML serializer leaves as a character reference in an attribute, for the
# browser to read; any other "&" it escapes.
_CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[0-9a-z]+);", re.IGNORECASE)


def markdown_title(title: str) -> str:
    """`title` as it goes between the double quotes of a Markdown link or image, so that
    Python-Markdown's title attribute says exactly `title` (smart punctuation on or off)."""
    # Python-Markdown copies a title into the title attribute as written, so a character
    # reference in it stays one: a literal "&amp;" is written "&amp;amp;".
    text = _CHARACTER_REFERENCE.sub(lambda m: "&amp;" + m[0][1:], title)
    # A backslash and a backtick are escaped: Python-Markdown reads code spans in a title
    # before the image. A double quote becomes a reference, not \": Python-Markdown reads a
    # backslash before a quote as an escape only with smart punctuation on.
    text = re.sub(r"([\\`])", r"\\\1", text).replace('"', "&quot;")
    # Python-Markdown also strips one pair of quotes around the title's text (its `dequote`), so
    # a title such as ' or 'word' starts with a reference, which it leaves alone.
    inner = text.strip()
    if inner[:1] == "'" and inner[-1:] == "'":
        at = text.index("'")
        text = text[:at] + "&#39;" + text[at + 1 :]
    return text


def _figure(image: ImageMarkup) -> str:
    classes = (
        # The block editor's figures (wp-block-image) style their captions without it.
        (("wp-caption",) if image.caption and "wp-block-image" not in image.figure_classes else ())
        + (image.align.value,)
        + tuple(c for c in image.figure_classes if c != "wp-caption")
    )
    ident = f' id="{_attr(image.figure_id)}"' if image.figure_id else ""
    img = f'<img src="{_attr(image.src)}" alt="{_attr(image.alt)}"'
    if image.title:
        img += f' title="{_attr(image.title)}"'
    if image.width:
        img += f' width="{image.width}"'
    if image.height:
        img += f' height="{image.height}"'
    if image.img_classes:
        img += f' class="{_attr(" ".join(image.img_classes))}"'
    img += ">"
    if image.link:
        img = f'<a href="{_attr(image.link)}">{img}</a>'
    caption = ""
    if image.caption:
        text = image.caption if image.caption_is_html else html.escape(image.caption, quote=False)
        caption = f"<figcaption>{text}</figcaption>"
    return f'<figure{ident} class="{" ".join(classes)}">{img}{caption}</figure>'


def _one_line(text: str) -> str:
    # A line break would end the Markdown image, or (a blank line) the raw HTML block.
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def serialise(image: ImageMarkup) -> str:
    """The source text for `image`: Markdown when that says it all, else the figure HTML."""
    image = replace(
        image,
        src=_one_line(image.src),
        alt=_one_line(image.alt),
        title=_one_line(image.title),
        caption=_one_line(image.caption),
        link=_one_line(image.link),
    )
    return _figure(image) if image.needs_figure else _markdown(image)


# -- reading -------------------------------------------------------------------------------------

# Python-Markdown's inline image: alt with backslash escapes; src bare (one level of balanced
# brackets, as in "a(1).png") or in <angle brackets>; an optional "title" or 'title'.
_MD_IMAGE = (
    r"!\[(?P<alt>(?:\\.|[^\\\]\n])*)\]\(\s*"
    r"(?:<(?P<asrc>[^<>\n]*)>|(?P<src>(?:[^\s()<>]|\([^\s()]*\))+))"
    r"""(?:\s+(?:"(?P<dq>(?:\\.|[^"\\\n])*)"|'(?P<sq>(?:\\.|[^'\\\n])*)'))?\s*\)"""
)
_MD_LINKED = re.compile(rf"\[(?P<inner>{_MD_IMAGE})\]\(\s*(?P<href>[^\s()]+)\s*\)")
_MD_ONLY = re.compile(_MD_IMAGE)
# Characters Python-Markdown (with Markdown Extra) unescapes after a backslash.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!:|<>\"'])")

_FIGURE = re.compile(r"<figure\b[^>]*>.*?</figure\s*>", re.IGNORECASE | re.DOTALL)
_FIGURE_PARTS = re.compile(
    r"^<figure\b(?P<fattrs>[^>]*)>\s*"
    r"(?:<a\b(?P<aattrs>[^>]*)>\s*)?"
    r"<img\b(?P<iattrs>[^>]*?)/?>\s*"
    r"(?(aattrs)</a\s*>\s*)"
    r"(?:<figcaption\b[^>]*>(?P<caption>.*?)</figcaption\s*>\s*)?"
    r"</figure\s*>$",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_TAG = re.compile(r"<[A-Za-z/!]")


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(text):
        value = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4] or ""
        found.setdefault(m[1].lower(), html.unescape(value))
    return found


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and int(value) > 0 else None


def _referenced(reference: re.Match[str]) -> str:
    # The character a browser reads for a reference in an attribute (an unknown name stays text).
    known = reference[0][1] == "#" or reference[0][1:] in html.entities.html5
    return html.unescape(reference[0]) if known else reference[0]


def _parse_markdown(text: str) -> ImageMarkup | None:
    linked = _MD_LINKED.fullmatch(text)
    m = _MD_ONLY.fullmatch(linked["inner"] if linked else text)
    if m is None:
        return None
    title = m["dq"] if m["dq"] is not None else m["sq"] or ""
    return ImageMarkup(
        src=m["asrc"] if m["asrc"] is not None else m["src"],
        alt=_ESCAPED.sub(r"\1", m["alt"]),
        title=_CHARACTER_REFERENCE.sub(_referenced, _ESCAPED.sub(r"\1", title)),
        link=linked["href"] if linked else "",
    )


def _parse_figure(text: str) -> ImageMarkup | None:
    m = _FIGURE_PARTS.match(text.strip())
    if m is None:  # another kind of figure (a quote, an embed, a gallery): not ours to edit
        return None
    figure, img = _attributes(m["fattrs"]), _attributes(m["iattrs"])
    if not img.get("src"):
        return None
    align, kept = Align.NONE, []
    for name in figure.get("class", "").split():
        if name in _ALIGN_BY_CLASS:
            align = _ALIGN_BY_CLASS[name]
        elif name != "wp-caption":
            kept.append(name)
    caption_html = (m["caption"] or "").strip()
    is_html = bool(_TAG.search(caption_html))
    return ImageMarkup(
        src=img["src"],
        alt=img.get("alt", ""),
        title=img.get("title", ""),
        caption=caption_html if is_html else html.unescape(caption_html),
        caption_is_html=is_html,
        align=align,
        width=_number(img.get("width")),
        height=_number(img.get("height")),
        link=_attributes(m["aattrs"]).get("href", "") if m["aattrs"] is not None else "",
        figure_id=figure.get("id", ""),
        figure_classes=tuple(kept),
        img_classes=tuple(img.get("class", "").split()),
    )


def parse(text: str) -> ImageMarkup | None:
    """The image `text` is (all of it, surrounding whitespace aside), or None if it is not one."""
    stripped = text.strip()
    if stripped[:1] == "<":
        return _parse_figure(stripped)
    return _parse_markdown(stripped)


def find_image_at(text: str, index: int) -> FoundImage | None:
    """The image reference in `text` that holds character `index` (a figure, a linked Markdown
    image, a Markdown image, in that order: the widest form wins), or None."""
    for m in _FIGURE.finditer(text):
        if m.start() <= index < m.end():
            image = _parse_figure(m[0])
            return FoundImage(m.start(), m.end(), image) if image else None
        if m.start() > index:
            break
    # Markdown images never span lines: look at the one line only.
    line_start = text.rfind("\n", 0, index) + 1
    line_end = text.find("\n", index)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    at = index - line_start
    for pattern in (_MD_LINKED, _MD_ONLY):
        for m in pattern.finditer(line):
            if m.start() <= at < m.end():
                image = _parse_markdown(m[0])
                if image is not None:
                    return FoundImage(line_start + m.start(), line_start + m.end(), image)
    return None
