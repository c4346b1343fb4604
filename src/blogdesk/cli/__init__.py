"""`blogdesk [--library DIR] COMMAND`: the library and publishing services without a window.

Each command group lives in its own module with a `register(subparsers)` function; a command's
handler takes the parsed arguments and returns the exit code. Commands get their folders,
settings, library, accounts and SyncService from `open_services(args)` (`blogdesk.services`, the
builder the window uses too), so the CLI publishes and renders exactly as the window does. Errors
a person can act on (BlogDeskError) go to stderr with exit code 1 and no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from blogdesk import __version__
from blogdesk.commands import COMMAND_MODULE, COMMAND_NAMES
from blogdesk.core.errors import BlogDeskError

if TYPE_CHECKING:
    from blogdesk.services import Services

# Command modules, in the order their commands appear in --help. A module that is missing (a part
# not built yet) is skipped, so the CLI never breaks on a partial install.
COMMAND_MODULES = (
    "blogdesk.cli.posts",
    "blogdesk.cli.preview",
    "blogdesk.cli.accounts",
    "blogdesk.cli.publish",
    "blogdesk.cli.importing",
    "blogdesk.cli.check",
    "blogdesk.cli.export",
    "blogdesk.cli.history",
    "blogdesk.cli.sync",
)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole CLI; with `command`, only the module that registers it is imported (a command
    module imports what its commands need: the renderer, BeautifulSoup, the importers, the sync
    layer; `blogdesk list` needs none of it, ~60 ms of imports saved in each cold process)."""
    parser = argparse.ArgumentParser(
        prog="blogdesk",
        description="BlogDesk: write, preview and publish blog posts. "
        "With no command, opens the window; with files, opens them.",
    )
    parser.add_argument("--version", action="version", version=f"BlogDesk {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen on a throw-away post, check the preview shows it, close, "
        "and exit 0 (1 with the reason when this installation is broken)",
    )
    parser.add_argument(
        "--library",
        metavar="DIR",
        type=Path,
        default=None,
        help="the library folder (default: $BLOGDESK_LIBRARY or the one in your data folder)",
    )
    parser.add_argument(
        "--first-run",
        action="store_true",
        help="open the window with the first-run assistant (library, posts, blog) again",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = COMMAND_MODULE.get(command or "")
    for name in COMMAND_MODULES if wanted is None else (wanted,):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No garbage collection while the block runs: for work that makes many objects and no
    garbage with reference cycles, which the collector would only look over again and again."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def library_path(args: argparse.Namespace) -> Path:
    """The library folder chosen by --library, $BLOGDESK_LIBRARY, or the default."""
    chosen: Path | None = args.library
    if chosen is None and os.environ.get("BLOGDESK_LIBRARY"):
        chosen = Path(os.environ["BLOGDESK_LIBRARY"])
    if chosen is None:
        from blogdesk.core.settings import load_settings
        from blogdesk.services import Folders

        folders = Folders.of_user()
        # The folder chosen on first run or in Preferences: the commands use the window's library.
        remembered = load_settings(folders.config).library_folder.strip()
        chosen = Path(remembered) if remembered else folders.default_library
    return chosen.expanduser().resolve()


def open_services(args: argparse.Namespace, *, create: bool = True) -> Services:
    """The builder with the chosen library open (`services.library`); close the library (and
    `services.close()` when the SyncService was used) when done."""
    # Imported here: `blogdesk --version` and the window's start need none of it.
    from blogdesk.services import Services

    services = Services()
    services.open_library(library_path(args), create=create)
    return services


def library_was_named(args: argparse.Namespace) -> bool:
    """Whether the author named the library (--library or $BLOGDESK_LIBRARY) or got the default."""
    return args.library is not None or bool(os.environ.get("BLOGDESK_LIBRARY"))


def _first_word(argv: Sequence[str]) -> str | None:
    """The first argument that is not --library and its folder: a command, an option, a file."""
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
            continue
        if arg == "--library":
            skip_next = True
            continue
        if arg.startswith("--library="):
            continue
        return arg
    return None


def _is_command(argv: Sequence[str]) -> bool:
    """True when argv names a command (or asks for help); False for `blogdesk [FILE...]`."""
    word = _first_word(argv)
    return word is not None and (
        word in ("-h", "--help", "--version", "--self-test") or word in COMMAND_NAMES
    )


def main(argv: Sequence[str] | None = None) -> int:
    # Without `argv`, this is the `blogdesk` command: the process is this command's alone.
    program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not _is_command(argv):
            return _open_window(argv, program=program)
        with _kept_for_good(program):
            parser = build_parser(_first_word(argv))
        args = parser.parse_args(argv)
        if args.self_test:
            # Imported here: it loads Qt, which no command and no --version may pay for.
            from blogdesk import self_test

            return self_test.main()
        handler = getattr(args, "handler", None)
        if handler is None:
            parser.print_help()
            return 0
        return int(handler(args))
    except BlogDeskError as exc:
        print(f"blogdesk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("blogdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `blogdesk list | head`: the reader went away; that is not an error.
        sys.stderr.close()
        return 0


@contextlib.contextmanager
def _kept_for_good(program: bool) -> Iterator[None]:
    """Importing a command's modules makes some 10,000 objects the garbage collector tracks
    (functions, classes, their dicts), which live as long as the process: its passes over
    them took 5-15 ms of every `blogdesk list`. In the `blogdesk` command they are made
    without collections and then frozen (`gc.freeze`: collections skip them from then on).
    Not when `main` is called from Python (the tests): what it froze would never be freed."""
    if not program:
        yield
        return
    with collector_paused():
        yield
        gc.freeze()


def _open_window(argv: list[str], *, program: bool = False) -> int:
    """`blogdesk [--library DIR] [FILE...]`: the window (help if PySide6 is not installed).

    In the `blogdesk` command (`program`), the garbage collector is paused from here until the
    window's first frame: the start makes ~55,000 long-lived objects (modules, classes, the
    window) and ~400 bits of cyclic garbage, and the collector's passes over them cost 3 % of
    the start's instructions. app.run() freezes what the start made and resumes collections."""
    if program:
        gc.disable()
    window_parser = argparse.ArgumentParser(prog="blogdesk", add_help=False)
    window_parser.add_argument("--library", type=Path, default=None)
    window_parser.add_argument("--first-run", action="store_true")
    window_parser.add_argument("files", nargs="*", type=Path)
    args = window_parser.parse_args(argv)
    library, files = library_path(args), [f.resolve() for f in args.files]
    from blogdesk.ui.window.instance.handoff import OtherLibraryOpen

    try:
        if _hand_to_open_window(library, files):
            return 0
    except OtherLibraryOpen as exc:
        print(exc, file=sys.stderr)  # as app.run() says it
        return 1
    try:
        from blogdesk.ui.pyside_import import import_qt

        import_qt()  # without PySide6's tax on every later import (ui/pyside_import.py)
        from blogdesk import app
    except ModuleNotFoundError as exc:
        if exc.name not in ("blogdesk.app", "PySide6"):
            raise
        build_parser().print_help()
        return 0
    return app.run(library=library, files=files, first_run=args.first_run, collector_paused=program)


def _hand_to_open_window(library: Path, files: list[Path]) -> bool:
    """True when a window already open took `files` (a second launch). Asked before Qt and the
    window's modules are imported, which alone take 0.4-1 s: the file then shows in the open
    window within ~0.1 s. False when no window answers this way: app.run() then asks again with
    Qt, or opens the window. OtherLibraryOpen when the open window shows another library."""
    # The folders from core.paths alone (as Folders.of_user has them): the settings and the
    # rest of blogdesk.services would double this process's imports.
    from blogdesk.core import paths
    from blogdesk.ui.window.instance.handoff import has_display, send_files, wanted_library

    if not has_display():
        return False  # app.run() says why there is no window
    wanted = wanted_library(library, files, paths.default_library())
    return send_files(files, paths.state_dir(), library=wanted) is True
