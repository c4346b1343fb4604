"""Titles → file names: readable in any script, valid everywhere, unique, bounded."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogdesk.core.errors import LibraryError
from blogdesk.core.post.naming import (
    MAX_STEM_BYTES,
    check_file_name,
    title_to_stem,
    unique_name,
)

FORBIDDEN = set('<>:"/\\|?*')
RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(10)),
    *(f"lpt{n}" for n in range(10)),
}


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ("Hello, World!", "hello-world"),
        ("Привет, мир", "привет-мир"),
        ("日本語のタイトル", "日本語のタイトル"),
        ("Ça va? Très bien", "ça-va-très-bien"),
        ("Don't panic", "dont-panic"),
        ("  ...leading dots and trailing...  ", "leading-dots-and-trailing"),
        ('a<b>c:d"e/f\\g|h?i*j', "a-b-c-d-e-f-g-h-i-j"),
        ("CON", "con-post"),
        ("lpt1", "lpt1-post"),
        ("", "untitled"),
        ("!!!", "untitled"),
        ("Python 3.12 — what's new", "python-3-12-whats-new"),
    ],
)
def test_title_to_stem_examples(title: str, stem: str) -> None:
    assert title_to_stem(title) == stem


def test_long_cjk_title_is_cut_on_a_character_boundary() -> None:
    stem = title_to_stem("漢" * 200)
    assert stem == "漢" * (MAX_STEM_BYTES // 3)
    assert len(stem.encode()) <= MAX_STEM_BYTES


def test_unique_name_counts_up_and_ignores_case_and_suffix() -> None:
    existing = ["Hello.markdown", "hello-2.MD", "notes.txt", "hello-3.png"]
    assert unique_name("hello", ".md", existing) == "hello-3.md"
    assert unique_name("notes", ".md", existing) == "notes.md"


def test_unique_name_keeps_the_counter_within_the_byte_bound() -> None:
    stem = "я" * (MAX_STEM_BYTES // 2)
    name = unique_name(stem, ".md", [stem + ".md"])
    assert name.endswith("-2.md")
    assert len(name[: -len(".md")].encode()) <= MAX_STEM_BYTES


@pytest.mark.parametrize(
    "bad",
    ["", "  ", "a/b.md", "a\\b.md", "what?.md", "x\x00.md", ".hidden.md", "dot.", "con.md", "Aux"],
)
def test_check_file_name_refuses_bad_names(bad: str) -> None:
    with pytest.raises(LibraryError, match="cannot be used as a file name"):
        check_file_name(bad)


def test_check_file_name_accepts_unicode() -> None:
    assert check_file_name("привет мир.md") == "привет мир.md"


# UTF-8 cannot encode lone surrogates, so none are drawn.
titles = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


def _assert_valid(stem: str) -> None:
    assert stem
    assert stem == stem.lower()
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert not (set(stem) & FORBIDDEN)
    assert all(unicodedata.category(c)[0] != "C" for c in stem)
    assert not stem.startswith(("-", ".")) and not stem.endswith(("-", ".", " "))
    assert stem.split(".")[0] not in RESERVED
    assert unicodedata.is_normalized("NFC", stem)
    check_file_name(stem + ".md")


@given(titles)
def test_any_title_gives_a_valid_bounded_stem(title: str) -> None:
    _assert_valid(title_to_stem(title))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(st.lists(titles, min_size=1, max_size=12))
def test_names_stay_unique_and_can_be_created(tmp_path: Path, batch: list[str]) -> None:
    folder = tmp_path / f"run-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    existing: list[str] = []
    for title in batch:
        name = unique_name(title_to_stem(title), ".md", existing)
        _assert_valid(name[: -len(".md")])
        assert name.casefold() not in {n.casefold() for n in existing}
        (folder / name).write_text(title, encoding="utf-8")  # a real file system accepts it
        existing.append(name)
    assert len(list(folder.iterdir())) == len(batch)
