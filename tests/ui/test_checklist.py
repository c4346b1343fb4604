"""The pre-publish checklist in the real window: Publish checks first, lists what it found,
an entry moves the editor there, "Publish anyway" publishes (to a static-site folder)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from PySide6.QtCore import Qt

from blogdesk.sync.accounts.store import Account
from blogdesk.ui.publishing.checklist_view import ChecklistDialog, PublishChecks
from blogdesk.ui.publishing.coordinator import Publishing

TIMEOUT = 30_000

POST = (
    "---\ntitle: Checked post\nstatus: published\ntags: [checks]\n---\n\n"
    "An introduction.\n\n"
    "![](pic.png)\n\n"
    "Read [the plan](notes/plan.pdf) first.\n"
)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


def make(tmp_path: Path, make_desk: Callable[..., Any], text: str = POST) -> tuple[Any, Path, Path]:
    root = tmp_path / "library"
    root.mkdir()
    (root / "pic.png").write_bytes(_png())
    post = root / "checked-post.md"
    post.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text('title: Test\nurl: "https://example.net"\n')
    desk = make_desk(root)
    publishing = desk.window.publishing
    assert isinstance(publishing, Publishing)
    publishing.startup_timer.stop()
    publishing.service.accounts.add(Account.new("site", "static", str(site), "", git="off"))
    assert desk.window.open_path(post)
    return desk, post, site


def press_publish(qtbot: Any, desk: Any) -> None:
    publishing = desk.window.publishing
    button = desk.window.toolbar.widgetForAction(publishing.actions["publish"])
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_publish_shows_the_checklist_then_goes_there_then_publishes_anyway(
    qtbot: Any, tmp_path: Path, make_desk: Callable[..., Any]
) -> None:
    desk, _post, site = make(tmp_path, make_desk)
    publishing: Publishing = desk.window.publishing
    editor = desk.window.editor

    with qtbot.waitSignal(publishing.checks.shown, timeout=TIMEOUT) as shown:
        press_publish(qtbot, desk)
    dialog = shown.args[0]
    assert isinstance(dialog, ChecklistDialog) and dialog.isVisible()
    assert not publishing.controller.busy  # the check ended; nothing is being sent
    assert list(site.glob("_posts/*.md")) == []  # and nothing was sent
    rows = [dialog.items.item(i).text() for i in range(dialog.items.count())]
    assert rows[0].startswith("Line 9, column 1: The image pic.png has no alt text")
    assert rows[1].startswith("Line 11, column 6: The linked file notes/plan.pdf")
    assert dialog.publish_button.text() == "Publish &Anyway"  # an error blocks
    assert "Spelling" in dialog.notes.text() or dialog.notes.isHidden()

    # Double-clicking the broken link's entry moves the cursor to it.
    dialog.items.scrollToItem(dialog.items.item(1))
    rect = dialog.items.visualItemRect(dialog.items.item(1))
    qtbot.mouseClick(dialog.items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.items.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    cursor = editor.textCursor()
    assert cursor.blockNumber() == 4  # body line 4 = file line 11
    assert cursor.block().text()[cursor.positionInBlock() :].startswith("[the plan]")
    # Enter on the first entry goes to the image.
    dialog.items.setCurrentRow(0)
    dialog.items.setFocus()
    qtbot.keyClick(dialog.items, Qt.Key.Key_Return)
    assert editor.textCursor().blockNumber() == 2
    assert dialog.isVisible()  # still there for the next entry

    # Publish anyway: the post goes to the site folder.
    with qtbot.waitSignal(publishing.controller.published, timeout=TIMEOUT) as sent:
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    result = sent.args[0]
    assert not result.queued and result.status == "publish"
    assert (site / result.remote_id).is_file()
    qtbot.waitUntil(lambda: not publishing.controller.busy, timeout=TIMEOUT)


def test_a_clean_post_is_published_without_a_list(
    qtbot: Any, tmp_path: Path, make_desk: Callable[..., Any]
) -> None:
    clean = POST.replace("![](pic.png)", "![A red dot](pic.png)").replace(
        "Read [the plan](notes/plan.pdf) first.", "Nothing else."
    )
    desk, _post, site = make(tmp_path, make_desk, clean)
    publishing: Publishing = desk.window.publishing
    shown: list[Any] = []
    publishing.checks.shown.connect(shown.append)
    with qtbot.waitSignal(publishing.controller.published, timeout=TIMEOUT):
        press_publish(qtbot, desk)
    assert shown == [] and len(list(site.glob("_posts/*.md"))) == 1
    checks = publishing.checks
    assert isinstance(checks, PublishChecks) and checks.last_report is not None
    assert checks.last_report.issues == ()


def test_back_to_editing_sends_nothing_and_a_field_entry_opens_properties(
    qtbot: Any, tmp_path: Path, make_desk: Callable[..., Any]
) -> None:
    text = POST.replace("title: Checked post", "title: ''").replace("tags: [checks]\n", "")
    desk, _post, site = make(tmp_path, make_desk, text)
    publishing: Publishing = desk.window.publishing
    with qtbot.waitSignal(publishing.checks.shown, timeout=TIMEOUT) as shown:
        press_publish(qtbot, desk)
    dialog = shown.args[0]
    first = dialog.items.item(0)
    assert first.text().startswith("Properties ▸ title: The post has no title")
    dialog.items.itemActivated.emit(first)
    metadata = desk.window.metadata
    qtbot.waitUntil(lambda: metadata.isVisible() and metadata.title.hasFocus(), timeout=5000)
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and not publishing.controller.busy
    assert list(site.glob("_posts/*.md")) == []
