"""The `blogdesk` command's first step: while a window is open, `blogdesk [FILE…]` hands its files
over and exits before the command line or anything else is imported.

`hand_over(argv)` understands only a plain window launch (files, `--library DIR`) on Linux. It
finds the running window's socket and the library the launch asks for the way `blogdesk.cli` and
`core.paths` do, reading the XDG variables by hand (platformdirs imports tempfile, shutil and
pathlib, ~20 ms) and the remembered library from settings.json with `json`. Whenever it is unsure
(another command or option, a settings file it cannot read, a home folder that is not absolute,
no window listening) it returns None, and `blogdesk.cli.main` does the whole launch as before:
the folders from platformdirs, the settings with their checks, the hand-over again, then Qt.
tests/ui/test_quick_launch.py checks the folders against `core.paths` and the hand-over against
a real window.
"""

from __future__ import annotations

import os
import sys

from blogdesk.commands import COMMAND_NAMES
from blogdesk.ui.window.instance.handoff import (
    OtherLibraryOpen,
    has_display,
    send_files,
    socket_path,
    wanted_library_folder,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["hand_over", "user_folder", "window_launch"]

APP_DIR_NAME = "BlogDesk"  # as core.paths names it

# BLOGDESK_*_DIR override, XDG variable, default under the home folder (platformdirs on Linux)
_FOLDERS = {
    "state": ("BLOGDESK_STATE_DIR", "XDG_STATE_HOME", "~/.local/state"),
    "config": ("BLOGDESK_CONFIG_DIR", "XDG_CONFIG_HOME", "~/.config"),
    "data": ("BLOGDESK_DATA_DIR", "XDG_DATA_HOME", "~/.local/share"),
}


def user_folder(kind: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """`core.paths.state_dir()` (kind "state"), `config_dir()` or `data_dir()` on Linux, as a
    string; None when the home folder is not an absolute path (platformdirs then asks the
    password database: left to it)."""
    override, xdg, fallback = _FOLDERS[kind]
    if environ.get(override):
        return os.path.expanduser(environ[override])
    base = environ.get(xdg, "")
    if not os.path.isabs(base):
        home = environ.get("HOME")
        if not home or not os.path.isabs(home):
            return None
        base = home.rstrip("/") + fallback[1:]
    return os.path.join(base, APP_DIR_NAME)


def window_launch(argv: list[str]) -> tuple[str | None, list[str]] | None:
    """(`--library` or None, files) when `argv` only opens files in the window; None for
    anything else (a command, --help, --first-run, any other option, a file named like an
    option), which the command line parses."""
    library: str | None = None
    files: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--library":
            library = next(args, None)
            if library is not None and library.startswith("-"):
                return None  # argparse takes it for an option and says the folder is missing
        elif arg.startswith("--library="):
            library = arg.removeprefix("--library=")
        elif arg.startswith("-") or (not files and arg in COMMAND_NAMES):
            return None
        else:
            files.append(arg)
            continue
        if not library:
            return None  # `--library` without a folder: argparse says what is wrong
    return library, files


def _remembered_library(config: str) -> str | None:
    """settings.json's `library_folder` ("" when none is chosen); None when the file cannot be
    read as settings (the command line then loads it with its checks and says what is wrong)."""
    import json

    try:
        with open(os.path.join(config, "settings.json"), "rb") as file:
            settings = json.loads(file.read())
    except FileNotFoundError:
        return ""
    except (OSError, ValueError):
        return None
    if not isinstance(settings, dict):
        return None
    folder = settings.get("library_folder", "")
    return folder.strip() if isinstance(folder, str) else ""


def _library(named: str | None, environ: Mapping[str, str]) -> tuple[str, str] | None:
    """(the library this launch opens, the default library), as `blogdesk.cli` chooses them."""
    data = user_folder("data", environ)
    if data is None:
        return None
    default = os.path.expanduser(environ.get("BLOGDESK_LIBRARY") or os.path.join(data, "Library"))
    chosen = named or environ.get("BLOGDESK_LIBRARY")
    if not chosen:
        config = user_folder("config", environ)
        remembered = None if config is None else _remembered_library(config)
        if remembered is None:
            return None
        chosen = remembered or default
    return os.path.realpath(os.path.expanduser(chosen)), default


def hand_over(argv: list[str], environ: Mapping[str, str] = os.environ) -> int | None:
    """The exit code when a running window took this launch's files (0), or refused them
    because it shows another library (1, said on stderr); None to go on with the whole launch."""
    if not sys.platform.startswith("linux") or not has_display(environ):
        return None
    launch = window_launch(argv)
    state = user_folder("state", environ)
    if launch is None or state is None or not os.path.exists(socket_path(state)):
        return None  # a first launch (no window listening) reads no settings here
    named, names = launch
    libraries = _library(named, environ)
    if libraries is None:
        return None
    library, default = libraries
    files = [os.path.realpath(name) for name in names]
    try:
        wanted = wanted_library_folder(library, files, default)
        taken = send_files(files, state, library=wanted)
    except OtherLibraryOpen as exc:
        print(exc, file=sys.stderr)  # as blogdesk.cli says it
        return 1
    except (OSError, ValueError):
        return None
    return 0 if taken is True else None
