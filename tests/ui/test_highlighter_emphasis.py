"""Emphasis in the editor's highlighter stops where Markdown's does: never opened or closed inside
an HTML tag, a code span, a URL or a link destination, and never across lines (blocks)."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QFont, QTextDocument

from blogdesk.ui.editor.highlighter import MarkdownHighlighter


def _bold_spans(text: str) -> list[list[str]]:
    """For each line of `text`, the runs of it the real highlighter formats bold."""
    document = QTextDocument()
    document.setPlainText(text)
    MarkdownHighlighter(document, dark=False)
    found = []
    for number in range(document.blockCount()):
        block = document.findBlockByNumber(number)
        bold = [False] * len(block.text())
        for r in block.layout().formats():
            if r.format.fontWeight() == QFont.Weight.Bold:
                bold[r.start : r.start + r.length] = [True] * r.length
        runs = "".join(c if b else "\0" for c, b in zip(block.text(), bold, strict=True))
        found.append([run for run in runs.split("\0") if run])
    return found


def test_underscores_in_html_attributes_make_nothing_bold(qapp) -> None:
    # The report: BEM class names ("item__caption") in a figure's markup.
    text = (
        '<figure class="item__figure">\n'
        '<img src="cat__1.png" alt="cat"><figcaption class="item__caption">A cat</figcaption>\n'
        "</figure>\n"
        "\n"
        "The paragraph after the figure.\n"
        "And one more line.\n"
    )
    assert _bold_spans(text) == [[]] * 7  # six lines and the empty one after the last newline


@pytest.mark.parametrize(
    "line",
    [
        'Two tags: <span class="a__b">x</span> and <span class="c__d">y</span> end',
        "Code: `a__b` then `c__d` end",
        "A URL https://example.com/a__b__c/ and __ text",
        "A link [here](https://example.com/x__y) and [there](/p__q) end",
        "A word snake__case__name is not bold",
        "<!-- a__b --> comment <!-- c__d -->",
        'Stars in a tag <x-el data-a="**">y</x-el> and <x-el data-b="**">z</x-el>',
    ],
)
def test_emphasis_does_not_open_inside_tags_code_or_urls(qapp, line: str) -> None:
    assert _bold_spans(line) == [[]]


def test_strong_does_not_run_across_lines(qapp) -> None:
    assert _bold_spans("__opened here\nand closed here__\nafter") == [[], [], []]
    assert _bold_spans("**opened here\n\nclosed here**") == [[], [], []]


def test_real_strong_text_is_still_bold(qapp) -> None:
    text = (
        '<span class="a__b">tag</span> then __strong__ words\n'
        "**around <b>html</b> and https://example.com/** too\n"
        "A [link](/a__b) then **bold** after"
    )
    assert _bold_spans(text) == [
        ["__strong__"],
        # The URL inside wears the link format; the "**" after it is the bold's closing one.
        ["**around <b>html</b> and ", "**"],
        ["**bold**"],
    ]
