"""Recognising the markup of ``render()`` itself when it comes back as HTML.

A post BlogDesk published and then pulls back (or a blog's export of it) is HTML that
``core.render`` wrote. For ``render(html_to_markdown(html)) == html`` to hold, the converter must
read that markup as the Markdown it came from, not as generic HTML: footnote references and the
footnote list, the ``[TOC]`` box, a heading's or paragraph's attribute list, table alignment and
a wrapper ``<div class="…">``. The converter (``htmltomd``) asks the functions here; they only
look at the tree (no rendering, no settings).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from markdown.extensions.toc import slugify_unicode

from blogdesk.core.convert.htmlraw import is_raw

FOOTNOTE_REF_TAG = "blogdesk-footnote-ref"
FOOTNOTES_TAG = "blogdesk-footnotes"
LABEL_ATTR = "data-label"

# Classes that blog editors, word processors and platforms put on every element: they say
# nothing the author chose (WordPress's wp-block-*/has-*/is-*, Ghost's kg-*, Word's Mso*,
# Google Docs' c1, c2…), so an attribute list or a wrapper is not kept for them.
_EDITOR_CLASS = re.compile(r"^(?:wp-|has-|is-|kg-|align|size-|attachment|Mso|c\d+$|western$)")
# Wrappers our own renderer writes, handled elsewhere.
_RENDERER_CLASSES = frozenset({"toc", "footnote", "footnotes", "codehilite"})
_SLUG_SUFFIX = re.compile(r"_\d+$")
_ALIGN_STYLE = re.compile(r"text-align:\s*(left|center|right)")
_SAFE_ATTR_VALUE = re.compile(r"^[\w:.-]+$")


def _classes(el: Tag) -> list[str]:
    value = el.get("class")
    if isinstance(value, list):
        return [str(c) for c in value]
    return str(value or "").split()


def author_classes(el: Tag) -> list[str]:
    """The element's classes that an author would have chosen (not an editor's or a theme's)."""
    return [c for c in _classes(el) if not _EDITOR_CLASS.match(c)]


# -- footnotes ------------------------------------------------------------------------------


def mark_footnotes(soup: BeautifulSoup) -> None:
    """Turn the footnote list and the references to it into stand-in elements.

    Python-Markdown writes ``<sup id="fnref:x"><a class="footnote-ref" href="#fn:x">1</a></sup>``
    and ``<div class="footnote"><hr><ol><li id="fn:x">…<a class="footnote-backref">``; kramdown
    (Jekyll) the same with ``class="footnotes"``. A reference becomes ``[^x]`` only when its note
    is in the list: an orphan ``[^x]`` would render as the text "[^x]".
    """
    labels: set[str] = set()
    for div in soup.find_all("div", class_=["footnote", "footnotes"]):
        ol = div.find("ol")
        if not isinstance(ol, Tag):
            continue
        items = ol.find_all("li", recursive=False)
        ids = [str(li.get("id") or "") for li in items]
        if not items or not all(i.startswith("fn:") and len(i) > 3 for i in ids):
            continue
        if any(not _is_label(i[3:]) for i in ids):
            continue
        for li in items:
            _drop_backrefs(li)
        labels.update(i[3:] for i in ids)
        div.name = FOOTNOTES_TAG
        div.attrs = {}
    if not labels:
        return
    for sup in soup.find_all("sup"):
        links = [c for c in sup.children if isinstance(c, Tag) or str(c).strip()]
        if len(links) != 1 or not isinstance(links[0], Tag) or links[0].name != "a":
            continue
        href = str(links[0].get("href") or "")
        if any(is_raw(p) for p in sup.parents if p.name != "[document]"):
            continue  # inside raw HTML, which is kept as it is: the reference is HTML too
        if href.startswith("#fn:") and href[4:] in labels:
            ref = soup.new_tag(FOOTNOTE_REF_TAG)
            ref[LABEL_ATTR] = href[4:]
            sup.replace_with(ref)


def _is_label(label: str) -> bool:
    # What can stand between "[^" and "]" and be read back as the same footnote.
    return bool(label) and not any(c in label for c in "[]^\n")


def _drop_backrefs(li: Tag) -> None:
    """Remove the "↩" links back to the text, and the no-break space Python-Markdown puts
    before them (it adds them again on every render)."""
    for a in li.find_all("a", href=True):
        if not str(a.get("href")).startswith("#fnref"):
            continue
        before = a.previous_sibling
        if isinstance(before, NavigableString):
            trimmed = str(before).rstrip("\xa0 ")
            before.replace_with(NavigableString(trimmed))
        a.decompose()


def footnote_definition(label: str, body: str) -> str:
    """``[^label]: first line`` and the rest of the note indented four spaces."""
    lines = body.strip("\n").split("\n")
    rest = "\n".join(("    " + line) if line.strip() else "" for line in lines[1:])
    first = f"[^{label}]: {lines[0]}"
    return f"{first}\n{rest}" if rest else first


# -- table of contents, attribute lists, tables, wrappers ---------------------------------


def is_toc(div: Tag) -> bool:
    """The ``<div class="toc">`` that ``[TOC]`` becomes: a list of links into the page."""
    if "toc" not in _classes(div) or not isinstance(div.find("ul"), Tag):
        return False
    links = div.find_all("a")
    return all(str(a.get("href") or "").startswith("#") for a in links)


def heading_attributes(el: Tag) -> str:
    """`` {#id .class}`` when the heading's id is not the one the toc extension would give it
    (a custom anchor), or it has classes an author chose; else ""."""
    parts = [f".{c}" for c in author_classes(el) if _SAFE_ATTR_VALUE.match(c)]
    anchor = str(el.get("id") or "")
    if anchor and _SAFE_ATTR_VALUE.match(anchor):
        text = "".join(
            str(s) for s in el.find_all(string=True) if s.find_parent(FOOTNOTE_REF_TAG) is None
        )
        automatic = slugify_unicode(" ".join(text.split()), "-")
        if _SLUG_SUFFIX.sub("", anchor) != automatic:
            parts.insert(0, f"#{anchor}")
    return " {" + " ".join(parts) + "}" if parts else ""


def block_attributes(el: Tag) -> str:
    """``{: #id .class}`` for a paragraph with an id or an author's classes; else ""."""
    parts = [f".{c}" for c in author_classes(el) if _SAFE_ATTR_VALUE.match(c)]
    anchor = str(el.get("id") or "")
    if anchor and _SAFE_ATTR_VALUE.match(anchor):
        parts.insert(0, f"#{anchor}")
    return "{: " + " ".join(parts) + " }" if parts else ""


def alignment_row(cells: list[Tag]) -> str | None:
    """The ``| :--- | :---: | ---: |`` row for a header row's alignment; None if none is set."""
    marks = []
    for cell in cells:
        found = _ALIGN_STYLE.search(str(cell.get("style") or "")) or None
        side = found[1] if found else str(cell.get("align") or "").lower()
        marks.append({"left": ":---", "center": ":---:", "right": "---:"}.get(side, "---"))
    if all(m == "---" for m in marks):
        return None
    return "| " + " | ".join(marks) + " |"


def is_author_wrapper(div: Tag) -> bool:
    """A ``<div class="note">`` an author wrote around Markdown: kept as a wrapper."""
    classes = _classes(div)
    if not classes or _RENDERER_CLASSES.intersection(classes):
        return False
    return all(_SAFE_ATTR_VALUE.match(c) for c in classes) and len(author_classes(div)) == len(
        classes
    )
