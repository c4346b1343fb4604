"""Start-up with or without the first-run assistant, for `blogdesk.app.launch`.

Without the assistant the window is built and shown at once. With it, the window is built when
the assistant's library page has opened the library (so the later pages import, add blogs and
fetch into that library), and shown when the assistant ends. `begin` returns at once either way:
the assistant is not modal, and `Startup.started` tells when the window is up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from blogdesk.core.library.library import Library
from blogdesk.core.settings import Settings
from blogdesk.ui.first_run.places import is_fresh, suggested_library
from blogdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from blogdesk.sync.service import SyncService
    from blogdesk.ui.first_run.assistant import FirstRunAssistant

__all__ = ["Desk", "Startup", "begin"]


class Desk(Protocol):
    """What is used here of `blogdesk.app.DeskApp`."""

    library: Library
    runner: TaskRunner

    def start(self, files: list[Path]) -> None: ...


D = TypeVar("D", bound=Desk)


@dataclass
class Startup(Generic[D]):
    """What `begin` began: the assistant when shown, the desk once built, `started` once shown."""

    desk: D | None = None
    assistant: FirstRunAssistant | None = None
    started: bool = False


def begin(
    library: Path,
    files: list[Path],
    *,
    build: Callable[[Path], D],
    sync_service: Callable[[], SyncService],
    settings: Settings,
    folders: tuple[Path, Path, Path | None],  # config, default library, Documents (or None)
    first_run: bool = False,
) -> Startup[D]:
    config_dir, default_library, documents = folders
    startup: Startup[D] = Startup()

    def built(root: Path) -> D:
        startup.desk = build(root)
        return startup.desk

    def go(desk: D | None) -> None:
        if desk is not None:  # None: the assistant could open no library (it said why)
            desk.start(files)
            startup.started = True

    # A library named on the command line, or files to open, say what the author wants already.
    usual = _same(library, default_library)
    fresh = usual and not files and is_fresh(settings, config_dir, library)
    if not (first_run or fresh):
        go(built(library))
        return startup
    # Imported only when shown: an ordinary start does not pay for the assistant.
    from blogdesk.ui.first_run.assistant import FirstRunAssistant, Workplace

    def open_library(root: Path) -> Workplace:
        desk = built(root)
        return Workplace(desk.library, desk.runner, sync_service)

    # Documents/Blog is proposed only in place of the data folder's library, never instead of a
    # library named on the command line or already in use (--first-run).
    assistant = FirstRunAssistant(
        settings=settings,
        config_dir=config_dir,
        default_library=library,
        suggestion=suggested_library(library, documents) if fresh else library,
        open_library=open_library,
    )
    startup.assistant = assistant
    assistant.concluded.connect(lambda _root: go(startup.desk))
    assistant.show()
    return startup


def _same(a: Path, b: Path) -> bool:
    try:
        return a.expanduser().resolve() == b.expanduser().resolve()
    except OSError:
        return a == b
