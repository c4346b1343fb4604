"""render()'s HTML as WordPress block markup, the way WordPress 6.1's own editor saves it.

Why: WordPress shows a post that holds no block markup through `wpautop`, which turns every
newline inside a paragraph into `<br />`: a post wrapped at 80 columns in Markdown reaches its
readers broken at every source line. `do_blocks` switches `wpautop` off for content with block
delimiters, so a post sent as blocks is shown as sent, and the block editor opens it as blocks
instead of one "Classic" block.

`to_blocks(html)` wraps each top-level element in the block whose save function makes that
markup (checked against `wp-includes/js/dist/block-library.js` of WordPress 6.1): paragraphs,
headings (`level` when not 2), lists with `core/list-item` inner blocks (6.1's list), quotes with
inner blocks and their `<cite>`, code, tables, separators and captioned images, with the classes
those blocks add (`wp-block-quote`, `wp-block-code`...). Anything no core block says as is
(footnotes, definition lists, loose lists, raw HTML, the table of contents) becomes a Custom HTML
block, which is shown verbatim. Soft line breaks inside text become spaces (what the browser
showed in the preview); hard breaks (`<br>`) stay. `from_blocks(content)` undoes all of it for
pull and import. Pure functions: no network, no settings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["from_blocks", "to_blocks"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _words("area base br col embed hr img input link meta param source track wbr")
# Children that make a list item more than the inline text a List Item block holds.
_BLOCK_TAGS = _words(
    "address article aside blockquote details dialog div dl fieldset figure footer form h1 h2 h3"
    " h4 h5 h6 header hr main nav p pre section table"
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ALIGN_STYLE = re.compile(r"^\s*text-align:\s*(left|center|right);?\s*$")
# Text a browser shows as is: its newlines must not become spaces.
_PREFORMATTED = re.compile(r"<(?:pre|textarea|script|style)\b", re.IGNORECASE)
_SOFT_BREAK = re.compile(r"(<br\s*/?>)?[ \t]*\n\s*", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PAGE_BREAKS = {"<!--more-->": "more", "<!--nextpage-->": "nextpage"}


@dataclass
class _El:
    tag: str
    attrs: dict[str, str | None]
    start: int  # the "<" of the start tag
    open_end: int  # just after the start tag
    close_start: int = -1  # the "<" of the end tag (open_end for a void element)
    end: int = -1  # just after the end tag; -1 while (or if never) closed
    children: list[_El] = field(default_factory=list)

    def inner(self, src: str) -> str:
        return src[self.open_end : self.close_start]


class _Tree(HTMLParser):
    """Elements with their exact source spans, so unchanged markup is copied byte for byte."""

    def __init__(self, src: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = src
        self.roots: list[_El] = []
        self._stack: list[_El] = []
        self._lines = [0]
        for m in re.finditer("\n", src):
            self._lines.append(m.end())

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._lines[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        el = _El(tag, dict(attrs), start, start + len(self.get_starttag_text() or ""))
        (self._stack[-1].children if self._stack else self.roots).append(el)
        if tag in _VOID:
            el.close_start = el.end = el.open_end
        else:
            self._stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:  # <div/>: treat as empty, as browsers do not, but harmlessly
            el = self._stack.pop()
            el.close_start = el.end = el.open_end

    def handle_endtag(self, tag: str) -> None:
        if not any(el.tag == tag for el in self._stack):
            return  # a stray end tag: stays inside whatever span holds it
        at = self._offset()
        close = self.src.find(">", at)
        while self._stack:
            el = self._stack.pop()
            if el.tag == tag:
                el.close_start, el.end = at, (close + 1 if close >= 0 else len(self.src))
                return
            # An element left open inside: it ends where its parent does (never "closed").


def _parse(src: str) -> list[_El]:
    tree = _Tree(src)
    tree.feed(src)
    tree.close()
    return tree.roots


def _closed(el: _El) -> bool:
    return el.end >= 0 and all(_closed(c) for c in el.children)


# ----------------------------------------------------------------------------- serialising


def _attrs_json(attrs: dict[str, object]) -> str:
    # As Gutenberg's serializer: characters that could end or confuse an HTML comment escaped.
    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("--", "\\u002d\\u002d"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, code)
    return text.replace("&", "\\u0026").replace('\\"', "\\u0022")


def _block(name: str, content: str, attrs: dict[str, object] | None = None) -> str:
    head = f"<!-- wp:{name} {_attrs_json(attrs)} -->" if attrs else f"<!-- wp:{name} -->"
    return f"{head}\n{content}\n<!-- /wp:{name} -->"


def _html_block(markup: str) -> str:
    return _block("html", markup.strip("\n"))


def _flow(inner: str) -> str:
    """Inline text as one line: a soft line break is a space, a `<br>` stays a break."""
    if _PREFORMATTED.search(inner):
        return inner
    return _SOFT_BREAK.sub(lambda m: m[1] or " ", inner)


def _only(el: _El, allowed: set[str]) -> bool:
    return set(el.attrs) <= allowed


def _gaps_blank(el: _El, src: str) -> bool:
    """Nothing but whitespace between (and around) the element's children."""
    pos = el.open_end
    for child in el.children:
        if src[pos : child.start].strip():
            return False
        pos = child.end
    return not src[pos : el.close_start].strip()


def _class_attr(el: _El) -> dict[str, object]:
    cls = (el.attrs.get("class") or "").strip()
    return {"className": cls} if cls else {}


# -------------------------------------------------------------------------------- blocks


def _paragraph(el: _El, src: str) -> str | None:
    if not _only(el, {"id", "class"}):
        return None
    markup = src[el.start : el.open_end] + _flow(el.inner(src)) + "</p>"
    return _block("paragraph", markup, _class_attr(el))


def _heading(el: _El, src: str) -> str | None:
    if not _only(el, {"id", "class"}):
        return None
    attrs: dict[str, object] = {}
    if el.tag != "h2":
        attrs["level"] = int(el.tag[1])
    attrs.update(_class_attr(el))
    markup = src[el.start : el.open_end] + _flow(el.inner(src)) + f"</{el.tag}>"
    return _block("heading", markup, attrs)


def _list(el: _El, src: str) -> str | None:
    attrs: dict[str, object] = {}
    if el.tag == "ol":
        attrs["ordered"] = True
        start = el.attrs.get("start") or ""
        if start.isdigit():
            attrs["start"] = int(start)
    if not _only(el, {"start"} if el.tag == "ol" else set()) or not _gaps_blank(el, src):
        return None
    items: list[str] = []
    for li in el.children:
        if li.tag != "li" or li.attrs:
            return None
        # Inline text first, then nested lists only: what a List Item block holds. A loose
        # list's <p> in an item has no List Item form, so such a list stays HTML.
        nested = [c for c in li.children if c.tag in _BLOCK_TAGS or c.tag in ("ul", "ol")]
        if any(c.tag not in ("ul", "ol") for c in nested):
            return None
        text_end = nested[0].start if nested else li.close_start
        inner_lists: list[str] = []
        for pos, sub in enumerate(nested):
            after = nested[pos + 1].start if pos + 1 < len(nested) else li.close_start
            converted = _list(sub, src)
            if converted is None or src[sub.end : after].strip():
                return None
            inner_lists.append(converted)
        text = _flow(src[li.open_end : text_end]).strip()
        items.append(_block("list-item", f"<li>{text}{''.join(inner_lists)}</li>"))
    markup = src[el.start : el.open_end] + "\n\n".join(items) + f"</{el.tag}>"
    return _block("list", markup, attrs)


def _quote(el: _El, src: str) -> str | None:
    if el.attrs or not el.children or not _gaps_blank(el, src):
        return None
    children, citation = el.children, ""
    if children[-1].tag == "cite":
        cite = children[-1]
        if cite.attrs:
            return None
        children, citation = children[:-1], f"<cite>{_flow(cite.inner(src)).strip()}</cite>"
    if not children or any(c.tag == "cite" for c in children):
        return None
    inner = "\n\n".join(_convert(c, src) for c in children)
    return _block("quote", f'<blockquote class="wp-block-quote">{inner}{citation}</blockquote>')


def _code(pre: _El, src: str, class_name: str = "") -> str | None:
    """A `<pre>` holding one `<code>` (after Pygments' empty `<span></span>`)."""
    parts = pre.children
    if parts and parts[0].tag == "span" and not parts[0].attrs and not parts[0].inner(src):
        parts = parts[1:]
    if pre.attrs or len(parts) != 1 or parts[0].tag != "code" or not _gaps_blank(pre, src):
        return None
    code = parts[0]
    if src[pre.open_end : pre.children[0].start].strip() or src[code.end : pre.close_start]:
        return None
    classes = " ".join(c for c in ("wp-block-code", class_name) if c)
    markup = f'<pre class="{classes}">{src[code.start : code.end]}</pre>'
    return _block("code", markup, {"className": class_name} if class_name else None)


def _highlighted(el: _El, src: str) -> str | None:
    if el.attrs != {"class": "codehilite"} or len(el.children) != 1 or not _gaps_blank(el, src):
        return None
    if el.children[0].tag != "pre":
        return None
    # The class moves to the <pre>, so the .codehilite token colours still apply.
    return _code(el.children[0], src, "codehilite")


def _table(el: _El, src: str) -> str | None:
    if el.attrs or not _gaps_blank(el, src):
        return None
    sections: list[str] = []
    for section in el.children:
        if section.tag not in ("thead", "tbody", "tfoot") or section.attrs:
            return None
        if not _gaps_blank(section, src):
            return None
        rows: list[str] = []
        for row in section.children:
            if row.tag != "tr" or row.attrs or not _gaps_blank(row, src):
                return None
            cells: list[str] = []
            for cell in row.children:
                if cell.tag not in ("th", "td") or not _only(cell, {"style"}):
                    return None
                align = _ALIGN_STYLE.match(cell.attrs.get("style") or "")
                if cell.attrs and align is None:
                    return None
                # The Table block keeps alignment as a class (styled by block-library CSS).
                how = f' class="has-text-align-{align[1]}" data-align="{align[1]}"' if align else ""
                cells.append(f"<{cell.tag}{how}>{_flow(cell.inner(src)).strip()}</{cell.tag}>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        sections.append(f"<{section.tag}>{''.join(rows)}</{section.tag}>")
    markup = f'<figure class="wp-block-table"><table>{"".join(sections)}</table></figure>'
    return _block("table", markup)


def _image(el: _El, src: str) -> str | None:
    if el.attrs or not _gaps_blank(el, src) or not 1 <= len(el.children) <= 2:
        return None
    picture, caption = el.children[0], el.children[1:]
    img = picture.children[0] if picture.tag == "a" and len(picture.children) == 1 else picture
    if img.tag != "img" or not _only(img, {"src", "alt", "title"}) or not img.attrs.get("src"):
        return None
    if picture is not img and (
        not _only(picture, {"href", "rel", "target", "class"}) or not _gaps_blank(picture, src)
    ):
        return None
    image = src[img.start : img.end]
    if "alt" not in img.attrs:  # the Image block always saves an alt
        image = image[: len(img.tag) + 1] + ' alt=""' + image[len(img.tag) + 1 :]
    if picture is not img:
        image = src[picture.start : picture.open_end] + image + "</a>"
    if caption:
        cap = caption[0]
        if cap.tag != "figcaption" or cap.attrs:
            return None
        text = _flow(cap.inner(src)).strip()
        image += f'<figcaption class="wp-element-caption">{text}</figcaption>'
    return _block("image", f'<figure class="wp-block-image">{image}</figure>')


def _convert(el: _El, src: str) -> str:
    """One top-level element as one block (Custom HTML when no core block says it as is)."""
    block: str | None = None
    if _closed(el):
        if el.tag == "p":
            block = _paragraph(el, src)
        elif el.tag in _HEADINGS:
            block = _heading(el, src)
        elif el.tag in ("ul", "ol"):
            block = _list(el, src)
        elif el.tag == "blockquote":
            block = _quote(el, src)
        elif el.tag == "div":
            block = _highlighted(el, src)
        elif el.tag == "pre":
            block = _code(el, src)
        elif el.tag == "table":
            block = _table(el, src)
        elif el.tag == "figure":
            block = _image(el, src)
        elif el.tag == "hr" and not el.attrs:
            block = _block("separator", '<hr class="wp-block-separator has-alpha-channel-opacity">')
    if block is None:
        block = _html_block(src[el.start : el.end if el.end >= 0 else len(src)])
    return block


def _between(text: str) -> list[str]:
    """Blocks for what lies between top-level elements: page breaks, comments, stray text."""
    out: list[str] = []
    pos = 0
    for m in _COMMENT.finditer(text):
        if text[pos : m.start()].strip():
            out.append(_html_block(text[pos : m.start()]))
        name = _PAGE_BREAKS.get(m[0].replace(" ", ""))
        out.append(_block(name, m[0]) if name else _html_block(m[0]))
        pos = m.end()
    if text[pos:].strip():
        out.append(_html_block(text[pos:]))
    return out


def to_blocks(html: str) -> str:
    """The post body as WordPress block markup that displays exactly as `html` does."""
    if not html.strip():
        return ""
    blocks: list[str] = []
    pos = 0
    for el in _parse(html):
        blocks += _between(html[pos : el.start])
        blocks.append(_convert(el, html))
        pos = el.end if el.end >= 0 else len(html)
        if el.end < 0:
            break
    blocks += _between(html[pos:])
    # No newline at the end: WordPress trims it over XML-RPC, and its editor saves none.
    return "\n\n".join(blocks)


# ------------------------------------------------------------------------------- going back

# `<!-- wp:paragraph {"align":"center"} -->` and `<!-- /wp:paragraph -->` (JSON never holds "-->").
_DELIMITER = re.compile(r"<!--\s*/?wp:[^\n]*?-->\n?", re.DOTALL)
# What to_blocks adds, undone, so a pulled post reads as render() wrote it.
_UNDO: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r'<blockquote class="wp-block-quote">'), "<blockquote>"),
    (
        re.compile(r'<pre class="wp-block-code codehilite">(<code\b.*?</code>)</pre>', re.S),
        r'<div class="codehilite"><pre><span></span>\1</pre></div>',
    ),
    (re.compile(r'<pre class="wp-block-code">'), "<pre>"),
    (re.compile(r'<figure class="wp-block-table">(<table>.*?</table>)</figure>', re.S), r"\1"),
    (re.compile(r'<hr class="wp-block-separator has-alpha-channel-opacity"\s*/?>'), "<hr>"),
    (
        re.compile(r' class="has-text-align-(left|center|right)" data-align="\1"'),
        r' style="text-align: \1;"',
    ),
    (re.compile(r'<figure class="wp-block-image">'), "<figure>"),
    (re.compile(r'<figcaption class="wp-element-caption">'), "<figcaption>"),
)


def from_blocks(content: str) -> str:
    """Block markup → plain HTML: the delimiters removed, and the block classes `to_blocks`
    adds taken off again (content without delimiters is returned as it is)."""
    if "<!-- wp:" not in content:
        return content
    for pattern, replacement in _UNDO:
        content = pattern.sub(replacement, content)
    return _DELIMITER.sub("", content)
