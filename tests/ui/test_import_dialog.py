"""The import dialog runs a real import on the TaskRunner and shows its summary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from blogdesk.core.importers import ImportReport
from blogdesk.core.library.library import Library
from blogdesk.ui.library.import_dialog import ImportDialog, start_import
from blogdesk.ui.tasks import TaskRunner

DATA = Path(__file__).parent.parent / "core" / "data" / "wxr"


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library") as lib:
        yield lib


def big_export(path: Path, posts: int) -> Path:
    items = "".join(
        f"<item><title>Post {n}</title><link>https://big.example/?p={n}</link>"
        f"<guid>https://big.example/?p={n}</guid>"
        f"<content:encoded><![CDATA[<p>Paragraph {n} with <em>words</em>.</p>]]></content:encoded>"
        f"<wp:post_id>{n}</wp:post_id><wp:post_name>post-{n}</wp:post_name>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>\n"
        for n in range(1, posts + 1)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Big</title>'
        f"<link>https://big.example</link>\n{items}</channel></rss>\n",
        encoding="utf-8",
    )
    return path


def test_dialog_runs_an_import_and_shows_the_summary(
    qtbot: QtBot, library: Library, task_runner: TaskRunner
) -> None:
    dialog = start_import(None, library, "wxr", DATA / "classic.xml", task_runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.importFinished, timeout=20_000) as finished:
        pass
    report = finished.args[0]
    assert isinstance(report, ImportReport)
    assert len(report.imported) == 8
    assert dialog.heading.text() == "Import finished."
    assert dialog.summary.isVisible()
    assert dialog.summary.toPlainText().startswith("Imported 8 posts, 6 skipped.")
    assert "Imported 8, updated 0, skipped 6, failed 0" in dialog.counts.text()
    assert dialog.bar.value() == dialog.bar.maximum() == 14
    assert dialog.bar.property("importState") == "done"
    assert dialog.cancel_button.text() == "Close"
    assert len(library.posts()) == 8


def test_cancel_stops_the_import_and_keeps_complete_posts(
    qtbot: QtBot, library: Library, task_runner: TaskRunner, tmp_path: Path
) -> None:
    source = big_export(tmp_path / "big.xml", 400)
    dialog = ImportDialog(None, library, "wxr", source, task_runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 400, timeout=20_000)
    with qtbot.waitSignal(dialog.importFinished, timeout=20_000) as finished:
        dialog.cancel_button.click()
        assert dialog.cancel_button.text() == "Cancelling…"
    report = finished.args[0]
    assert report.cancelled
    assert 0 < len(report.imported) < 400
    assert dialog.heading.text() == "Import cancelled."
    assert "cancelled" in dialog.summary.toPlainText()
    files = sorted(p.name for p in library.root.glob("*.md"))
    assert files == sorted(report.imported)
    for name in files:
        assert library.load(name).body.startswith("Paragraph ")
    dialog.cancel_button.click()  # now "Close"
    assert not dialog.isVisible()


def test_an_unsafe_file_shows_the_error(
    qtbot: QtBot, library: Library, task_runner: TaskRunner
) -> None:
    dialog = start_import(None, library, "wxr", DATA / "bomb.xml", task_runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.importFinished, timeout=20_000):
        pass
    assert dialog.heading.text() == "The import did not run."
    assert "entities" in dialog.summary.toPlainText()
    assert library.posts() == []
    # The bar no longer animates (a 0..0 range is Qt's busy bar) and shows the failure.
    assert dialog.bar.maximum() > 0 and dialog.bar.value() == 0
    assert dialog.bar.property("importState") == "error"
    assert dialog.bar.format() == "Did not run"


def test_the_summary_names_every_failed_and_skipped_item(
    qtbot: QtBot, library: Library, task_runner: TaskRunner
) -> None:
    first = start_import(None, library, "wxr", DATA / "wpcom.xml", task_runner)
    qtbot.addWidget(first)
    with qtbot.waitSignal(first.importFinished, timeout=20_000):
        pass
    dialog = start_import(None, library, "wxr", DATA / "wpcom.xml", task_runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.importFinished, timeout=20_000):
        pass
    text = dialog.summary.toPlainText()
    for name in ("Shells on the beach (#101) → shells.md", "Tide pools (#102) → tide-pools.md"):
        assert name in text
    assert "already in the library, unchanged on the blog" in text
    hostile = start_import(None, library, "wxr", DATA / "hostile.xml", task_runner)
    qtbot.addWidget(hostile)
    with qtbot.waitSignal(hostile.importFinished, timeout=20_000):
        pass
    assert hostile.heading.text() == "Import finished with problems."
    assert "Broken (#3): its XML is broken at line 27" in hostile.summary.toPlainText()
    assert hostile.bar.property("importState") == "error"
    assert "failed 1" in hostile.counts.text()


def test_a_file_cut_short_stops_the_bar_where_it_stopped(
    qtbot: QtBot, library: Library, task_runner: TaskRunner
) -> None:
    dialog = start_import(None, library, "wxr", DATA / "cut-mid-item.xml", task_runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.importFinished, timeout=20_000):
        pass
    assert dialog.heading.text() == "Import finished with problems."
    assert dialog.bar.property("importState") == "error"
    assert (dialog.bar.value(), dialog.bar.maximum()) == (3, 3)
    assert "cut short" in dialog.summary.toPlainText()


def test_folder_import_through_the_dialog(
    qtbot: QtBot, library: Library, task_runner: TaskRunner, tmp_path: Path
) -> None:
    posts = tmp_path / "site" / "_posts"
    posts.mkdir(parents=True)
    (posts / "2024-01-01-a.md").write_text("---\ntitle: A\n---\nBody\n", encoding="utf-8")
    dialog = start_import(None, library, "folder", tmp_path / "site", task_runner)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.importFinished, timeout=20_000) as finished:
        pass
    assert finished.args[0].imported == ["2024-01-01-a.md"]
    assert dialog.summary.toPlainText().startswith("Imported 1 post.")
