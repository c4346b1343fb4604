"""The library panel in the real window: search, filters, outside changes, post actions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from blogdesk.core.library.library import Library
from blogdesk.core.post.post import PostSummary
from blogdesk.ui.library.model import Column, LibraryModel
from blogdesk.ui.library.panel import LibraryPanel
from blogdesk.ui.library.sync_badges import BADGE_LABELS, SyncBadge
from blogdesk.ui.tasks import TaskRunner


def _titles(desk) -> list[str]:
    model = desk.window.library_panel.model
    return [model.index(r, Column.TITLE).data() for r in range(model.rowCount())]


def test_lists_posts_newest_first_with_status(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    assert _titles(desk) == ["Third post", "Second post", "First post"]
    model = desk.window.library_panel.model
    assert model.index(2, Column.STATUS).data() == "published"
    assert model.index(2, Column.DATE).data() == "1/5/2026"  # the locale's date (en_US in tests)
    assert model.index(2, Column.TAGS).data() == "python, qt"


def test_search_filters_as_you_type(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    qtbot.keyClicks(panel.search, "zebras")
    qtbot.waitUntil(lambda: _titles(desk) == ["Second post"], timeout=3000)
    # While searching, the match column shows where the words were found.
    assert not panel.view.isColumnHidden(Column.MATCH)
    assert "zebras" in panel.model.index(0, Column.MATCH).data()
    panel.search.clear()
    qtbot.waitUntil(lambda: len(_titles(desk)) == 3, timeout=3000)
    assert panel.view.isColumnHidden(Column.MATCH)


def test_the_search_field_has_a_clear_button_once_it_holds_text(
    qtbot, make_desk, wait_listed, sample_library
):
    """Added with the first text (its icon is looked up in the icon theme, which the window's
    first frame need not wait for); clicking it empties the search and shows every post."""
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    search = desk.window.library_panel.search
    qtbot.keyClicks(search, "zebras")
    qtbot.waitUntil(lambda: _titles(desk) == ["Second post"], timeout=3000)
    assert search.isClearButtonEnabled()
    buttons = [b for b in search.findChildren(QToolButton) if b.isVisible()]
    assert len(buttons) == 1  # the clear button, shown over the text
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert search.text() == ""
    qtbot.waitUntil(lambda: len(_titles(desk)) == 3, timeout=3000)


def test_status_and_tag_filters(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    panel.status_filter.setCurrentIndex(panel.status_filter.findData("draft"))
    qtbot.waitUntil(lambda: _titles(desk) == ["Third post", "Second post"])
    panel.status_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: panel.tag_filter.findData("travel") >= 0)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("travel"))
    qtbot.waitUntil(lambda: _titles(desk) == ["Second post"])


def test_sorting_by_title(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    desk.window.library_panel.view.sortByColumn(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert _titles(desk) == ["First post", "Second post", "Third post"]


def test_files_changed_on_disk_update_the_list(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    # Plain file I/O, as another editor or a sync tool would do it.
    (sample_library / "fourth.md").write_text("---\ntitle: Written elsewhere\n---\n\nHi.\n")
    qtbot.waitUntil(lambda: "Written elsewhere" in _titles(desk), timeout=5000)
    (sample_library / "second-post.md").write_text("---\ntitle: Renamed outside\n---\n\nx\n")
    qtbot.waitUntil(lambda: "Renamed outside" in _titles(desk), timeout=5000)
    (sample_library / "first-post.md").unlink()
    qtbot.waitUntil(lambda: "First post" not in _titles(desk), timeout=5000)
    sub = sample_library / "travel"
    sub.mkdir()
    (sub / "in-a-folder.md").write_text("---\ntitle: In a folder\n---\n")
    qtbot.waitUntil(lambda: "In a folder" in _titles(desk), timeout=5000)


def _select(desk, rel: str) -> None:
    panel = desk.window.library_panel
    row = panel.model.row_of(rel)
    assert row >= 0
    panel.view.setCurrentIndex(panel.model.index(row, Column.TITLE))


def test_delete_and_undo(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    original = (sample_library / "second-post.md").read_bytes()
    _select(desk, "second-post.md")
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: len(_titles(desk)) == 2)
    assert not (sample_library / "second-post.md").exists()
    assert panel.post_actions.undo_bar.isVisible()
    # Ctrl+Z while the list has focus brings it back, byte for byte.
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_titles(desk)) == 3)
    assert (sample_library / "second-post.md").read_bytes() == original
    assert not panel.post_actions.undo_bar.isVisible()


def test_deleting_the_open_post_saves_it_first(qtbot, make_desk, wait_listed, sample_library):
    post = sample_library / "third-post.md"
    desk = make_desk(sample_library, [post], autosave_delay_ms=60_000)
    wait_listed(desk, 3)
    desk.window.editor.insertPlainText("Unsaved line. ")
    _select(desk, "third-post.md")
    assert desk.window.library_panel.post_actions.delete_selected()
    # The post below it in the list (newest first: Second) opens in its place.
    assert desk.window.documents.path == (sample_library / "second-post.md").resolve()
    restored = desk.window.library_panel.post_actions.undo_delete()
    assert restored is not None and "Unsaved line. " in restored.read_text()
    assert desk.window.documents.path == restored  # and Undo opens it again


def test_new_post_opens_it(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    desk.window.menu_actions["new"].trigger()
    qtbot.waitUntil(lambda: len(_titles(desk)) == 4)
    path = desk.window.documents.path
    assert path is not None and path.parent == sample_library.resolve()
    assert desk.window.windowTitle() == "Untitled post — BlogDesk"
    assert desk.window.menu_actions["new"].shortcut().toString() == "Ctrl+N"


def test_duplicate_and_rename(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    _select(desk, "first-post.md")
    copy = panel.post_actions.duplicate_selected()
    assert copy is not None and copy.exists()
    assert "The aardvark paragraph." in copy.read_text()
    qtbot.waitUntil(lambda: "First post (copy)" in _titles(desk))
    # Renaming the open post: the editor follows the file.
    _select(desk, "first-post.md")
    desk.window.open_path(sample_library / "first-post.md")
    renamed = panel.post_actions.rename_selected("hello-world.md")
    assert renamed == (sample_library / "hello-world.md").resolve()
    assert desk.window.documents.path == renamed
    assert not (sample_library / "first-post.md").exists()


def _summary(i: int) -> PostSummary:
    return PostSummary(
        path=f"post-{i:05}.md",
        title=f"Post {i}",
        status="draft",
        date=f"2026-01-{i % 28 + 1:02}",
        slug=None,
        tags=("t",),
        categories=(),
        excerpt=None,
        word_count=10,
        body="",
    )


def test_model_holds_ten_thousand_rows_without_widgets(qtbot):
    model = LibraryModel()
    model.set_rows([_summary(i) for i in range(10_000)])
    assert model.rowCount() == 10_000
    assert model.row_of("post-09999.md") == 9999
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, Column.TITLE).data() == "Post 0"


def test_panel_built_on_its_own_lists_searches_and_filters_the_library(
    qtbot, sample_library: Path, task_runner: TaskRunner
):
    # The real LibraryPanel outside the window: only a Library and a TaskRunner, as it is built.
    with Library.open(sample_library) as library:
        panel = LibraryPanel(library, task_runner)
        qtbot.addWidget(panel)
        panel.show()
        with qtbot.waitSignal(panel.listed, timeout=5000) as listed:
            panel.reload()
        assert listed.args == [3]
        titles = lambda: [  # noqa: E731
            panel.model.index(r, Column.TITLE).data() for r in range(panel.model.rowCount())
        ]
        assert titles() == ["Third post", "Second post", "First post"]  # newest first
        # Typing in the search field (debounced) lists only the post that has the word.
        with qtbot.waitSignal(panel.listed, timeout=5000):
            qtbot.keyClicks(panel.search, "aardvark")
        assert titles() == ["First post"]
        panel.search.clear()
        qtbot.waitUntil(lambda: len(titles()) == 3, timeout=5000)
        # The status filter asks the library again.
        with qtbot.waitSignal(panel.listed, timeout=5000) as listed:
            panel.status_filter.setCurrentIndex(panel.status_filter.findData("published"))
        assert listed.args == [1] and titles() == ["First post"]
        # Picking a row asks the window to open that post.
        with qtbot.waitSignal(panel.openRequested, timeout=5000) as opened:
            panel.view.clicked.emit(panel.model.index(0, Column.TITLE))
        assert opened.args == [(sample_library / "first-post.md").resolve()]


def _badge(key: str) -> SyncBadge:
    return SyncBadge(key, BADGE_LABELS[key], f"why {key}")


def test_sync_badges_show_in_the_title_cell(qtbot):
    model = LibraryModel()
    model.set_rows([_summary(1), _summary(2), _summary(3)])
    cell = model.index(model.row_of("post-00001.md"), Column.TITLE)
    assert cell.data(Qt.ItemDataRole.DecorationRole) is None  # nothing computed yet
    changes: list[object] = []
    model.dataChanged.connect(lambda *args: changes.append(args))
    model.set_sync_badges({"post-00001.md": _badge("changed"), "post-00002.md": _badge("pending")})
    assert changes, "the view was not told to repaint"
    changed = model.index(model.row_of("post-00001.md"), Column.TITLE)
    pending = model.index(model.row_of("post-00002.md"), Column.TITLE)
    plain = model.index(model.row_of("post-00003.md"), Column.TITLE)
    # Each is its own badge: its own dot, its own words in the tooltip.
    changed_icon = changed.data(Qt.ItemDataRole.DecorationRole)
    pending_icon = pending.data(Qt.ItemDataRole.DecorationRole)
    assert not changed_icon.isNull() and not pending_icon.isNull()
    assert changed_icon.cacheKey() != pending_icon.cacheKey()
    assert "changed since publish: why changed" in changed.data(Qt.ItemDataRole.ToolTipRole)
    assert "pending in outbox: why pending" in pending.data(Qt.ItemDataRole.ToolTipRole)
    assert "outbox" not in changed.data(Qt.ItemDataRole.ToolTipRole)
    assert changed.data(Qt.ItemDataRole.AccessibleTextRole) == "Post 1, changed since publish"
    assert plain.data(Qt.ItemDataRole.DecorationRole) is None
    # The title text itself stays the title (sorting and search read it).
    assert changed.data() == "Post 1"
    assert model.index(changed.row(), Column.STATUS).data(Qt.ItemDataRole.DecorationRole) is None


def test_search_hits_keep_their_relevance_order(qtbot):
    model = LibraryModel()
    model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
    hits = [_summary(3), _summary(1), _summary(2)]
    model.set_rows(hits, {s.path: "…" for s in hits}, keep_order=True)
    assert [model.index(r, Column.TITLE).data() for r in range(3)] == ["Post 3", "Post 1", "Post 2"]
    model.set_rows(hits)
    assert [model.index(r, Column.TITLE).data() for r in range(3)] == ["Post 1", "Post 2", "Post 3"]


# -- the list follows the author (QA findings) ---------------------------------------------------


def test_arrow_keys_open_the_highlighted_post(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library, [sample_library / "third-post.md"])
    wait_listed(desk, 3)
    view = desk.window.library_panel.view
    view.setFocus()
    # Newest first: third, second, first. End highlights the oldest; the editor follows.
    qtbot.keyClick(view, Qt.Key.Key_End)
    first = (sample_library / "first-post.md").resolve()
    qtbot.waitUntil(lambda: desk.window.documents.path == first)
    assert desk.window.windowTitle() == "First post — BlogDesk"
    qtbot.keyClick(view, Qt.Key.Key_Up)
    second = (sample_library / "second-post.md").resolve()
    qtbot.waitUntil(lambda: desk.window.documents.path == second)


def test_file_menu_delete_acts_on_the_open_post(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    _select(desk, "second-post.md")  # highlighted, its post not open (yet)
    panel.post_actions.delete_action.trigger()  # File → Delete Post
    assert not (sample_library / "first-post.md").exists()
    assert (sample_library / "second-post.md").exists()
    # First post was the last row: the one above it opens.
    assert desk.window.documents.path == (sample_library / "second-post.md").resolve()
    restored = panel.post_actions.undo_delete()
    assert restored is not None and restored.name == "first-post.md"


def test_list_shows_edits_saved_from_the_window(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library, [sample_library / "second-post.md"], autosave_delay_ms=60_000)
    wait_listed(desk, 3)
    window = desk.window
    window.metadata.title.setText("Zebras on trains")
    window.metadata.title.editingFinished.emit()
    window.metadata.status.setCurrentText("published")
    assert window.documents.save_now()
    qtbot.waitUntil(lambda: "Zebras on trains" in _titles(desk))
    panel = window.library_panel
    row = panel.model.row_of("second-post.md")
    assert panel.model.summary_at(row).status == "published"
    assert _titles(desk)[1] == "Zebras on trains"  # sorted newest first, in its place
    # A new date moves it: the list is asked again and shows it first.
    window.metadata.date.setText("2027-01-01 08:00")
    window.metadata.date.editingFinished.emit()
    assert window.documents.save_now()
    qtbot.waitUntil(lambda: _titles(desk)[0] == "Zebras on trains")
    assert panel.view.selectionModel().selectedRows()[0].row() == 0  # still the open post


def test_new_post_is_dated_and_rename_suggests_its_title(
    qtbot, make_desk, wait_listed, sample_library, monkeypatch
):
    from datetime import datetime

    from blogdesk.core.post.post import Post

    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    window = desk.window
    before = datetime.now().astimezone().replace(microsecond=0)
    window.menu_actions["new"].trigger()
    path = window.documents.path
    assert path is not None and path.name == "untitled-post.md"
    date = Post.load(path).date
    assert date is not None and date.tzinfo is not None and date.microsecond == 0
    assert before <= date <= datetime.now().astimezone()
    qtbot.waitUntil(lambda: _titles(desk)[:1] == ["Untitled post"])  # newest: at the top
    field = window.metadata.date
    # The field drops ":00" seconds (a post made at hh:mm:00 shows hh:mm).
    assert field.text() == date.isoformat(
        sep=" ", timespec="minutes" if date.second == 0 else "seconds"
    )
    assert field.width() >= field.fontMetrics().horizontalAdvance(field.text())

    window.metadata.title.setText("A trip to Rome")
    window.metadata.title.editingFinished.emit()
    offered: list[str] = []

    def answer(_parent, _title, _label, _echo, text):
        offered.append(text)
        return text, True

    monkeypatch.setattr("blogdesk.ui.library.panel.QInputDialog.getText", answer)
    window.library_panel.post_actions.rename_action.trigger()  # File → Rename File…
    assert offered == ["a-trip-to-rome.md"]
    assert window.documents.path == (sample_library / "a-trip-to-rome.md").resolve()
    assert Post.load(window.documents.path).title == "A trip to Rome"


def test_title_column_gets_the_room(qtbot, make_desk, wait_listed, sample_library):
    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    window = desk.window
    window.resize(1200, 630)  # the first window QA saw, on a 1400×900 screen
    qtbot.waitUntil(lambda: window.splitter.width() > 1100)
    window.startup.first_start_layout()
    qtbot.waitUntil(lambda: window.library_panel.view.viewport().width() > 200)
    panel = window.library_panel
    header = panel.view.header()
    em = panel.fontMetrics().averageCharWidth()
    assert header.sectionResizeMode(Column.TITLE) == header.ResizeMode.Stretch
    assert header.sectionSize(Column.TITLE) >= 24 * em
    for column in (Column.STATUS, Column.DATE):
        assert header.sectionSize(Column.TITLE) > header.sectionSize(column)


def test_arrowing_through_the_list_opens_only_where_it_stops(
    qtbot, make_desk, wait_listed, sample_library
):
    desk = make_desk(sample_library, [sample_library / "third-post.md"])
    wait_listed(desk, 3)
    panel = desk.window.library_panel
    asked: list[str] = []
    panel.openRequested.connect(lambda path: asked.append(path.name))
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)  # second, then at once first: no stop between
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    first = (sample_library / "first-post.md").resolve()
    qtbot.waitUntil(lambda: desk.window.documents.path == first)
    qtbot.wait(300)
    assert asked == ["first-post.md"]


def test_future_post_imported_by_another_program_is_listed(
    qtbot, make_desk, wait_listed, sample_library, tmp_path
):
    from blogdesk.core.importers.folder import import_folder

    desk = make_desk(sample_library)
    wait_listed(desk, 3)
    site = tmp_path / "site"
    site.mkdir()
    (site / "next-year.md").write_text(
        "---\ntitle: Coming soon\nstatus: future\ndate: 2099-01-01 10:00\n---\n\nSoon.\n",
        encoding="utf-8",
    )
    # As `blogdesk import folder` does from a terminal: its own Library, which indexes the new
    # file itself, so the window's refresh finds the index already up to date.
    with Library.open(sample_library) as elsewhere:
        assert import_folder(elsewhere, site).imported
    desk.window.watcher.refresh_soon()  # what the folder watch does when the file appears
    qtbot.waitUntil(lambda: "Coming soon" in _titles(desk), timeout=5000)
    panel = desk.window.library_panel
    row = panel.model.row_of("next-year.md")
    assert _titles(desk)[0] == "Coming soon"  # newest first: the future is at the top
    assert panel.model.index(row, Column.STATUS).data() == "scheduled"
