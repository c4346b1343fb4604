"""The outline (and so the title) lists the post's real headings only: heading tags inside a
script's string, a style, a comment, an attribute value or a code block are not structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogdesk.core.render import summary
from blogdesk.core.render.rendering import IncrementalRenderer, render

CORPUS = Path(__file__).parent / "corpus"


def _outline(text: str) -> list[tuple[int, str]]:
    return [(h.level, h.text) for h in render(text).outline]


def test_a_heading_in_a_scripts_string_is_not_in_the_outline() -> None:
    # The report: an embed whose script writes an <h1>; it became the outline's first entry.
    text = (
        "Intro paragraph.\n\n"
        "<script>\n"
        'document.getElementById("box").innerHTML = "<h1>Loaded later</h1>";\n'
        "</script>\n\n"
        "# The real title\n\n"
        "## A section\n"
    )
    post = render(text)
    assert [(h.level, h.text, h.line) for h in post.outline] == [
        (1, "The real title", 6),
        (2, "A section", 8),
    ]
    assert post.title == "The real title"
    assert [(h.level, h.text) for h in IncrementalRenderer().render(text).outline] == [
        (1, "The real title"),
        (2, "A section"),
    ]


@pytest.mark.parametrize(
    "raw",
    [
        "<style>/* <h2>in a style</h2> */</style>",
        "<!-- <h2>in a comment</h2> -->",
        '<div title="<h2>in an attribute</h2>">x</div>',
        "<pre><h2>in a pre</h2></pre>",
        "<p><code><h2>in a code</h2></code></p>",
        "<template><h2>in a template</h2></template>",
        "<textarea><h2>in a textarea</h2></textarea>",
        '<script type="text/template">\n<h2>in a script</h2>\n</script>',
    ],
)
def test_heading_tags_that_are_not_structure_are_left_out(raw: str) -> None:
    assert _outline(f"# Real\n\n{raw}\n\n## Also real\n") == [(1, "Real"), (2, "Also real")]


def test_raw_html_headings_are_headings() -> None:
    text = (
        '<div class="intro">\n<h2 id="made-by-hand">Made <em>by</em> hand</h2>\n</div>\n\n'
        "## With `code` and a note[^1]\n\n"
        "<h3>After a <br> line break</h3>\n\n"
        "[^1]: The note.\n"
    )
    post = render(text)
    assert [(h.level, h.text, h.anchor) for h in post.outline] == [
        (2, "Made by hand", "made-by-hand"),
        (2, "With code and a note", "with-code-and-a-note"),
        (3, "After a line break", ""),
    ]
    assert [h.line for h in post.outline] == [1, 4, 6]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.md")), ids=lambda p: p.name)
def test_the_fast_path_and_the_parser_agree_on_markdown_html(path: Path) -> None:
    """Posts without raw HTML take the pattern path; it must find what the parser finds."""
    html = render(path.read_text(encoding="utf-8")).html
    assert summary._markdown_headings(html) == summary._parsed_headings(html)
