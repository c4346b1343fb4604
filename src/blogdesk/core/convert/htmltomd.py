"""HTML → Markdown that a writer would accept as their own text; for paste, import and pull.

Built on markdownify's converter, with what a blog needs on top: Markdown Extra output that
`core.render.rendering.render()` turns back into the same structure (4-space list nesting,
pipe tables
with a header, fenced code with its language), and raw HTML kept for whatever Markdown cannot say
(embeds, figures with captions, tables with spans or blocks in cells, elements whose attributes
carry meaning). Text is escaped only where Markdown would otherwise misread it.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import Tag

from blogdesk.core.convert import rendered
from blogdesk.core.convert.htmllists import ListConversion
from blogdesk.core.convert.htmlprep import has_ancestor, prepare_soup
from blogdesk.core.convert.htmlraw import (
    COMMENT_TAG,
    PAGE_BREAK_TAG,
    code_language,
    is_inline_wrapper,
    is_raw,
    open_tag,
    raw_html,
)
from blogdesk.core.convert.htmlshape import (
    ends_with_attribution,
    is_attribution,
    next_content,
    tidy,
)
from blogdesk.core.render.attribution import ATTRIBUTION_DASH
from blogdesk.core.render.image_markup import markdown_title

__all__ = ["html_to_markdown"]

# Python-Markdown reads "#x" at a line start as a heading: unlike CommonMark, no space is needed.
_BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s|$)|-+\s*$)", re.M)
# "=" and "~" cannot be backslash-escaped in Python-Markdown; a character reference can.
_ENTITY_START = re.compile(r"^(\s*)(=(?==*\s*$)|~(?=~~)|:(?=\s|$))", re.M)
_REFERENCES = {"=": "&#61;", "~": "&#126;", ":": "&#58;"}
_ORDERED_START = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)", re.M)
_RAW_BLANK_LINES = re.compile(r"\n[ \t]*\n+")
_MAYBE_SPECIAL = re.compile(r"[\\`*_\[\]<&|{#>+=~:-]|\d[.)]")
_ASTERISK = re.compile(r"\*(?!\s)|(?<!\s)\*")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_BRACKET = re.compile(r"(?<!\\)((?:\\\\)*)([\[\]])")  # a bracket not already escaped
_ATTR_LIST = re.compile(r"\{(?=[^{}\n]*\})")
_REF_DEF = re.compile(r"^(\s*)\[(?=[^\]\n]*\\?\]:)", re.M)
_LINK_CLOSE = re.compile(r"\](?=[(\[:])")
_HTML_START = re.compile(r"<(?=\S|$)")
# "&name;" is an entity; so is "&#1" without its ";" to Python-Markdown's serializer.
_ENTITY = re.compile(r"&(?=\w+;|#)")
_BACKSLASH = re.compile(r"\\")
_DASH_ESCAPE = re.compile("^(?:\u2014|\u2015|-)")
_DASH_REFERENCES = {"\u2014": "&#8212;", "\u2015": "&#8213;", "-": "\\-"}
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Converter(ListConversion):
    """markdownify, taught to keep what Markdown cannot say as raw HTML."""

    def __init__(self) -> None:
        super().__init__(
            heading_style="atx",
            bullets="-",
            strong_em_symbol="*",
            newline_style="spaces",
            wrap=True,
            wrap_width=None,
            escape_asterisks=False,
            escape_underscores=False,
            escape_misc=False,
            autolinks=True,
            keep_inline_images_in=["td", "th", "h1", "h2", "h3", "h4", "h5", "h6"],
        )

    # -- dispatch -------------------------------------------------------------------------------

    # markdownify's stubs omit its hooks (process_tag, process_text, process_element).
    def process_tag(self, node: Any, parent_tags: set[str] | None = None) -> str:
        if isinstance(node, Tag) and node.name != "[document]":
            inline = "_inline" in (parent_tags or set()) or "p" in (parent_tags or set())
            if node.name == PAGE_BREAK_TAG:
                return "\n\n" + str(node.get("data-comment") or "<!--more-->") + "\n\n"
            if node.name == COMMENT_TAG:
                comment = str(node.get("data-comment") or "")
                # Between blocks a comment is a block of its own, as it was in the Markdown.
                return comment if inline or not comment else f"\n\n{comment}\n\n"
            if node.name == rendered.FOOTNOTE_REF_TAG:
                return f"[^{node.get(rendered.LABEL_ATTR)}]"
            if node.name == rendered.FOOTNOTES_TAG:
                return self._footnotes(node, parent_tags or set())
            if node.name == "div" and not inline and rendered.is_toc(node):
                return "\n\n[TOC]\n\n"
            if is_raw(node):
                nested = has_ancestor(node, ("li", "blockquote", "dd", "td", "th"))
                return raw_html(node, inline=inline, in_markdown=nested)
            if is_inline_wrapper(node):
                return self._wrap_inline(node, parent_tags or set())
        result: str = super().process_tag(node, parent_tags)  # type: ignore[misc]
        return result

    def _footnotes(self, node: Tag, parent_tags: set[str]) -> str:
        """render()'s footnote list, back as the definitions it came from (in its order,
        which is what numbers them)."""
        ol = node.find("ol")
        notes = []
        for li in ol.find_all("li", recursive=False) if isinstance(ol, Tag) else []:
            label = str(li.get("id"))[3:]
            li.name, li.attrs = "div", {}
            notes.append(rendered.footnote_definition(label, self.process_tag(li, parent_tags)))
        return "\n\n" + "\n\n".join(notes) + "\n\n"

    def _wrap_inline(self, node: Tag, parent_tags: set[str]) -> str:
        # Keep the tags (Markdown has no <sup> or <mark>) but convert what is inside them.
        inner_tags = set(parent_tags) | {node.name}
        convert = self.process_element  # type: ignore[attr-defined]
        inner = "".join(str(convert(child, inner_tags)) for child in node.children)
        prefix, suffix, inner = _chomp(inner)
        if not inner and node.name != "a":
            return prefix + suffix
        return f"{prefix}{open_tag(node)}{inner}</{node.name}>{suffix}"

    # -- text -----------------------------------------------------------------------------------

    def escape(self, text: str, parent_tags: set[str]) -> str:
        if not text or not _MAYBE_SPECIAL.search(text):
            return text or ""
        text = _BACKSLASH.sub(r"\\\\", text)
        text = text.replace("`", r"\`")
        text = _ASTERISK.sub(r"\*", text)
        text = _UNDERSCORE.sub(r"\_", text)
        text = _LINK_CLOSE.sub(r"\]", text)
        text = _ATTR_LIST.sub(r"\{", text)  # "{x}" would be read as an attribute list
        text = _REF_DEF.sub(r"\1\\[", text)
        text = _ENTITY.sub("&amp;", text)
        text = _HTML_START.sub("&lt;", text)
        # Any line with a "|" may turn into a table with the next one: rare in prose, so always.
        text = text.replace("|", r"\|")
        text = _BLOCK_START.sub(lambda m: m[1] + "\\" + m[2], text)
        text = _ENTITY_START.sub(lambda m: m[1] + _REFERENCES[m[2]], text)
        return _ORDERED_START.sub(r"\1\\\2", text)

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        text: str = super().process_text(el, parent_tags)  # type: ignore[misc]
        previous = el.previous_sibling
        if isinstance(previous, Tag) and previous.name == "br" and "pre" not in (parent_tags or ()):
            text = text.lstrip(" ")  # the newline after <br> in the source is not text
        return text

    # -- inline ---------------------------------------------------------------------------------

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        href = str(el.get("href") or "")
        prefix, suffix, inner = _chomp(text)
        if not href or not inner:
            return text
        if not any(isinstance(d, Tag) and d.name == "img" for d in el.descendants):
            # Brackets in the text would end the link text early.
            inner = _BRACKET.sub(r"\1\\\2", inner)
        title = str(el.get("title") or "")
        if inner.replace("\\", "") == href and not title and re.match(r"[a-z]+:", href):
            return f"{prefix}<{href}>{suffix}"
        target = f"<{href}>" if re.search(r"[\s()<>]", href) else href
        title_part = f' "{markdown_title(title)}"' if title else ""
        return f"{prefix}[{inner}]({target}{title_part}){suffix}"

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        alt = re.sub(r"\s+", " ", str(el.get("alt") or "")).replace("]", r"\]")
        src = str(el.get("src") or "")
        if not src:
            return ""
        title = str(el.get("title") or "")
        target = f"<{src}>" if re.search(r"[\s()<>]", src) else src
        title_part = f' "{markdown_title(title)}"' if title else ""
        return f"![{alt}]({target}{title_part})"

    def _emphasis(self, text: str, parent_tags: set[str], marker: str) -> str:
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, inner = _chomp(text)
        if not inner:  # an empty <em> around a space still separates two words
            return " " if prefix or suffix else ""
        return f"{prefix}{marker}{inner}{marker}{suffix}"

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, "*")

    def convert_strong(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self._emphasis(text, parent_tags, "**")

    convert_i = convert_em
    convert_b = convert_strong

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if text and not text.strip() and "_noformat" not in parent_tags:
            return " "
        result: str = super().convert_code(el, text, parent_tags)  # type: ignore[misc]
        return result

    def convert_cite(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        prefix, suffix, inner = _chomp(text)
        if not inner:
            return ""
        if "_inline" not in parent_tags and is_attribution(el):
            # A quote's own citation (WordPress's Quote block): the "> — Name" closing line
            # that core.render.attribution turns back into this <cite>. One line, or the
            # rest of it would not be the quote's last line.
            return "\n\n\u2014 " + " ".join(inner.split()) + "\n\n"
        # Elsewhere <cite> names a work; keep the element so the text keeps that meaning.
        return f"{prefix}<cite>{inner}</cite>{suffix}"

    def convert_span(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return text

    # -- blocks ---------------------------------------------------------------------------------

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return " " + text.strip() + " "
        text = text.strip()
        if el.name == "div" and rendered.is_author_wrapper(el):
            # A class a stylesheet means (<div class="note">): keep the element, and the
            # Markdown inside it (md_in_html).
            return f'\n\n{open_tag(el)[:-1]} markdown="1">\n\n{text}\n\n</div>\n\n'
        return f"\n\n{text}\n\n" if text else ""

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        result: str = super().convert_p(el, text, parent_tags)  # type: ignore[misc]
        attributes = "" if "_inline" in parent_tags else rendered.block_attributes(el)
        if attributes and result.strip():
            result = result.rstrip("\n") + "\n" + attributes + "\n\n"
        return result

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        result: str = super().convert_hN(n, el, text, parent_tags)  # type: ignore[misc]
        if "_inline" not in parent_tags and result.rstrip("\n").endswith("#"):
            # "## C#" would lose its "#": a heading's closing hashes are not text.
            result = result.rstrip("\n")[:-1] + "\\#\n\n"
        attributes = "" if "_inline" in parent_tags else rendered.heading_attributes(el)
        if attributes and result.strip():
            result = result.rstrip("\n") + attributes + "\n\n"
        return result

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if not has_ancestor(el, ("table",)):
            return self.convert_div(el, text, parent_tags)
        result: str = super().convert_tr(el, text, parent_tags)  # type: ignore[misc]
        cells = el.find_all(["td", "th"])
        plain = "| " + " | ".join(["---"] * len(cells)) + " |\n"
        aligned = rendered.alignment_row(cells) if plain in result else None
        return result.replace(plain, aligned + "\n", 1) if aligned else result

    convert_footer = convert_div
    convert_header = convert_div
    convert_main = convert_div
    convert_article = convert_div
    convert_section = convert_div
    convert_center = convert_div

    def convert_blockquote(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = text.strip(" \t\r\n")
        if "_inline" in parent_tags:
            return " " + text + " "
        if not text:
            return "\n\n>\n\n"  # an empty quote is still a quote (render() writes one for ">")
        lines = text.split("\n")
        if (
            ATTRIBUTION_DASH.match(lines[-1])
            and any(line.strip() for line in lines[:-1])  # a quote of one line is the quote
            and "<cite" not in lines[-1]  # the author marked the source up: not a candidate
            and not ends_with_attribution(el)
        ):
            # A last paragraph that merely starts with a dash ("— and yet"): written so that
            # core.render.attribution does not take it for the quote's <cite>.
            lines[-1] = _DASH_ESCAPE.sub(lambda m: _DASH_REFERENCES[m[0]], lines[-1], count=1)
        quoted = "\n".join(("> " + line) if line else ">" for line in lines)
        following = next_content(el)
        if isinstance(following, Tag) and following.name == "blockquote":
            # Python-Markdown reads two quotes with only a blank line between as one quote (and
            # the first one's attribution would end up mid-quote): an empty comment keeps them
            # apart, and shows nowhere.
            return "\n\n" + quoted + "\n\n<!-- -->\n\n"
        return "\n\n" + quoted + "\n\n"

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        code = el.get_text()
        code = code.strip("\n")
        if not code.strip():
            return ""
        if "_inline" in parent_tags:
            return " " + self.escape(" ".join(code.split()), parent_tags) + " "
        fence = "```"
        while fence in code:
            fence += "`"
        language = code_language(el)
        return f"\n\n{fence}{language}\n{code}\n{fence}\n\n"

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if not has_ancestor(el, ("table",)):  # a stray cell (a paste of part of a table)
            return self.convert_div(el, text, parent_tags)
        result: str = super().convert_td(el, text, parent_tags)  # type: ignore[misc]
        return result

    convert_th = convert_td

    def convert_dl(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return self.convert_div(el, text, parent_tags)

    def convert_dd(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if not has_ancestor(el, ("dl",)):  # a stray term or definition: just its content
            return self.convert_div(el, text, parent_tags)
        result: str = super().convert_dd(el, text, parent_tags)  # type: ignore[misc]
        return result

    def convert_dt(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if not has_ancestor(el, ("dl",)):
            return self.convert_div(el, text, parent_tags)
        # Terms sharing definitions are on adjacent lines; a blank line would end the list.
        result: str = super().convert_dt(el, text, parent_tags)  # type: ignore[misc]
        previous = el.find_previous_sibling(["dt", "dd"])
        if previous is not None and previous.name == "dt":
            return result.lstrip("\n")
        return result

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return "\n\n" + text.strip() + "\n\n"

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # Only reached for a figure holding nothing but an image: that is just an image.
        return "\n\n" + text.strip() + "\n\n"


def _chomp(text: str) -> tuple[str, str, str]:
    prefix = " " if text[:1] == " " else ""
    suffix = " " if text[-1:] == " " else ""
    return prefix, suffix, text.strip()


def html_to_markdown(html: str, *, base_url: str | None = None, wordpress: bool = False) -> str:
    """Markdown for `html`, ending with one newline ("" for empty input).

    `base_url` resolves relative links and image sources. `wordpress=True` treats the input as
    WordPress's stored content (an export's `content:encoded`, the REST API's `content.raw`):
    block comments removed, `[caption]`/`[embed]`/`[code]` expanded, and classic posts given
    paragraphs the way WordPress's autop does. Block comments and those shortcodes are handled in
    any case; only autop needs the flag, because in pasted HTML newlines are not paragraphs.
    """
    if not html or not html.strip():
        return ""
    # A lone surrogate (a broken clipboard) is not text: bs4 fails encoding it, and no file
    # could store it. U+FFFD marks the spot.
    html = _SURROGATE.sub("\ufffd", html)
    soup = prepare_soup(html, base_url, wordpress)
    try:
        text: str = _Converter().convert_soup(soup)
    except RecursionError:
        # Nesting deeper than Python's stack (thousands of levels, machine-made HTML): keep it
        # all as raw HTML, which Markdown passes through, rather than lose any of it.
        text = _RAW_BLANK_LINES.sub("\n", soup.decode(formatter="minimal"))
    text = tidy(text.replace("\r", "")).strip("\n")
    return text + "\n" if text else ""
