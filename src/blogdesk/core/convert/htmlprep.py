"""The HTML converter's first pass: the parsed tree tidied into what the conversion expects.

Platform markup undone (WordPress's blocks, shortcodes and autop; Ghost's card markers),
comments turned into stand-in elements the converter keeps in place, word processors' styled
spans turned into emphasis, emphasis that Markdown could not say merged or unwrapped, and
render()'s own footnotes recognised (``rendered.mark_footnotes``). One walk over the tree:
this is the converter's hot path.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag
from bs4.element import NavigableString

from blogdesk.core.convert import rendered, wp_content
from blogdesk.core.convert.htmlraw import (
    COMMENT_TAG,
    PAGE_BREAK_TAG,
    RAW_MARK,
    is_simple_table,
    resolve_element_urls,
)

__all__ = ["has_ancestor", "prepare_soup"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_CLIPBOARD_COMMENT = re.compile(r"(?:StartFragment|EndFragment|\[if |<!\[endif)", re.I)
_PAGE_BREAK = re.compile(r"(more|nextpage|noteaser)\b")
# Ghost's card markers (`<!--kg-card-begin: html-->`): where an editor card starts, not text.
_GHOST_CARD = re.compile(r"kg-card-(?:begin|end):")
_DOCUMENT_ONLY = frozenset({"head", "meta", "link", "title", "base"})
_DOCUMENT_TAG = re.compile(r"<(?:head|meta|link|title|base)\b", re.I)
_EMPHASIS = frozenset({"em", "i", "strong", "b", "code", "a"})
_SAME_EMPHASIS = {
    "em": ["em", "i"],
    "i": ["em", "i"],
    "strong": ["strong", "b"],
    "b": ["strong", "b"],
}
# Text without any of these needs no escaping at all (most text): skip the dozen substitutions.
_PULLQUOTE = "wp-block-pullquote"
# Inline elements that Markdown cannot wrap around a block (`*> quote*` is not a quote).
_INLINE_CONTEXT = _words(
    "abbr b cite code del dfn em font i ins kbd label mark q s samp small span strike strong"
    " sub sup time tt u var bdi bdo ruby"
)
_BLOCK_NAMES = frozenset(
    _words(
        "p div blockquote ul ol li pre table tr td th caption figure figcaption dl dt dd hr"
        " h1 h2 h3 h4 h5 h6 section article header footer main nav aside details summary"
        " address center"
    )
)


def prepare_soup(html: str, base_url: str | None, wordpress: bool) -> BeautifulSoup:
    if wordpress:
        html = wp_content.prepare(html)
    else:
        html = wp_content.expand_shortcodes(wp_content.strip_block_comments(html))
    soup = BeautifulSoup(html, "html.parser")
    # One walk over the tree instead of a find_all per concern: this is the converter's hot path.
    emphasis: list[Tag] = []
    if _DOCUMENT_TAG.search(html):  # a whole page's head, or a clipboard's <meta>: not content
        for el in soup.find_all(list(_DOCUMENT_ONLY)):
            el.decompose()
    for node in list(soup.descendants):
        if isinstance(node, Comment):
            body = str(node).strip()
            if _CLIPBOARD_COMMENT.match(body) or _GHOST_CARD.match(body):
                node.extract()  # the clipboard's fragment markers, Word's conditionals, cards
                continue
            # Page breaks on a line of their own; other comments (an author's notes) kept in place.
            marker = soup.new_tag(PAGE_BREAK_TAG if _PAGE_BREAK.match(body) else COMMENT_TAG)
            marker["data-comment"] = f"<!--{node}-->"
            node.replace_with(marker)
        elif isinstance(node, Tag):
            if base_url:
                resolve_element_urls(node, base_url)
            if node.get("style") and node.name in ("span", "b", "strong"):
                _styled_emphasis(node)
            if node.name in _EMPHASIS:
                emphasis.append(node)
            elif node.name == "figure" and _PULLQUOTE in (node.get("class") or ()):
                _unwrap_pullquote(node)
            elif node.name == "table" and not is_simple_table(node):
                node[RAW_MARK] = "1"
    # Name checks by hand, not bs4's find()/find_parent(): those build a matcher per call,
    # which made a 2 MB paragraph take 19 s.
    for node in [t for t in soup.find_all(list(_INLINE_CONTEXT)) if _holds_block(t)]:
        # Italics or a <span> around blocks (Google Docs wraps a whole paste in <b>): the
        # blocks stay blocks, the inline element goes.
        node.unwrap()
    for para in soup.find_all(["p", "td", "th"]):
        # A cell outside any table (pasted from one) is read as a paragraph too.
        if (para.name == "p" or not has_ancestor(para, ("table",))) and _holds_block(para):
            _end_paragraph_at_blocks(soup, para)
    for list_el in soup.find_all(["ul", "ol"]):
        _items_only(soup, list_el)
    links = soup.find_all("a")
    for link in [t for t in links if has_ancestor(t, ("a",))]:
        link.unwrap()  # a link in a link (not valid HTML): Markdown cannot nest them either
    for link in [t for t in links if t.get("href") and t.parent is not None and _holds_block(t)]:
        _link_inside_blocks(soup, link)
    _merge_adjacent_emphasis(emphasis)
    if "#fn:" in html:
        rendered.mark_footnotes(soup)
    return soup


def _items_only(soup: BeautifulSoup, list_el: Tag) -> None:
    """Text or elements loose in a list, outside any `<li>` (not valid HTML, but pasted): each
    run of them becomes an item of its own, so it does not run into the next item's marker."""
    run: list[object] = []
    for child in [*list_el.children, None]:
        if child is None or (isinstance(child, Tag) and child.name == "li"):
            if any(isinstance(c, Tag) or str(c).strip() for c in run):
                item = soup.new_tag("li")
                first = run[0]
                assert isinstance(first, (Tag, NavigableString))
                first.insert_before(item)
                for c in run:
                    assert isinstance(c, (Tag, NavigableString))
                    item.append(c.extract())
            run = []
        else:
            run.append(child)


def _end_paragraph_at_blocks(soup: BeautifulSoup, para: Tag) -> None:
    """A block inside a <p> (not valid HTML) ends the paragraph, as browsers read it: the text
    before and after it become paragraphs of their own around the block. Kept inside, the
    block's Markdown would share a line with the text and Markdown would reorder them."""
    pieces: list[Tag] = []
    run: Tag | None = None
    for child in list(para.children):
        if isinstance(child, Tag) and (child.name in _BLOCK_NAMES or _holds_block(child)):
            pieces.append(child.extract())
            run = None
            continue
        if run is None:
            if not isinstance(child, Tag) and not str(child).strip():
                child.extract()
                continue
            run = soup.new_tag("p")
            if para.name == "p":
                run.attrs = dict(para.attrs)
            pieces.append(run)
        run.append(child.extract())
    for piece in pieces:
        para.insert_before(piece)
    para.decompose()


def _holds_block(el: Tag) -> bool:
    return any(isinstance(d, Tag) and d.name in _BLOCK_NAMES for d in el.descendants)


def has_ancestor(el: Tag, names: tuple[str, ...] | list[str]) -> bool:
    """An element named one of ``names`` encloses ``el``."""
    parent = el.parent
    while parent is not None:
        if parent.name in names:
            return True
        parent = parent.parent
    return False


def _link_inside_blocks(soup: BeautifulSoup, link: Tag) -> None:
    """A link around blocks (a linked card: `<a><h3>…</h3><p>…</p></a>`): Markdown links are
    inline, so each block gets the link around its content instead."""
    attrs = {name: str(value) for name, value in link.attrs.items()}
    for child in list(link.children):
        if isinstance(child, Tag) and child.name in _BLOCK_NAMES:
            inner = soup.new_tag("a", attrs=attrs)
            for grandchild in list(child.children):
                inner.append(grandchild.extract())
            child.append(inner)
            if _holds_block(inner):
                _link_inside_blocks(soup, inner)
        elif str(child).strip() or isinstance(child, Tag):
            child.wrap(soup.new_tag("a", attrs=attrs))
    link.unwrap()


def _unwrap_pullquote(figure: Tag) -> None:
    """WordPress's Pullquote block is a figure around a quote and its <cite>: the quote is the
    content (its colours and size are the theme's), so it converts as a plain block quote
    instead of staying raw HTML like the other styled blocks."""
    children = [c for c in figure.children if isinstance(c, Tag) or str(c).strip()]
    if len(children) == 1 and isinstance(children[0], Tag) and children[0].name == "blockquote":
        figure.unwrap()


def _styled_emphasis(node: Tag) -> None:
    """Word processors (Google Docs, Word) say bold and italic with styles, not elements."""
    style = str(node.get("style")).replace(" ", "").lower()
    if node.name in ("b", "strong"):
        if "font-weight:normal" in style or "font-weight:400" in style:
            node.name = "span"  # Google Docs wraps a whole paste in <b style="normal">
        return
    bold = re.search(r"font-weight:(?:bold|[6-9]00)", style) is not None
    italic = "font-style:italic" in style
    if bold and italic:
        node.name = "em"
        inner = Tag(name="strong")
        for child in list(node.children):
            inner.append(child.extract())
        node.append(inner)
    elif bold:
        node.name = "strong"
    elif italic:
        node.name = "em"
    if bold or italic:
        del node["style"]


def _merge_adjacent_emphasis(elements: list[Tag]) -> None:
    """`<em>a</em><em>b</em>` → `<em>ab</em>`: as `*a**b*` Markdown would read it differently.
    Emphasis inside the same emphasis (`<em>a<em>b</em></em>`) says nothing more: unwrapped."""
    # `parent is None`, not `decomposed`: bs4 looks that up as a child element named
    # "_decomposed", a search through the tree per call (seconds on a long post).
    for el in elements:
        if el.parent is None:
            continue
        if not el.contents and not (el.get("id") or el.get("name")):
            el.decompose()
        elif el.name != "a" and has_ancestor(el, _SAME_EMPHASIS.get(el.name, ())):
            el.unwrap()
    for el in elements:
        if el.parent is None or el.name == "a":
            continue
        following = el.next_sibling
        while isinstance(following, Tag) and following.name == el.name and not following.attrs:
            for child in list(following.children):
                el.append(child.extract())
            following.decompose()
            following = el.next_sibling
