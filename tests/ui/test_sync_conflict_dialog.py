"""The sync conflict dialog: both versions shown (fields and a text diff), the three choices, and
closing it decides nothing. One case takes its ConflictError from the real WordPress."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from tests.memory_keyring import MemoryKeyring
from tests.servers.wordpress_fixture import WordPressServer

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel

from blogdesk.services import Services
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import ConflictError, PostPayload, RemotePost
from blogdesk.sync.publish import changes
from blogdesk.ui.publishing.blog_conflict_dialog import RESOLUTION_LABELS, SyncConflictDialog


def make_error() -> ConflictError:
    local = PostPayload(
        title="Trip notes",
        html="<p>Day one.</p>\n<p>Day two, written here.</p>",
        status="publish",
        slug="trip-notes",
        tags=("travel", "rail"),
    )
    remote = RemotePost(
        remote_id="7",
        link="http://127.0.0.1/trip-notes/",
        title="Trip notes (edited)",
        html="<p>Day one.</p>\n<p>Day two, edited on the blog.</p>",
        status="publish",
        date_gmt=datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
        modified_gmt="2026-11-28T10:00:00",
        slug="trip-notes",
        tags=("travel",),
    )
    return ConflictError(
        "The post 'Trip notes' was changed on the blog (2026-11-28T10:00:00 UTC) since "
        "BlogDesk last sent it.",
        local=local,
        remote=remote,
        text_diff=changes.text_diff(local.html, remote.html),
        field_diffs=changes.field_diffs(local, remote),
        account_id="acc",
        post_path="trip.md",
    )


@pytest.fixture
def dialog(qtbot: Any) -> SyncConflictDialog:
    dlg = SyncConflictDialog(make_error())
    qtbot.addWidget(dlg)
    dlg.open()
    return dlg


def test_shows_each_differing_field_and_the_text_diff(dialog: SyncConflictDialog) -> None:
    rows = dialog.field_rows()
    assert ("title", "Trip notes", "Trip notes (edited)") in rows
    assert ("tags", "rail, travel", "travel") in rows
    assert ("body", "text as on this computer", "text as on the blog") in rows
    assert all(field != "slug" for field, _l, _r in rows)  # equal fields are not listed
    diff = dialog.diff.toPlainText()
    assert "+Day two, written here." in diff and "-Day two, edited on the blog." in diff
    assert "changed on the blog" in dialog.findChild(QLabel, "conflictMessage").text()
    # Added lines are coloured differently from removed ones.
    doc = dialog.diff.document()
    colours = {}
    block = doc.firstBlock()
    while block.isValid():
        if block.text().startswith(("+Day", "-Day")):
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.Right)
            colours[block.text()[0]] = cursor.charFormat().background().color().name()
        block = block.next()
    assert set(colours) == {"+", "-"} and colours["+"] != colours["-"]


@pytest.mark.parametrize("resolution", list(RESOLUTION_LABELS))
def test_each_button_emits_its_resolution_and_closes(
    qtbot: Any, dialog: SyncConflictDialog, resolution: str
) -> None:
    with qtbot.waitSignal(dialog.chosen, timeout=2000) as chosen:
        dialog.buttons[resolution].click()
    assert chosen.args == [resolution]
    assert dialog.choice == resolution and not dialog.isVisible()
    assert dialog.result() == SyncConflictDialog.DialogCode.Accepted


def test_decide_later_chooses_nothing(qtbot: Any, dialog: SyncConflictDialog) -> None:
    chosen: list[str] = []
    dialog.chosen.connect(chosen.append)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        dialog.cancel_button.click()
    assert chosen == [] and dialog.choice is None
    assert dialog.buttons["keep_both"].isDefault()  # Enter never loses anything


def test_unknown_resolution_is_refused(dialog: SyncConflictDialog) -> None:
    with pytest.raises(ValueError, match="unknown resolution 'merge'"):
        dialog.choose("merge")
    assert dialog.choice is None


@pytest.mark.wordpress
def test_a_real_conflict_from_wordpress_is_shown_with_both_texts(
    qtbot: Any,
    tmp_path: Path,
    wordpress: WordPressServer,
    memory_keyring: MemoryKeyring,
    services: Services,
) -> None:
    library = services.open_library(tmp_path / "library")
    credentials = services.credentials()
    account = Account.new(
        f"wp-{uuid.uuid4().hex[:6]}",
        "wordpress",
        wordpress.url,
        wordpress.user,
        api_url=wordpress.api_url,
    )
    services.accounts().add(account)
    credentials.set(account.id, wordpress.app_password)
    service = services.sync_service()
    try:
        post = library.create(f"Conflict {uuid.uuid4().hex[:8]}", "Words from this computer.\n")
        assert post.path is not None
        first = service.publish(post.path, account, status="draft")
        wordpress.edit_post(first.remote_id, content="<p>Words from the blog.</p>")
        post = library.load(post.path)
        post.body = "Words from this computer, edited.\n"
        library.save(post)
        with pytest.raises(ConflictError) as caught:
            service.publish(post.path, account, status="draft")
    finally:
        service.close()
        library.close()
    dialog = SyncConflictDialog(caught.value)
    qtbot.addWidget(dialog)
    diff = dialog.diff.toPlainText()
    assert "-Words from the blog." in diff and "+Words from this computer, edited." in diff
    assert "Words from the blog." in wordpress.get_post(first.remote_id)["content"]
