"""The History panel in the real window: a commit per save burst, the versions list, the word
diff and "Restore this version" as one undoable edit."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from blogdesk.core.history.versions import file_history


def test_save_bursts_become_versions_and_one_can_be_restored(
    qtbot: Any, make_desk: Any, sample_library: Path
) -> None:
    desk = make_desk(sample_library)
    window, ui = desk.window, desk.window.history_ui
    assert window.menus.actions["panel_history"].text() == "&History"
    assert window.menus.actions["library_sync"] in window.menus.library_menu.actions()
    post = sorted(sample_library.glob("*.md"))[0]
    rel = post.name
    assert window.open_path(post)
    docs = window.documents
    history = desk.services.history()
    qtbot.waitUntil(lambda: history.head() is not None, timeout=10_000)
    desk.runner.wait_idle(10_000)
    first = len(file_history(history, rel).versions)

    window.editor.setPlainText("A brand new first sentence.\n")
    assert docs.save_now()
    with qtbot.waitSignal(docs.saveBurstEnded, timeout=10_000):
        docs.end_save_burst()
    qtbot.waitUntil(lambda: len(file_history(history, rel).versions) == first + 1, timeout=10_000)
    assert file_history(history, rel).versions[0].message == f"Save {rel}"

    panel = ui.panel
    window.menus.actions["panel_history"].setChecked(True)  # View → History
    qtbot.waitUntil(panel.isVisible)
    qtbot.waitUntil(lambda: panel.versions.count() == first + 1, timeout=10_000)
    panel.versions.setCurrentRow(1)  # the version before the edit
    qtbot.waitUntil(lambda: panel.restore.isEnabled(), timeout=10_000)
    assert "A brand new" in panel.diff.toPlainText()
    old_body = panel._compared.body
    panel.restore.click()
    assert window.editor.toPlainText() == old_body
    assert docs.dirty  # saved as usual by the autosave
    window.editor.undo()  # one undoable change
    assert window.editor.toPlainText() == "A brand new first sentence.\n"
    if os.environ.get("BLOGDESK_HISTORY_SCREENSHOT"):  # docs/history.png
        from blogdesk.core.history.record import record_publish
        from blogdesk.core.history.trailers import PublishMark

        mark = PublishMark("Travel", "42", "publish", rel)
        record_publish(history, mark, f"Publish {rel} on Travel (publish)", None)
        window.editor.redo()
        assert docs.save_now()
        docs.end_save_burst()
        qtbot.waitUntil(lambda: panel.versions.count() == first + 3, timeout=10_000)
        window.resize(1400, 820)
        panel.versions.setCurrentRow(1)
        qtbot.waitUntil(lambda: panel.restore.isEnabled(), timeout=10_000)
        qtbot.wait(300)
        window.grab().save(os.environ["BLOGDESK_HISTORY_SCREENSHOT"])
    assert panel.versions.item(0).data(Qt.ItemDataRole.UserRole)
