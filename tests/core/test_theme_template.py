"""The pure part of the blog-theme preview: CSS addresses, page → template, filling, and the
WordPress expansions the preview applies (core/theme)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from blogdesk.core.render.rendering import render
from blogdesk.core.theme.css import css_references, rewrite_css
from blogdesk.core.theme.page import content_security_policy, fill_theme
from blogdesk.core.theme.template import (
    ASSETS,
    CONTENT_ID,
    TITLE_ID,
    TemplateError,
    ThemePage,
)
from blogdesk.core.theme.wordpress import expand_wordpress

URL = "http://blog.example/2024/hello/"

HOSTILE = """<!doctype html><html><head>
<meta http-equiv="refresh" content="0;url=http://evil.example/">
<base href="http://evil.example/">
<link rel="stylesheet" href="/style.css" integrity="sha384-x" crossorigin>
<link rel="preload" as="script" href="/app.js"><link rel="icon" href="/f.ico">
<style>@import url("//cdn.example/fonts.css"); body{background:url('bg.png')}
.x{filter:url(#duotone)} /* url(commented.png) */</style>
<script>document.title='pwned'</script>
</head><body onload="alert(1)">
<header style="background-image:url(/head.jpg)"><a href="javascript:alert(2)">Home</a>
<a href=" jav&#x09;ascript:alert(3)">Tab</a><img src="/logo.png" srcset="/logo2.png 2x"
onerror="alert(4)"></header>
<form action="/search"><input name="q"></form>
<iframe src="http://evil.example/frame"></iframe><noscript><img src="/track.gif"></noscript>
<svg><script>alert(5)</script><a xlink:href="javascript:alert(6)"><text>x</text></a></svg>
<article><h1 class="entry-title"><a href="/2024/hello/">Hello there</a></h1>
<div class="entry-content"><p>The first words of the post are these and more.</p>
<p>It ends with these last words here.</p><script>alert(7)</script></div></article>
<!--[if IE]><script src="ie.js"></script><![endif]-->
</body></html>"""


def test_css_references_and_rewrite_keep_fragments_and_data() -> None:
    css = (
        "@import url(\"a.css\") screen; @import 'b.css'; /* url(no.png) */"
        "body{background:url( x.png )} .f{filter:url(#f)} i{src:url(data:x)}"
        '@font-face{src:url("f\\2e woff2")}'
    )
    assert css_references(css) == [
        ("a.css", True),
        ("b.css", True),
        ("x.png", False),
        ("f.woff2", False),
    ]
    out = rewrite_css(css, lambda u: None if u == "b.css" else "L-" + u)
    assert '@import url("L-a.css") screen;' in out and '@import "";' in out
    assert 'url("L-x.png")' in out and "url(#f)" in out and "url(data:x)" in out
    assert "url(no.png)" in out  # comments are left alone


def test_a_hostile_page_becomes_a_template_with_nothing_that_runs_or_loads() -> None:
    page = ThemePage(
        HOSTILE,
        URL,
        title="Hello there",
        text="The first words of the post are these and more. It ends with these last words here.",
    )
    refs = page.references()
    assert ("http://blog.example/style.css", "css") in refs
    assert ("http://cdn.example/fonts.css", "css") in refs  # other hosts: fetched, with caps
    assert ("http://blog.example/2024/hello/bg.png", "asset") in refs
    assert ("http://blog.example/head.jpg", "asset") in refs
    assert ("http://blog.example/logo.png", "asset") in refs
    assert not any("track.gif" in u or "app.js" in u or "f.ico" in u for u, _ in refs)
    html = page.render(lambda url: None if "cdn" in url else "n" + str(len(url)) + ".x")
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "iframe", "form", "noscript", "base", "input"])
    assert not soup.find("meta", attrs={"http-equiv": True})
    for el in soup.find_all(True):
        for name, value in el.attrs.items():
            assert not name.lower().startswith("on"), el
            text = re.sub(r"[\x00-\x20]", "", str(value)).lower()
            assert "javascript:" not in text, el
            assert name not in ("srcset", "integrity"), el
    assert "alert" not in html and "pwned" not in html and "[if IE]" not in html
    # Every address left points at a local copy, or is a link to click.
    for el in soup.find_all(["link", "img"]):
        assert str(el.get("href") or el.get("src")).startswith(ASSETS)
    assert "http://" not in " ".join(s.get_text() for s in soup.find_all("style"))
    content = soup.find(id=CONTENT_ID)
    title = soup.find(id=TITLE_ID)
    assert content is not None and "entry-content" in content["class"]
    assert title is not None and title.name == "a"  # inside the <h1>: its link style is kept
    assert page.content_selector == "div.entry-content"


def test_the_post_is_found_by_its_text_when_no_theme_convention_holds_it() -> None:
    html = (
        "<html><body><div class='wrap'><div class='sidebar'>Other things</div>"
        "<div class='x'><h2>My own title</h2><div class='y'><p>Alpha beta gamma delta "
        "epsilon zeta eta theta.</p><p>Iota kappa lambda mu nu xi omicron pi.</p></div>"
        "</div></div></body></html>"
    )
    page = ThemePage(
        html,
        URL,
        title="My own title",
        text="Alpha beta gamma delta epsilon zeta eta theta. Iota kappa lambda mu nu xi omicron",
    )
    soup = BeautifulSoup(page.render(lambda u: None), "html.parser")
    assert soup.find(id=CONTENT_ID)["class"] == ["y"]
    assert soup.find(id=TITLE_ID).name == "h2"


@pytest.mark.parametrize(
    "html",
    ["", "<html><body><div>nothing to see</div>", "<<<>>>&&&", "\x00\x01binary\xff"],
)
def test_a_page_without_a_place_for_the_post_is_a_clear_error(html: str) -> None:
    with pytest.raises(TemplateError, match="could not find where the post's text goes"):
        ThemePage(html, URL, title="T", text="words that are not on the page at all")


def test_malformed_html_still_gives_a_template() -> None:
    html = "<div class=entry-content><p>unclosed <b>bold <i>both</div><h1>T</h1><script>x"
    page = ThemePage(html, URL)
    out = fill_theme(
        page.render(lambda u: None),
        assets_base="files/",
        csp=content_security_policy("'self'"),
        title="Post & title",
        content_html="<p>Body</p>",
    )
    soup = BeautifulSoup(out, "html.parser")
    assert soup.find(id=CONTENT_ID).decode_contents() == "<p>Body</p>"
    assert soup.find(id=TITLE_ID).get_text() == "Post & title"
    assert "script-src 'none'" in soup.find("meta", attrs={"http-equiv": True})["content"]
    assert soup.head.contents[0].name == "meta"  # the CSP comes before anything it governs
    assert "<script" not in out


def test_wordpress_content_is_expanded_for_the_preview_only() -> None:
    text = (
        '[caption id="attachment_5" align="alignleft" width="300"]<img src="pic.jpg" alt="x"> '
        "A caption[/caption]\n\n"
        '[gallery ids="4,5" columns="2"]\n\n'
        "https://www.youtube.com/watch?v=abc&t=3\n\n"
        "[embed]https://vimeo.com/12345[/embed]\n\n"
        '<!-- wp:embed {"url":"https://twitter.com/x/status/1","providerNameSlug":"twitter"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://twitter.com/x/status/1\n</div></figure>\n<!-- /wp:embed -->\n\n"
        "A line that mentions https://youtube.com/x inside a sentence.\n"
    )
    published = render(text).html
    shown = expand_wordpress(published, media=lambda i: "media/4.jpg" if i == "4" else None)
    soup = BeautifulSoup(shown, "html.parser")
    figure = soup.find("figure", class_="wp-caption")
    assert figure is not None and "alignleft" in figure["class"]
    assert figure.img["src"] == "pic.jpg" and figure.figcaption.get_text() == "A caption"
    gallery = soup.find(class_="blogdesk-gallery")
    assert gallery.img["src"] == "media/4.jpg"
    assert "Gallery image 5" in gallery.get_text()
    cards = soup.find_all(class_="blogdesk-embed")
    assert [c["data-provider"] for c in cards] == ["YouTube", "Vimeo", "Twitter"]
    assert cards[0].a["href"] == "https://www.youtube.com/watch?v=abc&t=3"
    assert not soup.find_all(["iframe", "script"])
    assert "inside a sentence" in shown and "[caption" not in shown
    # Nothing to expand: the very same string.
    plain = render("Just *text*.\n").html
    assert expand_wordpress(plain) is plain
