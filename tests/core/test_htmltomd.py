"""HTML → Markdown: each construct converted, rendered back with core.rendering, and compared.

The comparison is on structure (the tree of element names) and on normalised text: what a reader
sees, not the exact bytes.
"""

from __future__ import annotations

import re
import string

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from hypothesis import example, given, settings
from hypothesis import strategies as st

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.convert.wp_content import autop, prepare
from blogdesk.core.render.rendering import RenderOptions, render

PLAIN = RenderOptions(smart_quotes=False, toc=False, highlight=False)
_SAME = {"b": "strong", "i": "em"}


def shape(html: str) -> list[object]:
    """The element tree of `html` with its text, ignoring attributes and whitespace."""
    return _shape(BeautifulSoup(html, "html.parser"))


def _shape(node: Tag) -> list[object]:
    out: list[object] = []
    for child in node.children:
        if isinstance(child, Tag):
            out.append((_SAME.get(child.name, child.name), _shape(child)))
        elif isinstance(child, NavigableString) and type(child) is NavigableString:
            text = " ".join(child.split())
            if text:
                out.append(text)
    return out


def text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def round_trip(html: str, **kwargs: object) -> tuple[str, str]:
    markdown = html_to_markdown(html, **kwargs)  # type: ignore[arg-type]
    return markdown, render(markdown, PLAIN).html


SAME_SHAPE = {
    "paragraphs": "<p>One <strong>bold</strong> and <em>it</em>.</p><p>2 <a href='u'>link</a></p>",
    "headings": "<h2>Title</h2><p>x</p><h3>Sub <em>e</em></h3>",
    "nested lists": (
        "<ul><li>a<ul><li>b<ol><li>c</li><li>d</li></ol></li></ul></li><li>e</li></ul>"
        "<ol><li>one</li><li>two<ul><li>two a</li></ul></li></ol>"
    ),
    "list with paragraphs": "<ul><li><p>first</p><p>more</p></li><li><p>second</p></li></ul>",
    "simple table": (
        "<table><thead><tr><th>Name</th><th>Qty</th></tr></thead>"
        "<tbody><tr><td>Apples <em>red</em></td><td>3</td></tr><tr><td>a|b</td><td>4</td></tr>"
        "</tbody></table>"
    ),
    "table with colspan": (
        "<table><tr><td colspan='2'>wide</td></tr><tr><td>a</td><td>b</td></tr></table>"
    ),
    "table with a list in a cell": (
        "<table><tr><th>h</th></tr><tr><td><ul><li>x</li><li>y</li></ul></td></tr></table>"
    ),
    "figure with caption": (
        "<figure class='wp-block-image'><img src='https://e.x/a.jpg' alt='A cat'>"
        "<figcaption>The cat, <a href='https://e.x'>photo</a></figcaption></figure>"
    ),
    "iframe embed": (
        "<p>Watch:</p><iframe src='https://www.youtube.com/embed/x' width='560'></iframe>"
    ),
    "video": "<video controls src='https://e.x/v.mp4'><track src='t.vtt'></video>",
    "embed block": (
        "<figure class='wp-block-embed is-provider-youtube'><div class='wp-block-embed__wrapper'>"
        "https://youtu.be/abc</div></figure>"
    ),
    "image": "<p><img src='https://e.x/a.png' alt='Alt text' title='T'></p>",
    "line break": "<p>roses are red<br>violets are blue</p>",
    "inline raw": "<p>H<sub>2</sub>O, x<sup>2</sup>, <mark>marked <em>em</em></mark>, <u>u</u></p>",
    "span with language": "<p>He said <span lang='fr'>oui</span>.</p>",
    "horizontal rule": "<p>a</p><hr><p>b</p>",
    "inline code": "<p>Use <code>a*b_c</code> and <code>x`y</code></p>",
    "linked image": "<p><a href='https://e.x/b.jpg'><img src='https://e.x/s.jpg' alt=''></a></p>",
}


@pytest.mark.parametrize("name", sorted(SAME_SHAPE))
def test_round_trip_keeps_structure_and_text(name: str) -> None:
    html = SAME_SHAPE[name]
    markdown, back = round_trip(html)
    assert shape(back) == shape(html), markdown
    assert text_of(back) == text_of(html)


def test_unknown_element_with_structure_is_kept() -> None:
    markdown, back = round_trip("<p>x</p><my-widget data-id='3'><b>kept</b></my-widget>")
    assert '<my-widget data-id="3"><b>kept</b></my-widget>' in markdown
    widget = BeautifulSoup(back, "html.parser").find("my-widget")
    assert isinstance(widget, Tag) and widget.get("data-id") == "3" and widget.b is not None


def test_div_per_paragraph_becomes_paragraphs() -> None:
    markdown, back = round_trip("<div>First line</div><div>Second <b>line</b></div><div><br></div>")
    assert markdown == "First line\n\nSecond **line**\n"
    assert shape(back) == shape("<p>First line</p><p>Second <strong>line</strong></p>")


def test_classic_wordpress_content_gets_paragraphs() -> None:
    raw = "First para\nsame para\r\n\r\nSecond para\n\n<ul>\n<li>item</li>\n</ul>\nAfter list"
    markdown, back = round_trip(raw, wordpress=True)
    assert markdown.startswith("First para  \nsame para\n\nSecond para\n\n- item\n")
    assert shape(back) == shape(
        "<p>First para<br>same para</p><p>Second para</p><ul><li>item</li></ul><p>After list</p>"
    )


def test_autop_leaves_pre_alone_and_keeps_blocks_unwrapped() -> None:
    html = autop("a\n\n<pre>x\n\n  y</pre>\n\n<div>b\nc</div>")
    assert "<pre>x\n\n  y</pre>" in html
    assert "<p><div>" not in html
    assert "<div>b<br />\nc</div>" in html


def test_already_rendered_wordpress_html_converts_the_same() -> None:
    raw = "a\nb\n\nc <em>d</em>\n<ul>\n<li>i</li>\n</ul>\n\n<!--more-->\nend"
    rendered = autop(raw)
    assert "<br /><br />" not in autop(rendered)
    assert html_to_markdown(rendered, wordpress=True) == html_to_markdown(raw, wordpress=True)
    assert html_to_markdown(raw, wordpress=True) == "a  \nb\n\nc *d*\n\n- i\n\n<!--more-->\n\nend\n"


def test_blockquote_keeps_its_attribution_inside() -> None:
    html = (
        "<blockquote><p>To be, or not to be.</p>"
        "<footer>— William Shakespeare, <cite>Hamlet</cite></footer></blockquote><p>after</p>"
    )
    markdown, back = round_trip(html)
    assert markdown.startswith("> To be, or not to be.\n>\n> — William Shakespeare, <cite>Hamlet")
    quote = BeautifulSoup(back, "html.parser").blockquote
    assert quote is not None and quote.cite is not None and quote.cite.get_text() == "Hamlet"
    assert text_of(back) == text_of(html)


def test_quote_with_cite_paragraph() -> None:
    html = "<blockquote class='wp-block-quote'><p>Less is more.</p><cite>Mies</cite></blockquote>"
    markdown, back = round_trip(html)
    assert "Mies" in markdown
    quote = BeautifulSoup(back, "html.parser").blockquote
    assert quote is not None and "Mies" in quote.get_text()


ATTRIBUTED_QUOTES = [
    "> I once informed leaders…\n> — Brian Hioe\n",
    '> Less is "more".\n>\n> -- [Mies](https://example.com/mies), *Bauhaus*\n',
    "> Outer.\n>\n> > Inner.\n> > ― Inner Author\n>\n> --- Outer Author\n",
    "> - a list\n> - quoted\n>\n> — After The List\n",
    "1. item\n\n    > quoted in a list\n    > — Someone\n",
    "> — only a line, not an attribution\n",
]


@pytest.mark.parametrize("source", ATTRIBUTED_QUOTES)
@pytest.mark.parametrize("options", [PLAIN, RenderOptions()], ids=["plain", "default"])
def test_attributed_quote_round_trips(source: str, options: RenderOptions) -> None:
    html = render(source, options).html
    markdown = html_to_markdown(html)
    assert render(markdown, options).html == html, markdown
    if "<cite>" in html:
        # The <cite> comes back as the quote's closing "> — …" line, after a blank ">" line.
        assert re.search(r"^ *>\n *> — \S", markdown, re.M), markdown


@pytest.mark.parametrize(
    "html",
    [
        # WordPress's Quote block, as the block editor stores it.
        '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n'
        "<p>Less is more.</p>\n<!-- /wp:paragraph --><cite>Mies <em>van der</em> Rohe</cite>"
        "</blockquote>\n<!-- /wp:quote -->",
        # Its Pullquote block: a figure around the same quote.
        '<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>Less is more.'
        "</p><cite>Mies <em>van der</em> Rohe</cite></blockquote></figure>\n<!-- /wp:pullquote -->",
        # A classic post: autop gives the <cite> a paragraph of its own.
        "<blockquote>Less is more.\n\n<cite>Mies <i>van der</i> Rohe</cite></blockquote>",
    ],
    ids=["quote-block", "pullquote-block", "classic"],
)
def test_wordpress_quote_citations_become_the_attribution_line(html: str) -> None:
    markdown = html_to_markdown(html, wordpress=True)
    assert markdown == "> Less is more.\n>\n> — Mies *van der* Rohe\n"
    quote = BeautifulSoup(render(markdown, PLAIN).html, "html.parser").blockquote
    assert quote is not None
    assert [el.name for el in quote.find_all(recursive=False)] == ["p", "cite"]
    assert quote.cite is not None and quote.cite.decode_contents() == "Mies <em>van der</em> Rohe"


def test_a_cite_that_is_not_a_quotes_attribution_stays_an_element() -> None:
    alone = html_to_markdown("<blockquote><cite>Only a cite</cite></blockquote>")
    assert alone == "> <cite>Only a cite</cite>\n"
    in_text = html_to_markdown("<blockquote><p>Read <cite>Hamlet</cite> again.</p></blockquote>")
    assert in_text == "> Read <cite>Hamlet</cite> again.\n"
    middle = "<blockquote><p>a</p><cite>Not last</cite><p>b</p></blockquote>"
    assert "<cite>Not last</cite>" in html_to_markdown(middle)


@pytest.mark.parametrize(
    ("html", "language"),
    [
        ("<pre><code class='language-python'>x = 1</code></pre>", "python"),
        ("<pre class='lang-js'><code>let x</code></pre>", "js"),
        ("<pre lang='ruby'>puts 1</pre>", "ruby"),
        ("<pre class='brush: php; gutter: true'>echo 1;</pre>", "php"),
        ("<pre class='wp-block-code'><code>plain</code></pre>", ""),
    ],
)
def test_code_blocks_are_fenced_with_their_language(html: str, language: str) -> None:
    markdown, back = round_trip(html)
    assert markdown.startswith(f"```{language}\n")
    code = BeautifulSoup(back, "html.parser").code
    assert code is not None and code.get_text().strip() == text_of(html)
    if language:
        assert code.get("class") == [f"language-{language}"]


def test_code_keeps_blank_lines_indentation_and_markup_characters() -> None:
    source = "def f():\n    return '<b>*x*</b>'\n\n\n```\nmore"
    html = "<pre><code>" + source.replace("<", "&lt;").replace(">", "&gt;") + "</code></pre>"
    markdown, back = round_trip(html)
    assert "````\n" + source + "\n````" in markdown
    code = BeautifulSoup(back, "html.parser").code
    assert code is not None and code.get_text() == source + "\n"


def test_caption_shortcode_keeps_the_caption() -> None:
    raw = (
        '[caption id="attachment_7" align="aligncenter" width="300"]'
        '<a href="https://e.x/big.jpg"><img class="size-medium wp-image-7" src="https://e.x/s.jpg"'
        ' alt="Harbour" width="300" height="200" /></a> Harbour at <em>dawn</em>[/caption]\n\nText'
    )
    markdown, back = round_trip(raw, wordpress=True)
    soup = BeautifulSoup(back, "html.parser")
    assert soup.figure is not None and soup.figure.img is not None
    assert soup.figure.figcaption is not None
    assert soup.figure.figcaption.get_text() == "Harbour at dawn"
    assert "[caption" not in markdown


def test_embed_shortcode_and_block_are_kept_as_html() -> None:
    raw = (
        '<!-- wp:embed {"url":"https://youtu.be/abc"} -->\n'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://youtu.be/abc\n</div></figure>\n<!-- /wp:embed -->\n\n"
        "<!-- wp:shortcode -->\n[embed]https://vimeo.com/1[/embed]\n<!-- /wp:shortcode -->"
    )
    markdown, back = round_trip(raw, wordpress=True)
    assert "wp:" not in markdown
    assert markdown.count('<figure class="wp-block-embed"') == 2
    assert "https://youtu.be/abc" in back and "https://vimeo.com/1" in back


def test_gutenberg_comments_go_content_and_more_stay() -> None:
    raw = (
        '<!-- wp:heading {"level":3} -->\n<h3 class="wp-block-heading">Hi</h3>\n'
        "<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Teaser</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->\n\n<!-- wp:paragraph -->\n<p>Rest</p>\n"
        "<!-- /wp:paragraph -->"
    )
    markdown, back = round_trip(raw, wordpress=True)
    assert markdown == "### Hi\n\nTeaser\n\n<!--more-->\n\nRest\n"
    assert "<!--more-->" in back


def test_more_in_classic_content_with_custom_text() -> None:
    markdown = html_to_markdown("Intro\n<!--more Read on-->\nBody", wordpress=True)
    assert markdown == "Intro\n\n<!--more Read on-->\n\nBody\n"


def test_word_processor_paste_styles_become_emphasis() -> None:
    html = (
        '<html><head><title>x</title></head><body><meta charset="utf-8">'
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr" style="margin:0">'
        '<span style="font-weight:700">Bold</span><span style="font-size:11pt"> and </span>'
        '<span style="font-style:italic">italic</span><span style="font-weight:bold;'
        'font-style:italic"> both</span></p><p><span>Next</span></p></b></body></html>'
    )
    markdown, back = round_trip(html)
    assert markdown == "**Bold** and *italic **both***\n\nNext\n"
    assert shape(back) == shape(
        "<p><strong>Bold</strong> and <em>italic <strong>both</strong></em></p><p>Next</p>"
    )


def test_comments_kept_but_clipboard_markers_dropped() -> None:
    html = "<!--StartFragment--><p>Text <!-- check this --> more</p><!--EndFragment-->"
    markdown, back = round_trip(html)
    assert markdown == "Text <!-- check this --> more\n"
    assert "<!-- check this -->" in back


def test_gallery_shortcode_stays_as_written() -> None:
    markdown = html_to_markdown('Look:\n\n[gallery ids="1,2,3" columns="2"]', wordpress=True)
    assert markdown == 'Look:\n\n[gallery ids="1,2,3" columns="2"]\n'


def test_escapes_only_where_markdown_would_misread() -> None:
    prose = "<p>snake_case_name costs 5 * 3 = 15, C# and F#, 1.5 million, a - b, e-mail.</p>"
    assert html_to_markdown(prose) == (
        "snake_case_name costs 5 * 3 = 15, C# and F#, 1.5 million, a - b, e-mail.\n"
    )
    tricky = "<p>*not em* _nor this_ [not](a link) &lt;b&gt; &amp;amp;</p><p># no</p><p>1. no</p>"
    back = round_trip(tricky)[1]
    assert text_of(back) == text_of(tricky)
    assert shape(back) == shape(tricky)


@settings(max_examples=150, deadline=None)
@example("&#1")  # found by `make fuzz`: Python-Markdown reads "&#1" as a character reference
@example("&#x41g &#")
@given(st.text(alphabet=string.ascii_letters[:6] + " *_[]()#>-+!1.\\`<&|~=:'\"", max_size=40))
def test_any_text_survives_the_round_trip(text: str) -> None:
    from html import escape

    html = f"<p>{escape(text, quote=False)}</p>"
    markdown, back = round_trip(html)
    assert text_of(back) == " ".join(text.split()), markdown


@pytest.mark.parametrize(
    "title", ["'", "'quoted'", '"', 'a "b" c', "it's", "`code`", "back\\slash", "&amp; &copy"]
)
@pytest.mark.parametrize("options", [PLAIN, RenderOptions()], ids=["plain", "default"])
def test_link_and_image_titles_come_back_exactly(title: str, options: RenderOptions) -> None:
    from html import escape

    source = (
        f'<p><a href="https://e.example/" title="{escape(title)}">link</a> '
        f'<img src="a.png" alt="" title="{escape(title)}"></p>'
    )
    back = render(html_to_markdown(source), options).html
    titles = BeautifulSoup(back, "html.parser").find_all(title=True)
    assert [t["title"] for t in titles] == [title, title], back


def _items(html: str) -> list[str]:
    """Each list item's own text (without its nested lists), in document order."""
    soup = BeautifulSoup(html, "html.parser")
    for item in soup.find_all("li"):
        item.insert_before(soup.new_string(" "))  # an item's text never runs into the next one
    own = []
    for item in soup.find_all("li"):
        texts = item.find_all(string=True)
        own.append(" ".join(" ".join(t for t in texts if t.find_parent("li") is item).split()))
    return own


@pytest.mark.parametrize(
    "html",
    [
        "<ul><li>a<ul><li>b</li></ul>c</li></ul>",
        "<ol><li>a<ol><li>b</li></ol>c <em>d</em></li><li>e</li></ol>",
        "<ul><li><ul><li>b</li></ul>c</li></ul>",
        "<ul><li>a<ul><li>b<ul><li>c</li></ul>d</li></ul>e</li></ul>",
    ],
)
def test_an_items_text_stays_in_it_around_its_nested_list(html: str) -> None:
    markdown, back = round_trip(html)
    assert _items(back) == _items(html), markdown


def test_a_stray_items_list_is_a_list() -> None:
    # An <li> outside any list shows its content; a list in it is a list, not "- " text.
    markdown, back = round_trip("<li>a<ul>b</ul></li>")
    assert shape(back) == [("p", ["a"]), ("ul", [("li", ["b"])])], markdown


@pytest.mark.parametrize(
    "html",
    [
        "<p>Water is <code>H<sub>2</sub>O</code>, <kbd>Ctrl<sup>*</sup></kbd> a*b*.</p>",
        "<ul><li><code>x<cite>y</cite></code> and <code>a<!--note-->b</code></li></ul>",
        '<p><code><img src="https://e.x/a.png" alt="A"></code></p>',
    ],
)
def test_code_holding_markup_it_cannot_say_stays_html(html: str) -> None:
    markdown, back = round_trip(html)
    assert "`" not in markdown  # not a code span, which would show the tags as text
    assert shape(back) == shape(html), markdown


def test_code_holding_only_emphasis_or_links_is_a_code_span() -> None:
    markdown, back = round_trip("<p><code><em>a</em> <a href='u'>b</a><br>c</code></p>")
    assert markdown == "`a b  \nc`\n"
    assert shape(back) == [("p", [("code", ["a b c"])])]


def test_relative_urls_resolved_against_base() -> None:
    html = (
        "<p><a href='/about'>a</a> <a href='#notes'>n</a> <a href='https://o.x/'>o</a>"
        " <img src='img/p.png' alt='p'></p>"
    )
    markdown = html_to_markdown(html, base_url="https://blog.example/2024/post/")
    assert "[a](https://blog.example/about)" in markdown
    assert "[n](#notes)" in markdown
    assert "[o](https://o.x/)" in markdown
    assert "![p](https://blog.example/2024/post/img/p.png)" in markdown
    assert "](/about)" in html_to_markdown(html)


def test_raw_fragments_are_resolved_too() -> None:
    html = "<iframe src='/embed/1'></iframe>"
    assert 'src="https://e.x/embed/1"' in html_to_markdown(html, base_url="https://e.x/a/")


def test_non_latin_text_untouched() -> None:
    html = "<h2>Привет, мир</h2><p>日本語の<strong>テキスト</strong>。 مرحبا</p>"
    assert html_to_markdown(html) == "## Привет, мир\n\n日本語の**テキスト**。 مرحبا\n"


def test_absurdly_deep_html_is_kept_as_html() -> None:
    deep = "<div>" * 3000 + "deep <b>text</b>" + "</div>" * 3000
    markdown = html_to_markdown(deep)
    assert "deep <b>text</b>" in markdown
    assert markdown.count("<div>") == 3000


def test_empty_and_whitespace_input() -> None:
    assert html_to_markdown("") == ""
    assert html_to_markdown("  \n<p> </p>") == ""


def test_prepare_does_not_autop_block_content() -> None:
    assert "<br" not in prepare("<!-- wp:paragraph -->\n<p>a\nb</p>\n<!-- /wp:paragraph -->")
