"""The window's message boxes: each is shown with its words, and its answer is obeyed (the
`message_boxes` fixture answers them and records what they said)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtWidgets import QMessageBox

from blogdesk.core.errors import BlogDeskError
from blogdesk.services import Services
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.service import SyncService
from blogdesk.ui.accounts.blogs_dialog import AccountDialog
from blogdesk.ui.tasks import TaskRunner

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
Discard, Cancel = QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel


def test_quit_with_unsaved_text_asks_and_obeys(make_desk, sample_library, message_boxes) -> None:
    window = make_desk(sample_library).window
    shown = message_boxes(Cancel)
    assert window.confirm_quit_unsaved("The disk is full.") is False
    assert shown[0].startswith("The disk is full.\n\nQuit anyway?")
    message_boxes(Discard)
    assert window.confirm_quit_unsaved("The disk is full.") is True


def test_about_names_the_version_and_the_library(make_desk, sample_library, message_boxes) -> None:
    window = make_desk(sample_library).window
    shown = message_boxes()
    window.menu_actions["about"].trigger()
    assert shown and shown[0].startswith("<b>BlogDesk ") and str(sample_library) in shown[0]


def test_images_need_an_open_post(make_desk, sample_library, monkeypatch) -> None:
    window = make_desk(sample_library).window
    monkeypatch.setattr(window.documents, "doc", None)
    with pytest.raises(BlogDeskError, match=r"Open a post before adding images to it\."):
        window.store_media(b"\x89PNG", "photo.png")


@pytest.fixture
def service(tmp_path: Path, services: Services) -> Iterator[SyncService]:
    library = services.open_library(tmp_path / "library")
    try:
        yield services.sync_service()
    finally:
        services.close()
        library.close()


def test_removing_a_blog_asks_first(
    qtbot: Any, service: SyncService, task_runner: TaskRunner, tmp_path: Path, message_boxes
) -> None:
    site = tmp_path / "site"
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text('baseURL = "http://example.org/"\n')
    account = Account.new("my notes", "static", str(site), "", git="off")
    service.accounts.add(account)
    dialog = AccountDialog(service, task_runner)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(0)
    shown = message_boxes(No)
    assert dialog.remove_selected() is False
    assert shown[0].startswith("Remove “my notes” from BlogDesk?")
    assert [a.name for a in service.accounts.all()] == ["my notes"]
    message_boxes(Yes)
    assert dialog.remove_selected() is True
    assert service.accounts.all() == []
