"""Fuzz targets: hostile text into the renderer, the HTML converter and the post reader.

Derandomized by the "ci" profile; `make fuzz` (HYPOTHESIS_PROFILE=fuzz) draws many more. The
round-trip properties are in test_roundtrip.py, incremental == full on realistic documents in
test_incremental.py, value round trips of front matter in test_post_properties.py; this file
is about input no one would write on purpose.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.errors import BlogDeskError, PostFormatError
from blogdesk.core.library.library import Library
from blogdesk.core.post.post import Post, summarize
from blogdesk.core.render.rendering import IncrementalRenderer, RenderError, RenderOptions, render

# Markdown's and HTML's special characters, whitespace of every kind, and any other character.
_MARKUP = st.sampled_from(list("#*_`[]()<>!&;:|-+=~^{}.\\\"'\t\r\n \u00a0\u2028\ufeff\x00\x02\x03"))
_SNIPPETS = st.sampled_from(
    ["```", "~~~", "    ", "> ", "- ", "1. ", "[^1]", "[^1]: ", "[TOC]", "<div>", "</div>",
     '<div markdown="1">', "<!--", "-->", "<![CDATA[", "*[", "]: ", "{: ", "{#", "| --- |", ": ",
     "&#1", "&amp", "\n\n", "<pre>", "<script>", "—", "\u200b"]
)  # fmt: skip
_HOSTILE = st.lists(_MARKUP | _SNIPPETS | st.characters(), max_size=60).map("".join)
_OPTIONS = st.sampled_from([RenderOptions(), RenderOptions(False, False, False)])


@example("[^1]: a\n    b\n<!-- c -->\n\n# d", RenderOptions())
@example("- " * 2_000 + "x", RenderOptions())
@given(_HOSTILE, _OPTIONS)
def test_render_takes_any_text(text: str, options: RenderOptions) -> None:
    try:
        html = render(text, options).html
    except RenderError:  # the documented failure (docs/rendering.md); never anything else
        return
    assert isinstance(html, str)
    # And the live preview shows the same, for any text.
    assert IncrementalRenderer(options).render(text).html == html


@example("\ud800")  # found by `make fuzz`: a lone surrogate (a broken clipboard) crashed bs4
@given(_HOSTILE)
def test_html_to_markdown_takes_any_text(html: str) -> None:
    markdown = html_to_markdown(html)
    assert markdown == "" or markdown.endswith("\n")
    html_to_markdown(html, wordpress=True, base_url="https://blog.example/a/")


# -- front matter ------------------------------------------------------------------------------

_YAML_BITS = st.sampled_from(
    ["title: x", "date: 2024-13-45", "tags: [a, b", "- x", ": :", "key: 'open", "&a x", "*a",
     "!!python/object:os.system x", "? complex", "\t", "  nested: 1", "title: |", "{", "}",
     "%YAML 9", "<<: *b", "x: !!binary abc", "...", "---"]
)  # fmt: skip
_TOML_BITS = st.sampled_from(
    ['title = "x"', "date = 2024-13-45", "tags = [1, 'a'", "[table", "[[a]]", "x = ", '"""',
     "x = 1979-05-27T07:32:00Z", "a.b.c = 1", "= 1", "title = 'a", "[blogdesk]", "x = inf"]
)  # fmt: skip


@st.composite
def post_files(draw: st.DrawFn) -> bytes:
    toml = draw(st.booleans())
    fence = "+++" if toml else "---"
    bits = _TOML_BITS if toml else _YAML_BITS
    lines = draw(st.lists(bits | _HOSTILE, max_size=6))
    body = draw(_HOSTILE)
    text = f"{fence}\n" + "\n".join(lines) + f"\n{fence}\n{body}"
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):  # now and then, bytes that are not UTF-8 at all
        data = data.replace(b"x", b"\xff\xfe", 1)
    return data


@example(b"+++\ntags = [1, 'a'\n+++\n")  # found by `make fuzz`: TOML "at end of document", no line
@given(post_files())
def test_reading_a_post_raises_only_post_format_errors_naming_the_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.md"
        path.write_bytes(data)
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
        try:
            post = Post.load(path)
        except PostFormatError as exc:
            assert exc.path == path, exc
            assert str(path) in str(exc)
            if _is_utf8(data) and not isinstance(exc.__cause__, UnicodeError):
                # A front matter error says where: its line in the file.
                assert exc.line is not None and exc.line >= 1, exc
        else:
            try:
                render(post.body)
            except RenderError:
                pass
        try:
            summarize(data.decode("utf-8"), "post.md")
        except (PostFormatError, UnicodeDecodeError):
            pass
        # Reading, summarizing and rendering never write the file.
        assert path.read_bytes() == data
        assert path.stat().st_mtime_ns == 1_000_000_000


@given(st.lists(post_files(), min_size=1, max_size=3))
def test_indexing_a_library_of_broken_posts_never_changes_them(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = []
        for i, data in enumerate(files):
            path = root / f"post-{i}.md"
            path.write_bytes(data)
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
            paths.append(path)
        library = Library.open(root)
        try:
            library.posts()
            library.problems()
        except BlogDeskError:
            pass
        finally:
            library.close()
        for path, data in zip(paths, files, strict=True):
            assert path.read_bytes() == data
            assert path.stat().st_mtime_ns == 1_000_000_000


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
