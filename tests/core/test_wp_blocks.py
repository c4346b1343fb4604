"""render()'s HTML as WordPress block markup (core/convert/wp_blocks.py), and back again.

The markup each block must have is what WordPress 6.1's editor saves (its block-library.js);
tests/sync/test_wordpress_display.py checks what a real WordPress then shows its readers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.convert.wp_blocks import from_blocks, to_blocks
from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import RenderOptions, render
from blogdesk.sync.publish.changes import normalize_html

CORPUS = Path(__file__).parent / "corpus"
# WordPress's block delimiter (class-wp-block-parser.php), for the structure checks below.
DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{(?:(?:[^}]+|}+(?=})|(?!}\s+/?-->).)*+)?}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)


def blocks(md: str, **options: bool) -> str:
    return to_blocks(render(md, RenderOptions(**options)).html)


def top_level_freeform(content: str) -> list[str]:
    """Text outside every block: what WordPress would parse as a Classic (freeform) block."""
    outside: list[str] = []
    depth, pos = 0, 0
    for m in DELIMITER.finditer(content):
        if depth == 0 and content[pos : m.start()].strip():
            outside.append(content[pos : m.start()])
        if m["void"]:
            pass
        elif m["closer"]:
            depth -= 1
            assert depth >= 0, f"unbalanced {m[0]}"
        else:
            depth += 1
        pos = m.end()
    assert depth == 0, "a block is never closed"
    if content[pos:].strip():
        outside.append(content[pos:])
    return outside


def test_wrapped_paragraph_becomes_one_line_and_keeps_hard_breaks() -> None:
    md = "Wrapped at sixty columns so\nthe lines break mid-sentence, and  \nhere a hard break.\n"
    assert blocks(md) == (
        "<!-- wp:paragraph -->\n"
        "<p>Wrapped at sixty columns so the lines break mid-sentence, and<br>"
        "here a hard break.</p>\n"
        "<!-- /wp:paragraph -->"
    )


def test_headings_lists_and_separator_as_the_editor_saves_them() -> None:
    out = blocks("## Two\n\n### Three {.x}\n\n- a\n- b\n    - c\n\n---\n\n3. x\n4. y\n")
    assert '<!-- wp:heading -->\n<h2 id="two">Two</h2>\n<!-- /wp:heading -->' in out
    assert '<!-- wp:heading {"level":3,"className":"x"} -->\n<h3 class="x" id="three">' in out
    assert (
        "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>a</li>\n<!-- /wp:list-item -->\n\n"
        "<!-- wp:list-item -->\n<li>b<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>c</li>\n"
        "<!-- /wp:list-item --></ul>\n<!-- /wp:list --></li>\n<!-- /wp:list-item --></ul>\n"
        "<!-- /wp:list -->"
    ) in out
    assert (
        '<!-- wp:separator -->\n<hr class="wp-block-separator has-alpha-channel-opacity">\n'
        "<!-- /wp:separator -->"
    ) in out
    assert '<!-- wp:list {"ordered":true,"start":3} -->\n<ol start="3">' in out
    assert top_level_freeform(out) == []


def test_quote_holds_its_paragraphs_as_blocks_and_its_citation() -> None:
    out = blocks("> First paragraph\n> wrapped.\n>\n> Second.\n> — Ada Lovelace\n")
    assert out == (
        '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n'
        "<p>First paragraph wrapped.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n"
        "<p>Second.</p>\n<!-- /wp:paragraph --><cite>Ada Lovelace</cite></blockquote>\n"
        "<!-- /wp:quote -->"
    )


def test_code_highlighted_and_plain() -> None:
    out = blocks('```python\nif x < 2:\n    print("y")\n```\n')
    assert out.startswith(
        '<!-- wp:code {"className":"codehilite"} -->\n<pre class="wp-block-code codehilite">'
        '<code data-lang="python"><span class="k">if</span>'
    )
    assert '\n    <span class="nb">print</span>' in out  # the code's own newlines stay
    plain = blocks("```python\nif x < 2:\n    y\n```\n", highlight=False)
    assert plain == (
        '<!-- wp:code -->\n<pre class="wp-block-code"><code class="language-python">if x &lt; 2:\n'
        "    y\n</code></pre>\n<!-- /wp:code -->"
    )


def test_table_alignment_becomes_the_table_blocks_classes() -> None:
    out = blocks("| a | b |\n|:--|--:|\n| 1 | 2 |\n")
    assert out == (
        '<!-- wp:table -->\n<figure class="wp-block-table"><table><thead><tr>'
        '<th class="has-text-align-left" data-align="left">a</th>'
        '<th class="has-text-align-right" data-align="right">b</th></tr></thead><tbody><tr>'
        '<td class="has-text-align-left" data-align="left">1</td>'
        '<td class="has-text-align-right" data-align="right">2</td></tr></tbody></table>'
        "</figure>\n<!-- /wp:table -->"
    )


def test_captioned_image_becomes_an_image_block() -> None:
    md = (
        '<figure>\n  <a href="/big.jpg"><img src="/a.jpg"></a>\n'
        "  <figcaption>A\ngate</figcaption>\n</figure>\n"
    )
    assert blocks(md) == (
        '<!-- wp:image -->\n<figure class="wp-block-image"><a href="/big.jpg"><img alt="" '
        'src="/a.jpg"></a><figcaption class="wp-element-caption">A gate</figcaption></figure>\n'
        "<!-- /wp:image -->"
    )


@pytest.mark.parametrize(
    "md",
    [
        "Note.[^1]\n\n[^1]: The note.\n",  # the footnote list
        "Term\n: Definition\n",
        "- loose\n\n- list\n",  # items are paragraphs: no List Item form
        '<div class="box">\n<p>raw</p>\n</div>\n',
        '<p style="color: red">styled</p>\n',
        "[TOC]\n\n## A\n",
        '<figure><img src="/a.jpg" width="20"><figcaption>x</figcaption></figure>\n',
        "<section>\n<p>never closed</p>\n",
    ],
)
def test_what_no_core_block_says_is_custom_html_kept_verbatim(md: str) -> None:
    html = render(md).html
    out = to_blocks(html)
    assert "<!-- wp:html -->" in out
    assert top_level_freeform(out) == []
    # The Custom HTML block holds the markup byte for byte.
    for body in re.findall(r"<!-- wp:html -->\n(.*?)\n<!-- /wp:html -->", out, re.S):
        assert body in html


def test_page_breaks_and_comments_between_blocks() -> None:
    out = to_blocks("<p>a</p>\n<!--more-->\n<p>b</p>\n<!-- note -->\nstray text\n")
    assert "<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->" in out
    assert "<!-- wp:html -->\n<!-- note -->\n<!-- /wp:html -->" in out
    assert "<!-- wp:html -->\nstray text\n<!-- /wp:html -->" in out
    assert top_level_freeform(out) == []


def test_attributes_json_cannot_end_the_comment() -> None:
    out = to_blocks('<p class="a--b&lt;">x</p>')
    assert out.startswith('<!-- wp:paragraph {"className":"a\\u002d\\u002db\\u003c"} -->')
    assert top_level_freeform(out) == []


def test_empty_body() -> None:
    assert to_blocks("") == "" and to_blocks("\n \n") == ""


def _corpus() -> list[Path]:
    return sorted(CORPUS.glob("*.md"))


@pytest.mark.parametrize("path", _corpus(), ids=lambda p: p.name)
def test_corpus_keeps_every_word_and_element(path: Path) -> None:
    """Blocks change nothing a reader sees: the same elements and text, only block classes and
    soft line breaks (spaces to a browser) differ; going back gives the same HTML."""
    html = render(Post.load(path).body).html
    out = to_blocks(html)
    assert top_level_freeform(out) == []
    assert normalize_html(from_blocks(out)) == normalize_html(html)


ROUND_TRIP = """\
# A week in Kyoto

We took the *Shinkansen*, which was
fast, and wrote it all down\x20\x20
on the way.

## Getting there

> The first paragraph of a quotation that is long enough to
> be wrapped across two source lines.
>
> Its second paragraph.
>
> — Ada Lovelace

- one item
- two items
    - a nested one

1. first
2. second

| Leg | Minutes |
| --- | --- |
| Tokyo | 135 |

```
plain code
```

---
"""


def test_markdown_published_as_blocks_pulls_back_stable() -> None:
    """Markdown → blocks → pull → Markdown: the same post, and a fixed point from then on."""
    pulled = html_to_markdown(blocks(ROUND_TRIP), wordpress=True)
    assert normalize_html(render(pulled).html) == normalize_html(render(ROUND_TRIP).html)
    assert html_to_markdown(blocks(pulled), wordpress=True) == pulled
    assert "<!--" not in pulled and "wp-block" not in pulled
