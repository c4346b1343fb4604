"""The first-run assistant, driven with real widgets (offscreen) and real key events.

`blogdesk.app.launch` is what `run()` calls: on a fresh config the assistant comes first and the
window opens on the library chosen there. The default test keyring backend is keyring's
`fail.Keyring`, so "no keyring works" is what these tests see unless they install the
in-memory backend.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWizard

from blogdesk.app import Startup, launch
from blogdesk.core.settings import load_settings
from blogdesk.services import Folders, Services
from blogdesk.ui.first_run import launch as first_run_launch
from blogdesk.ui.first_run.assistant import FirstRunAssistant
from blogdesk.ui.first_run.places import (
    look_at,
    remembered_library,
    suggested_library,
)

TIMEOUT = 15_000


@pytest.fixture
def start(qtbot: Any, close_desk: Callable[[Any], None]) -> Iterator[Callable[..., Startup]]:
    """`start(first_run=False)`: what `blogdesk` does at start-up, on the test's own folders and
    the default library; the window and the assistant are closed after the test."""
    made: list[tuple[Startup, Services]] = []

    def begin(
        *, first_run: bool = False, documents: Path | None = None, library: Path | None = None
    ) -> Startup:
        services = Services(Folders.of_user())
        startup = launch(
            library or services.folders.default_library,
            [],
            services,
            first_run=first_run,
            start_preview=False,
            documents=documents,
        )
        made.append((startup, services))
        if startup.assistant is not None:
            qtbot.addWidget(startup.assistant)
        return startup

    yield begin
    for startup, services in made:
        if startup.assistant is not None:
            startup.assistant.runner.shutdown()
            if startup.assistant.blogs_dialog is not None:
                startup.assistant.blogs_dialog.close()
        if startup.desk is not None:
            close_desk(startup.desk)
        services.close()


def finish_window(qtbot: Any, startup: Startup) -> None:
    qtbot.waitUntil(lambda: startup.started, timeout=TIMEOUT)
    assert startup.desk is not None
    qtbot.waitExposed(startup.desk.window)


def skip(qtbot: Any, assistant: FirstRunAssistant, expected_next: int) -> None:
    qtbot.mouseClick(
        assistant.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: assistant.currentId() == expected_next, timeout=TIMEOUT)


def visible_password_fields() -> list[QLineEdit]:
    return [
        edit
        for top in QApplication.topLevelWidgets()
        if top.isVisible()
        for edit in top.findChildren(QLineEdit)
        if edit.isVisible() and edit.echoMode() == QLineEdit.EchoMode.Password
    ]


def saved_settings() -> dict[str, Any]:
    path = Folders.of_user().config / "settings.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def jekyll_site(folder: Path) -> Path:
    (folder / "_posts").mkdir(parents=True)
    (folder / "_config.yml").write_text("title: My site\n", "utf-8")
    (folder / "_posts" / "2024-05-01-hello-jekyll.md").write_text(
        "---\ntitle: Hello from Jekyll\nlayout: post\n---\n\nThe first post.\n", "utf-8"
    )
    return folder


# -- the assistant on a fresh machine --------------------------------------------------------------


def test_a_jekyll_site_typed_in_is_recognised_and_becomes_this_starts_library(
    qtbot: Any, start: Callable[..., Startup], tmp_path: Path, wait_listed: Any
) -> None:
    site = jekyll_site(tmp_path / "my site")
    startup = start()
    assistant = startup.assistant
    assert isinstance(assistant, FirstRunAssistant), "a fresh config must show the assistant"
    assert startup.desk is None and not startup.started  # the window waits for the library
    qtbot.waitExposed(assistant)
    assert assistant.currentId() == assistant.LIBRARY

    edit = assistant.library_page.path
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, str(site))
    look = assistant.library_page.look
    qtbot.waitUntil(lambda: "Jekyll site recognised" in look.text(), timeout=TIMEOUT)
    assert "1 post" in look.text()

    qtbot.keyClick(edit, Qt.Key.Key_Return)  # the default button: Use This Folder
    qtbot.waitUntil(lambda: assistant.currentId() == assistant.POSTS, timeout=TIMEOUT)
    assert startup.desk is not None
    assert startup.desk.library.root == site.resolve()
    assert "holds 1 post already" in assistant.posts_page.adopted.text()
    # The library page was the commit page: there is no going back to another folder.
    assert not assistant.button(QWizard.WizardButton.BackButton).isEnabled()

    qtbot.keyClick(assistant, Qt.Key.Key_Escape)  # Skip All
    finish_window(qtbot, startup)
    assert not assistant.isVisible()
    wait_listed(startup.desk, rows=1)
    assert (site / "_posts" / "2024-05-01-hello-jekyll.md").exists()  # nothing moved
    saved = saved_settings()
    assert saved["first_run_done"] is True
    assert Path(saved["library_folder"]) == site.resolve()
    # The CLI opens the same library from now on.
    assert remembered_library(load_settings(Folders.of_user().config)) == site.resolve()


def test_skipped_once_it_is_never_shown_again_but_first_run_brings_it_back(
    qtbot: Any, start: Callable[..., Startup], close_desk: Callable[[Any], None]
) -> None:
    first = start()
    assistant = first.assistant
    assert assistant is not None
    qtbot.waitExposed(assistant)
    skip(qtbot, assistant, assistant.POSTS)  # keeps the suggested (default) library
    skip(qtbot, assistant, assistant.KEYRING)  # no keyring in the tests: explained first
    skip(qtbot, assistant, assistant.BLOG)
    skip(qtbot, assistant, assistant.DONE)
    assert not assistant.button(QWizard.WizardButton.CustomButton1).isVisible()
    assert "blogdesk --first-run" in assistant.done_page.summary.text()
    qtbot.mouseClick(assistant.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    finish_window(qtbot, first)
    assert first.desk is not None
    default = Folders.of_user().default_library
    assert first.desk.library.root == default.resolve()
    assert saved_settings().get("library_folder", "") == ""  # the default needs no remembering
    close_desk(first.desk)

    again = start()
    assert again.assistant is None, "the assistant came back after it was skipped"
    assert again.started
    assert again.desk is not None
    close_desk(again.desk)

    forced = start(first_run=True)
    assert forced.assistant is not None, "--first-run must show the assistant again"
    qtbot.waitExposed(forced.assistant)
    # Asked for again, it proposes the library in use, not a new one.
    assert forced.assistant.library_page.folder() == default
    qtbot.keyClick(forced.assistant, Qt.Key.Key_Escape)
    finish_window(qtbot, forced)


def test_no_keyring_is_explained_before_any_password_is_asked_for(
    qtbot: Any, start: Callable[..., Startup]
) -> None:
    startup = start()
    assistant = startup.assistant
    assert assistant is not None
    qtbot.waitExposed(assistant)
    qtbot.waitUntil(lambda: assistant.keyring_state not in (None, "…"), timeout=TIMEOUT)
    skip(qtbot, assistant, assistant.POSTS)
    next_button = assistant.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assistant.currentId() == assistant.KEYRING, timeout=TIMEOUT)

    text = assistant.keyring_page.explanation.text()
    assert "no keyring works" in text
    assert "this session only" in text
    assert "never" in text and "plain file" in text
    if sys.platform.startswith("linux"):
        assert "gnome-keyring" in text
    assert visible_password_fields() == [], "a password field came before the explanation"

    assert assistant.keyring_page.session_only.isChecked()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assistant.currentId() == assistant.BLOG, timeout=TIMEOUT)
    assert assistant.session_only
    qtbot.mouseClick(assistant.blog_page.add_button, Qt.MouseButton.LeftButton)
    dialog = assistant.blogs_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert visible_password_fields(), "the Blogs dialog's add form shows the password field"
    dialog.close()


def test_choosing_to_set_up_a_keyring_first_leaves_the_blog_for_later(
    qtbot: Any, start: Callable[..., Startup]
) -> None:
    startup = start()
    assistant = startup.assistant
    assert assistant is not None
    qtbot.waitExposed(assistant)
    skip(qtbot, assistant, assistant.POSTS)
    qtbot.mouseClick(assistant.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assistant.currentId() == assistant.KEYRING, timeout=TIMEOUT)
    qtbot.mouseClick(assistant.keyring_page.later, Qt.MouseButton.LeftButton)
    assert assistant.keyring_page.later.isChecked()
    qtbot.mouseClick(assistant.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: assistant.currentId() == assistant.DONE, timeout=TIMEOUT)
    assert not assistant.session_only


def test_with_a_working_keyring_there_is_no_keyring_page(
    qtbot: Any, start: Callable[..., Startup], memory_keyring: Any
) -> None:
    startup = start()
    assistant = startup.assistant
    assert assistant is not None
    qtbot.waitUntil(lambda: assistant.keyring_state is None, timeout=TIMEOUT)
    skip(qtbot, assistant, assistant.POSTS)
    skip(qtbot, assistant, assistant.BLOG)


def test_a_library_in_use_or_one_named_gets_no_assistant(
    start: Callable[..., Startup], qtbot: Any, tmp_path: Path
) -> None:
    named = start(library=tmp_path / "named")  # `blogdesk --library DIR` on a fresh machine
    assert named.assistant is None and named.started
    library = Folders.of_user().default_library
    (library / ".blogdesk").mkdir(parents=True)  # an earlier BlogDesk made it
    startup = start()
    assert startup.assistant is None and startup.started


def test_suggests_documents_blog_on_a_fresh_machine(
    start: Callable[..., Startup], qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    # As without BLOGDESK_DATA_DIR (set by the tests to keep them off the real home folder).
    monkeypatch.setattr(
        first_run_launch,
        "suggested_library",
        lambda library, docs: suggested_library(library, docs, {}),
    )
    startup = start(documents=documents)
    assert startup.assistant is not None
    assert startup.assistant.library_page.folder() == documents / "Blog"
    assert "Documents" in startup.assistant.library_page.findChild(QLabel, "why").text()


# -- the decisions without Qt ----------------------------------------------------------------------


def test_hugo_markdown_and_new_folders_are_told_apart(tmp_path: Path) -> None:
    hugo = tmp_path / "hugo"
    (hugo / "content" / "posts").mkdir(parents=True)
    (hugo / "hugo.toml").write_text('title = "x"\n', "utf-8")
    (hugo / "content" / "posts" / "a.md").write_text("+++\ntitle = 'A'\n+++\nText\n", "utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "one.md").write_text("# One\n", "utf-8")
    (notes / "two.markdown").write_text("# Two\n", "utf-8")
    assert look_at(hugo).kind == "hugo"
    assert "Hugo site recognised" in look_at(hugo).describe()
    assert look_at(notes).kind == "markdown" and look_at(notes).posts == 2
    assert look_at(tmp_path / "nothing-yet").kind == "new"
    (tmp_path / "a-file").write_text("x", "utf-8")
    assert not look_at(tmp_path / "a-file").usable


def test_the_suggestion_is_documents_blog_unless_a_folder_was_set_on_purpose(
    tmp_path: Path,
) -> None:
    default = tmp_path / "data" / "Library"
    documents = tmp_path / "Documents"
    documents.mkdir()
    assert suggested_library(default, documents, {}) == documents / "Blog"
    assert suggested_library(default, None, {}) == default
    assert suggested_library(default, tmp_path / "missing", {}) == default
    assert suggested_library(default, documents, {"BLOGDESK_DATA_DIR": "x"}) == default


def test_blogdesk_first_run_reaches_the_window_without_importing_qt_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import blogdesk.app
    from blogdesk.cli import _is_command, build_parser, main

    seen: dict[str, Any] = {}

    def fake_run(
        library: Path,
        files: list[Path],
        *,
        first_run: bool = False,
        collector_paused: bool = False,
    ) -> int:
        seen.update(library=library, files=files, first_run=first_run)
        # main() called from Python (not the `blogdesk` command) leaves the collector alone
        assert collector_paused is False
        return 0

    monkeypatch.setattr(blogdesk.app, "run", fake_run)
    assert not _is_command(["--first-run"])
    assert main(["--first-run"]) == 0
    assert seen["first_run"] is True
    assert main([]) == 0
    assert seen["first_run"] is False
    assert "--first-run" in build_parser().format_help()


def test_a_wordpress_export_is_imported_with_the_import_dialogs_progress(
    qtbot: Any, start: Callable[..., Startup], monkeypatch: pytest.MonkeyPatch, wait_listed: Any
) -> None:
    """Step 2 reuses File → Import's flow: the file and the images question (answered here, as
    the system dialogs cannot be typed into offscreen), then the import window with progress."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from blogdesk.ui.library.import_dialog import ImportDialog

    export = Path(__file__).parent.parent / "core" / "data" / "wxr" / "classic.xml"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(export), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    startup = start()
    assistant = startup.assistant
    assert assistant is not None
    skip(qtbot, assistant, assistant.POSTS)
    button = next(
        b for b in assistant.posts_page.findChildren(QPushButton) if "WordPress" in b.text()
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = assistant.posts_page.findChild(ImportDialog)
    assert dialog is not None, "the import window did not open"
    qtbot.waitUntil(lambda: not dialog.running, timeout=TIMEOUT)
    assert dialog.heading.text() == "Import finished."
    assert assistant.imported > 0
    assert f"Imported {assistant.imported:,}" in assistant.posts_page.result.text()
    dialog.close()
    qtbot.keyClick(assistant, Qt.Key.Key_Escape)
    finish_window(qtbot, startup)
    wait_listed(startup.desk)
