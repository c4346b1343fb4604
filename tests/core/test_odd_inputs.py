"""Big and odd inputs: render() and html_to_markdown() stay fast and bounded (render/limits.py).

The timeouts are generous for a loaded CI machine (each case takes well under a second to a
few seconds here, docs/performance.md) but fail a run that takes minutes, as these inputs did
before the limits.
"""

from __future__ import annotations

import pytest

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.render.limits import MAX_DEPTH, MAX_INLINE_TEXT, MAX_POST_CHARS
from blogdesk.core.render.rendering import IncrementalRenderer, RenderError, render


def nested_list(levels: int) -> str:
    return "".join("    " * i + f"- level {i}\n" for i in range(levels))


@pytest.mark.timeout(20)
def test_a_list_thousands_of_levels_deep_renders_fifty() -> None:
    # Before the cap: 36 s and 760 MB for 1,000 levels, then a RenderError.
    html = render(nested_list(1_200)).html  # 2.9 million characters
    assert html.count("<ul>") == MAX_DEPTH
    assert "level 1199" in html  # deeper levels are text in the 50th, not lost
    assert "- level 1199" in html


def test_nesting_up_to_the_cap_is_untouched() -> None:
    html = render(nested_list(MAX_DEPTH)).html
    assert html.count("<ul>") == MAX_DEPTH
    assert "- level" not in html


@pytest.mark.timeout(20)
def test_quotes_thousands_of_levels_deep() -> None:
    html = render(">" * 5_000 + " deep\n").html
    assert html.count("<blockquote>") == MAX_DEPTH
    assert "deep" in html
    # One line quoted one level deeper than the last, 1,500 times (63 s and 2.3 GB for 3,000).
    html = render("".join(">" * i + f" line {i}\n" for i in range(1, 1_500))).html
    assert html.count("<blockquote>") == MAX_DEPTH
    assert "line 1499" in html


def test_fenced_code_keeps_deep_indentation() -> None:
    code = " " * 300 + "- not a list, code"
    html = render(f"```\n{code}\n```\n", options=None).html
    assert code in html


@pytest.mark.timeout(20)
def test_a_two_megabyte_line_renders_in_seconds() -> None:
    # Before: 91 s (inline patterns rebuild the paragraph's string at every match).
    line = "word *em* [link](https://example.com) " * (2 * 1024 * 1024 // 38)
    html = render(line + "\n").html
    assert html.startswith("<p>word *em* [link](https://example.com) word")  # shown as written


def test_a_long_paragraph_under_the_limit_keeps_its_markdown() -> None:
    text = "a *b* " * ((MAX_INLINE_TEXT - 100) // 6)
    assert "<em>b</em>" in render(text).html


@pytest.mark.timeout(20)
def test_a_fifty_megabyte_post_is_refused_with_a_reason() -> None:
    text = "A paragraph of a very long post.\n\n" * (50 * 1024 * 1024 // 34)
    with pytest.raises(RenderError, match="too long to render"):
        render(text)
    with pytest.raises(RenderError, match="too long to render"):
        IncrementalRenderer().render(text)
    render(text[: MAX_POST_CHARS // 50])  # a long post under the limit renders


@pytest.mark.timeout(60)
def test_incremental_matches_full_on_odd_inputs() -> None:
    docs = [
        "# Title\n\n" + nested_list(300) + "\nAfter.\n\n## More\n\nText.\n",
        "Intro\n\n" + ">" * 80 + " deep\n\n## Next\n\nText.\n",
        "Intro\n\n" + "x *y* " * (MAX_INLINE_TEXT // 5) + "\n\n## Next\n\n*z*\n",
    ]
    for doc in docs:
        assert IncrementalRenderer().render(doc).html == render(doc).html


@pytest.mark.timeout(60)
def test_converter_on_big_and_deep_html() -> None:
    paragraph = "<p>" + "word <em>em</em> <a href='https://e.x/'>link</a> " * 25_000 + "</p>"
    markdown = html_to_markdown(paragraph)  # 1 MB: seconds, not minutes
    assert markdown.startswith("word *em* [link](https://e.x/) word")
    deep = "<ul><li>x" * 3_000 + "</li></ul>" * 3_000
    assert "x" in html_to_markdown(deep)
    quotes = "<blockquote>" * 5_000 + "deep" + "</blockquote>" * 5_000
    assert "deep" in html_to_markdown(quotes)
