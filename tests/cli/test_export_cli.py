"""`blogdesk export` as a user runs it: HTML, Word and PDF (a real process, Qt offscreen, printed
by QtWebEngine and read back with pdftotext), one post to a file, several to a folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from blogdesk.cli import main

SAMPLE = """---
title: Export sample
tags: [show]
status: published
---

Intro paragraph with a footnote.[^1]

![A blue box](box.png)

| Name  | Value |
|-------|-------|
| alpha | 1     |

```python
def hello():
    return "world"
```

[^1]: The footnote text here.
"""
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    (root / "media").mkdir(parents=True)
    Image.new("RGB", (60, 30), "blue").save(root / "media" / "box.png")
    (root / "sample.md").write_text(SAMPLE, encoding="utf-8")
    (root / "draft.md").write_text("---\ntitle: A draft\nstatus: draft\n---\n\nDraft words.\n")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_html_to_a_file(lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "page.html"
    code, printed, _ = run(
        capsys, "--library", str(lib), "export", "sample.md", "--to", "html", "-o", str(out)
    )
    assert code == 0 and printed.strip() == str(out)
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    src = soup.find("img")["src"]
    assert src == "page_files/box.png" and (out.parent / src).is_file()  # from media/


def test_several_posts_go_into_a_folder(
    lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "exports"
    code, printed, _ = run(
        capsys, "--library", str(lib), "export", "--all", "--to", "docx", "-o", f"{folder}/"
    )
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["draft.docx", "sample.docx"]
    assert printed.split() == [str(folder / "draft.docx"), str(folder / "sample.docx")]
    with zipfile.ZipFile(folder / "sample.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert "Intro paragraph" in document and "alpha" in document and "footnote text" in document

    code, printed, _ = run(
        capsys,
        "--library",
        str(lib),
        "export",
        "--status",
        "draft",
        "--to",
        "html",
        "-o",
        str(tmp_path / "drafts"),
    )
    assert code == 0 and printed.split() == [str(tmp_path / "drafts" / "draft.html")]


def test_nothing_chosen_or_unknown_format(
    lib: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--library", str(lib), "export", "--to", "html", "-o", "x")
    assert code == 1 and "Name the posts to export" in err
    with pytest.raises(SystemExit):
        main(["--library", str(lib), "export", "sample.md", "--to", "odt", "-o", "x"])


def test_pdf_printed_by_the_preview_engine(lib: Path, tmp_path: Path) -> None:
    out = tmp_path / "sample.pdf"
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env.pop("QT_QPA_PLATFORM", None)  # as from a terminal without a display
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "blogdesk",
            "--library",
            str(lib),
            "export",
            "sample.md",
            "--to",
            "pdf",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("Export sample", "Intro paragraph", "alpha", 'return "world"', "footnote text"):
        assert words in text, words
    images = subprocess.run(
        ["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) > 2  # the image was printed, not a broken link
