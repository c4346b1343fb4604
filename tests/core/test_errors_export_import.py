"""What a person is told when an export cannot be written or pandoc fails, and when the file
given to the WordPress import is no export at all: `blogdesk export` and `blogdesk import` run as
a user runs them, with the real pandoc."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.cli_failure import failed

from blogdesk.core.export import docx

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="needs pandoc")


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    root.mkdir()
    (root / "walk.md").write_text("---\ntitle: Harbour walk\n---\n\nThe boats were red.\n")
    return root


@pytest.mark.parametrize("fmt", ["html", pytest.param("docx", marks=needs_pandoc)])
def test_an_export_into_a_file_instead_of_a_folder(
    fmt: str, lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "exports").write_text("a file where a folder was meant\n")
    out = tmp_path / "exports" / f"walk.{fmt}"
    err = failed(capsys, "--library", str(lib), "export", "walk.md", "--to", fmt, "-o", str(out))
    assert f"Cannot write {out}: " in err


@needs_pandoc
def test_word_export_onto_a_full_disk(lib: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full (a device that is always full)")
    err = failed(
        capsys, "--library", str(lib), "export", "walk.md", "--to", "docx", "-o", "/dev/full"
    )
    assert "pandoc could not make the Word document: " in err
    assert "No space left on device" in err


@needs_pandoc
def test_word_export_that_takes_too_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>" + "words " * 200_000 + "</p></body></html>")
    monkeypatch.setattr(docx, "TIMEOUT_S", 0.05)  # pandoc needs far more for a page this long
    out = tmp_path / "walk.docx"
    with pytest.raises(docx.ExportError) as caught:
        docx.html_to_docx(page, out)
    assert str(caught.value) == "pandoc took longer than 0 s; nothing was written."
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # its scratch file is gone


def test_importing_a_file_that_is_no_xml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "export.xml"
    text.write_text("These are my notes, not a WordPress export.\n")
    err = failed(capsys, "--library", str(tmp_path / "lib"), "import", "wxr", str(text))
    assert "This file holds no XML element: it is not a WordPress export." in err
