"""Export without Qt: the standalone HTML page and the Word document, from a real post with an
image, a table, code and a footnote."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from blogdesk.core.export import (
    ExportError,
    PandocMissingError,
    export_post,
    standalone_page,
    write_html,
)
from blogdesk.core.post.post import Post

SAMPLE = """---
title: Export sample
---

Intro paragraph with a footnote.[^1]

![A blue box](media/box.png)

| Name  | Value |
|-------|-------|
| alpha | 1     |
| beta  | 2     |

```python
def hello():
    return "world"
```

See ![Remote](https://example.org/r.png) and ![Missing](nowhere.png).

[^1]: The footnote text here.
"""


@pytest.fixture
def post(tmp_path: Path) -> tuple[Post, Path]:
    folder = tmp_path / "library"
    (folder / "media").mkdir(parents=True)
    Image.new("RGB", (40, 20), "blue").save(folder / "media" / "box.png")
    path = folder / "sample.md"
    path.write_text(SAMPLE, encoding="utf-8")
    return Post.load(path), folder


def resolver(folder: Path):  # type: ignore[no-untyped-def]
    def resolve(ref: str) -> Path | None:
        found = folder / ref
        return found if found.is_file() else None

    return resolve


def test_html_page_opens_with_its_images_beside_it(post: tuple[Post, Path], tmp_path: Path) -> None:
    p, folder = post
    out = write_html(p, tmp_path / "out" / "sample.html", resolver(folder))
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    assert soup.title is not None and soup.title.string == "Export sample"
    assert soup.find("h1").get_text() == "Export sample"  # the title, on the page
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"].startswith(
        "default-src 'none'; script-src 'none'"
    )
    assert "max-width" in soup.find("style").get_text()  # the preview's CSS
    images = {img["alt"]: img["src"] for img in soup.find_all("img")}
    assert images["A blue box"] == "sample_files/box.png"
    assert (out.parent / images["A blue box"]).read_bytes() == (
        folder / "media" / "box.png"
    ).read_bytes()
    assert images["Remote"] == "https://example.org/r.png"  # the web stays the web
    assert images["Missing"] == "nowhere.png"  # kept as written (the checklist reports it)
    cells = [td.get_text(strip=True) for td in soup.find_all("td")]
    assert cells == ["alpha", "1", "beta", "2"]
    assert 'return "world"' in soup.find("div", class_="codehilite").get_text()
    assert "The footnote text here." in soup.find("div", class_="footnote").get_text()
    assert not soup.find_all("script")


def test_inline_images_make_one_file(post: tuple[Post, Path], tmp_path: Path) -> None:
    p, folder = post
    out = write_html(p, tmp_path / "one.html", resolver(folder), inline=True)
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    src = soup.find("img", alt="A blue box")["src"]
    assert src.startswith("data:image/png;base64,")
    assert not (tmp_path / "one_files").exists()


def test_same_names_in_two_folders_do_not_overwrite_each_other(tmp_path: Path) -> None:
    for sub, colour in (("a", "red"), ("b", "green")):
        (tmp_path / sub).mkdir()
        Image.new("RGB", (4, 4), colour).save(tmp_path / sub / "pic.png")
    p = Post.parse(
        "---\ntitle: T\n---\n\n![one](a/pic.png) ![two](b/pic.png) ![again](a/pic.png)\n"
    )
    page = standalone_page(p, resolver(tmp_path), files_dir="T_files")
    assert [name for _src, name in page.files] == ["pic.png", "pic-2.png"]
    assert page.html.count('src="T_files/pic.png"') == 2


def test_an_unknown_style_or_format_is_refused(post: tuple[Post, Path], tmp_path: Path) -> None:
    p, folder = post
    with pytest.raises(ExportError, match="no export style 'fancy'"):
        write_html(p, tmp_path / "x.html", resolver(folder), style="fancy")
    with pytest.raises(ExportError, match="cannot export to 'odt'"):
        export_post(p, "odt", tmp_path / "x.odt", resolver(folder))


def test_word_document_by_pandoc(post: tuple[Post, Path], tmp_path: Path) -> None:
    p, folder = post
    out = export_post(p, "docx", tmp_path / "sample.docx", resolver(folder))
    with zipfile.ZipFile(out) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
        media = [n for n in docx.namelist() if n.startswith("word/media/")]
    for text in ("Export sample", "Intro paragraph", "alpha", "beta", "hello", "footnote text"):
        assert text in document, text
    assert "<w:tbl>" in document  # a real Word table
    assert "↩" not in document  # the footnote's way back means nothing on paper
    assert len(media) == 1  # the image is inside the document


def test_without_pandoc_the_message_says_how_to_get_it(
    post: tuple[Post, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    p, folder = post
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(PandocMissingError, match="apt-get install pandoc"):
        export_post(p, "docx", tmp_path / "sample.docx", resolver(folder))
    assert not (tmp_path / "sample.docx").exists()


def test_pdf_needs_the_engine_given_by_the_caller(post: tuple[Post, Path], tmp_path: Path) -> None:
    p, folder = post
    with pytest.raises(ExportError, match="preview's engine"):
        export_post(p, "pdf", tmp_path / "x.pdf", resolver(folder))
    seen: list[str] = []

    def fake_print(page: Path, out: Path) -> Path:
        seen.append(page.read_text(encoding="utf-8"))
        assert (page.parent / "post_files" / "box.png").is_file()
        out.write_bytes(b"%PDF-1.4")
        return out

    export_post(p, "pdf", tmp_path / "x.pdf", resolver(folder), print_pdf=fake_print)
    assert "Export sample" in seen[0] and (tmp_path / "x.pdf").is_file()
