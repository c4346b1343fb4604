"""The library list's highlight is the post open in the editor, whatever the author does to the
list (sort, filter, search, refresh, rename); Delete and Undo act on what the author sees. The
real window offscreen, driven with real keys and clicks."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from blogdesk.ui.library.model import PATH_ROLE, Column


def _highlighted(desk) -> list[str]:
    rows = desk.window.library_panel.view.selectionModel().selectedRows(Column.TITLE)
    return [index.data(PATH_ROLE) for index in rows]


def _paths(desk) -> list[str]:
    return desk.window.library_panel.model.paths()


def _click_header(qtbot, desk, column: Column) -> None:
    header = desk.window.library_panel.view.header()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_the_highlight_stays_on_the_open_post(qtbot, make_desk, wait_listed, sample_library):
    second = sample_library / "second-post.md"
    desk = make_desk(sample_library, [second])
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    qtbot.waitUntil(lambda: _highlighted(desk) == ["second-post.md"])
    # Sort by title, then by status: the rows move, the highlight moves with the open post.
    for column in (Column.TITLE, Column.STATUS, Column.TITLE):
        before = _paths(desk)
        _click_header(qtbot, desk, column)
        assert _paths(desk) != before, "the click did not sort"
        assert _highlighted(desk) == ["second-post.md"]
    # A search that keeps it in the list.
    qtbot.keyClicks(panel.search, "post")
    qtbot.waitUntil(lambda: panel.model.has_snippets())
    assert _highlighted(desk) == ["second-post.md"]
    panel.search.clear()
    qtbot.waitUntil(lambda: not panel.model.has_snippets() and len(_paths(desk)) == 3)
    assert _highlighted(desk) == ["second-post.md"]
    assert desk.window.documents.path == second.resolve()


def test_delete_acts_on_the_open_post_not_on_a_stray_row(
    qtbot, make_desk, wait_listed, sample_library
):
    second = (sample_library / "second-post.md").resolve()
    desk = make_desk(sample_library, [second])
    wait_listed(desk, 3)
    window, panel = desk.window, desk.window.library_panel
    _click_header(qtbot, desk, Column.TITLE)  # First, Second, Third
    # A filter the open post is not in: the list shows only First post.
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("published"))
    qtbot.waitUntil(lambda: _paths(desk) == ["first-post.md"])
    assert _highlighted(desk) == []  # nothing highlighted: the open post is not listed
    panel.status_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(_paths(desk)) == 3)
    assert _highlighted(desk) == ["second-post.md"]
    # The author focuses the list (Tab from the filters) and presses Delete.
    panel.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _paths(desk) == ["first-post.md", "third-post.md"])
    assert not second.exists()
    assert (sample_library / "first-post.md").exists() and (
        sample_library / "third-post.md"
    ).exists()
    # The post below it (sorted by title: Third) opens and is highlighted.
    third = (sample_library / "third-post.md").resolve()
    assert window.documents.path == third
    qtbot.waitUntil(lambda: _highlighted(desk) == ["third-post.md"])
    # Undo (the undo bar's shortcut, Ctrl+Z in the list) brings it back and opens it.
    assert panel.post_actions.undo_bar.isVisible()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_paths(desk)) == 3)
    assert second.exists()
    assert window.documents.path == second
    qtbot.waitUntil(lambda: _highlighted(desk) == ["second-post.md"])
    # The last row: no post below, so the one above opens; the undo bar's button undoes.
    qtbot.keyClick(panel.view, Qt.Key.Key_End)  # highlights Third: opens it a moment later
    qtbot.waitUntil(lambda: window.documents.path == third)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: _paths(desk) == ["first-post.md", "second-post.md"])
    assert window.documents.path == second
    qtbot.mouseClick(panel.post_actions.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(_paths(desk)) == 3)
    assert window.documents.path == third and Path(third).exists()


def test_delete_in_a_filtered_list_never_takes_the_row_focus_landed_on(
    qtbot, make_desk, wait_listed, sample_library
):
    second = (sample_library / "second-post.md").resolve()
    desk = make_desk(sample_library, [second])
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    # A filter the open post is not in: the list shows only First post, nothing highlighted.
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("published"))
    qtbot.waitUntil(lambda: _paths(desk) == ["first-post.md"])
    assert _highlighted(desk) == []
    # Tabbing into the list puts Qt's current row on First post, without highlighting it.
    panel.view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    # What the author sees open went to the trash; the row nobody chose is still there.
    assert not second.exists()
    assert (sample_library / "first-post.md").exists()
    assert panel.post_actions.undo_label.text() == "Deleted “Second post”."
