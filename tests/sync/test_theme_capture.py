"""The blog-style preview against the page the real WordPress 6.1 (Twenty Twenty-Three) serves.

A post is published, the theme captured, `blogdesk preview --style blog` writes the page, and
headless Chromium shoots both at 1000×1400. Compared: the header, title and content region (see
theme_shots.py), as the mean absolute grey-level difference (0–255). Measured on this harness:
0.000 for the blog style (the same pixels) and about 11.7 for the plain style against the blog.
One indented quotation alone (the preview without WordPress's `wp-block-quote` class) measured
0.50, so the tolerance is 0.25: the test fails when one block is laid out differently.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from bs4 import BeautifulSoup
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService, unique
from tests.sync.theme_shots import mean_difference, rule_row, screenshot

from blogdesk.cli import main
from blogdesk.core.library.library import Library
from blogdesk.core.theme.css import css_references
from blogdesk.services import Folders
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.theme.capture import load_theme

pytestmark = pytest.mark.wordpress

TOLERANCE = 0.25  # mean absolute grey-level difference of the compared region, 0–255
BODY = """\
A first paragraph, long enough to wrap across the column of the theme so that line height and
the width of the text column both show in the picture.

## A heading inside the post

- an item of a list
- and a second one, with *emphasis* and **strong** words

> A quotation, set the way the theme sets quotations.

The last paragraph, with [a link](https://example.com/) in it.
"""


def font_faces(css_texts: list[str]) -> set[str]:
    found: set[str] = set()
    for css in css_texts:
        for block in re.findall(r"@font-face\s*{([^}]*)}", css):
            family = re.search(r"font-family:\s*([^;]+)", block)
            if family:
                found.add(family[1].strip().strip("\"'"))
    return found


def blog_css(url: str) -> list[str]:
    soup = BeautifulSoup(requests.get(url, timeout=60).text, "html.parser")
    texts = [s.get_text() for s in soup.find_all("style")]
    for link in soup.find_all("link", rel="stylesheet"):
        texts.append(requests.get(urljoin(url, link["href"]), timeout=60).text)
    return texts


def our_css(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    texts = [s.get_text() for s in soup.find_all("style")]
    for link in soup.find_all("link", rel="stylesheet"):
        texts.append((page.parent / link["href"]).read_text("utf-8"))
    return texts


def test_blog_style_preview_looks_like_the_published_post_and_works_offline(
    wordpress: WordPressServer,
    library: Library,
    make_service: MakeService,
    wp_account: Account,
    accounts: AccountStore,
    folders: Folders,
    tmp_path: Path,
) -> None:
    title = unique("Theme check")
    post = library.create(title, BODY)
    with make_service(library) as service:
        result = service.publish(post.path, wp_account, status="publish")
    # This post, not the blog's newest (the server is the whole session's: another test's post
    # may be newer). A post without a quote would do as well: the capture fetches the styles of
    # blocks its page does not show (tests/sync/test_theme_block_styles.py).
    assert result.link
    accounts.update(wp_account.with_options(theme_post_url=result.link))
    out = tmp_path / "out" / "post.html"
    args = ["--library", str(library.root), "preview", str(post.path), "--account", wp_account.name]
    assert main([*args, "--style", "blog", "--output", str(out)]) == 0
    theme = load_theme(folders.cache, wp_account.id)
    assert theme is not None and theme.content.endswith("entry-content")
    assert theme.title == "h1.wp-block-post-title"
    page = out.read_text("utf-8")
    assert title in page and "A heading inside the post" in page
    # Standalone: nothing the page loads points at the blog (its links still do: a click on
    # the blog's menu in the preview opens the blog in the browser).
    soup = BeautifulSoup(page, "html.parser")
    loaded = [str(el.get("src") or el.get("href")) for el in soup.find_all(["link", "img"])]
    loaded += [u for s in soup.find_all("style") for u, _ in css_references(s.get_text())]
    assert loaded and not [u for u in loaded if u.startswith(("http:", "https:", "//"))]
    for css in (out.parent / "post_files").glob("*.css"):
        assert all(not u.startswith("http") for u, _ in css_references(css.read_text()))

    # Same fonts: every @font-face of the blog's page is in ours, its files copied byte for byte.
    assert font_faces(blog_css(result.link)) == font_faces(our_css(out)) != set()
    fonts = list((out.parent / "post_files").glob("*.woff2"))
    assert fonts and any(
        requests.get(
            f"{wordpress.url}/wp-content/themes/twentytwentythree/assets/fonts/"
            f"dm-sans/DMSans-Regular.woff2",
            timeout=60,
        ).content
        == f.read_bytes()
        for f in fonts
    )

    ours = screenshot(out.as_uri(), tmp_path / "ours.png", offline=True)
    blog = screenshot(result.link, tmp_path / "blog.png")
    bottom = rule_row(blog)
    assert abs(rule_row(ours) - bottom) <= 2  # the content ends at the same place
    difference = mean_difference(ours, blog, bottom)
    plain_out = tmp_path / "out" / "plain.html"
    assert main([*args, "--style", "plain", "--output", str(plain_out)]) == 0
    plain = screenshot(plain_out.as_uri(), tmp_path / "plain.png", offline=True)
    plain_difference = mean_difference(plain, blog, bottom)
    print(f"blog style vs blog: {difference:.3f}; plain vs blog: {plain_difference:.3f}")
    assert difference <= TOLERANCE
    assert plain_difference > 20 * TOLERANCE  # the comparison can tell the styles apart

    # Offline: the blog unreachable, the page is written again from the cache, the same.
    dead = dataclasses.replace(
        wp_account,
        site_url="http://127.0.0.1:9",
        options={**wp_account.options, "api_url": "http://127.0.0.1:9/wp-json/"},
    )
    accounts.update(dead)
    again = tmp_path / "out" / "again.html"
    assert main([*args, "--style", "blog", "--output", str(again)]) == 0
    assert again.read_text("utf-8").replace("again_files", "post_files") == page
