"""The welcome post: written once into a new, empty library when the window first opens it."""

from __future__ import annotations

from pathlib import Path

from blogdesk import resources
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import atomic_write

__all__ = ["WELCOME_NAME", "ensure_welcome"]

WELCOME_NAME = "welcome-to-blogdesk.md"


def ensure_welcome(root: Path) -> Path | None:
    """Write the welcome post into a library that has never had one and holds no posts; its
    path, or None. A marker in `.blogdesk/` remembers it, so a library made by `blogdesk list`
    still gets its welcome on the first window, and one the author emptied does not get it back."""
    marker = root / ".blogdesk" / "welcomed"
    if marker.exists():
        return None
    has_posts = root.is_dir() and any(
        path.suffix.lower() in (".md", ".markdown") for path in root.rglob("*.*")
    )
    target = root / WELCOME_NAME
    try:
        if not has_posts:
            atomic_write(target, resources.read_bytes("welcome.md"))
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError as exc:
        if has_posts:
            return None  # a read-only library of posts: no welcome needed, none remembered
        raise BlogDeskError(f"Cannot create the library folder {root}: {exc.strerror}") from exc
    return None if has_posts else target
