"""The `blogdesk` command's first step (ui/window/instance/quick_launch.py): while a window is
open, a launch that only opens files hands them over before the command line, platformdirs or
pathlib load.

Its folders and its choice of library must be the ones `core.paths` and `blogdesk.cli` make, or a
hand-over would go to the wrong socket (the launch then falls back to the whole way, slower) or
ask for the wrong library; these tests compare them in the same environments. The hand-over
itself runs the real entry point (`python -m blogdesk`) against a real window.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from blogdesk.cli import library_path
from blogdesk.commands import COMMAND_NAMES
from blogdesk.core import paths
from blogdesk.ui.window.instance.handoff import socket_path
from blogdesk.ui.window.instance.quick_launch import _library, hand_over, user_folder, window_launch

REPO = Path(__file__).resolve().parents[2]

ENTRY_PROBE = """
import atexit, json, sys
atexit.register(lambda: print("MODULES " + json.dumps(sorted(sys.modules)), flush=True))
sys.argv[0] = "blogdesk"
from blogdesk.__main__ import main
sys.exit(main())
"""


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    return env


@pytest.mark.parametrize(
    "environment",
    [
        {},  # the platform defaults under $HOME
        {"XDG_STATE_HOME": "/x/state", "XDG_CONFIG_HOME": "/x/config", "XDG_DATA_HOME": "/x/d"},
        {"XDG_STATE_HOME": "relative/state", "XDG_CONFIG_HOME": "", "XDG_DATA_HOME": "rel"},
        {"HOME": "/home/some one/"},
        {
            "BLOGDESK_STATE_DIR": "~/bd/state",
            "BLOGDESK_CONFIG_DIR": "/etc/../tmp/config",
            "BLOGDESK_DATA_DIR": "~/bd/data",
        },
    ],
)
def test_the_folders_are_core_paths_folders(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, environment: dict[str, str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("STATE", "CONFIG", "DATA"):
        monkeypatch.delenv(f"BLOGDESK_{name}_DIR", raising=False)
        monkeypatch.delenv(f"XDG_{name}_HOME", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert user_folder("state") == str(paths.state_dir())
    assert user_folder("config") == str(paths.config_dir())
    assert user_folder("data") == str(paths.data_dir())
    # The socket is named after the state folder: the window's and the launch's must agree.
    assert socket_path(user_folder("state") or "") == socket_path(paths.state_dir())


def test_a_home_that_is_not_absolute_is_left_to_platformdirs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BLOGDESK_STATE_DIR", raising=False)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", "not/absolute")
    assert user_folder("state") is None
    assert hand_over(["post.md"]) is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, [])),
        (["a.md", "b.md"], (None, ["a.md", "b.md"])),
        (["--library", "/lib", "a.md"], ("/lib", ["a.md"])),
        (["a.md", "--library=/lib"], ("/lib", ["a.md"])),
        (["a.md", "list"], (None, ["a.md", "list"])),  # a file named like a command
        (["list"], None),
        (["--library", "/lib", "publish", "a.md"], None),
        (["--help"], None),
        (["--version"], None),
        (["--first-run"], None),
        (["--lib", "/lib"], None),  # argparse's abbreviations are argparse's
        (["--", "a.md"], None),
        (["-"], None),
        (["--library"], None),
        (["--library="], None),
        (["--library", "--first-run"], None),
        (["--library=-odd", "a.md"], ("-odd", ["a.md"])),
    ],
)
def test_only_a_plain_window_launch_is_handed_over(
    argv: list[str], expected: tuple[str | None, list[str]] | None
) -> None:
    assert window_launch(argv) == expected


def test_every_command_is_a_command_to_the_launch() -> None:
    for command in COMMAND_NAMES:
        assert window_launch([command]) is None
        assert window_launch(["--library", "/lib", command, "x"]) is None


def _cli_choice(named: str | None) -> str:
    return str(library_path(argparse.Namespace(library=Path(named) if named else None)))


@pytest.mark.parametrize(
    ("settings", "named", "env_library"),
    [
        (None, None, None),  # no settings file: the default library
        ({"library_folder": "~/Writing "}, None, None),  # the folder chosen on first run
        ({"library_folder": ""}, None, None),
        ({"library_folder": 7}, None, None),  # a wrong type falls back to the default
        ({"library_folder": "/elsewhere"}, "~/named", None),  # --library wins
        ({"library_folder": "/elsewhere"}, None, "~/from-env"),  # then $BLOGDESK_LIBRARY
    ],
)
def test_the_library_is_the_one_the_command_line_chooses(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    settings: dict[str, object] | None,
    named: str | None,
    env_library: str | None,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    if env_library:
        monkeypatch.setenv("BLOGDESK_LIBRARY", env_library)
    if settings is not None:
        paths.config_dir().mkdir(parents=True, exist_ok=True)
        (paths.config_dir() / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    chosen = _library(named, os.environ)
    assert chosen is not None
    assert chosen[0] == _cli_choice(named)
    assert chosen[1] == str(paths.default_library())


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", "\xff\xfe"])
def test_settings_it_cannot_read_are_left_to_the_command_line(
    monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    """The command line loads them with their checks (a backup, a message); the launch does not
    guess a library from a broken file."""
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    (paths.config_dir() / "settings.json").write_text(content, encoding="latin-1")
    assert _library(None, os.environ) is None


def test_without_a_window_the_launch_goes_the_whole_way(tmp_path: Path) -> None:
    assert not Path(socket_path(paths.state_dir())).exists()
    assert hand_over(["--library", str(tmp_path), str(tmp_path / "a.md")]) is None


def _second_launch(args: list[str]) -> tuple[subprocess.Popen[str], Callable[[], Any]]:
    proc = subprocess.Popen(
        [sys.executable, "-c", ENTRY_PROBE, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=REPO,
        text=True,
    )
    return proc, proc.communicate


def _modules(out: str) -> set[str]:
    lines = [line for line in out.splitlines() if line.startswith("MODULES ")]
    assert lines, out
    return set(json.loads(lines[-1].removeprefix("MODULES ")))


def test_blogdesk_file_goes_to_the_open_window_before_the_command_line_loads(
    qtbot: Any, make_desk: Callable[..., Any], sample_library: Path
) -> None:
    """The real entry point, as `blogdesk FILE` runs it: the window opens the file, and the launch
    loaded neither the command line, platformdirs nor Qt."""
    desk = make_desk(sample_library)
    target = sample_library / "third-post.md"
    proc, communicate = _second_launch(["--library", str(sample_library), str(target)])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = communicate()
    assert proc.returncode == 0, err
    qtbot.waitUntil(lambda: desk.window.documents.path == target.resolve(), timeout=5000)
    modules = _modules(out)
    assert "blogdesk.ui.window.instance.quick_launch" in modules
    loaded = {m for m in modules if m.split(".")[0] in ("PySide6", "platformdirs", "argparse")}
    assert loaded == set()
    assert "blogdesk.cli" not in modules and "blogdesk.core.paths" not in modules


def test_the_remembered_library_is_asked_for_without_a_library_flag(
    qtbot: Any, make_desk: Callable[..., Any], sample_library: Path
) -> None:
    """`blogdesk FILE` from a file manager names no library: the one chosen in Preferences (in
    settings.json) is the one asked for, and the open window takes the file."""
    paths.config_dir().mkdir(parents=True, exist_ok=True)
    (paths.config_dir() / "settings.json").write_text(
        json.dumps({"library_folder": str(sample_library)}), encoding="utf-8"
    )
    desk = make_desk(sample_library)
    target = sample_library / "third-post.md"
    proc, communicate = _second_launch([str(target)])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = communicate()
    assert proc.returncode == 0, err
    qtbot.waitUntil(lambda: desk.window.documents.path == target.resolve(), timeout=5000)
    assert "blogdesk.cli" not in _modules(out)


def test_a_file_of_another_library_is_refused_with_the_reason(
    qtbot: Any, make_desk: Callable[..., Any], sample_library: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    (other / ".blogdesk").mkdir(parents=True)
    (other / "post.md").write_text("# Elsewhere\n", encoding="utf-8")
    desk = make_desk(sample_library)
    shown = desk.window.documents.path
    proc, communicate = _second_launch(["--library", str(sample_library), str(other / "post.md")])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    out, err = communicate()
    assert proc.returncode == 1
    assert f"BlogDesk is already open on {sample_library.resolve()}" in err
    assert str(other.resolve()) in err
    assert "Traceback" not in err
    assert desk.window.documents.path == shown
    assert "blogdesk.cli" not in _modules(out)


def test_a_socket_left_by_a_crashed_window_means_the_whole_way(tmp_path: Path) -> None:
    """A window that crashed leaves its socket file; nobody answers on it. The launch must not
    wait or fail: the whole way then starts a new window (which removes the old file)."""
    import socket

    path = socket_path(paths.state_dir())
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(path)
    left.close()  # the file stays, nobody listens
    try:
        assert Path(path).exists()
        assert hand_over(["--library", str(tmp_path), str(tmp_path / "a.md")]) is None
    finally:
        Path(path).unlink()
