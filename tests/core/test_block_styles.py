"""The pure part of completing a WordPress page's block styles (core/theme/block_styles.py):
which blocks BlogDesk publishes, which a page lacks, where the site keeps its files, the style
elements taken from another page, and where they go. The fetching is tested against the real
WordPress in tests/sync/test_theme_block_styles.py."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from blogdesk.core.convert.wp_blocks import to_blocks
from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import render
from blogdesk.core.theme.block_styles import (
    BLOGDESK_BLOCKS,
    UNSTYLED_BLOCKS,
    StyleElement,
    block_style_elements,
    insert_styles,
    missing_blocks,
    wordpress_site,
)

CORPUS = Path(__file__).parent / "corpus"
EVERY_KIND = """\
A paragraph.

## A heading

- a list
- of two

> A quotation.

```python
print("code")
```

| a | b |
|---|---|
| 1 | 2 |

---

<figure><img src="/a.jpg" alt="An image"><figcaption>A caption</figcaption></figure>

<!--more-->

<div class="raw">Raw HTML.</div>
"""
OPENER = re.compile(r"<!-- wp:([a-z-]+)")


def published_blocks(markdown: str) -> set[str]:
    return set(OPENER.findall(to_blocks(render(markdown).html)))


def test_the_lists_name_every_block_to_blocks_publishes() -> None:
    every = published_blocks(EVERY_KIND)
    assert every == set(BLOGDESK_BLOCKS) | (set(UNSTYLED_BLOCKS) - {"nextpage"})
    assert published_blocks("a\n\n<!--nextpage-->\n\nb\n") >= {"nextpage"}
    for path in sorted(CORPUS.glob("*.md")):
        assert published_blocks(Post.load(path).body) <= set(BLOGDESK_BLOCKS + UNSTYLED_BLOCKS)


PAGE = """<html><head>
<meta name="generator" content="WordPress 6.4.2">
<link rel="https://api.w.org/" href="/blog/wp-json/">
<script src="https://example.org/blog/wp-includes/js/jquery.min.js?ver=3.7"></script>
<link rel="stylesheet" id="wp-block-navigation-css"
  href="https://example.org/blog/wp-includes/blocks/navigation/style.min.css?ver=6.4.2">
<style id="wp-block-paragraph-inline-css">p{margin:0}</style>
<link rel="stylesheet" id="wp-block-heading-css" href="/h.css">
<style id="wp-block-library-inline-css">:root{--x:1}</style>
<style id="global-styles-inline-css">body{color:red}</style>
</head><body></body></html>"""


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def test_where_the_site_keeps_its_api_and_files() -> None:
    site = wordpress_site(soup_of(PAGE), "https://example.org/blog/a-post/")
    assert site.rest_root == "https://example.org/blog/wp-json/"
    assert site.includes == "https://example.org/blog/wp-includes/"
    assert site.version == "6.4.2"  # from WordPress's own style sheet, not jQuery's ver
    bare = wordpress_site(soup_of('<meta name="generator" content="WordPress 5.9">'), "http://b/")
    assert (bare.rest_root, bare.includes, bare.version) == ("", "", "5.9")


def test_missing_blocks_are_those_without_a_style_element() -> None:
    # The library's own inline style names no block; a <link> counts like a <style>.
    assert missing_blocks(soup_of(PAGE)) == ["list", "quote", "code", "table", "image", "separator"]
    combined = PAGE.replace('id="wp-block-heading-css"', 'id="wp-block-library-css"')
    assert missing_blocks(soup_of(combined)) == []  # one file with every block: nothing lacks


def test_style_elements_taken_from_another_page_with_absolute_addresses() -> None:
    other = """<head>
<style id='wp-block-quote-inline-css'>.wp-block-quote{background:url(img/q.png)}
.wp-block-quote{padding-left:1em}</style>
<link rel='stylesheet' id='wp-block-table-css' href='../wp-includes/blocks/table/style.min.css'>
<style id='wp-block-table-inline-css'>.wp-block-table td{border-color:red}</style>
<link rel='preload' id='wp-block-code-css' href='/code.css'>
<style id='wp-block-list-inline-css'>ol,ul{box-sizing:border-box}</style>
</head>"""
    found = block_style_elements(other, "https://example.org/blog/other/", {"quote", "table"})
    assert found == {
        "quote": [
            StyleElement(
                "wp-block-quote-inline-css",
                css='.wp-block-quote{background:url("https://example.org/blog/other/img/q.png")}'
                "\n.wp-block-quote{padding-left:1em}",
            )
        ],
        "table": [
            StyleElement(
                "wp-block-table-css",
                href="https://example.org/blog/wp-includes/blocks/table/style.min.css",
            ),
            StyleElement("wp-block-table-inline-css", css=".wp-block-table td{border-color:red}"),
        ],
    }


def ids(soup: BeautifulSoup) -> list[str]:
    return [str(el.get("id")) for el in soup.find_all(["style", "link"]) if el.get("id")]


def test_added_styles_go_where_wordpress_prints_block_styles() -> None:
    added = [StyleElement("wp-block-quote-inline-css", css="q{}"), StyleElement("x", href="/x")]
    soup = soup_of(PAGE)
    insert_styles(soup, added)
    assert ids(soup)[2:6] == [
        "wp-block-heading-css",
        "wp-block-quote-inline-css",
        "x",
        "wp-block-library-inline-css",
    ]
    assert soup.find(id="wp-block-quote-inline-css").get_text() == "q{}"  # type: ignore[union-attr]
    assert soup.find(id="x")["rel"] == ["stylesheet"]  # type: ignore[index]
    no_blocks = soup_of('<head><style id="a"></style><style id="global-styles-inline-css">')
    insert_styles(no_blocks, added)
    assert ids(no_blocks) == ["a", "wp-block-quote-inline-css", "x", "global-styles-inline-css"]
    bare = soup_of("<html><head><title>t</title></head><body></body></html>")
    insert_styles(bare, added)
    assert [el.name for el in bare.head.children] == ["title", "style", "link"]  # type: ignore[union-attr]
