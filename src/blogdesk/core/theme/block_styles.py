"""The WordPress block styles a captured page may lack (the pure part; the fetching is
sync/theme/block_styles.py).

WordPress with a block theme (and any theme with `should_load_separate_core_block_assets`) prints
a core block's style sheet only on pages that hold that block. Seen on the test WordPress 6.1 with
Twenty Twenty-Three: a post with a quote has `<style id="wp-block-quote-inline-css">`, the quote
block's `style.min.css` followed by the theme's theme.json rules for that block
(`.wp-block-quote{… padding-left: var(--wp--preset--spacing--30)}`: the quote's indent); a post
without one has neither. Once WordPress's inline budget is spent the block's file comes as
`<link id="wp-block-quote-css">` instead, its theme.json rules still in `…-inline-css`. The
theme.json rules exist nowhere else a visitor can read: only on a page that shows the block.

A page that loads `wp-block-library-css` (the combined file of every core block: classic themes,
older WordPress) lacks nothing: its theme.json rules are in `global-styles` on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import Stylesheet

from blogdesk.core.theme.css import rewrite_css

__all__ = [
    "BLOGDESK_BLOCKS",
    "UNSTYLED_BLOCKS",
    "StyleElement",
    "WordPressSite",
    "block_style_elements",
    "insert_styles",
    "loads_every_block",
    "missing_blocks",
    "wordpress_site",
]

# The core blocks whose markup core/convert/wp_blocks.py publishes and WordPress styles on the
# page; it also emits the UNSTYLED ones, which have no front-end style sheet (WordPress 6.1's
# wp-includes/blocks/). Tests check both lists against to_blocks and against the real WordPress.
BLOGDESK_BLOCKS = ("paragraph", "heading", "list", "quote", "code", "table", "image", "separator")
UNSTYLED_BLOCKS = ("list-item", "html", "more", "nextpage")
# `wp-block-quote-css`, `wp-block-quote-inline-css`, `wp-block-quote-theme-inline-css`, …
STYLE_ID = re.compile(r"^wp-block-(?P<name>[a-z0-9-]+?)(?:-theme)?(?:-inline)?-css$")
COMBINED_ID = "wp-block-library-css"
REST_REL = "https://api.w.org/"


@dataclass(frozen=True)
class WordPressSite:
    """Where a WordPress page says its site keeps things (read before the page is cleaned)."""

    rest_root: str  # the REST API's root ("" when the page names none: REST is off)
    includes: str  # ".../wp-includes/" ("" when the page names nothing there)
    version: str  # the `ver` WordPress adds to its own files ("" when unknown)


@dataclass(frozen=True)
class StyleElement:
    """A block's `<link>` (href) or `<style>` (css, its addresses absolute), by its id."""

    id: str
    href: str = ""
    css: str = ""


def _block_name(el: Tag) -> str | None:
    found = STYLE_ID.match(str(el.get("id") or ""))
    if found is None or found["name"] == "library":
        return None
    return found["name"]


def _styles(soup: BeautifulSoup) -> list[Tag]:
    return [el for el in soup.find_all(["style", "link"]) if _block_name(el)]


def loads_every_block(soup: BeautifulSoup) -> bool:
    return soup.find("link", id=COMBINED_ID) is not None


def missing_blocks(soup: BeautifulSoup) -> list[str]:
    """BlogDesk's blocks that the page carries no style element for, in BLOGDESK_BLOCKS order."""
    if loads_every_block(soup):
        return []
    present = {_block_name(el) for el in _styles(soup)}
    return [name for name in BLOGDESK_BLOCKS if name not in present]


def wordpress_site(soup: BeautifulSoup, url: str) -> WordPressSite:
    rest = ""
    for link in soup.find_all("link", href=True):
        if REST_REL in [str(r) for r in (link.get("rel") or [])]:
            rest = urljoin(url, str(link["href"]))
            break
    includes = version = ""
    for el in soup.find_all(["link", "script"]):
        address = urljoin(url, str(el.get("href") or el.get("src") or ""))
        at = address.find("/wp-includes/")
        if at < 0:
            continue
        includes = includes or address[: at + len("/wp-includes/")]
        if urlsplit(address).path.endswith(".css"):
            version = (parse_qs(urlsplit(address).query).get("ver") or [""])[0]
            break
    if not version:
        meta = soup.find("meta", attrs={"name": re.compile("^generator$", re.I)})
        found = re.search(r"WordPress\s+([\d.]+)", str(meta.get("content", "")) if meta else "")
        version = found[1] if found else ""
    return WordPressSite(rest, includes, version)


def block_style_elements(
    html: bytes | str, url: str, names: set[str]
) -> dict[str, list[StyleElement]]:
    """The style elements of the blocks `names` on another page of the site (fetched from `url`),
    by block, in page order, each address made absolute against that page."""
    soup = BeautifulSoup(html, "html.parser")
    found: dict[str, list[StyleElement]] = {}
    for el in _styles(soup):
        name = _block_name(el)
        if name is None or name not in names:
            continue
        ident = str(el["id"])
        if el.name == "link":
            href = str(el.get("href") or "")
            if "stylesheet" in [str(r).lower() for r in (el.get("rel") or [])] and href:
                found.setdefault(name, []).append(StyleElement(ident, urljoin(url, href)))
        else:
            css = rewrite_css(el.get_text(), lambda value: urljoin(url, value))
            found.setdefault(name, []).append(StyleElement(ident, css=css))
    return found


def insert_styles(soup: BeautifulSoup, elements: list[StyleElement]) -> None:
    """Add `elements` where WordPress prints block styles: after the page's last one, else before
    the theme's global styles, else at the end of <head>."""
    if not elements:
        return
    tags: list[Tag] = []
    for element in elements:
        if element.href:
            tag = soup.new_tag("link", rel="stylesheet", href=element.href, id=element.id)
        else:
            tag = soup.new_tag("style", id=element.id)
            # "</" escaped: a style sheet fetched as a file must not close the element and go
            # on as markup (the template was cleaned before these were added). Held as parsed
            # CSS is, so get_text() reads it.
            tag.append(Stylesheet(element.css.replace("</", "<\\/")))
        tags.append(tag)
    existing = _styles(soup)
    if existing:
        anchor = existing[-1]
        for tag in tags:
            anchor.insert_after(tag)
            anchor = tag
        return
    before = soup.find(id="global-styles-inline-css")
    if isinstance(before, Tag):
        for tag in tags:
            before.insert_before(tag)
        return
    head = soup.head or soup
    for tag in tags:
        head.append(tag)
