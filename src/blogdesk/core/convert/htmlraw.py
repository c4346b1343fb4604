"""Which HTML the Markdown converter keeps as raw HTML, and how it writes it.

Markdown cannot say everything HTML can. Rather than lose an embed, a caption, a table with
merged cells or an attribute that matters (a language, a data attribute a plugin reads), the
converter keeps such an element exactly as it was. The rules live here, in one place.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from bs4 import Comment, Tag
from bs4.dammit import EntitySubstitution
from bs4.element import NavigableString
from bs4.formatter import HTMLFormatter

# A stand-in element for `<!--more-->` and friends, which the HTML parser would otherwise leave as
# comments that Markdown converters drop.
PAGE_BREAK_TAG = "blogdesk-page-break"
COMMENT_TAG = "blogdesk-comment"
RAW_MARK = "data-blogdesk-raw"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Elements Markdown has no syntax for, whose content is not prose: always kept whole.
ALWAYS_RAW_BLOCK = _words(
    "iframe video audio embed object script noscript canvas svg math picture form details"
    " dialog map template aside nav address fieldset textarea select button input"
)
# Inline elements with meaning Markdown cannot say: the tags are kept, the content converted.
INLINE_WRAPPERS = _words("mark u ins del s strike sub sup small abbr time var dfn bdi bdo ruby q")
# Attributes that only style an element: losing them loses nothing a writer meant.
_CODE_SPANS = _words("code kbd samp tt")
# What converts to its bare text inside a code span (emphasis and links cannot be said there).
_PLAIN_IN_CODE = _words("a b strong em i code kbd samp tt span font br")
PRESENTATIONAL = frozenset({"class", "style", "dir", "align", "width", "height", "id"})
_EMBED_CLASSES = re.compile(
    r"twitter-tweet|instagram-media|wp-embedded-content|tiktok-embed|wp-block-embed"
    r"|wp-block-(?:columns|column|group|buttons|button|cover|media-text|gallery|audio|video|file"
    r"|pullquote|verse)"
)
_DEFINITION_BLOCKS = list(
    _words("p ul ol pre div blockquote table dl figure h1 h2 h3 h4 h5 h6 hr br")
)
_CELL_BLOCKS = ["table", "ul", "ol", "pre", "blockquote", "div", "br", "h1", "h2", "h3", "h4", "dl"]
_KNOWN = _words(
    "a abbr address article aside audio b bdi bdo blockquote br button canvas caption center"
    " cite code col colgroup data dd del details dfn dialog div dl dt em embed fieldset"
    " figcaption figure font footer form h1 h2 h3 h4 h5 h6 header hr i iframe img input ins"
    " kbd label li main map mark math nav noscript object ol p picture pre q rp rt ruby s samp"
    " script section select small source span strike strong style sub summary sup svg table"
    " tbody td template textarea tfoot th thead time tr track tt u ul var video wbr big html body"
)


# HTML's boolean attributes: the parser reads `allowfullscreen` as "", written back bare.
_BOOLEAN = _words(
    "allowfullscreen async autofocus autoplay checked controls default defer disabled"
    " formnovalidate hidden inert ismap itemscope loop multiple muted nomodule novalidate open"
    " playsinline readonly required reversed selected"
)


class _KeepOrder(HTMLFormatter):
    """bs4's default formatter sorts attributes; raw HTML should read as the author wrote it
    (boolean attributes bare, as in `<iframe allowfullscreen>`, not `allowfullscreen=""`)."""

    def attributes(self, tag: Tag) -> Any:  # the base class returns what decode() expects
        return [
            (name, None if value == "" and name in _BOOLEAN else value)
            for name, value in tag.attrs.items()
        ]


# Text and attribute values escaped as they must be ("&lt;" stays "&lt;"), nothing more.
_KEEP_ORDER = _KeepOrder(
    entity_substitution=EntitySubstitution.substitute_xml, void_element_close_prefix=""
)
_URL_ATTRS = ("href", "src", "poster", "cite", "data-src", "action")
_LANGUAGE = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]+)")
_BRUSH = re.compile(r"brush:\s*([\w+#.-]+)")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]]")


def _classes(el: Tag) -> str:
    value = el.get("class")
    if isinstance(value, list):
        return " ".join(value)
    return str(value or "")


def _meaningful_attrs(el: Tag) -> list[str]:
    return [name for name in el.attrs if name not in PRESENTATIONAL]


def _only_an_image(figure: Tag) -> bool:
    """A figure holding one image (maybe linked) and no caption or anything else."""
    images = figure.find_all("img")
    if len(images) != 1 or figure.find(["figcaption", "iframe", "video", "figure", "table"]):
        return False
    return not figure.get_text(strip=True) and not _meaningful_attrs(figure)


def _only_a_table(figure: Tag) -> bool:
    """A block-editor table: a figure wrapping one table and no caption."""
    children = [c for c in figure.children if isinstance(c, Tag) or str(c).strip()]
    return len(children) == 1 and isinstance(children[0], Tag) and children[0].name == "table"


def is_inline_wrapper(el: Tag) -> bool:
    if el.name in INLINE_WRAPPERS:
        return True
    if el.name == "span":  # a span with a language, a title or data for a plugin
        return bool(_meaningful_attrs(el))
    return el.name == "a" and not el.get("href") and bool(el.get("id") or el.get("name"))


def _not_plain_in_code(el: Tag) -> bool:
    return el.name not in _PLAIN_IN_CODE or is_inline_wrapper(el)


def is_raw(el: Tag) -> bool:
    """True when `el` is kept whole as raw HTML."""
    name = el.name
    if el.get(RAW_MARK) or name in ALWAYS_RAW_BLOCK:
        return True
    if _EMBED_CLASSES.search(_classes(el)):
        return True
    if name == "figure":
        return not (_only_an_image(el) or _only_a_table(el))
    if name == "blockquote":
        return bool(_meaningful_attrs(el))
    if name in ("div", "section", "article", "header", "footer", "main"):
        return any(a.startswith("data-") or a in ("lang", "title", "role") for a in el.attrs)
    if name == "dl":
        return not _is_simple_definition_list(el)
    if name == "pre":
        return el.find(["a", "b", "strong", "em", "i", "u", "mark", "img"]) is not None
    if name == "img":
        return bool(el.get("usemap"))
    if name in _CODE_SPANS:
        # An element a code span cannot hold (`<code>x<sup>2</sup></code>`, an image, a
        # comment) would show as its tags or its Markdown: kept as HTML, unless a <pre> around
        # it converts as plain code anyway.
        return (
            any(_not_plain_in_code(d) for d in el.find_all(True)) and el.find_parent("pre") is None
        )
    if name not in _KNOWN and name not in (PAGE_BREAK_TAG, COMMENT_TAG):
        # An element we do not know (a custom element, an old plugin's tag): keep it if it has
        # structure or attributes; a bare wrapper around text just gives its text.
        return bool(el.attrs) or any(isinstance(c, Tag) for c in el.children)
    return False


def raw_html(el: Tag, *, inline: bool, in_markdown: bool = False) -> str:
    """`el` as HTML: in a paragraph as is, otherwise as a block with blank lines around it;
    `in_markdown` when the block is inside a list item or quote.

    Blank lines inside are dropped: they would end the HTML block in CommonMark renderers.
    """
    if RAW_MARK in el.attrs:
        del el[RAW_MARK]
    # A code span kept as HTML stays inside its line, whatever holds it (a list item, a cell).
    inline = inline or el.name in _CODE_SPANS
    for stand_in in el.find_all([COMMENT_TAG, PAGE_BREAK_TAG]):
        # The converter's stand-ins for comments go back to being the comments they were.
        comment = str(stand_in.get("data-comment") or "<!---->")
        stand_in.replace_with(Comment(comment[4:-3]))
    if inline or in_markdown:
        # In a paragraph, and anywhere inside a list item or a quote (Python-Markdown takes
        # raw HTML blocks only at the top level), only the tags are kept as HTML: the text
        # between them is Markdown, so the characters Markdown would read get a backslash.
        for text in list(el.find_all(string=True)):
            if type(text) is NavigableString and _INLINE_SPECIAL.search(text):
                text.replace_with(NavigableString(_INLINE_SPECIAL.sub(r"\\\g<0>", text)))
    markup = el.decode(formatter=_KEEP_ORDER)
    if inline:
        return markup
    if el.find("pre") is None and el.name not in ("pre", "script", "textarea"):
        markup = _BLANK_LINES.sub("\n", markup)
    return "\n\n" + markup.strip() + "\n\n"


def open_tag(el: Tag) -> str:
    """The start tag of `el` with its attributes, as the HTML parser read them."""
    shell = Tag(name=el.name, attrs=dict(el.attrs))
    markup = shell.decode(formatter=_KEEP_ORDER)
    return markup[: -len(f"</{el.name}>")]


def _is_simple_definition_list(dl: Tag) -> bool:
    """Terms and definitions of inline text only: what Markdown's `Term` / `: definition` says
    (render() writes these). Paragraphs, lists or attributes in one keep the list HTML."""
    if dl.attrs:
        return False
    for child in dl.children:
        if isinstance(child, Tag):
            if child.name not in ("dt", "dd") or child.attrs or child.find(_DEFINITION_BLOCKS):
                return False
        elif str(child).strip():
            return False
    return dl.find("dt") is not None


def is_simple_table(table: Tag) -> bool:
    """A table a Markdown pipe table can say: a header row, no merged cells, no blocks in cells."""
    if table.find(["caption", "table"]) or _meaningful_attrs(table):
        return False
    if any(c.get("colspan") or c.get("rowspan") for c in table.find_all(["td", "th"])):
        return False
    rows = table.find_all("tr")
    if not rows:
        return False
    for cell in table.find_all(["td", "th"]):
        if cell.find(_CELL_BLOCKS) or len(cell.find_all("p")) > 1:
            return False
    first = rows[0]
    cells = first.find_all(["td", "th"])
    header = first.parent is not None and first.parent.name == "thead"
    if not (header or (cells and all(c.name == "th" for c in cells))):
        return False
    width = len(cells)
    return all(len(r.find_all(["td", "th"])) == width for r in rows)


def code_language(pre: Tag) -> str:
    """The language of a code block, from `class="language-x"`, `lang`, or `brush: x`."""
    for el in (pre, pre.find("code")):
        if not isinstance(el, Tag):
            continue
        for attr in ("data-lang", "data-language", "lang"):
            if el.get(attr):
                return str(el.get(attr)).strip().split()[0]
        classes = _classes(el)
        found = _LANGUAGE.search(classes) or _BRUSH.search(classes)
        if found:
            return found[1]
    return ""


def resolve_urls(root: Tag, base_url: str) -> None:
    """Make relative links and sources absolute; in-page anchors (`#x`) stay as they are."""
    for el in root.find_all(True):
        resolve_element_urls(el, base_url)


def resolve_element_urls(el: Tag, base_url: str) -> None:
    if el.attrs:
        for attr in _URL_ATTRS:
            value = el.get(attr)
            if isinstance(value, str) and value and not value.startswith("#"):
                el[attr] = urljoin(base_url, value.strip())
        srcset = el.get("srcset")
        if isinstance(srcset, str) and srcset:
            parts = []
            for candidate in srcset.split(","):
                bits = candidate.strip().split(None, 1)
                if bits:
                    bits[0] = urljoin(base_url, bits[0])
                    parts.append(" ".join(bits))
            el["srcset"] = ", ".join(parts)
