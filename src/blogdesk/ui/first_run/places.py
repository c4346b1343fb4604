"""What the first-run assistant decides without Qt: whether to show it, where to suggest the
library, what a folder the author picks already is, and where the choice is remembered.

No PySide6 here: `blogdesk.app` asks `is_fresh` before building anything, and the CLI reads
`remembered_library` so `blogdesk list` lists the library the window opens.

Where the library is suggested (`suggested_library`): `Documents/Blog` when the user has a
Documents folder, since a library is the author's own writing and belongs where their other
documents are: easy to find in the file manager, and in the backups most people make of
Documents. Without one (a server, a minimal install) it is the data folder's `Library`, the
folder BlogDesk has always used. A folder named by BLOGDESK_DATA_DIR or BLOGDESK_LIBRARY wins:
whoever set those chose a place on purpose (portable installs, tests).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from blogdesk.core.errors import LibraryError
from blogdesk.core.library.library import Library
from blogdesk.core.library.scan import STATE_DIR, scan_files
from blogdesk.core.settings import Settings, settings_path

__all__ = [
    "LIBRARY_KEY",
    "FolderLook",
    "documents_folder",
    "is_fresh",
    "look_at",
    "prepare_library",
    "remember_library",
    "remembered_library",
    "suggested_library",
]

# The settings key of the library folder chosen here. The Preferences work names the same
# preference `library_folder`; until Settings declares it, it travels in `Settings.extra`
# (unknown keys are kept and written back), so either way one key holds one folder.
LIBRARY_KEY = "library_folder"

FolderKind = Literal["new", "empty", "library", "jekyll", "hugo", "markdown", "not-a-folder"]

_HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml")


Translate = Callable[[str, str], str]  # (context, English text) -> the text to show


def as_written(_context: str, text: str) -> str:
    """The English text as written: what `describe` says without the window's translator."""
    return text


@dataclass(frozen=True)
class FolderLook:
    """What a folder is, for the assistant's library page."""

    path: Path
    kind: FolderKind
    posts: int = 0  # Markdown files the library will list (what its scan will find)

    @property
    def usable(self) -> bool:
        return self.kind != "not-a-folder"

    def describe(self, translate: Translate = as_written) -> str:
        """One or two sentences for the author; `translate` is the window's
        (``blogdesk.ui.i18n.translate``), English without it (this module has no Qt)."""
        if self.posts == 1:
            posts = translate("FolderLook", "{count} post")
        else:
            posts = translate("FolderLook", "{count} posts")
        count = posts.format(count=f"{self.posts:,}")
        if self.kind == "new":
            return translate("FolderLook", "A new, empty library will be made in this folder.")
        if self.kind == "empty":
            return translate("FolderLook", "This folder is empty: your library starts here.")
        if self.kind == "library":
            return translate(
                "FolderLook", "A BlogDesk library is already here ({count}): BlogDesk opens it."
            ).format(count=count)
        if self.kind == "jekyll":
            return translate(
                "FolderLook",
                "Jekyll site recognised ({count} in _posts/ and the other folders). BlogDesk "
                "uses the folder as it is: nothing is moved or rewritten, and your site still "
                "builds with Jekyll.",
            ).format(count=count)
        if self.kind == "hugo":
            return translate(
                "FolderLook",
                "Hugo site recognised ({count} in content/ and the other folders). BlogDesk "
                "uses the folder as it is: nothing is moved or rewritten, and your site still "
                "builds with Hugo.",
            ).format(count=count)
        if self.kind == "markdown":
            return translate(
                "FolderLook",
                "Folder of Markdown recognised ({count}). BlogDesk uses it as it is: nothing "
                "is moved or rewritten.",
            ).format(count=count)
        return translate(
            "FolderLook", "This is a file, not a folder: choose a folder for the library."
        )


def look_at(folder: Path) -> FolderLook:
    """What `folder` is. Reads the disk (a walk of the whole tree): call it off the GUI thread."""
    path = Path(folder).expanduser()
    if not path.exists():
        return FolderLook(path, "new")
    if not path.is_dir():
        return FolderLook(path, "not-a-folder")
    posts = sum(1 for _ in scan_files(path))
    if (path / STATE_DIR).is_dir():
        return FolderLook(path, "library", posts)
    if (path / "_posts").is_dir() or (path / "_config.yml").is_file():
        return FolderLook(path, "jekyll", posts)
    if (path / "content").is_dir() and any((path / name).is_file() for name in _HUGO_CONFIGS):
        return FolderLook(path, "hugo", posts)
    if posts:
        return FolderLook(path, "markdown", posts)
    try:
        empty = not any(path.iterdir())
    except OSError:
        empty = False
    # A folder with other files but no posts: the library is made there, beside them.
    return FolderLook(path, "empty" if empty else "markdown", 0)


def prepare_library(folder: Path, translate: Translate = as_written) -> FolderLook:
    """Look at `folder`, then make (or open) the library there and index what it holds, so the
    window opens it at once. Reads and writes the disk: call it off the GUI thread."""
    look = look_at(folder)
    if not look.usable:
        raise LibraryError(look.describe(translate))
    Library.open(look.path, create=True, refresh=True).close()
    return look


def documents_folder() -> Path | None:
    """The user's Documents folder, when there is one (platformdirs falls back to the home
    folder itself, which is no place to suggest)."""
    import platformdirs

    folder = Path(platformdirs.user_documents_dir())
    return folder if folder.is_dir() and folder != Path.home() else None


def suggested_library(
    default_library: Path,
    documents: Path | None,
    environ: dict[str, str] | os._Environ[str] = os.environ,
) -> Path:
    """The folder the library page proposes (see the module's docstring for why)."""
    if environ.get("BLOGDESK_LIBRARY") or environ.get("BLOGDESK_DATA_DIR"):
        return default_library
    if documents is not None and documents.is_dir():
        return documents / "Blog"
    return default_library


def is_fresh(settings: Settings, config_dir: Path, library: Path) -> bool:
    """A first start on this machine: never assisted, no settings file, no library yet.

    The settings file and the library both count, so an author who used an earlier BlogDesk (whose
    settings have no `first_run_done`) is not greeted as a newcomer."""
    if settings.first_run_done:
        return False
    if settings_path(config_dir).exists():
        return False
    return not (Path(library) / STATE_DIR).exists()


def remembered_library(settings: Settings) -> Path | None:
    """The library folder chosen in the assistant (or in Preferences), or None."""
    value = getattr(settings, LIBRARY_KEY, None)
    if value is None:
        value = settings.extra.get(LIBRARY_KEY)
    if isinstance(value, str) and value.strip():
        return Path(value).expanduser()
    return None


def remember_library(settings: Settings, folder: Path | None) -> None:
    """Remember `folder` as the library to open when none is named (None: the default one)."""
    value = "" if folder is None else str(folder)
    if hasattr(settings, LIBRARY_KEY):
        setattr(settings, LIBRARY_KEY, value)
    elif value:
        settings.extra[LIBRARY_KEY] = value
    else:
        settings.extra.pop(LIBRARY_KEY, None)
