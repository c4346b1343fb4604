"""Blog → Keep Draft on the Blog in the real window: the switch writes and removes the post's
request in its front matter (read by sync.drafts), and follows an account that keeps every draft."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from blogdesk.core.post.post import Post
from blogdesk.sync.accounts.store import Account
from blogdesk.ui.publishing.coordinator import Publishing


def _desk(tmp_path: Path, make_desk: Callable[..., Any], **options: Any) -> tuple[Any, Path, str]:
    root = tmp_path / "library"
    root.mkdir()
    post = root / "a-draft.md"
    post.write_text("---\ntitle: A draft\nstatus: draft\n---\n\nWords.\n", encoding="utf-8")
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_config.yml").write_text("title: Test\n")
    desk = make_desk(root)
    publishing = desk.window.publishing
    assert isinstance(publishing, Publishing)
    publishing.startup_timer.stop()
    account = Account.new("site", "static", str(site), "", git="off", **options)
    publishing.service.accounts.add(account)
    assert desk.window.open_path(post)
    return desk, post, account.id


def _kept(post: Path) -> list[str]:
    reserved = Post.load(post).get("blogdesk")
    return list(reserved.get("keep_draft_on", [])) if isinstance(reserved, dict) else []


def test_the_switch_asks_for_the_draft_on_the_blog_and_takes_it_back(
    qtbot: Any, tmp_path: Path, make_desk: Callable[..., Any]
) -> None:
    desk, post, account_id = _desk(tmp_path, make_desk)
    publishing = desk.window.publishing
    switch = publishing.keep_draft
    publishing.menu.aboutToShow.emit()  # what opening the Blog menu does
    assert switch.action.isEnabled() and not switch.action.isChecked()
    assert switch.action.text() == "&Keep Draft on site"

    switch.action.trigger()
    assert desk.window.documents.save_now()
    assert _kept(post) == [account_id]
    publishing.menu.aboutToShow.emit()
    assert switch.action.isChecked()

    switch.action.trigger()
    assert desk.window.documents.save_now()
    assert _kept(post) == []
    assert "keep_draft_on" not in post.read_text(encoding="utf-8")


def test_an_account_that_keeps_every_draft_shows_it_and_cannot_be_unset_here(
    qtbot: Any, tmp_path: Path, make_desk: Callable[..., Any]
) -> None:
    desk, _post, _account_id = _desk(tmp_path, make_desk, keep_draft=True)
    publishing = desk.window.publishing
    publishing.menu.aboutToShow.emit()
    assert publishing.keep_draft.action.isChecked()
    assert not publishing.keep_draft.action.isEnabled()
