"""Where images dropped or pasted into a post go: copied into the library's media folder (or a
`media/` folder beside a loose file), under a name that takes nothing over, referenced relatively
so the post keeps working when the library moves."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import atomic_write
from blogdesk.ui.i18n import translate

__all__ = ["clean_file_name", "store_media"]

_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")


def clean_file_name(name: str) -> str:
    """A tidy file name for an image: "my pic (1).png" -> "my-pic-1.png". Runs of characters a
    URL or a file system would object to become one "-", and none is left at the ends of the
    stem (the brackets of "(1)" used to leave "my-pic-1-.png")."""
    stem, suffix = os.path.splitext(name.strip())
    stem = _DASHES.sub("-", _UNSAFE.sub("-", stem)).strip("-._ ")
    suffix = _UNSAFE.sub("", suffix)
    if not stem:
        return "image" + (suffix if len(suffix) > 1 else ".png")
    return stem + (suffix if len(suffix) > 1 else "")


def _free_name(folder: Path, name: str) -> Path:
    stem, suffix = os.path.splitext(clean_file_name(name))
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def store_media(source: Path | bytes, name: str, media_dir: Path, post_path: Path) -> str:
    """Copy `source` (a file, or image bytes) into `media_dir`; the reference to write in the
    post at `post_path`, relative to the post's folder, with "/" separators."""
    try:
        media_dir.mkdir(parents=True, exist_ok=True)
        if isinstance(source, Path) and source.resolve().parent == media_dir.resolve():
            target = source.resolve()  # already there: refer to it, do not copy it again
        else:
            target = _free_name(media_dir, name)
            if isinstance(source, bytes):
                atomic_write(target, source)
            else:
                shutil.copy2(source, target)
    except OSError as exc:
        raise BlogDeskError(
            translate("MarkdownEditor", "Could not copy the image into {folder}: {reason}").format(
                folder=media_dir, reason=exc.strerror or exc
            )
        ) from exc
    return Path(os.path.relpath(target, post_path.parent)).as_posix()
