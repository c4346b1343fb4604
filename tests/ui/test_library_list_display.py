"""What the library list shows: search matches as words (never markup), a filter that matches
nothing says so and how to clear it, long titles whole in their tooltip. The real LibraryPanel
on a real library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from blogdesk.core.library.library import Library
from blogdesk.ui.library.match_text import MATCH_ROLE, match_segments
from blogdesk.ui.library.model import Column
from blogdesk.ui.library.panel import LibraryPanel
from blogdesk.ui.tasks import TaskRunner

LONG_TITLE = "A very long title about a slow journey by night train from Lisbon to Vienna and back"


@pytest.fixture
def panel(qtbot, tmp_path: Path, task_runner: TaskRunner) -> Iterator[LibraryPanel]:
    root = tmp_path / "library"
    root.mkdir()
    # An imported WordPress post: its body is HTML.
    (root / "imported.md").write_text(
        "---\ntitle: Imported\n---\n\n"
        '<p class="intro">We saw a <strong>zebra</strong> &amp; its foal.</p>\n'
        '<img src="zebra.jpg" alt="a zebra">\n',
        encoding="utf-8",
    )
    (root / "long.md").write_text(f"---\ntitle: {LONG_TITLE}\n---\n\nTrains.\n", encoding="utf-8")
    with Library.open(root) as library:
        built = LibraryPanel(library, task_runner)
        qtbot.addWidget(built)
        built.resize(260, 400)  # a narrow panel
        built.show()
        with qtbot.waitSignal(built.listed, timeout=5000):
            built.reload()
        yield built
        task_runner.wait_idle(5000)


def _rows(panel: LibraryPanel) -> int:
    return panel.model.rowCount()


def test_match_column_shows_words_not_markup(qtbot, panel: LibraryPanel):
    with qtbot.waitSignal(panel.listed, timeout=5000):
        qtbot.keyClicks(panel.search, "zebra")
    assert _rows(panel) == 1
    cell = panel.model.index(0, Column.MATCH)
    text = cell.data()
    assert "<" not in text and ">" not in text and "&amp;" not in text
    assert "We saw a zebra & its foal." in text
    assert "<" not in cell.data(Qt.ItemDataRole.ToolTipRole)
    # The matched word is marked for the delegate, which paints it bold.
    assert ("zebra", True) in cell.data(MATCH_ROLE)
    panel.view.grab()  # paints the delegate (a broken paint would raise or crash here)


def test_match_text_keeps_a_word_matched_inside_a_tag_from_bolding_the_rest():
    snippet = "&lt;img src=&quot;<mark>zebra</mark>.jpg&quot;&gt; the foal and <mark>zebra</mark>s"
    assert match_segments(snippet) == [("the foal and ", False), ("zebra", True), ("s", False)]
    assert match_segments("…ass=&quot;x&quot;&gt;Hello <mark>world</mark> &lt;img sr") == [
        ("… Hello ", False),
        ("world", True),
    ]


def test_an_empty_filter_result_says_so_and_esc_clears_it(qtbot, panel: LibraryPanel):
    assert not panel.empty_label.isVisible()
    with qtbot.waitSignal(panel.listed, timeout=5000):
        qtbot.keyClicks(panel.search, "okapi")
    assert _rows(panel) == 0
    assert panel.empty_label.isVisible()
    assert "No posts match “okapi”" in panel.empty_label.text()
    assert "Clear filter" in panel.empty_label.text() and "Esc" in panel.empty_label.text()
    with qtbot.waitSignal(panel.listed, timeout=5000):
        qtbot.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == "" and _rows(panel) == 2
    assert not panel.empty_label.isVisible()
    # A status filter with no posts: the link clears it.
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.status_filter.setCurrentIndex(panel.status_filter.findData("private"))
    assert "No posts match “Private”" in panel.empty_label.text()
    with qtbot.waitSignal(panel.listed, timeout=5000):
        panel.empty_label.linkActivated.emit("clear")
    assert panel.status_filter.currentData() == "" and _rows(panel) == 2


def test_a_long_title_is_cut_in_the_list_and_whole_in_its_tooltip(qtbot, panel: LibraryPanel):
    row = panel.model.row_of("long.md")
    cell = panel.model.index(row, Column.TITLE)
    assert cell.data(Qt.ItemDataRole.ToolTipRole).splitlines()[0] == LONG_TITLE
    assert panel.view.textElideMode() == Qt.TextElideMode.ElideRight
    width = panel.view.header().sectionSize(Column.TITLE)
    assert panel.fontMetrics().horizontalAdvance(LONG_TITLE) > width  # it does not fit
