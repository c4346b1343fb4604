"""Publishing from the real window (offscreen) to the real WordPress on loopback: the Publish
button, progress and cancel, the status-bar result with its link, the conflict dialog, a refused
password, an unreachable blog (outbox), and the library's sync badges."""

from __future__ import annotations

import html
import io
import random
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from tests.memory_keyring import MemoryKeyring
from tests.servers.wordpress_fixture import WordPressServer

from PySide6.QtCore import QDateTime, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QLabel

from blogdesk.sync.accounts.store import Account
from blogdesk.sync.media.ledger import file_hash
from blogdesk.ui.library.model import Column, badge_icon
from blogdesk.ui.publishing.coordinator import PUBLISH_SHORTCUT, Publishing, install_publishing

pytestmark = pytest.mark.wordpress
TIMEOUT = 60_000


def _png() -> bytes:
    buffer = io.BytesIO()
    colour = tuple(random.randrange(256) for _ in range(3))
    Image.new("RGB", (20, 12), colour).save(buffer, "PNG")
    return buffer.getvalue()


def _title(word: str) -> str:
    return f"{word} {uuid.uuid4().hex[:8]}"


class Desk:
    """The window with publishing installed, on a library holding one post with an image."""

    def __init__(self, desk: Any, publishing: Publishing, post: Path, title: str) -> None:
        self.desk = desk
        self.window = desk.window
        self.publishing = publishing
        self.post = post
        self.title = title


@pytest.fixture
def make_publishing_desk(
    tmp_path: Path,
    make_desk: Callable[..., Any],
    memory_keyring: MemoryKeyring,
    wordpress: WordPressServer,
) -> Callable[..., Desk]:
    """The real window as app.py builds it (publishing installed there), on a new library with
    one post, and a blog account whose secret is in the in-memory keyring."""
    count = iter(range(100))

    def make(*, secret: str | None = None, site_url: str | None = None) -> Desk:
        root = tmp_path / f"library-{next(count)}"
        (root / "media").mkdir(parents=True)
        (root / "media" / "pic.png").write_bytes(_png())
        title = _title("Window post")
        post = root / "window-post.md"
        post.write_text(
            f"---\ntitle: {title}\nstatus: published\ntags: [desk-tag]\n---\n\n"
            "Hello from the window.\n\n![A picture](media/pic.png)\n",
            encoding="utf-8",
        )
        desk = make_desk(root)
        publishing = desk.window.publishing
        assert isinstance(publishing, Publishing)
        publishing.startup_timer.stop()  # the start-up flush: driven by the tests that want it
        url = site_url or wordpress.url
        account = Account.new(
            f"wp-{uuid.uuid4().hex[:6]}",
            "wordpress",
            url,
            wordpress.user,
            api_url=f"{url}/wp-json/",
        )
        publishing.service.accounts.add(account)  # the store the window's builder made
        publishing.service.credentials.set(account.id, secret or wordpress.app_password)
        assert desk.window.open_path(post)
        return Desk(desk, publishing, post, title)

    return make


def press_publish(qtbot: Any, desk: Desk) -> None:
    """Click the toolbar's Publish button and wait until the job ended."""
    publishing = desk.publishing
    button = desk.window.toolbar.widgetForAction(publishing.actions["publish"])
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert publishing.controller.busy or publishing.conflict_dialog is not None
    qtbot.waitUntil(lambda: not publishing.controller.busy, timeout=TIMEOUT)


def wait_idle(qtbot: Any, desk: Desk) -> None:
    qtbot.waitUntil(lambda: not desk.publishing.controller.busy, timeout=TIMEOUT)


def remote_id(desk: Desk) -> str:
    result = desk.publishing.last_result
    assert result is not None and result.remote_id
    return result.remote_id


def badge_of(qtbot: Any, desk: Desk, expected: str) -> None:
    rel = desk.post.name
    desk.publishing.refresh_badges()
    qtbot.waitUntil(
        lambda: (
            desk.publishing.badges.get(rel) is not None
            and desk.publishing.badges[rel].label == expected
        ),
        timeout=5_000,
    )


def listed_badge(qtbot: Any, desk: Desk, key: str, label: str) -> None:
    """Wait until the library list itself shows the post's badge: the dot of that kind before
    the title and the badge's label in the title's tooltip (what the author sees)."""
    model = desk.window.library_panel.model

    def shown() -> bool:
        row = model.row_of(desk.post.name)
        if row < 0:
            return False
        cell = model.index(row, Column.TITLE)
        icon = model.data(cell, Qt.ItemDataRole.DecorationRole)
        tooltip = model.data(cell, Qt.ItemDataRole.ToolTipRole) or ""
        expected = badge_icon(key)
        assert expected is not None
        return (
            icon is not None
            and icon.cacheKey() == expected.cacheKey()
            and f"\n{label}" in tooltip
            and model.data(cell, Qt.ItemDataRole.DisplayRole) == desk.title  # title unchanged
        )

    qtbot.waitUntil(shown, timeout=5_000)


class UrlCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url.toString())


# -- tests -----------------------------------------------------------------------------------------


def test_publish_button_sends_post_with_image_and_tag_and_shows_the_link(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk()
    publishing = desk.publishing
    # The menu and the shortcut are there, and the shortcut is not ambiguous.
    assert publishing.actions["publish"].shortcut() == QKeySequence(PUBLISH_SHORTCUT)
    holders = [
        a
        for a in desk.window.findChildren(QAction)
        if a.shortcut() == QKeySequence(PUBLISH_SHORTCUT)
    ]
    assert holders == [publishing.actions["publish"]]
    assert [a.text() for a in publishing.menu.actions() if a.text()][:4] == [
        "&Publish",
        "Publish &Options…",
        "&Update on the Blog",
        "&Unpublish (Back to Draft)",
    ]
    services = desk.desk.services
    # app.py installed it, once only, with the composition root's service and render options.
    assert install_publishing(desk.window, services.sync_service) is publishing
    assert publishing.service is services.sync_service()
    assert publishing.service.render_options == services.render_options()
    menus = [a.text() for a in desk.window.menuBar().actions()]
    assert menus.count("&Blog") == 1
    reports: list[Any] = []
    publishing.controller.progressed.connect(reports.append)

    press_publish(qtbot, desk)

    result = publishing.last_result
    assert result is not None and not result.queued, publishing.result_label.text()
    assert result.status == "publish" and result.uploaded == 1
    server = wordpress.get_post(result.remote_id)
    assert server["title"] == desk.title and server["status"] == "publish"
    assert "media/pic.png" not in server["content"] and "<img" in server["content"]
    stored = publishing.service.provider(publishing.service.accounts.all()[0]).get_post(
        result.remote_id
    )
    assert [t.casefold() for t in stored.tags] == ["desk-tag"]
    # Progress told of the upload, with a count.
    uploads = [r for r in reports if "pic.png" in r.message or r.message == "Images ready"]
    assert uploads and any(r.total == 1 for r in uploads)
    # The status bar shows the result with the post's link, and the link opens the browser.
    text = publishing.result_label.text()
    assert text.startswith("Published") and f'href="{html.escape(result.link)}"' in text
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("http", catcher, "handle")
    try:
        publishing.result_label.linkActivated.emit(result.link)
    finally:
        QDesktopServices.unsetUrlHandler("http")
    assert catcher.urls == [result.link]
    # The editor got the file back with BlogDesk's record, and is editable again.
    doc = desk.window.documents.doc
    assert doc.post.sync_state(result.account_id)["remote_id"] == result.remote_id
    assert not desk.window.editor.isReadOnly()
    assert "Hello from the window." in desk.window.editor.toPlainText()


def test_badges_published_then_changed_since_publish(
    qtbot: Any, make_publishing_desk: Callable[..., Desk]
) -> None:
    desk = make_publishing_desk()
    model = desk.window.library_panel.model
    badge_of(qtbot, desk, "local only")
    # Local only: no dot (most posts of a library), and the tooltip says so.
    row = model.row_of(desk.post.name)
    title_cell = model.index(row, Column.TITLE)
    qtbot.waitUntil(lambda: "local only" in (title_cell.data(Qt.ItemDataRole.ToolTipRole) or ""))
    assert title_cell.data(Qt.ItemDataRole.DecorationRole) is None
    press_publish(qtbot, desk)
    badge_of(qtbot, desk, "published")
    listed_badge(qtbot, desk, "published", "published")
    assert desk.publishing.badges[desk.post.name].link == desk.publishing.last_result.link
    editor = desk.window.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("\nA new line written after publishing.\n")
    assert desk.window.documents.save_now()
    badge_of(qtbot, desk, "changed since publish")
    # Its own badge in the list, not the published one.
    listed_badge(qtbot, desk, "changed", "changed since publish")


def test_edit_on_server_then_publish_shows_conflict_and_overwrites_nothing_silently(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk()
    publishing = desk.publishing
    press_publish(qtbot, desk)
    post_id = remote_id(desk)
    editor = desk.window.editor

    # 1. Keep both: the blog's version becomes a local post, ours goes to the blog.
    wordpress.edit_post(post_id, content="<p>Edited on the server, first time.</p>")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("\nLocal line one.\n")
    with qtbot.waitSignal(publishing.conflictShown, timeout=TIMEOUT) as shown:
        press_publish(qtbot, desk)
    dialog = shown.args[0]
    assert "changed on the blog" in dialog.findChild(QLabel, "conflictMessage").text()
    assert ("body", "text as on this computer", "text as on the blog") in dialog.field_rows()
    assert "Local line one." in dialog.diff.toPlainText()
    assert "Edited on the server, first time." in dialog.diff.toPlainText()
    # Nothing was sent yet.
    assert "Edited on the server, first time." in wordpress.get_post(post_id)["content"]
    dialog.buttons["keep_both"].click()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: "kept as" in publishing.result_label.text(), timeout=TIMEOUT)
    server = wordpress.get_post(post_id)["content"]
    assert "Local line one." in server and "first time" not in server
    copies = [p for p in desk.desk.library.root.glob("*.md") if p != desk.post]
    assert len(copies) == 1
    assert "Edited on the server, first time." in copies[0].read_text(encoding="utf-8")

    # 2. Decide later: nothing changes on the blog, the badge says conflict.
    wordpress.edit_post(post_id, content="<p>Edited on the server, second time.</p>")
    editor.insertPlainText("\nLocal line two.\n")
    with qtbot.waitSignal(publishing.conflictShown, timeout=TIMEOUT) as shown:
        press_publish(qtbot, desk)
    shown.args[0].cancel_button.click()
    assert "second time" in wordpress.get_post(post_id)["content"]
    assert "Nothing was sent" in publishing.result_label.text()
    badge_of(qtbot, desk, "conflict")

    # 3. Overwrite: the blog gets this computer's version.
    with qtbot.waitSignal(publishing.conflictShown, timeout=TIMEOUT) as shown:
        press_publish(qtbot, desk)
    shown.args[0].buttons["overwrite"].click()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(lambda: "href" in publishing.result_label.text(), timeout=TIMEOUT)
    server = wordpress.get_post(post_id)["content"]
    assert "Local line two." in server and "second time" not in server
    badge_of(qtbot, desk, "published")


def test_take_the_blogs_version_replaces_the_text_in_the_editor(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk()
    publishing = desk.publishing
    press_publish(qtbot, desk)
    post_id = remote_id(desk)
    wordpress.edit_post(post_id, content="<p>Only the blog has this sentence.</p>")
    editor = desk.window.editor
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("\nOnly this computer has this sentence.\n")
    with qtbot.waitSignal(publishing.conflictShown, timeout=TIMEOUT) as shown:
        press_publish(qtbot, desk)
    shown.args[0].buttons["take_remote"].click()
    wait_idle(qtbot, desk)
    qtbot.waitUntil(
        lambda: "Only the blog has this sentence." in editor.toPlainText(), timeout=TIMEOUT
    )
    assert "Only this computer has this sentence." not in editor.toPlainText()
    assert "Only the blog has this sentence." in wordpress.get_post(post_id)["content"]
    assert "Took the blog's version" in publishing.result_label.text()
    assert not desk.window.documents.dirty and not editor.isReadOnly()
    badge_of(qtbot, desk, "published")


def test_wrong_password_shows_the_plain_message(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk(secret="abcd efgh ijkl mnop qrst uvwx")
    press_publish(qtbot, desk)
    text = html.unescape(desk.publishing.result_label.text())
    assert "rejected the user name or application password" in text
    assert "Traceback" not in text and "<" not in text
    assert desk.publishing.last_result is None
    account = desk.publishing.service.accounts.all()[0]
    assert not desk.window.documents.doc.post.sync_state(account.id).get("remote_id")
    assert not desk.window.editor.isReadOnly()


def test_unreachable_blog_queues_in_the_outbox(
    qtbot: Any, make_publishing_desk: Callable[..., Desk]
) -> None:
    desk = make_publishing_desk(site_url="http://127.0.0.1:9")  # discard port: nothing listens
    press_publish(qtbot, desk)
    result = desk.publishing.last_result
    assert result is not None and result.queued
    assert desk.publishing.result_label.text().startswith(
        "Queued in the outbox, will be sent when the blog answers."
    )
    badge_of(qtbot, desk, "pending in outbox")
    listed_badge(qtbot, desk, "pending", "pending in outbox")
    # The flush timer is armed for the job's retry (back-off: 30 s for the first).
    remaining = desk.publishing.controller.next_flush_in_ms()
    assert remaining is not None and 5_000 <= remaining <= 31_000


def test_the_outbox_is_flushed_at_start_up_once_the_blog_answers(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk(site_url="http://127.0.0.1:9")
    publishing = desk.publishing
    press_publish(qtbot, desk)
    assert publishing.last_result is not None and publishing.last_result.queued
    # The blog is back (here: the account now points at the running WordPress) and BlogDesk
    # starts again: the start-up flush sends the job in the background.
    store = publishing.service.accounts
    account = store.all()[0]
    store.update(replace(account, site_url=wordpress.url, options={"api_url": wordpress.api_url}))
    publishing.last_result = None
    publishing.startup_timer.start(0)
    qtbot.waitUntil(lambda: publishing.last_result is not None, timeout=TIMEOUT)
    wait_idle(qtbot, desk)
    result = publishing.last_result
    assert result is not None and not result.queued and result.status == "publish"
    assert wordpress.get_post(result.remote_id)["title"] == desk.title
    assert publishing.service.outbox.jobs() == []
    badge_of(qtbot, desk, "published")
    assert desk.window.documents.doc.post.sync_state(account.id)["remote_id"] == result.remote_id


def test_cancel_stops_before_the_upload_and_sends_nothing(
    qtbot: Any, make_publishing_desk: Callable[..., Desk]
) -> None:
    desk = make_publishing_desk()
    controller = desk.publishing.controller
    service = controller.service
    original = service.publish

    def publish(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
        def report(step: Any) -> None:
            progress(step)
            if step.stage == "render":
                # The author presses Cancel while the post is being prepared (called here on
                # the worker thread, so the timing is exact): the upload must not start.
                controller.cancel()

        return original(*args, progress=report, **kwargs)

    service.publish = publish  # type: ignore[method-assign]
    assert desk.publishing.cancel_button.isHidden()
    press_publish(qtbot, desk)
    assert "Cancelled" in desk.publishing.result_label.text()
    assert desk.publishing.last_result is None
    account = service.accounts.all()[0]
    slug = desk.title.lower().replace(" ", "-")
    assert service.provider(account).find_post_by_slug(slug) is None
    state = desk.window.documents.doc.post.sync_state(account.id)
    assert not state.get("remote_id")
    image = (desk.post.parent / "media" / "pic.png").read_bytes()
    assert service.ledger.lookup(account.id, file_hash(image)) is None  # never uploaded
    assert not desk.window.editor.isReadOnly() and desk.publishing.cancel_button.isHidden()


def test_publish_panel_sends_the_chosen_status_and_tags(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk()
    publishing = desk.publishing
    panel = publishing.show_panel()
    assert panel.isVisible() and panel.current_account() is not None
    assert panel.tags.text() == "desk-tag"
    panel.status.setCurrentIndex(panel.status.findData("draft"))
    panel.tags.setText("desk-tag, second-tag")
    qtbot.mouseClick(panel.publish_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk)
    result = publishing.last_result
    assert result is not None and result.status == "draft"
    assert wordpress.get_post(result.remote_id)["status"] == "draft"
    assert desk.window.documents.doc.post.tags == ["desk-tag", "second-tag"]
    assert publishing.result_label.text().startswith("Saved as a draft on the blog")


def test_publish_panel_schedules_and_shows_the_date_in_three_time_zones(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk()
    store = desk.publishing.service.accounts
    account = store.all()[0]
    store.update(account.with_options(timezone="Asia/Tokyo"))
    panel = desk.publishing.show_panel()
    panel.status.setCurrentIndex(panel.status.findData("scheduled"))
    panel.use_date.setChecked(True)
    when = (datetime.now().astimezone() + timedelta(days=3)).replace(second=0, microsecond=0)
    panel.date.setDateTime(
        QDateTime.fromString(when.replace(tzinfo=None).isoformat(), Qt.DateFormat.ISODate)
    )
    utc = when.astimezone(UTC)
    tokyo = when.astimezone(ZoneInfo("Asia/Tokyo"))
    lines = panel.times.text().splitlines()
    assert lines[0].startswith(f"Blog: {tokyo:%Y-%m-%d %H:%M} JST (Asia/Tokyo")
    assert lines[1].startswith(f"You: {when:%Y-%m-%d %H:%M}")
    assert lines[2] == f"UTC: {utc:%Y-%m-%d %H:%M} UTC"
    qtbot.mouseClick(panel.publish_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, desk)
    result = desk.publishing.last_result
    assert result is not None and result.status == "future", desk.publishing.result_label.text()
    assert wordpress.get_post(result.remote_id)["date_gmt"] == f"{utc:%Y-%m-%d %H:%M:%S}"
    assert desk.publishing.result_label.text().startswith(f"Scheduled for {tokyo:%Y-%m-%d %H:%M}")
    badge_of(qtbot, desk, "scheduled")


def test_publish_panel_refuses_to_schedule_without_a_date(
    qtbot: Any, make_publishing_desk: Callable[..., Desk]
) -> None:
    desk = make_publishing_desk()
    panel = desk.publishing.show_panel()
    panel.status.setCurrentIndex(panel.status.findData("scheduled"))
    panel.use_date.setChecked(False)
    requests: list[Any] = []
    panel.publishRequested.connect(requests.append)
    qtbot.mouseClick(panel.publish_button, Qt.MouseButton.LeftButton)
    assert requests == [] and "set its date" in panel.hint.text()
    assert not desk.publishing.controller.busy


def test_unpublish_turns_the_post_back_into_a_draft(
    qtbot: Any, make_publishing_desk: Callable[..., Desk], wordpress: WordPressServer
) -> None:
    desk = make_publishing_desk()
    publishing = desk.publishing
    assert not publishing.unpublish()  # not on a blog yet: said plainly, nothing runs
    assert "not on a blog yet" in publishing.result_label.text()
    press_publish(qtbot, desk)
    post_id = remote_id(desk)
    publishing.actions["unpublish"].trigger()
    wait_idle(qtbot, desk)
    assert wordpress.get_post(post_id)["status"] == "draft"
    assert desk.window.documents.doc.post.status == "draft"
    assert desk.publishing.last_result.status == "draft"
    assert "Saved as a draft on the blog" in desk.publishing.result_label.text()
    badge_of(qtbot, desk, "draft on server")
