"""The library commands on a read-only library, on a full disk and on odd file names."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from tests.disk_faults import read_only, small_disk

from blogdesk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _write(path: Path, title: str, body: str) -> None:
    path.write_text(f"---\ntitle: {title}\n---\n\n{body}\n", encoding="utf-8")


def test_a_read_only_library_lists_searches_and_renders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "library"
    lib.mkdir()
    _write(lib / "rivers.md", "Rivers", "About *rivers* and lakes.")
    with read_only(lib) as how:
        code, out, err = run(capsys, "--library", str(lib), "list")
        assert (code, err) == (0, "")
        assert "Rivers  (rivers.md)" in out
        code, out, _ = run(capsys, "--library", str(lib), "search", "lakes")
        assert code == 0 and out.startswith("Rivers  (rivers.md)")
        code, out, _ = run(capsys, "--library", str(lib), "render", "rivers.md")
        assert code == 0 and "<em>rivers</em>" in out
        code, out, err = run(capsys, "--library", str(lib), "new", "Another")
        reason = "the disk is read-only" if how == "mount" else "no permission to write"
        assert code == 1 and out == ""
        assert err.startswith("blogdesk: Could not save another.md: ") and reason in err
        assert "Nothing was written" in err
    assert sorted(os.listdir(lib)) == ["rivers.md"]  # not even .blogdesk/ was made


def test_new_on_a_full_disk_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with small_disk(tmp_path / "disk") as disk:
        lib = disk.root / "library"
        run(capsys, "--library", str(lib), "list")  # makes the library and its index
        with disk.full():
            code, out, err = run(capsys, "--library", str(lib), "new", "Full")
        assert code == 1 and out == ""
        if disk.real:  # SQLite cannot even open its index (it writes when it opens)
            assert err == (
                f"blogdesk: Cannot open the library index in {lib / '.blogdesk'}: "
                "the disk is full; free some space and try again\n"
            )
        else:  # only the post file's own writes fail
            assert "Could not save full.md: the disk is full." in err
        assert not (lib / "full.md").exists()
        assert run(capsys, "--library", str(lib), "new", "Full")[0] == 0  # room again


def test_odd_names_print_on_one_line_and_undecodable_ones_are_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "library"
    lib.mkdir()
    _write(lib / "two\nlines\x1b[31m.md", "Two lines", "One file.")
    nfd = unicodedata.normalize("NFD", "café.md")
    _write(lib / nfd, "Café", "Coffee.")
    with open(os.fsencode(lib) + b"/caf\xe9-old.md", "wb") as handle:
        handle.write(b"---\ntitle: Old\n---\n")
    code, out, err = run(capsys, "--library", str(lib), "list", "--sort", "title")
    assert code == 0
    assert out.splitlines()[1].endswith("Two lines  (two\\nlines\\x1b[31m.md)")
    assert len(out.splitlines()) == 2
    assert err == (
        "warning: caf\\xe9-old.md: the file name is not valid UTF-8 (it was probably made on "
        "another system); rename the file to read it as a post\n"
    )
    typed = unicodedata.normalize("NFC", nfd)  # as a Linux keyboard types it
    code, out, _ = run(capsys, "--library", str(lib), "show", typed)
    assert code == 0 and "title: Café" in out
