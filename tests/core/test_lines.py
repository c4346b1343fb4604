"""The Markdown line grammar (core.render.lines) against Python-Markdown, which renders posts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown.extensions.fenced_code import FencedBlockPreprocessor

from blogdesk.core.post.rules import first_heading
from blogdesk.core.render.lines import (
    atx_heading,
    closes_fence,
    fence_open,
    fenced_spans,
    headings,
    list_item,
    quote_prefix,
    setext_level,
)
from blogdesk.core.render.rendering import render


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# Title", (1, "Title")),
        ("#hashtag", (1, "hashtag")),  # no space needed
        ("###### six", (6, "six")),
        ("####### seven", (6, "# seven")),  # the seventh "#" is text
        ("# Title #", (1, "Title")),
        ("# Title#", (1, "Title")),
        ("# Title #  ", (1, "Title #")),  # closing hashes only at the very end
        ("## C# and F#", (2, "C# and F")),
        ("# Title \\#", (1, "Title \\#")),  # escaped: stays
        ("#", (1, "")),
        ("#\tTab", (1, "Tab")),
        (" # indented", None),
        ("   # indented", None),
        ("text # not", None),
    ],
)
def test_atx_heading(line: str, expected: tuple[int, str] | None) -> None:
    heading = atx_heading(line)
    assert (heading and (heading.level, heading.text)) == expected


def test_atx_heading_marker_end() -> None:
    heading = atx_heading("### x")
    assert heading is not None and heading.marker_end == 3


@pytest.mark.parametrize(
    ("line", "level"),
    [
        *[("===", 1), ("=", 1), ("---", 2), ("-", 2), ("===   ", 1)],
        *[("=-=", None), ("= =", None), ("  ===", None), ("=== x", None), ("", None)],
    ],
)
def test_setext_level(line: str, level: int | None) -> None:
    assert setext_level(line) == level


def test_fences() -> None:
    assert fence_open("```") == "```"
    assert fence_open("~~~~ python") == "~~~~"
    assert fence_open("~~~~.python") == "~~~~"
    assert fence_open("``` {.py #id}") == "```"
    assert fence_open('```py hl_lines="1 2"') == "```"
    assert fence_open(" ```") is None  # column 0 only
    assert fence_open("```py thon") is None
    assert closes_fence("```  ", "```")
    assert not closes_fence("````", "```")  # the very same fence
    assert not closes_fence("~~~", "```")
    assert not closes_fence("``` x", "```")


def test_list_items_and_quotes() -> None:
    assert list_item("- x") is not None
    assert list_item("    12. x") is not None
    assert list_item("1) x") is None  # Python-Markdown: a paragraph
    assert list_item("-x") is None
    item = list_item("* [ ] task")
    assert item is not None and item["task"] == "[ ] "
    assert quote_prefix("> > x") == 4
    assert quote_prefix("   > x") == 5
    assert quote_prefix("    > x") == 0  # code


_FENCE_LINES = ["```", "````", "~~~", "``` py", "```python", "```py thon", " ```", "``` x y", "x"]


@given(st.lists(st.sampled_from([*_FENCE_LINES, "", "# h", "text"]), max_size=12))
def test_fenced_spans_match_python_markdown(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    expected = []
    pos = 0
    while m := FencedBlockPreprocessor.FENCED_BLOCK_RE.search(text, pos):
        first = text.count("\n", 0, m.start())
        expected.append((first, first + text.count("\n", m.start(), m.end())))
        pos = m.end()
    assert fenced_spans(lines) == expected


def _rendered_headings(text: str) -> list[tuple[int, str]]:
    html = render(text).html
    found = re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html, re.DOTALL)
    return [(int(level), re.sub(r"<[^>]+>", "", inner)) for level, inner in found]


EDGE_CASES = [
    "#hashtag\n",
    "####### seven\n",
    "# Closing #\n\n## C# and F#\n",
    " # indented is a paragraph\n",
    "```\n# in a fence\n```\n\nTitle\n=====\n",
    "````\n# x\n```\n````\n",
    "```\n# unclosed fence\n",
    "```\ncode\n```\nright after a fence\n===\n",
    "Title\n-----\n",
    "line one\nline two\n========\n",
    "para\n# mid\nSetext\n---\n",
    "# A\n===\n",
    "> # quoted\n\n> Quoted\n> ---\n",
    "    # code\n",
    "Title\n  ---\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_headings_are_what_python_markdown_renders(text: str) -> None:
    assert [(h.level, h.text) for h in headings(text.splitlines())] == _rendered_headings(text)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_outline_lines_are_the_grammar_heading_lines(text: str) -> None:
    outline = render(text).outline
    assert [(h.level, h.line) for h in outline] == [
        (h.level, h.line) for h in headings(text.splitlines())
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("#hashtag\n", "hashtag"),
        (" # indented\n", None),
        ("####### seven\n", "# seven"),
        ("# Title #\n", "Title"),
        ("```\n# fenced\n```\nreal\n===\n", "real"),
        ("```\n# unclosed\n", "unclosed"),
        ("one\ntwo\n---\n", None),
        ("> # quoted\n\n## After\n", "After"),
    ],
)
def test_title_follows_the_grammar(text: str, title: str | None) -> None:
    assert first_heading(text) == title
    rendered = _rendered_headings(text)
    if title is not None:  # the title is a heading the published post has
        assert (rendered[-1] if text.startswith(">") else rendered[0])[1] == title
