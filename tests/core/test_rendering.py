"""render(): the HTML that is previewed and published, checked structurally on realistic posts."""

from __future__ import annotations

import html as htmllib
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser

import markdown
import pytest

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.render.limits import MAX_DEPTH
from blogdesk.core.render.rendering import (
    IncrementalRenderer,
    RenderedPost,
    RenderError,
    RenderOptions,
    pygments_css,
    render,
)
from blogdesk.core.render.smartquotes import SmartPunctuationExtension

# --- a tiny DOM, so tests assert on elements, attributes and text rather than on strings ---

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag: str | None = None) -> list[Node]:
        found = []
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    found.append(c)
                found.extend(c.iter(tag))
        return found

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        raise AssertionError(f"stray </{tag}>")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def dom(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


# --- a corpus of realistic posts ---

TRAVEL_POST = """\
# A week in Kyoto

[TOC]

## Getting there

We took the *Shinkansen* from Tokyo -- it's fast... really fast. "Book ahead," said
the guide, "or you'll stand."

| Leg | Train | Minutes |
|:----|:-----:|--------:|
| Tokyo → Kyoto | Nozomi | 135 |
| Kyoto → Nara | Kintetsu | 35 |

## 京都の寺

Temples everywhere.[^temples] The ![Gate](media/kyoto/torii.jpg) photo and
![Gate again](media/kyoto/torii.jpg "same file").

[^temples]: More than 1,600 of them, by most counts.

## Getting there

A second section with the same title gets its own anchor.
"""

TECH_POST = """\
Setting up Python
=================

Install it first:

1. Download the installer.
2. Run it:

    ```
    not a fence inside a list in Python-Markdown
    ```

3. Check the version:

        $ python3 --version
        Python 3.11.7

- Nested list:
    - child one
    - child two with `code "quotes"`

```python
def greet(name: str) -> str:
    return f"Hello, {name}..."  # quotes -- stay straight
```

```nosuchlanguage
plain text -- "untouched"
```

Press <kbd>"Ctrl"</kbd> and type `rm -rf "/"` -- carefully.

*[HTML]: HyperText Markup Language
*[CPU]: Central Processing Unit

HTML rendering uses the CPU.

Apple
:   A fruit.
:   A company.

Orange
:   A colour.

A paragraph with attributes.
{: .lead #intro-para }

### Custom anchor {#my-anchor}

Sub-heading
-----------
"""

EMBEDS = [
    '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/abc" '
    'title="YouTube video player" frameborder="0" allowfullscreen></iframe>',
    '<figure class="wp-block-image">\n  <img src="media/chart.png" alt="A "chart"">\n'
    '  <figcaption>Sales -- up "a lot" in \'24...</figcaption>\n</figure>',
    '<blockquote cite="https://example.com/speech">\n  <p>"We choose to go" -- not because '
    "it's easy...</p>\n  <footer>— <cite>J. F. Kennedy</cite></footer>\n</blockquote>",
    '<video controls width="640" poster="media/poster.jpg">\n'
    '  <source src="media/clip.mp4" type="video/mp4">\n</video>',
    '<details>\n<summary>Spoiler -- "don\'t" open</summary>\n<p>It was the butler...</p>\n'
    "</details>",
    '<script>var s = "don\'t -- touch"; if (a < b) {}</script>',
    '<style>p::before { content: "--"; }</style>',
]
EMBED_POST = "Intro paragraph.\n\n" + "\n\nBetween -- embeds.\n\n".join(EMBEDS) + "\n"

QUOTE_POST = """\
> The first rule of writing is to write. The second rule is to "keep going" even when
> it feels pointless -- especially then.
>
> Draft after draft, the work gets better... eventually.
>
> — *Anonymous editor*, in a letter

Afterwards, the author's reply was short.

<div markdown="1">
Markdown **inside** an HTML block, with a [link](https://example.com).
</div>
"""

CORPUS = [TRAVEL_POST, TECH_POST, EMBED_POST, QUOTE_POST]


# --- structure ---


def test_tables_render_with_alignment() -> None:
    root = dom(render(TRAVEL_POST).html)
    (table,) = root.iter("table")
    assert [th.text() for th in table.iter("th")] == ["Leg", "Train", "Minutes"]
    aligns = [th.attrs.get("style") for th in table.iter("th")]
    assert aligns == ["text-align: left;", "text-align: center;", "text-align: right;"]
    rows = table.iter("tbody")[0].iter("tr")
    assert [td.text() for td in rows[1].iter("td")] == ["Kyoto → Nara", "Kintetsu", "35"]


def test_footnotes_link_both_ways() -> None:
    root = dom(render(TRAVEL_POST).html)
    (sup,) = root.iter("sup")
    assert sup.attrs["id"] == "fnref:temples"
    (ref,) = sup.iter("a")
    assert ref.attrs["href"] == "#fn:temples" and ref.text() == "1"
    (div,) = [d for d in root.iter("div") if d.attrs.get("class") == "footnote"]
    (li,) = div.iter("li")
    assert li.attrs["id"] == "fn:temples"
    assert "More than 1,600 of them" in li.text()
    assert li.iter("a")[-1].attrs["href"] == "#fnref:temples"


def test_toc_marker_and_unique_and_non_latin_anchors() -> None:
    post = render(TRAVEL_POST)
    root = dom(post.html)
    (toc,) = [d for d in root.iter("div") if d.attrs.get("class") == "toc"]
    links = [a.attrs["href"] for a in toc.iter("a")]
    ids = [h.attrs["id"] for h in root.iter() if h.tag in ("h1", "h2")]
    assert ids == ["a-week-in-kyoto", "getting-there", "京都の寺", "getting-there_1"]
    assert links == [f"#{i}" for i in ids]
    assert [h.anchor for h in post.outline] == ids
    assert "[TOC]" not in post.html


def test_toc_option_off_leaves_the_marker_but_keeps_anchors() -> None:
    post = render(TRAVEL_POST, RenderOptions(toc=False))
    assert "<p>[TOC]</p>" in post.html
    assert post.outline[1].anchor == "getting-there"


def test_lists_nested_and_code_inside_lists() -> None:
    root = dom(render(TECH_POST).html)
    ol = root.iter("ol")[0]
    items = ol.elements()
    assert len(items) == 3
    code_in_item = items[2].iter("pre")
    assert code_in_item and "$ python3 --version" in code_in_item[0].text()
    nested = [ul for ul in root.iter("ul") if ul.iter("ul")]
    assert nested, "nested list expected"
    assert nested[0].iter("ul")[0].elements()[0].text().strip() == "child one"


def test_fenced_code_is_highlighted_with_classes_only() -> None:
    html = render(TECH_POST).html
    root = dom(html)
    blocks = [d for d in root.iter("div") if d.attrs.get("class") == "codehilite"]
    assert len(blocks) >= 2
    python = blocks[-2]
    spans = python.iter("span")
    assert any(s.attrs.get("class") == "k" for s in spans)  # the "def"/"return" keywords
    assert all("style" not in el.attrs for el in python.iter())
    # Unknown language: plain text in the same wrapper, not an error, no token spans.
    plain = blocks[-1]
    assert plain.text().strip() == 'plain text -- "untouched"'
    assert [s for s in plain.iter("span") if s.attrs.get("class")] == []


def test_highlight_off_gives_language_class_for_client_side_highlighters() -> None:
    html = render("```python\nx = 1\n```\n", RenderOptions(highlight=False)).html
    (code,) = dom(html).iter("code")
    assert code.attrs["class"] == "language-python"
    assert code.text() == "x = 1\n"


def test_abbreviations_definition_lists_and_attribute_lists() -> None:
    root = dom(render(TECH_POST).html)
    abbrs = {a.text(): a.attrs["title"] for a in root.iter("abbr")}
    assert abbrs == {"HTML": "HyperText Markup Language", "CPU": "Central Processing Unit"}
    (dl,) = root.iter("dl")
    assert [(e.tag, e.text().strip()) for e in dl.elements()] == [
        ("dt", "Apple"),
        ("dd", "A fruit."),
        ("dd", "A company."),
        ("dt", "Orange"),
        ("dd", "A colour."),
    ]
    (lead,) = [p for p in root.iter("p") if p.attrs.get("id") == "intro-para"]
    assert lead.attrs["class"] == "lead"
    assert [h.attrs["id"] for h in root.iter("h3")] == ["my-anchor"]


def test_raw_html_embeds_pass_through_byte_for_byte() -> None:
    html = render(EMBED_POST).html
    for embed in EMBEDS:
        assert embed in html
    assert "<p>Between – embeds.</p>" in html  # the prose around them is still educated


def test_markdown_inside_html_blocks_and_quotes_with_attribution() -> None:
    root = dom(render(QUOTE_POST).html)
    (quote,) = root.iter("blockquote")
    paras = quote.iter("p")
    assert len(paras) == 2  # the closing "> — *Anonymous editor*…" line is the quote's <cite>
    assert "“keep going”" in paras[0].text() and "pointless – especially" in paras[0].text()
    (cite,) = quote.iter("cite")
    assert quote.elements()[-1] is cite
    assert cite.iter("em")[0].text() == "Anonymous editor"
    assert cite.text() == "Anonymous editor, in a letter"
    (div,) = root.iter("div")
    assert div.iter("strong")[0].text() == "inside"
    assert div.iter("a")[0].attrs["href"] == "https://example.com"


# --- quote attributions ---


def test_a_quotes_closing_dash_line_is_its_citation_as_wordpress_saves_it() -> None:
    html = render("> I once informed leaders…\n> — Brian Hioe\n").html
    assert html == (
        "<blockquote>\n<p>I once informed leaders…</p>\n<cite>Brian Hioe</cite>\n</blockquote>"
    )


@pytest.mark.parametrize("dash", ["—", "―", "--", "---", "—  ", "--\t"])
def test_attribution_dashes(dash: str) -> None:
    for source in (f"> Words.\n> {dash}Brian Hioe", f"> Words.\n>\n> {dash}Brian Hioe"):
        (quote,) = dom(render(source).html).iter("blockquote")
        assert [el.tag for el in quote.elements()] == ["p", "cite"], source
        assert quote.elements()[1].text() == "Brian Hioe"
        assert quote.elements()[0].text() == "Words."


def test_attribution_holds_inline_markdown_and_smart_punctuation() -> None:
    source = '> Less is more.\n> -- [Mies](https://example.com/mies), *"Bauhaus"* -- 1947\n'
    (quote,) = dom(render(source).html).iter("blockquote")
    (cite,) = quote.iter("cite")
    assert cite.iter("a")[0].attrs["href"] == "https://example.com/mies"
    assert cite.iter("em")[0].text() == "“Bauhaus”"
    assert cite.text() == "Mies, “Bauhaus” – 1947"
    plain = render(source, RenderOptions(smart_quotes=False)).html
    assert '<cite><a href="https://example.com/mies">' in plain  # the leading dash is dropped


@pytest.mark.parametrize(
    "source",
    [
        "> — Brian Hioe",  # the quote is only the line: it is the quotation, not its source
        "> Words.\n> — Brian Hioe\n> and more words",  # not the last line
        "> Words.\n> — Shakespeare, <cite>Hamlet</cite>",  # already marked up by the author
        "> Words.\n> ---- four dashes",
        "> Words.\n> —",  # a dash and nothing to cite
        "> Words.\n> - a list item",
        "> Words.\n> &mdash; written as an entity",  # the way to keep such a line as text
        "> Words.\n> \\-- escaped",
        "Not a quote.\n— Brian Hioe",
    ],
)
def test_lines_that_are_not_attributions(source: str) -> None:
    root = dom(render(source).html)
    assert [el for q in root.iter("blockquote") for el in q.elements() if el.tag == "cite"] == []


def test_nested_quotes_each_get_their_own_attribution() -> None:
    source = "> Outer words.\n>\n> > Inner words.\n> > ― Inner Author\n>\n> -- Outer Author\n"
    (outer,) = dom(render(source).html).elements()
    inner = outer.elements()[1]
    assert [el.tag for el in outer.elements()] == ["p", "blockquote", "cite"]
    assert [el.tag for el in inner.elements()] == ["p", "cite"]
    assert inner.elements()[1].text() == "Inner Author"
    assert outer.elements()[2].text() == "Outer Author"
    # A nested quote as the last thing in the outer one: only the inner quote is attributed.
    (outer,) = dom(render("> Outer.\n>\n> > Inner.\n> > — Inner Author").html).elements()
    assert [el.tag for el in outer.elements()] == ["p", "blockquote"]


def test_attributions_in_lists_and_after_other_blocks_in_the_quote() -> None:
    source = "- item\n\n    > quoted\n    > — In A List\n\n> - a\n> - b\n>\n> — After A List\n"
    root = dom(render(source).html)
    assert [c.text() for c in root.iter("cite")] == ["In A List", "After A List"]


ATTRIBUTION_DOCS = [
    "# Quotes\n\n> I once informed leaders…\n> — Brian Hioe\n\nAfter.\n\n> Alone\n",
    "Intro.\n\n> a\n>\n> > b\n> > -- B\n>\n> --- A\n\n## Next\n\n> — only\n",
    "Text[^1].\n\n> q\n> — [who](https://example.com)\n\n[^1]: Note.\n\n    > in a note\n"
    "    > ― Someone\n",
    "- one\n- two\n\n    > q\n    > — X\n\nPara.\n\n> q\n\n> — merged into the quote above\n",
]


@pytest.mark.parametrize("doc", ATTRIBUTION_DOCS)
def test_incremental_preview_renders_attributions_as_render_does(doc: str) -> None:
    renderer = IncrementalRenderer()
    assert renderer.render(doc).html == render(doc).html
    assert "<cite>" in render(doc).html
    # Typing the attribution a character at a time, as the preview sees it.
    base, line = doc + "\n> Quoted words.\n", "> — *Brian* Hioe\n"
    for n in range(len(line) + 1):
        text = base + line[:n]
        assert renderer.render(text).html == render(text).html, text


# --- smart punctuation ---


def test_smart_punctuation_in_prose() -> None:
    html = render("\"Hello,\" she said -- it's the '90s... Isn't it---really?\n").html
    assert html == "<p>“Hello,” she said – it’s the ’90s… Isn’t it—really?</p>"


def test_smart_punctuation_never_inside_code_kbd_script_style_or_attributes() -> None:
    html = render(TECH_POST).html
    assert '<code>code "quotes"</code>' in html
    assert '<code>rm -rf "/"</code>' in html
    assert '<kbd>"Ctrl"</kbd>' in html
    code_text = "".join(d.text() for d in dom(html).iter("div"))
    assert 'return f"Hello, {name}..."  # quotes -- stay straight' in code_text
    text = 'A [link](https://example.com/a--b "it\'s a \\"title\\"") and "words".\n'
    out = render(text).html
    assert 'href="https://example.com/a--b"' in out
    assert "“words”" in out
    assert render('Escaped \\"quotes\\" stay.\n').html == '<p>Escaped "quotes" stay.</p>'


def test_an_unclosed_kbd_masks_only_the_rest_of_its_paragraph() -> None:
    html = render('Press <kbd>"Ctrl" and so on.\n\nThen "quote" this.\n').html
    assert '<kbd>"Ctrl" and so on.</p>' in html
    assert "<p>Then “quote” this.</p>" in html


def test_shortcodes_keep_straight_quotes_while_prose_around_them_is_educated() -> None:
    html = render('[gallery ids="1,2,3" columns="2"]\n').html
    assert html == '<p>[gallery ids="1,2,3" columns="2"]</p>'
    text = (
        'He said "hi" [caption id="attachment_7" align="alignleft"]<img src="x.png"> '
        'It\'s "here"[/caption] -- [x-y a=\'b\' c=d /] and "bye"...\n'
    )
    html = render(text).html
    assert '[caption id="attachment_7" align="alignleft"]' in html
    assert "[x-y a='b' c=d /]" in html
    assert "He said “hi”" in html
    assert "It’s “here”[/caption] – " in html
    assert "and “bye”…" in html
    # Inside code a shortcode is code: untouched as before.
    assert render('`[gallery ids="1"]`\n').html == '<p><code>[gallery ids="1"]</code></p>'


def test_ordinary_brackets_and_links_still_get_smart_quotes() -> None:
    html = render('[see "this"] and ["quoted"] and ["a link"](http://x) [it\'s so]\n').html
    assert html == (
        '<p>[see “this”] and [“quoted”] and <a href="http://x">“a link”</a> [it’s so]</p>'
    )


def test_smart_quotes_option_off() -> None:
    html = render('"Hi" -- it\'s...\n', RenderOptions(smart_quotes=False)).html
    assert html == '<p>"Hi" -- it\'s...</p>'


_ENTITIES = {
    "&ldquo;": "“",
    "&rdquo;": "”",
    "&lsquo;": "‘",
    "&rsquo;": "’",
    "&ndash;": "–",
    "&mdash;": "—",
    "&hellip;": "…",
}


def _with_smarty(text: str) -> str:
    out = markdown.markdown(text, extensions=["extra", "smarty"])
    for entity, char in _ENTITIES.items():
        out = out.replace(entity, char)
    return out


PROSE = [
    "\"Hello,\" she said. \"It's the '90s -- isn't it?\" 'Yes'... \"'Quoted' inside\" and "
    "'\"the other\"'.",
    'He wrote *"emphasis"* and **\'strong\'** and ["a link"](http://x) plus "<span>html</span>".',
    "Rock 'n' roll, the '80s, 5' 10\", don't, dogs' bones, \"quote\"--dash, ---em, ....four, "
    "end...",
    'Trailing "quote" at end of line\n"Start of line" and ("parens") ["brackets"] {\'braces\'}',
    '> "Quote in a blockquote," he said.\n\n- "List item" isn\'t it\n- \'single\'\n\n'
    '| "a" | \'b\' |\n|---|---|\n| it\'s | "x" |',
    'Footnote"[^1] and abbr "HTML" here.\n\n[^1]: "Note" it\'s.\n\n*[HTML]: "Hyper" Text',
    '\'Tis the season; "\'Twas" said he. O\'Neil\'s "5\'10\\"" -- a "quote"...',
    TRAVEL_POST,
    QUOTE_POST,
]


@pytest.mark.parametrize("text", PROSE)
def test_smart_punctuation_matches_smarty(text: str) -> None:
    ours = markdown.markdown(text, extensions=["extra", SmartPunctuationExtension()])
    assert htmllib.unescape(ours) == htmllib.unescape(_with_smarty(text))


# --- the facts beside the HTML ---


def test_outline_levels_text_and_source_lines() -> None:
    post = render(TECH_POST)
    lines = TECH_POST.split("\n")
    assert [(h.level, h.text, h.line) for h in post.outline] == [
        (1, "Setting up Python", 0),
        (3, "Custom anchor", lines.index("### Custom anchor {#my-anchor}")),
        (2, "Sub-heading", lines.index("Sub-heading")),
    ]
    travel = render(TRAVEL_POST)
    lines = TRAVEL_POST.split("\n")
    for heading in travel.outline:
        assert heading.text.split()[-1] in lines[heading.line]
    assert [h.line for h in travel.outline] == [0, 4, 14, 21]


def test_outline_ignores_hash_lines_in_fenced_code() -> None:
    text = "# Real\n\n```bash\n# a comment, not a heading\n```\n\n## Also real\n"
    post = render(text)
    assert [(h.text, h.line) for h in post.outline] == [("Real", 0), ("Also real", 6)]


def test_title_is_the_first_h1() -> None:
    assert render(TRAVEL_POST).title == "A week in Kyoto"
    assert render("## Only a subheading\n\ntext").title is None
    assert render("Intro\n\n# The title\n\n# Second").title == "The title"


def test_images_local_only_deduplicated_in_order_as_written() -> None:
    text = (
        "![a](media/b.png) ![remote](https://example.com/x.png) ![again](media/b.png)\n\n"
        '<figure><img src="media/a%20b.jpg" alt=""></figure>\n\n'
        "![proto](//cdn.example.com/y.png) ![data](data:image/png;base64,AAAA)\n"
        "![ref][logo] ![http](http://example.com/z.png) ![rel](../up/c.gif?x=1&y=2)\n\n"
        "    ![in code](media/not-an-image.png)\n\n"
        "[logo]: images/logo.svg\n"
    )
    assert render(text).images == (
        "media/b.png",
        "media/a%20b.jpg",
        "images/logo.svg",
        "../up/c.gif?x=1&y=2",
    )


def test_word_count_and_reading_time() -> None:
    words = " ".join(["word"] * 460)
    post = render(f"# Title\n\n{words}\n\n```\ncode here\n```\n")
    assert post.word_count == 1 + 460 + 2
    assert post.reading_minutes == 2
    short = render("Just a few words.")
    assert short.word_count == 4 and short.reading_minutes == 1
    empty = render("")
    assert (empty.html, empty.word_count, empty.reading_minutes, empty.outline) == ("", 0, 0, ())
    assert render("日本語の文").word_count == 5


# --- purity, threads, errors, CSS ---


def test_render_is_pure_no_state_leaks_between_documents() -> None:
    first = render(
        "[x][ref]\n\n[ref]: https://example.com/\n\n*[ABC]: Alphabet\n\nABC[^1]\n\n[^1]: note"
    )
    assert 'href="https://example.com/"' in first.html
    second = render("[x][ref] ABC[^1]")
    assert second.html == "<p>[x][ref] ABC[^1]</p>"
    assert render(TECH_POST) == render(TECH_POST)


def test_eight_threads_render_the_same_as_sequentially() -> None:
    options = [
        RenderOptions(),
        RenderOptions(smart_quotes=False),
        RenderOptions(highlight=False),
        RenderOptions(toc=False),
    ]
    jobs = [(text, opt) for text in CORPUS for opt in options]
    expected = [render(text, opt) for text, opt in jobs]
    results: dict[int, list[tuple[str, RenderOptions, RenderedPost]]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(worker: int) -> None:
        try:
            start.wait()
            out: list[tuple[str, RenderOptions, RenderedPost]] = []
            for _ in range(3):
                for text, opt in jobs[worker % 3 :] + jobs[: worker % 3]:
                    out.append((text, opt, render(text, opt)))
            results[worker] = out
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    want = {(text, opt): post for (text, opt), post in zip(jobs, expected, strict=True)}
    for out in results.values():
        for text, opt, post in out:
            assert post == want[(text, opt)]
    assert len(results) == 8


def test_list_markers_thousands_deep_on_one_line_render_fifty_levels() -> None:
    # Python-Markdown alone gives a RecursionError (3.10) or 446 levels (3.11) here.
    html = render("- " * 3000 + "deep").html
    assert html.count("<ul>") == MAX_DEPTH
    assert "- - deep" in html  # the deeper markers are text in the 50th level, not lost
    mixed = render("> - " * 1500 + "end").html
    assert mixed.count("<ul>") + mixed.count("<blockquote>") == MAX_DEPTH
    assert "end" in mixed


def test_absurd_nesting_is_a_clear_error_and_the_renderer_recovers() -> None:
    with pytest.raises(RenderError) as info:
        render("*" * 5000 + "deep" + "*" * 5000)
    assert isinstance(info.value, BlogDeskError)
    assert "nested too deeply" in str(info.value)
    assert render("- a\n- b").html == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_half_typed_attribute_list_does_not_crash() -> None:
    post = render("## Custom id {## Custom id {#custom}")
    assert post.outline[0].level == 2
    assert "None" not in post.html


def test_pygments_css_light_and_dark() -> None:
    light, dark = pygments_css(dark=False), pygments_css(dark=True)
    assert ".codehilite .k " in light and ".codehilite .k " in dark
    assert light != dark
    assert ".codehilite { background: #0d1117" in dark or "background: #0d1117" in dark


def test_each_markdown_extra_feature_renders() -> None:
    """The seven extensions of Python-Markdown's "extra" are named one by one in the engine
    (no entry-point scan); each must still be on: fenced code, footnotes, attribute lists,
    definition lists, tables, abbreviations, Markdown inside HTML; and sane lists."""
    text = (
        "```python\nprint(1)\n```\n\n"
        "A claim.[^n]\n\n[^n]: The source.\n\n"
        "Heading text {: #custom .wide }\n---\n\n"
        "Term\n:   Its meaning\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "*[HTML]: Hypertext Markup Language\n\nHTML pages.\n\n"
        '<div markdown="1">*inside*</div>\n\n'
        "1. one\n\n* starts another list\n"
    )
    tree = dom(render(text).html)
    assert [n.attrs.get("data-lang") for n in tree.iter("code")] == ["python"]
    assert tree.iter("sup") and "The source." in tree.iter("li")[-1].text()
    heading = tree.iter("h2")[0]
    assert (heading.attrs.get("id"), heading.attrs.get("class")) == ("custom", "wide")
    assert [n.text() for n in tree.iter("dt")] == ["Term"]
    assert [n.text() for n in tree.iter("td")] == ["1", "2"]
    assert tree.iter("abbr")[0].attrs.get("title") == "Hypertext Markup Language"
    assert any([e.text() for e in d.iter("em")] == ["inside"] for d in tree.iter("div"))
    # sane_lists: a bullet after a numbered item starts a list of its own
    assert [n.text() for n in tree.iter("ul")[0].iter("li")] == ["starts another list"]


def test_rendering_scans_no_installed_packages() -> None:
    """Naming an extension by a string makes Python-Markdown read every installed package's
    entry points (importlib.metadata): ~30 ms of the preview's first render, for nothing."""
    import subprocess
    import sys

    probe = (
        "import sys\nfrom blogdesk.core.render.rendering import render\n"
        "assert '<em>' in render('*a* `b`\\n\\n```python\\nx = 1\\n```').html\n"
        "print(sorted(m for m in sys.modules if m.startswith('importlib.metadata')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
