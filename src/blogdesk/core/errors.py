"""The root of BlogDesk's error family: every error a person may see derives from BlogDeskError."""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs a launch 5 ms (see ui/window/instance/handoff.py)
if TYPE_CHECKING:
    from pathlib import Path


class BlogDeskError(Exception):
    """An error with a message a person can act on. Never carries a secret."""


class PostFormatError(BlogDeskError):
    """A post file that cannot be read: not text, not UTF-8, too large, or broken front matter."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        # Imported here: a second launch imports this module and not pathlib
        # (ui/window/instance/handoff.py).
        from pathlib import Path

        self.path = Path(path) if path is not None else None
        self.line = line
        self.reason = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return f"{where}{self.reason}"


class LibraryError(BlogDeskError):
    """A library operation that could not be done (no such post, name taken, not writable, ...)."""
