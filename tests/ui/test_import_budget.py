"""The import budget of a start: what the window's first frame and `blogdesk list` load.

Each test starts a fresh process through the real entry point (`blogdesk.cli.main`, as the
`blogdesk` command does) and lists `sys.modules` at a fixed moment. For the window that moment is
the first frame (`firstFrameShown`, the signal after which the web preview starts): everything
imported by then delays the window, on the UI thread or by holding the GIL on a worker. The
modules below are needed only later (the preview's renderer, front-matter edits, publishing, the
blog theme, spelling) and are imported when first used or warmed up after the first frame.
benchmarks/bench_startup.py measures what this saves; docs/performance.md has the figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

# Not before the window's first frame (a module named here also covers its submodules).
NOT_BEFORE_FIRST_FRAME = (
    # the Markdown renderer: the preview imports it on a worker while QtWebEngine starts
    "markdown",
    "pygments",
    "xml.etree",
    "blogdesk.core.render.rendering",
    "blogdesk.core.render.engine",
    # round-trip editors of front matter: only a change to a post's fields needs them
    "ruamel",
    "tomlkit",
    "blogdesk.core.post.yaml_edit",
    "blogdesk.core.post.toml_edit",
    # the blog-theme preview style (BeautifulSoup)
    "bs4",
    "blogdesk.core.theme.template",
    # spelling: the dictionaries are opened after the first frame and preview
    "enchant",
    # publishing and the network: loaded on first use of the Blog menu
    "blogdesk.sync",
    "blogdesk.ui.publishing",
    "requests",
    "urllib3",
    "keyring",
    "jwt",
    # importers, exporters, conversions
    "markdownify",
    "defusedxml",
    "PIL",
    "blogdesk.core.importers",
    "blogdesk.core.export",
    "blogdesk.core.convert",
    # entry-point scans and the CLI's command modules
    "importlib.metadata",
    "blogdesk.cli.posts",
    "blogdesk.cli.publish",
    "blogdesk.cli.importing",
    "blogdesk.cli.export",
    # dialogs and bars built on first use: find and replace (Ctrl+F), the image dialog, the
    # dialog that shows text recovered after a crash (and its diff)
    "blogdesk.ui.editor.find_replace",
    "blogdesk.ui.editor.insert.image_dialog",
    "blogdesk.core.render.image_markup",  # an image reference's parser: inserting or editing one
    "blogdesk.ui.window.recovered_dialog",
    "difflib",
    # the web preview itself starts right after the first frame
    "PySide6.QtWebEngineWidgets",
    "blogdesk.ui.preview.web_preview",
    "blogdesk.ui.preview.controller",
)

# Not in `blogdesk list` (a cold process that reads the index): no Qt, no renderer, no network.
NOT_IN_LIST = (
    "PySide6",
    "shiboken6",
    "markdown",
    "pygments",
    "ruamel",
    "tomlkit",
    "bs4",
    "enchant",
    "blogdesk.sync",
    "blogdesk.ui",
    "blogdesk.app",
    "requests",
    "keyring",
    "importlib.metadata",
    # PyYAML: only a post whose file changed since the index was written is read (not here)
    "yaml",
)

# The window process: the real CLI entry point, with DeskApp.start wrapped to print sys.modules
# when the first frame is on screen and leave at once (os._exit: nothing else is of interest).
WINDOW_PROBE = """
import builtins, gc, json, os, sys
from blogdesk.ui.pyside_import import import_qt
assert import_qt()  # as blogdesk.cli.main does for the window
from blogdesk import app
from PySide6.QtCore import QTimer

start = app.DeskApp.start

def start_and_report(self, files):
    def report():
        # PySide6's import hook stayed out through the whole start (ui/pyside_import.py)
        assert builtins.__import__.__name__ == "__import__", builtins.__import__
        assert not gc.isenabled()  # the `blogdesk` command paused the collector for the start
        modules = sorted(sys.modules)
        def after():  # app.run's slot has run too: collections are back, the start's frozen
            assert gc.isenabled() and gc.get_freeze_count() > 10_000, gc.get_freeze_count()
            print("MODULES " + json.dumps(modules), flush=True)
            os._exit(0)
        QTimer.singleShot(0, after)
    self.window.firstFrameShown.connect(report)
    start(self, files)

app.DeskApp.start = start_and_report
from blogdesk.cli import main
sys.exit(main())  # no argv: the `blogdesk` command itself
"""

LIST_PROBE = """
import atexit, json, sys
atexit.register(lambda: print("MODULES " + json.dumps(sorted(sys.modules)), flush=True))
from blogdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    return env


def _modules_of(probe: str, args: list[str]) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=120,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("MODULES ")]
    assert lines, f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return set(json.loads(lines[-1].removeprefix("MODULES ")))


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(
        name for name in names if any(m == name or m.startswith(name + ".") for m in modules)
    )


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library with a post that has code, a heading and TOML-free YAML front matter."""
    root = tmp_path / "library"
    root.mkdir()
    (root / "opened.md").write_text(
        "---\ntitle: Opened\ntags: [a, b]\n---\n\n# Heading\n\nSome *text*.\n\n"
        "```python\nprint('hi')\n```\n",
        encoding="utf-8",
    )
    (root / "other.md").write_text("+++\ntitle = 'Other'\n+++\n\nBody.\n", encoding="utf-8")
    return root


def test_the_first_frame_imports_only_what_it_shows(library: Path) -> None:
    modules = _modules_of(WINDOW_PROBE, ["--library", str(library), str(library / "opened.md")])
    # The probe really ran the window: Qt, the window and the library are there.
    assert {"PySide6.QtWidgets", "blogdesk.ui.window.main_window", "blogdesk.app"} <= modules
    assert _loaded(modules, NOT_BEFORE_FIRST_FRAME) == []


# The window once its whole set-up has run (publishing, spelling, history, the warm-up of the
# modules the first actions need): what only some sessions need still waits for its first use.
NOT_AFTER_SET_UP = (
    # the HTML -> Markdown converter: a conflict's diff, import, pull; not the library's badges
    "bs4",
    "markdownify",
    "soupsieve",
    "blogdesk.core.convert.htmltomd",
    # the network and the publishing providers: the first publish
    "requests",
    "keyring",
    "blogdesk.sync.providers",
)

SET_UP_PROBE = """
import json, os, sys
from blogdesk.ui.pyside_import import import_qt
assert import_qt()
from blogdesk import app
from PySide6.QtCore import QTimer

start = app.DeskApp.start

def start_and_report(self, files):
    def check():
        if not self.ready:
            QTimer.singleShot(50, check)
            return
        self.runner.wait_idle(30_000)  # the warm-up's imports run on a worker
        print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
        os._exit(0)
    check()
    start(self, files)

app.DeskApp.start = start_and_report
from blogdesk.cli import main
sys.exit(main())
"""


def test_the_set_up_after_the_preview_leaves_the_html_converter_and_network_out(
    library: Path,
) -> None:
    modules = _modules_of(SET_UP_PROBE, ["--library", str(library), str(library / "opened.md")])
    # The set-up really ran: the badges' change check, the history, the warmed-up editors.
    assert {
        "blogdesk.sync.publish.changes",
        "blogdesk.ui.history.install",
        "blogdesk.core.post.yaml_edit",
    } <= modules
    assert _loaded(modules, NOT_AFTER_SET_UP) == []


def test_blogdesk_list_imports_no_qt_renderer_or_network(library: Path) -> None:
    # The first list builds the index (and reads every post: PyYAML comes in); the next cold
    # process, like any on a library already indexed, reads the index alone.
    first = _modules_of(LIST_PROBE, ["--library", str(library), "list"])
    assert "yaml" in first
    modules = _modules_of(LIST_PROBE, ["--library", str(library), "list"])
    assert {"blogdesk.cli.posts", "blogdesk.core.library.library"} <= modules
    assert _loaded(modules, NOT_IN_LIST) == []


def test_each_command_is_registered_by_the_module_it_is_mapped_to() -> None:
    """`blogdesk COMMAND` builds its parser from COMMAND_MODULE[COMMAND] alone: the map must name
    the module that really registers the command (else the command would be an invalid choice)."""
    import argparse

    from blogdesk.cli import COMMAND_MODULE, build_parser

    for command, module in COMMAND_MODULE.items():
        parser = build_parser(command)
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        assert command in subparsers[0].choices, (command, module)


def test_a_second_launch_hands_its_file_over_before_loading_qt(
    qtbot: Any, make_desk: Callable[..., Any], sample_library: Path
) -> None:
    """`blogdesk FILE` while a window is open: the file goes to that window through the socket
    (ui/window/instance/handoff.py) before Qt, the window or the library are imported."""
    desk = make_desk(sample_library)
    target = sample_library / "third-post.md"
    proc = subprocess.Popen(
        [sys.executable, "-c", LIST_PROBE, "--library", str(sample_library), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=REPO,
        text=True,
    )
    # This process's window must keep handling events while the second launch talks to it.
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    qtbot.waitUntil(lambda: desk.window.documents.path == target.resolve(), timeout=5000)
    lines = [line for line in out.splitlines() if line.startswith("MODULES ")]
    modules = set(json.loads(lines[-1].removeprefix("MODULES ")))
    assert "blogdesk.ui.window.instance.handoff" in modules
    # Nor the settings and the builder: the folders come from core.paths alone.
    not_needed = (
        "PySide6",
        "shiboken6",
        "blogdesk.app",
        "blogdesk.core.library",
        "blogdesk.services",
        "blogdesk.core.settings",
    )
    assert _loaded(modules, not_needed) == []


def test_the_window_imports_qt_without_pyside_s_import_hook(tmp_path: Path) -> None:
    """import_qt(): PySide6 loads, its __feature_import__ is taken out of builtins again, and
    what comes after still works: later imports (plain and of Qt classes made on first use),
    widgets, signals, enums."""
    probe = """
import builtins, sys
python_import = builtins.__import__
from blogdesk.ui.pyside_import import import_qt
assert import_qt() is True
assert builtins.__import__ is python_import
import difflib  # a plain module imported afterwards
from PySide6.QtCore import QObject, Signal, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QStyle
app = QApplication([])
class Box(QObject):
    changed = Signal(str)
box, seen = Box(), []
box.changed.connect(seen.append)
box.changed.emit("x")
edit = QLineEdit()
edit.setAlignment(Qt.AlignmentFlag.AlignRight)
assert seen == ["x"] and edit.alignment() == Qt.AlignmentFlag.AlignRight
assert QStyle.StateFlag.State_Selected.value == 0x8000
assert import_qt() is False  # a second call: nothing left to take out
print("ok")
"""
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=_env(), timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"
