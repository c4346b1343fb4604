"""Inserting an image: a clean file name in media/ ("my pic (1).png" -> "my-pic-1.png", then
"my-pic-1-2.png"), the reference as a paragraph of its own, and the file dialog opening in the
post's folder (then the folder last used), never the process's working directory. (The image
dialog itself: test_image_dialog.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.ui.image_helpers import closed, image_dialog, press

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor

import blogdesk.ui.editor.editor as editor_module
from blogdesk.ui.editor.editor import MarkdownEditor, insert_paragraph
from blogdesk.ui.editor.insert.media_store import clean_file_name, store_media


@pytest.mark.parametrize(
    ("name", "clean"),
    [
        ("my pic (1).png", "my-pic-1.png"),
        ("photo of cat.png", "photo-of-cat.png"),
        ("my_holiday-photo.png", "my_holiday-photo.png"),
        ("  [draft] -- chart!!.jpeg", "draft-chart.jpeg"),
        ("привет мир (2).JPG", "привет-мир-2.JPG"),
        ("(((.png", "image.png"),
        ("pasted-image.png", "pasted-image.png"),
    ],
)
def test_clean_file_name(name: str, clean: str) -> None:
    assert clean_file_name(name) == clean


def test_stored_names_are_clean_and_never_overwrite(tmp_path: Path) -> None:
    post = tmp_path / "lib" / "post.md"
    media = tmp_path / "lib" / "media"
    source = tmp_path / "my pic (1).png"
    source.write_bytes(b"\x89PNG first")
    assert store_media(source, source.name, media, post) == "media/my-pic-1.png"
    assert store_media(b"\x89PNG second", source.name, media, post) == "media/my-pic-1-2.png"
    assert (media / "my-pic-1.png").read_bytes() == b"\x89PNG first"
    assert (media / "my-pic-1-2.png").read_bytes() == b"\x89PNG second"


IMG = "![i](m.png)"


@pytest.mark.parametrize(
    ("text", "at", "expected"),
    [
        ("", 0, IMG),
        ("Hello world", 6, f"Hello\n\n{IMG}\n\nworld"),
        ("Hello world", 11, f"Hello world\n\n{IMG}"),
        ("Hello world", 0, f"{IMG}\n\nHello world"),
        ("Look:\n", 6, f"Look:\n\n{IMG}"),
        ("Look:\n\nNext", 6, f"Look:\n\n{IMG}\n\nNext"),
        ("a\n   \nb", 4, f"a\n\n{IMG}\n\nb"),
        ("x\n\n\ny", 2, f"x\n\n{IMG}\n\ny"),
        ("Emoji 😀 here", 8, f"Emoji 😀\n\n{IMG}\n\nhere"),
    ],
)
def test_insert_paragraph(qtbot, text: str, at: int, expected: str) -> None:
    ed = MarkdownEditor(dark=False)
    qtbot.addWidget(ed)
    ed.setPlainText(text)
    cursor = ed.textCursor()
    cursor.setPosition(at)
    ed.setTextCursor(insert_paragraph(cursor, IMG))
    assert ed.toPlainText() == expected
    ed.undo()  # one undo step
    assert ed.toPlainText() == text


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    path = tmp_path / "pictures" / "my pic (1).png"
    path.parent.mkdir()
    assert image.save(str(path))
    return path


def describe(qtbot: Any, editor: MarkdownEditor, alt: str) -> None:
    dialog = image_dialog(qtbot, editor)
    qtbot.keyClicks(dialog.alt, alt)
    press(dialog.alt, Qt.Key.Key_Return)
    closed(qtbot, editor)


def test_image_action_inserts_a_clean_paragraph_and_remembers_the_folder(
    qtbot, make_desk, sample_library: Path, picture: Path, monkeypatch
) -> None:
    asked: list[str] = []

    def fake_dialog(_parent: Any, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        asked.append(folder)
        return str(picture), ""

    monkeypatch.setattr(editor_module.QFileDialog, "getOpenFileName", fake_dialog)
    post = sample_library / "first-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    editor = desk.window.editor
    start = editor.toPlainText().index("aardvark")
    cursor = editor.textCursor()
    cursor.setPosition(start + len("aardvark"))  # mid-sentence
    editor.setTextCursor(cursor)
    editor.actions_by_name()["image"].trigger()
    assert asked == [str(sample_library)]  # the post's folder, not the working directory
    describe(qtbot, editor, "Teal")
    assert "The aardvark\n\n![Teal](media/my-pic-1.png)\n\nparagraph." in (editor.toPlainText())
    assert (sample_library / "media" / "my-pic-1.png").read_bytes() == picture.read_bytes()

    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.actions_by_name()["image"].trigger()
    assert asked[1] == str(picture.parent)  # the folder last used
    describe(qtbot, editor, "Teal again")
    assert editor.toPlainText().endswith("More words here.\n\n![Teal again](media/my-pic-1-2.png)")
    assert (sample_library / "media" / "my-pic-1-2.png").is_file()
    assert desk.window.documents.save_now()
    assert "![Teal again](media/my-pic-1-2.png)" in post.read_text()


def test_image_dialog_never_starts_in_the_working_directory(qtbot, monkeypatch, tmp_path) -> None:
    asked: list[str] = []

    def fake_dialog(_parent: Any, _title: str, folder: str, _filter: str) -> tuple[str, str]:
        asked.append(folder)
        return "", ""

    monkeypatch.setattr(editor_module.QFileDialog, "getOpenFileName", fake_dialog)
    monkeypatch.chdir(tmp_path)
    ed = MarkdownEditor(dark=False)
    qtbot.addWidget(ed)
    ed.set_media_handler(lambda _source, name: f"media/{name}")
    ed.actions_by_name()["image"].trigger()
    assert asked == [str(Path.home())]
    assert ed.toPlainText() == ""
