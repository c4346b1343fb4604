"""Joining soft line breaks for Forem (hard_wrap): paragraphs flow, structure stays.

Two promises: the preview's HTML does not change (Python-Markdown reads the joined text as it read
the original), and no paragraph of the joined text still has a line break (which DEV would show
as a `<br>`) except where the author typed a hard break.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import render
from blogdesk.sync.providers.soft_wraps import join_soft_breaks
from blogdesk.sync.publish.changes import normalize_html

CORPUS = Path(__file__).parents[1] / "core" / "corpus"


def same_preview(source: str) -> None:
    joined = join_soft_breaks(source)
    assert normalize_html(render(joined).html) == normalize_html(render(source).html)


def paragraph_breaks(markdown: str) -> list[str]:
    """Line breaks left inside paragraphs, list items and quotes of the rendered text: what DEV
    would show as extra `<br>`s."""
    html = render(markdown).html
    # Code keeps its lines (a fence Python-Markdown does not take for one is inline code).
    html = re.sub(r"<pre.*?</pre>|<code>.*?</code>", "", html, flags=re.S)
    texts = re.findall(r"<p>(.*?)</p>", html, flags=re.S)
    # List items holding only text (an item with a nested list or paragraphs has its own
    # line breaks between blocks, which are not text).
    texts += re.findall(r"<li>((?:(?!<(?:ul|ol|p|div|blockquote)\b).)*?)</li>", html, flags=re.S)
    return [t for t in texts if "\n" in t]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("One line\nand the next\nand a third.\n", "One line and the next and a third.\n"),
        ("Hard  \nbreak and\nsoft.", "Hard<br>break and soft."),
        ("- item that\n  wraps\n- next item\n", "- item that wraps\n- next item\n"),
        ("1. first\n2. second\n", "1. first\n2. second\n"),
        ("> quoted\n> text\n>\n> second\n", "> quoted text\n>\n> second\n"),
        ("> quote\nlazy line\n", "> quote\nlazy line\n"),
        ("Text\n# Heading\nmore\n", "Text\n# Heading\nmore\n"),
        ("Title\nwrapped\n=====\n", "Title\nwrapped\n=====\n"),
        ("```py\na = 1\nb = 2\n```\n", "```py\na = 1\nb = 2\n```\n"),
        ("Para\n```\nx\ny\n```\n", "Para\n```\nx\ny\n```\n"),
        ("    code\n    more\n", "    code\n    more\n"),
        ("- item\n\n    its second\n    paragraph\n", "- item\n\n    its second paragraph\n"),
        (
            "- item\n\n        code in\n        the item\n",
            "- item\n\n        code in\n        the item\n",
        ),
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"),
        ("<div>\nraw\nhtml\n</div>\n", "<div>\nraw\nhtml\n</div>\n"),
        ("See [x].\n[x]: https://e.example\n", "See [x].\n[x]: https://e.example\n"),
        ("Note[^1]\nhere.\n\n[^1]: a\n", "Note[^1] here.\n\n[^1]: a\n"),
        ("Paragraph\n{: .lead }\n", "Paragraph\n{: .lead }\n"),
        ("Term\n: definition\n", "Term\n: definition\n"),
        ("above\n***\nbelow\n", "above\n***\nbelow\n"),
        ("- a\n\n  ```\n  code\n  lines\n  ```\n", "- a\n\n  ```\n  code\n  lines\n  ```\n"),
        ("> ```\n> code\n> lines\n> ```\n", "> ```\n> code\n> lines\n> ```\n"),
        ("crlf\r\nline\r\n", "crlf line\n"),
        # Indented code after a fenced block: the fence ends the list before it.
        (
            "- a\n\n```\nx\n```\n\n    code\n    more\n",
            "- a\n\n```\nx\n```\n\n    code\n    more\n",
        ),
        ("- a\n```\nx\n```\n    code\n    more\n", "- a\n```\nx\n```\n    code\n    more\n"),
        # Indented code in a quote, and a quote in a list item.
        ("> text\n>\n>     code\n>     more\n", "> text\n>\n>     code\n>     more\n"),
        ("- a\n\n    > q\n    > r\n", "- a\n\n    > q r\n"),
        # A paragraph of an item after code in the item, and of a nested item.
        (
            "- a\n\n        code\n        more\n\n    para\n    more\n",
            "- a\n\n        code\n        more\n\n    para more\n",
        ),
        (
            "1. a\n\n    - b\n\n        para\n        more\n",
            "1. a\n\n    - b\n\n        para more\n",
        ),
        (
            "- a\n\n    - b\n\n            code\n            more\n",
            "- a\n\n    - b\n\n            code\n            more\n",
        ),
    ],
)
def test_join_soft_breaks(source: str, expected: str) -> None:
    assert join_soft_breaks(source) == expected


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.md")))
def test_corpus_previews_the_same_and_has_no_soft_breaks_left(name: str) -> None:
    body = Post.parse((CORPUS / name).read_text(encoding="utf-8-sig")).body
    same_preview(body)
    assert paragraph_breaks(join_soft_breaks(body)) == []


words = st.lists(st.sampled_from(["tide", "*mud*", "`x`", "harbour", "[a](b)", "boat"]), min_size=1)
line = words.map(" ".join)
paragraph = st.lists(line, min_size=1, max_size=5).map("\n".join)
block = st.one_of(
    paragraph,
    paragraph.map(lambda p: "- " + p.replace("\n", "\n  ")),
    paragraph.map(lambda p: "> " + p.replace("\n", "\n> ")),
    st.lists(line, min_size=1, max_size=3).map(lambda ls: "```\n" + "\n".join(ls) + "\n```"),
    st.lists(line, min_size=1, max_size=3).map(lambda ls: "".join("    " + x + "\n" for x in ls)),
    line.map(lambda t: "## " + t),
    # Read by what comes before: code after a paragraph, the text of a list item after a list.
    st.lists(line, min_size=1, max_size=3).map(lambda ls: "".join(">     " + x + "\n" for x in ls)),
    paragraph.map(lambda p: "- tide\n    - " + p.replace("\n", "\n      ")),
    st.lists(line, min_size=1, max_size=3).map(lambda ls: "".join(" " * 8 + x + "\n" for x in ls)),
    paragraph.map(lambda p: "    > " + p.replace("\n", "\n    > ")),
    st.lists(line, min_size=2, max_size=3).map(lambda ls: "  \n".join(ls)),
)


# make fuzz: the indented code after a fenced block was read as the list item's paragraph
@example("tide\n\n- tide\n\n```\ntide\n```\n\n    tide\n    tide\n")
@given(st.lists(block, min_size=1, max_size=6).map("\n\n".join))
def test_joined_text_previews_the_same_and_flows(source: str) -> None:
    same_preview(source)
    assert paragraph_breaks(join_soft_breaks(source)) == []
