"""File ▸ Export… in the real window: the open post as a PDF (printed by the preview's engine) and
as a web page, the file dialog's type choosing the format."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from PySide6.QtWidgets import QFileDialog

from blogdesk.ui.export.action import FILTERS, Exporter

POST = (
    "---\ntitle: Window export\n---\n\nA paragraph to print.[^1]\n\n![A green box](box.png)\n\n"
    "| a | b |\n|---|---|\n| cell one | cell two |\n\n```\ncode line\n```\n\n[^1]: A footnote.\n"
)


def export_via_menu(
    qtbot: Any, desk: Any, monkeypatch: pytest.MonkeyPatch, out: Path, fmt: str
) -> Exporter:
    chosen = dict(FILTERS)[fmt]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), chosen))
    )
    action = desk.window.menus.actions["export"]
    file_menu = desk.window.menuBar().actions()[0].menu()
    assert action in file_menu.actions() and action.text() == "&Export…"
    action.trigger()
    exporter = desk.window.menus.exporter
    assert isinstance(exporter, Exporter)
    return exporter


def test_export_pdf_and_html_from_the_file_menu(
    qtbot: Any, tmp_path: Path, make_desk: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "library"
    root.mkdir()
    Image.new("RGB", (80, 40), "green").save(root / "box.png")
    post = root / "window-export.md"
    post.write_text(POST, encoding="utf-8")
    desk = make_desk(root, [post])
    qtbot.waitUntil(lambda: desk.window.documents.doc is not None, timeout=5000)

    pdf = tmp_path / "out" / "export.pdf"
    pdf.parent.mkdir()
    exporter = Exporter(desk.window)  # made by the first use of the menu below
    with qtbot.waitSignal(exporter.exported, timeout=60_000) as done:
        desk.window.menus.exporter = exporter
        export_via_menu(qtbot, desk, monkeypatch, pdf, "pdf")
    assert done.args == [str(pdf)]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for words in ("Window export", "A paragraph to print.", "cell two", "code line", "A footnote"):
        assert words in text, words

    page = tmp_path / "out" / "export"  # no suffix typed: the format's is added
    with qtbot.waitSignal(exporter.exported, timeout=30_000) as done:
        export_via_menu(qtbot, desk, monkeypatch, page, "html")
    written = Path(done.args[0])
    assert written.name == "export.html"
    assert (written.parent / "export_files" / "box.png").is_file()
    assert "A paragraph to print." in written.read_text(encoding="utf-8")
