"""The real window on a read-only library and on a disk that fills up while the author types:
the list and the editor work, saving says why it cannot, the words stay in the editor and in the
recovery journal (in the state folder, elsewhere), and a later save writes them."""

from __future__ import annotations

from pathlib import Path

from tests.disk_faults import read_only, small_disk
from tests.ui.conftest import SAMPLE_POSTS


def _type_at_end(qtbot, desk, text: str) -> None:
    editor = desk.window.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def _write_library(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in SAMPLE_POSTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root / "second-post.md"


def test_a_read_only_library_opens_lists_and_keeps_what_is_typed(
    qtbot, make_desk, wait_listed, tmp_path: Path
) -> None:
    post = _write_library(tmp_path / "library")
    before = post.read_bytes()
    with read_only(post.parent) as how:
        desk = make_desk(post.parent, [post], autosave_delay_ms=60_000)
        assert desk.library.read_only
        desk.runner.wait_idle(10_000)
        assert desk.services.history() is None  # no .git can be made there: history is off
        wait_listed(desk, len(SAMPLE_POSTS))
        assert "zebras" in desk.window.editor.toPlainText()
        _type_at_end(qtbot, desk, "Words on a read-only disk.")
        docs = desk.window.documents
        assert docs.save_now() is False
        reason = "the disk is read-only" if how == "mount" else "no permission to write"
        label = desk.window.save_label.text()
        assert label.startswith("Save failed: Could not save second-post.md: ") and reason in label
        assert post.read_bytes() == before
        assert desk.window.editor.toPlainText().endswith("Words on a read-only disk.")
        entry = desk.journal.entry_for(post.resolve())
        assert entry is not None and entry.text.endswith("Words on a read-only disk.")
    # Writable again (the disk remounted, the permission given back): the next save writes it.
    assert docs.save_now() is True
    assert post.read_text(encoding="utf-8").rstrip().endswith("Words on a read-only disk.")
    assert desk.journal.entry_for(post.resolve()) is None


def test_a_full_disk_while_typing_loses_nothing(qtbot, make_desk, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        post = _write_library(disk.root / "library")
        desk = make_desk(post.parent, [post], autosave_delay_ms=60_000)
        # The start-up history snapshot writes to the same disk: let it finish first (dulwich
        # leaves a lock file object unclosed when a write of its fails, see docs/library.md).
        desk.runner.wait_idle(10_000)
        before = post.read_bytes()
        docs = desk.window.documents
        with disk.full():
            _type_at_end(qtbot, desk, "Typed while the disk was full.")
            assert docs.save_now() is False
            assert desk.window.save_label.text() == (
                "Save failed: Could not save second-post.md: the disk is full. "
                "Nothing was written: the file on disk is as it was."
            )
            assert post.read_bytes() == before  # whole, not truncated
            assert not [p for p in post.parent.iterdir() if p.name.endswith(".tmp")]
            entry = desk.journal.entry_for(post.resolve())
            assert entry is not None and entry.text.endswith("Typed while the disk was full.")
        assert docs.save_now() is True  # space freed
        assert post.read_text(encoding="utf-8").rstrip().endswith("Typed while the disk was full.")
        qtbot.waitUntil(lambda: desk.window.save_label.text() == "Saved")
