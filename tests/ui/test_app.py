"""Start-up: the composition root, a new library's welcome post, files given on the command line,
loose files, the single-instance hand-off, and the desktop files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

from blogdesk.app import library_for
from blogdesk.core import paths
from blogdesk.services import Folders
from blogdesk.ui.window.instance.single_instance import send_to_running, server_name

REPO = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    return env


def test_new_library_gets_the_welcome_post(qtbot, make_desk, tmp_path: Path) -> None:
    root = tmp_path / "brand new"
    desk = make_desk(root)
    welcome = root / "welcome-to-blogdesk.md"
    assert welcome.exists() and (root / ".blogdesk").is_dir()
    assert desk.window.documents.path == welcome.resolve()
    assert desk.window.windowTitle() == "Welcome to BlogDesk — BlogDesk"
    assert desk.window.focusWidget() is desk.window.editor  # the first keys go into the post
    qtbot.waitUntil(lambda: desk.window.library_panel.model.rowCount() == 1, timeout=5000)


def test_library_first_made_by_the_cli_still_gets_the_welcome_post(
    qtbot, make_desk, tmp_path: Path
) -> None:
    from blogdesk.cli import main

    root = tmp_path / "made by list"
    assert main(["--library", str(root), "new", "Throwaway"]) == 0
    (root / "throwaway.md").unlink()  # an empty library with its .blogdesk/ folder
    desk = make_desk(root)
    assert (root / "welcome-to-blogdesk.md").exists() and desk.welcome is not None


def test_an_emptied_library_does_not_get_the_welcome_post_back(
    qtbot, make_desk, close_desk, tmp_path: Path
) -> None:
    root = tmp_path / "emptied"
    first = make_desk(root)
    close_desk(first)
    (root / "welcome-to-blogdesk.md").unlink()
    second = make_desk(root)
    assert not (root / "welcome-to-blogdesk.md").exists() and second.welcome is None


def test_existing_library_gets_no_welcome(qtbot, make_desk, sample_library: Path) -> None:
    desk = make_desk(sample_library)
    assert not (sample_library / "welcome-to-blogdesk.md").exists()
    assert desk.welcome is None


def test_last_post_is_reopened_after_a_clean_exit(qtbot, make_desk, close_desk, sample_library):
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    desk.window.documents.set_cursor(9)
    close_desk(desk)
    again = make_desk(sample_library)
    assert not again.crashed
    assert again.window.documents.path == post.resolve()
    assert again.window.editor.textCursor().position() == 9


def test_the_reopened_post_has_the_keyboard(qtbot, make_desk, close_desk, sample_library):
    """Keys typed right after the start go into the reopened post at its caret, not into the
    library's search box (first in the window's focus chain, it used to take them)."""
    post = sample_library / "second-post.md"
    desk = make_desk(sample_library, [post])
    desk.window.documents.set_cursor(9)
    close_desk(desk)
    again = make_desk(sample_library)  # no file named: the last session's post comes back
    window = again.window
    assert window.focusWidget() is window.editor
    before = window.editor.toPlainText()
    qtbot.keyClicks(window.focusWidget(), "Hi ")
    assert window.editor.toPlainText() == before[:9] + "Hi " + before[9:]
    assert window.library_panel.search.text() == ""


def test_library_for_picks_the_library_holding_the_file(tmp_path: Path) -> None:
    default = tmp_path / "default"
    other = tmp_path / "other"
    (other / ".blogdesk").mkdir(parents=True)
    (other / "posts").mkdir()
    inside = other / "posts" / "x.md"
    loose = tmp_path / "loose.md"
    assert library_for(default, [inside]) == other
    assert library_for(default, [loose]) == default
    assert library_for(default, []) == default
    assert library_for(default, [default / "a.md"]) == default


def test_loose_file_opens_and_saves(qtbot, make_desk, sample_library, tmp_path) -> None:
    loose = tmp_path / "elsewhere" / "notes.md"
    loose.parent.mkdir()
    loose.write_text("---\ntitle: Loose notes\n---\n\nOutside any library.\n")
    desk = make_desk(sample_library, [loose])
    docs = desk.window.documents
    assert docs.path == loose.resolve() and docs.doc is not None and not docs.doc.in_library
    assert desk.window.windowTitle() == "Loose notes — BlogDesk"
    desk.window.editor.moveCursor(desk.window.editor.textCursor().MoveOperation.End)
    desk.window.editor.insertPlainText("More.")
    qtbot.waitUntil(lambda: loose.read_text().endswith("Outside any library.\nMore."), timeout=3000)
    assert (
        str(loose.resolve()) in desk.settings.recent_files
        or str(loose) in desk.settings.recent_files
    )


def test_second_launch_hands_its_files_to_the_open_window(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library)
    target = sample_library / "third-post.md"
    # The second launch runs the real entry point, then reports the top-level widgets it made:
    # a handed-over launch made none (a second window would be listed here by its class).
    second_launch = (
        "import sys\n"
        "from blogdesk.cli import main\n"
        "from PySide6.QtWidgets import QApplication\n"
        "rc = main(sys.argv[1:])\n"
        "app = QApplication.instance()\n"
        "made = sorted(type(w).__name__ for w in app.topLevelWidgets()) if app else []\n"
        "print('top-level widgets:', made)\n"
        "sys.exit(rc)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", second_launch, "--library", str(sample_library), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=_env(),
        cwd=REPO,
    )
    # The window (in this process) must keep handling events while the second one talks to it.
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    output = proc.stdout.read().decode() if proc.stdout else ""
    if proc.stdout:
        proc.stdout.close()
    assert proc.returncode == 0, output
    qtbot.waitUntil(lambda: desk.window.documents.path == target.resolve(), timeout=5000)
    # Only one window: the second process built none.
    assert "top-level widgets: []" in output, output


def test_second_launch_for_another_library_says_so(qtbot, make_desk, sample_library, tmp_path):
    desk = make_desk(sample_library)
    other = tmp_path / "other library"
    proc = subprocess.Popen(
        [sys.executable, "-m", "blogdesk", "--library", str(other)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=REPO,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    assert proc.returncode == 1, (out, err)
    message = err.decode()
    assert f"BlogDesk is already open on {sample_library.resolve()}" in message
    assert f"close it first to open {other}" in message
    assert "Traceback" not in message
    assert not other.exists()  # no second library was made
    assert desk.window.library.root == sample_library.resolve()


def test_plain_launch_brings_any_open_window_forward(qtbot, make_desk, sample_library):
    desk = make_desk(sample_library)
    env = {k: v for k, v in _env().items() if k != "BLOGDESK_LIBRARY"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "blogdesk"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=REPO,
    )
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    assert proc.returncode == 0, (out, err)
    assert not paths.default_library().exists()  # handed over: no window, no library made
    assert desk.window.library.root == sample_library.resolve()


def test_no_display_gives_a_clear_message(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in _env().items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    proc = subprocess.run(
        [sys.executable, "-m", "blogdesk", "--library", str(tmp_path / "lib")],
        capture_output=True,
        env=env,
        cwd=REPO,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == (
        "BlogDesk needs a graphical desktop (no DISPLAY or WAYLAND_DISPLAY). "
        "Use the command line: blogdesk --help"
    )


def test_no_running_window_means_no_hand_off(qtbot) -> None:
    assert send_to_running([Path("/tmp/x.md")], paths.state_dir(), timeout_ms=300) is False


def test_server_name_is_per_state_folder(monkeypatch, tmp_path) -> None:
    first = server_name(paths.state_dir())
    monkeypatch.setenv("BLOGDESK_STATE_DIR", str(tmp_path / "elsewhere"))
    assert server_name(Folders.of_user().state) != first  # what app.run passes
    assert paths.state_dir() == tmp_path / "elsewhere"


def test_whole_app_starts_and_quits_in_a_subprocess(tmp_path: Path) -> None:
    """`python -m blogdesk --library X` really opens the window (then a second launch with no
    files makes it come forward and exits 0, and the first one is stopped)."""
    root = tmp_path / "lib"
    first = subprocess.Popen(
        [sys.executable, "-m", "blogdesk", "--library", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
        cwd=REPO,
    )
    try:
        marker = paths.state_dir() / "recovery" / "running"
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the window never started"
        assert (root / "welcome-to-blogdesk.md").exists()
        second = subprocess.run(
            [sys.executable, "-m", "blogdesk", "--library", str(root)],
            capture_output=True,
            env=_env(),
            cwd=REPO,
            timeout=60,
        )
        assert second.returncode == 0
        assert first.poll() is None  # the first window is still running
    finally:
        first.kill()
        first.wait(10)


def test_desktop_entry_and_metainfo() -> None:
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(REPO / "packaging" / "linux" / "io.github.blogdesk.BlogDesk.desktop")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "blogdesk %F"
    assert "text/markdown" in section["MimeType"].split(";")
    assert section["Icon"] == "io.github.blogdesk.BlogDesk"
    tree = ET.parse(REPO / "packaging" / "linux" / "io.github.blogdesk.BlogDesk.metainfo.xml")
    component = tree.getroot()
    assert component.findtext("id") == "io.github.blogdesk.BlogDesk"
    assert component.find("launchable").text == "io.github.blogdesk.BlogDesk.desktop"
