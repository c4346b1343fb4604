"""How long jobs report progress and are cancelled: one vocabulary for the importers, the sync
layer and the window's background tasks. Plain data and a threading.Event, no Qt.

A job gets a `ProgressCallback` and a `CancelToken`. It calls the callback with a `Progress` at
each step (on whatever thread it runs; the window forwards reports to the GUI thread), and checks
the token between steps, never in the middle of one: either by polling `cancelled` (the importers
then stop and report what they did) or by `raise_if_cancelled()`, which raises `Cancelled`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from blogdesk.core.errors import BlogDeskError

__all__ = ["CancelToken", "Cancelled", "Progress", "ProgressCallback", "no_progress"]


@dataclass(frozen=True)
class Progress:
    """One step of a long job: `done` of `total` steps; a `total` of None or 0 means not known
    yet (the sync layer says 0, the importers None; every reader treats both alike)."""

    # What kind of step, for code: the sync layer's "render", "upload", "send", "verify",
    # "record", "pull", "queued" or "done"; empty where a job has one kind only (imports).
    stage: str = ""
    message: str = ""  # for a person: "Uploading cat.png", the title of the post being imported
    done: int = 0
    total: int | None = None

    @property
    def known_total(self) -> int | None:
        """`total` when it is known and not zero, else None."""
        return self.total or None


ProgressCallback = Callable[[Progress], None]


def no_progress(_: Progress) -> None:
    return None


class Cancelled(BlogDeskError):
    """The person cancelled; nothing after the last finished step was done."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


class CancelToken:
    """Set from any thread (the GUI thread's Cancel button, the CLI's Ctrl+C); checked by the job
    between steps. `message` is what `Cancelled` then says, for the caller to show as it is."""

    def __init__(self, message: str = "Cancelled.") -> None:
        self.message = message
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled(self.message)
