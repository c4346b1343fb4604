"""The editor's highlighter, the outline and the post title agree on which lines are headings:
all three read Markdown lines through core.render.lines, the grammar of the renderer."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QTextDocument

from blogdesk.core.post.rules import first_heading
from blogdesk.core.render.rendering import render
from blogdesk.ui.editor.highlighter import MarkdownHighlighter

# (document, the lines that are ATX headings). Setext headings are left out: the highlighter
# colours only their underline (a line's colour cannot depend on the line typed below it).
CASES = [
    ("#hashtag\n\ntext\n", [0]),  # no space after "#": a heading all the same
    ("####### seven\n", [0]),  # an h6 whose text starts with "#"
    ("# Closing #\n\n## C# and F#\n", [0, 2]),
    (" # one space\n\n   # three\n", []),  # indented: paragraphs
    ("    # code\n", []),
    ("```\n# in a fence\n```\n\n# after\n", [4]),
    ("````\n# x\n```\n# still fenced\n````\n# out\n", [5]),  # only the same fence closes
    (" ```\n# x\n ```\n", [1]),  # an indented fence is no fence
    ("```py thon\n# x\n```\n", [1]),  # nor one with a two-word language
    ("para\n# mid-paragraph\n", [1]),
]


def _heading_lines(text: str) -> list[int]:
    """Lines the highlighter formats as headings (bold, in the heading colour)."""
    document = QTextDocument()
    document.setPlainText(text)
    highlighter = MarkdownHighlighter(document, dark=False)
    colour = highlighter.f_heading.foreground().color()
    found = []
    for number in range(document.blockCount()):
        formats = document.findBlockByNumber(number).layout().formats()
        if any(r.format.foreground().color() == colour for r in formats):
            found.append(number)
    return found


@pytest.mark.parametrize(("text", "lines"), CASES)
def test_highlighter_outline_and_title_agree(qapp, text: str, lines: list[int]) -> None:
    assert _heading_lines(text) == lines
    rendered = render(text)
    assert [h.line for h in rendered.outline] == lines
    expected_title = rendered.outline[0].text if rendered.outline else None
    assert first_heading(text) == expected_title


def test_setext_underline_is_marked_where_the_outline_has_a_heading(qapp) -> None:
    text = "Title\n=====\n\nSub\n---\n"
    assert [(h.level, h.line) for h in render(text).outline] == [(1, 0), (2, 3)]
    assert first_heading(text) == "Title"
    document = QTextDocument()
    document.setPlainText(text)
    highlighter = MarkdownHighlighter(document, dark=False)
    marker = highlighter.f_marker.foreground().color()
    for underline in (1, 4):
        formats = document.findBlockByNumber(underline).layout().formats()
        assert [r.format.foreground().color() for r in formats] == [marker]
