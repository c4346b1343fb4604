"""Block styles a captured WordPress theme lacks (sync/theme/block_styles.py).

Against the real WordPress 6.1 (Twenty Twenty-Three): the theme is captured from a post with
paragraphs only, whose page carries no style for quotes, lists, code or tables (WordPress prints a
block's CSS only where the block is), and a post with all of those is previewed in it. Compared as
in test_theme_capture.py: screenshots of the blog's page of that post and of
`blogdesk preview --style blog`, mean grey difference within the same tolerance. Without the
block styles the quote loses its indent and the table its borders (measured: see docs/preview.md).

Against loopback http.servers: a 404 (or an HTML page, or junk JSON) where a block style was
looked for leaves the capture as it was, with no warning; a page that loads WordPress's combined
block library makes no request for block styles at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
import requests
from bs4 import BeautifulSoup
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService, unique
from tests.sync.test_theme_capture import TOLERANCE
from tests.sync.test_theme_hostile import Site, account_for
from tests.sync.theme_shots import mean_difference, rule_row, screenshot

from blogdesk.cli import main
from blogdesk.core.library.library import Library
from blogdesk.core.theme.block_styles import BLOGDESK_BLOCKS, UNSTYLED_BLOCKS
from blogdesk.services import Folders
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.theme.capture import load_theme
from blogdesk.sync.theme.service import capture_theme

PLAIN = """\
A first paragraph, long enough to wrap across the column of the theme so that line height and
the width of the text column both show in the picture.

A second paragraph, and nothing else: no quotation, no list, no code and no table.
"""
RICH = """\
A first paragraph, long enough to wrap across the column of the theme so that line height and
the width of the text column both show in the picture.

> A quotation, set the way the theme sets quotations, long enough to wrap across the column of
> the theme at least once.

- an item of a list
- and a second one

| Fruit | Count |
| ----- | ----: |
| apple |     3 |
| pear  |    12 |

```
print("a code block")
```

The last paragraph.
"""
# Blocks whose style the blog prints only on a page that holds one: as `<style
# id="wp-block-quote-inline-css">`, or (the table's, once WordPress's inline budget is spent)
# `<link id="wp-block-table-css">`.
BLOCKS = {"quote", "list", "code", "table"}


def style_ids(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {str(el.get("id")) for el in soup.find_all(["style", "link"]) if el.get("id")}


def styled(html: str) -> set[str]:
    """Which of BLOCKS the page has a style element for."""
    ids = style_ids(html)
    return {b for b in BLOCKS if {f"wp-block-{b}-css", f"wp-block-{b}-inline-css"} & ids}


@pytest.mark.wordpress
def test_a_theme_captured_from_a_plain_post_styles_quotes_lists_code_and_tables_as_the_blog(
    wordpress: WordPressServer,
    library: Library,
    make_service: MakeService,
    wp_account: Account,
    accounts: AccountStore,
    folders: Folders,
    tmp_path: Path,
) -> None:
    plain = library.create(unique("Plain post"), PLAIN)
    rich = library.create(unique("Rich post"), RICH)
    assert plain.path and rich.path
    with make_service(library) as service:
        plain_link = service.publish(plain.path, wp_account, status="publish").link
        rich_link = service.publish(rich.path, wp_account, status="publish").link
    assert plain_link and rich_link
    # The premise: the page the theme is taken from has none of these blocks' styles.
    plain_page = requests.get(plain_link, timeout=60).text
    assert styled(plain_page) == set()
    assert "wp-block-library-css" not in style_ids(plain_page)  # nor one combined file
    assert styled(requests.get(rich_link, timeout=60).text) == BLOCKS
    # The lists of blocks that have a style sheet, and those that have none, hold here.
    for name in BLOGDESK_BLOCKS + UNSTYLED_BLOCKS:
        answer = requests.get(
            f"{wordpress.url}/wp-includes/blocks/{name}/style.min.css", timeout=60
        )
        assert answer.status_code == (200 if name in BLOGDESK_BLOCKS else 404), name

    accounts.update(wp_account.with_options(theme_post_url=plain_link))
    out = tmp_path / "out" / "rich.html"
    args = ["--library", str(library.root), "preview", str(rich.path), "--account", wp_account.name]
    assert main([*args, "--style", "blog", "--output", str(out)]) == 0
    theme = load_theme(folders.cache, wp_account.id)
    assert theme is not None and theme.source_url == plain_link
    assert theme.warnings == ()
    template = theme.template()
    assert styled(template) == BLOCKS
    # The quote's rules from the theme's theme.json, not only WordPress's base file.
    quote = BeautifulSoup(template, "html.parser").find(id="wp-block-quote-inline-css")
    assert quote is not None and "padding-left" in quote.get_text()

    ours = screenshot(out.as_uri(), tmp_path / "ours.png", offline=True)
    blog = screenshot(rich_link, tmp_path / "blog.png")
    bottom = rule_row(blog)
    difference = mean_difference(ours, blog, bottom)
    print(f"blog style (theme from a plain post) vs blog: {difference:.3f}")
    assert abs(rule_row(ours) - bottom) <= 2
    assert difference <= TOLERANCE


WP_PAGE = """<!doctype html><html><head>
<meta name="generator" content="WordPress 6.1.9">
<link rel="https://api.w.org/" href="{site}/wp-json/">
<style id="wp-block-paragraph-inline-css">p {{ margin: 0 0 1em }}</style>
<style id="wp-block-heading-inline-css">h1 {{ color: rgb(1, 2, 3) }}</style>
<link rel="stylesheet" id="wp-block-navigation-css"
  href="{site}/wp-includes/blocks/navigation/style.min.css?ver=6.1.9">
{extra}
<style id="global-styles-inline-css">body {{ color: rgb(4, 5, 6) }}</style>
</head><body><main><h1 class="wp-block-post-title">A post</h1>
<div class="entry-content wp-block-post-content"><p>Its text.</p></div></main></body></html>"""
CSS = "text/css"


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


def wordpress_like(site: Site, extra: str = "") -> None:
    page = WP_PAGE.format(site=site.url, extra=extra).encode()
    site.routes["/post/"] = ("text/html", page)
    site.routes["/wp-includes/blocks/navigation/style.min.css"] = (CSS, b"nav { gap: 1px }")


def test_missing_block_styles_leave_the_capture_as_it_was(site: Site, tmp_path: Path) -> None:
    wordpress_like(site)
    link = f'[{{"url": "{site.url}/gone/"}}]'.encode()
    searches = {"wp:quote": link, "wp:list": b"<html>not json</html>", "wp:code": b"[]"}

    def search(handler: object) -> None:
        query = handler.path.split("search=", 1)[-1].split("&")[0]  # type: ignore[attr-defined]
        body = searches.get(unquote(query))
        if body is None:
            handler.send_error(404)  # type: ignore[attr-defined]
            return
        handler.send_response(200)  # type: ignore[attr-defined]
        handler.send_header("Content-Type", "application/json")  # type: ignore[attr-defined]
        handler.end_headers()  # type: ignore[attr-defined]
        handler.wfile.write(body)  # type: ignore[attr-defined]

    site.routes["/wp-json/wp/v2/search"] = search
    blocks = "/wp-includes/blocks/"
    site.routes[blocks + "table/style.min.css"] = ("text/html", b"<html>a page, not CSS</html>")
    # A file that tries to end its <style> in the template and go on as markup.
    escape = b"hr { border: 1px solid; } </style><script>fetch('/ran')</script><style>"
    site.routes[blocks + "separator/style.min.css"] = (CSS, escape)
    theme = capture_theme(account_for(site.url + "/post/"), tmp_path / "cache")

    assert theme.warnings == ()
    ids = style_ids(theme.template())
    assert "wp-block-separator-inline-css" in ids  # the one file that was there
    soup = BeautifulSoup(theme.template(), "html.parser")
    assert soup.find_all("script") == []
    separator = soup.find(id="wp-block-separator-inline-css")
    assert separator is not None and separator.get_text().startswith("hr { border: 1px solid; }")
    for gone in ("quote", "list", "code", "table", "image"):
        assert not any(i.startswith(f"wp-block-{gone}") for i in ids)
    assert {"wp-block-heading-inline-css", "wp-block-navigation-css"} <= ids  # kept as captured
    asked = site.requests
    assert any(path.startswith("/wp-json/wp/v2/search?search=wp%3Aquote") for path in asked)
    assert "/gone/" in asked  # the post the search named was tried: it answered 404
    assert f"{blocks}quote/style.min.css?ver=6.1.9" in asked  # then the block's own file
    assert not any("paragraph" in path or "heading" in path for path in asked)  # on the page


def test_a_page_with_the_combined_block_library_asks_for_no_block_styles(
    site: Site, tmp_path: Path
) -> None:
    wordpress_like(
        site, f'<link rel="stylesheet" id="wp-block-library-css" href="{site.url}/lib.css">'
    )
    site.routes["/lib.css"] = (CSS, b".wp-block-quote { margin: 0 }")
    theme = capture_theme(account_for(site.url + "/post/"), tmp_path / "cache")
    assert theme.warnings == ()
    assert "wp-block-library-css" in style_ids(theme.template())
    assert sorted(site.requests) == sorted(
        ["/post/", "/lib.css", "/wp-includes/blocks/navigation/style.min.css?ver=6.1.9"]
    )
