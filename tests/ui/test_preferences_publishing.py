"""What is published is what the preview shows, also after a preference changed in the open
window: smart quotes switched off in Edit → Preferences reach the SyncService that was built
before the change (it asks the composition root for the render options at each publish), and the
settings file the command line reads.

The real window offscreen, the real dialog driven by key events, the real WordPress on loopback.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest
from tests.memory_keyring import MemoryKeyring
from tests.servers.wordpress_fixture import WordPressServer

from PySide6.QtCore import Qt

from blogdesk.cli import main as cli_main
from blogdesk.core.convert.wp_blocks import to_blocks
from blogdesk.core.render.rendering import RenderOptions, render
from blogdesk.core.settings import render_options
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.publish.changes import normalize_html
from blogdesk.ui.preferences.apply import live_preferences
from blogdesk.ui.preferences.dialog import PreferencesDialog

TIMEOUT = 60_000
BODY = "She said \"hello\" -- and it's fine...\n\nAnd 'more'.\n"


def _post(root: Path) -> Path:
    root.mkdir(parents=True)
    path = root / "quotes.md"
    title = f"Quotes {uuid.uuid4().hex[:8]}"
    path.write_text(f"---\ntitle: {title}\nstatus: draft\n---\n\n{BODY}", encoding="utf-8")
    return path


def _smart_quotes_off_in_the_dialog(qtbot: Any, window: Any) -> None:
    """Ctrl+, then Space on the smart-quotes box, as the author does it."""
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    qtbot.keyClick(window.editor, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(PreferencesDialog, "preferencesDialog")
    assert isinstance(dialog, PreferencesDialog)
    qtbot.waitExposed(dialog)
    box = dialog.rows["smart_quotes"].control
    assert box is not None
    dialog.tabs.setCurrentWidget(box.parentWidget())
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    dialog.close()
    assert window.settings.smart_quotes is False


def _previewed(qtbot: Any, window: Any, smart: bool) -> str:
    """The preview's HTML once it shows the post rendered with smart quotes on or off."""
    controller = window.preview_controller
    marker = "“hello”" if smart else '"hello"'
    qtbot.waitUntil(
        lambda: controller.last_post is not None and marker in controller.last_post.html,
        timeout=15_000,
    )
    html: str = controller.last_post.html
    return html


def test_the_sync_service_follows_the_live_settings(make_desk, sample_library, qtbot) -> None:
    desk = make_desk(sample_library, [sample_library / "first-post.md"])
    service = desk.services.sync_service()  # built before the change, as after a first publish
    assert service.render_options == RenderOptions(smart_quotes=True)
    _smart_quotes_off_in_the_dialog(qtbot, desk.window)
    assert service.render_options == RenderOptions(smart_quotes=False)
    assert service.context.render_options == render_options(desk.window.settings)


@pytest.mark.wordpress
def test_published_html_equals_the_preview_after_smart_quotes_off(
    qtbot: Any,
    make_desk: Any,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    wordpress: WordPressServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    post = _post(tmp_path / "library")
    desk = make_desk(post.parent, [post], start_preview=True)
    window = desk.window
    publishing = window.publishing
    publishing.startup_timer.stop()
    # The service exists before the change (the account is added through it), so a value
    # copied into it at build time would still say "smart quotes on".
    service = publishing.service
    name = f"wp-{uuid.uuid4().hex[:6]}"
    account = Account.new(
        name, "wordpress", wordpress.url, wordpress.user, api_url=wordpress.api_url
    )
    service.accounts.add(account)
    service.credentials.set(account.id, wordpress.app_password)
    qtbot.waitUntil(lambda: window.preview_controller is not None, timeout=15_000)
    smart = _previewed(qtbot, window, smart=True)

    _smart_quotes_off_in_the_dialog(qtbot, window)
    previewed = _previewed(qtbot, window, smart=False)

    button = window.toolbar.widgetForAction(publishing.actions["publish"])
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not publishing.controller.busy, timeout=TIMEOUT)
    result = publishing.last_result
    assert result is not None and result.remote_id, window.statusBar().currentMessage()
    stored = wordpress.get_post(result.remote_id)["content"]

    # What the blog stores is the preview's HTML in WordPress's block form ...
    assert normalize_html(stored) == normalize_html(to_blocks(previewed))
    # ... not the smart rendering the service would have kept from its start (this can fail).
    assert normalize_html(stored) != normalize_html(to_blocks(smart))
    assert previewed == render(BODY, RenderOptions(smart_quotes=False)).html

    # The command line reads the saved file: `blogdesk render --account` says the same.
    live = live_preferences(window)
    qtbot.waitUntil(lambda: not live.writer.busy, timeout=10_000)
    capsys.readouterr()
    assert cli_main(["--library", str(post.parent), "render", str(post), "--account", name]) == 0
    assert normalize_html(capsys.readouterr().out) == normalize_html(stored)
