"""Which post a status-bar message is about, so that opening another post clears it.

"Reloaded first-post.md", "Could not save …", "Published: <link>" concern one post: left on
screen after the author opened another post, they read as news about the new one. Messages about
the library or the blog as a whole (the outbox, a refresh that failed, a post deleted from the
list) stay until their time runs out.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QStatusBar

__all__ = ["MESSAGE_MS", "PostMessages"]

MESSAGE_MS = 8000


class PostMessages(QObject):
    """The window's status bar, with the post each message concerns (None: the whole desk)."""

    def __init__(
        self,
        bar: QStatusBar,
        *,
        root: Path,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bar = bar
        self._root = Path(root).resolve()  # the library's: publish results name posts from it
        self._open: Path | None = None
        self._owner: Path | None = None  # the post the temporary message is about
        self._showing = False
        # Messages others show on the bar directly (publishing's) name no post: they stay.
        bar.messageChanged.connect(self._message_changed)
        self._result_label: QLabel | None = None
        self._result_owner: Path | None = None

    def show(self, text: str, *, post: Path | None = None) -> None:
        self._showing = True
        try:
            self._bar.showMessage(text, MESSAGE_MS)
        finally:
            self._showing = False
        self._owner = Path(post) if post is not None else None

    def post_opened(self, path: Path | None) -> None:
        """Another post is in the editor: what was said about the previous one goes."""
        if path is None:
            return  # closing A on the way to B: A's message stays until B is open
        self._open = Path(path)
        if self._owner is not None and self._owner != self._open:
            self._bar.clearMessage()
            self._owner = None
        label = self._result_label
        if label is not None and self._result_owner is not None and self._result_owner != path:
            label.clear()
            label.setToolTip("")
            self._result_owner = None

    def watch_publishing(self, publishing: Any) -> None:
        """Publishing's last result (a label in the bar) is about the post it names, unless it
        reports the outbox, which is the whole desk's."""
        label = getattr(publishing, "result_label", None)
        shown = getattr(publishing, "resultShown", None)
        if not isinstance(label, QLabel) or shown is None:
            return
        self._result_label = label

        def result_shown(_text: str) -> None:
            result = getattr(publishing, "last_result", None)
            open_post = self._open
            about_open_post = (
                result is not None
                and open_post is not None
                and getattr(result, "post_path", None) == self._rel(open_post)
                and not getattr(publishing, "result_is_outbox_news", False)
            )
            self._result_owner = open_post if about_open_post else None

        shown.connect(result_shown)

    def _rel(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self._root).as_posix()
        except ValueError:
            return None

    def _message_changed(self, text: str) -> None:
        if text and not self._showing:
            self._owner = None
