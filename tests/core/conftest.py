"""Fixtures for the post format tests: the corpus of realistic post files and a line differ."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.md"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Any test that asks for `corpus_file` runs once per file of the corpus.
    if "corpus_file" in metafunc.fixturenames:
        files = corpus_files()
        metafunc.parametrize("corpus_file", files, ids=[path.name for path in files])


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy one corpus file into tmp_path (byte for byte) and return the copy's path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        target.write_bytes((CORPUS / name).read_bytes())
        return target

    return copy


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines only in `old` and the lines only in `new` (each keeping its line ending)."""
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            removed.extend(old_lines[a1:a2])
            added.extend(new_lines[b1:b2])
    return removed, added


@pytest.fixture
def line_diff() -> Callable[[str, str], tuple[list[str], list[str]]]:
    return changed_lines
