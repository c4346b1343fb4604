"""A backslash at a line's end is a hard break, like two trailing spaces: in the published HTML,
the live preview and the way back from HTML."""

from __future__ import annotations

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.render.incremental import IncrementalRenderer
from blogdesk.core.render.rendering import RenderOptions, render

POEM = "Roses are red,\\\nviolets are blue,  \nsugar is sweet.\n"


def test_a_backslash_before_the_newline_breaks_the_line_like_two_spaces() -> None:
    assert render(POEM).html == "<p>Roses are red,<br>\nviolets are blue,<br>\nsugar is sweet.</p>"


def test_code_keeps_its_backslashes() -> None:
    html = render("`a\\` then\n\n    path\\\n    more\n").html
    assert "<br" not in html
    assert "<code>a\\</code>" in html and "path\\\n" in html


def test_a_backslash_that_ends_the_paragraph_stays_text() -> None:
    assert render("Costs 5\\\n\nNext.\n").html.startswith("<p>Costs 5\\</p>")


def test_the_preview_renders_the_same() -> None:
    for options in (RenderOptions(), RenderOptions(smart_quotes=False)):
        assert IncrementalRenderer(options).render(POEM).html == render(POEM, options).html


def test_the_break_survives_the_way_back_from_html() -> None:
    html = render(POEM).html
    assert render(html_to_markdown(html)).html == html
