"""The PDF export's errors, met the way an author meets them: the real QtWebEngine page printing
a real exported page (offscreen), into a folder it cannot write, twice at once, or too slowly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from blogdesk.core.export.page import ExportError
from blogdesk.ui.export import pdf
from blogdesk.ui.export.pdf import PdfPrinter, print_pdf


@pytest.fixture
def page(tmp_path: Path) -> Path:
    html = tmp_path / "post.html"
    html.write_text(
        "<!doctype html><meta charset=utf-8><title>Post</title><h1>Harbour walk</h1>"
        "<p>The boats were red.</p>",
        encoding="utf-8",
    )
    return html


def test_a_pdf_is_written(qapp: Any, page: Path, tmp_path: Path) -> None:
    out = print_pdf(page, tmp_path / "post.pdf")
    assert out.read_bytes().startswith(b"%PDF")


def test_a_folder_that_is_not_there_is_a_clear_error(qapp: Any, page: Path, tmp_path: Path):
    target = tmp_path / "gone" / "post.pdf"
    with pytest.raises(ExportError) as info:
        print_pdf(page, target)
    assert str(info.value) == f"The PDF could not be written to {target}."
    assert not target.exists()


def test_a_second_pdf_waits_for_the_first(qapp: Any, qtbot: Any, page: Path, tmp_path: Path):
    printer = PdfPrinter()
    try:
        with qtbot.waitSignal(printer.finished, timeout=30_000) as done:
            printer.print_page(page, tmp_path / "one.pdf")
            with pytest.raises(ExportError) as info:
                printer.print_page(page, tmp_path / "two.pdf")
            assert str(info.value) == "A PDF is being made already; wait for it to finish."
        assert done.args == [str(tmp_path / "one.pdf"), True]
        assert not (tmp_path / "two.pdf").exists()
    finally:
        printer.close()


def test_a_pdf_that_takes_too_long_is_given_up(
    qapp: Any, page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit is 60 s; a limit of 0 s meets the same path without waiting a minute.
    monkeypatch.setattr(pdf, "TIMEOUT_S", 0.0)
    with pytest.raises(ExportError) as info:
        print_pdf(page, tmp_path / "slow.pdf")
    assert str(info.value) == "The PDF was not made within 0 s."
