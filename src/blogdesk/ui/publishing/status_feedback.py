"""How a sync job shows in the window: progress and results in the status bar, editor locked.

`PublishFeedback` is made and held by `Publishing` (`publishing.feedback`), which connects the
PublishController's signals to its `show_*` slots. It keeps the record of what came back: the
last result and the posts whose conflict is not settled yet.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from blogdesk.core.progress import Progress as ProgressReport
from blogdesk.ui.i18n import translate
from blogdesk.ui.publishing.options_panel import PublishStatus, result_text

if TYPE_CHECKING:
    from blogdesk.sync.publish.results import FlushResult, PublishResult, PullResult

__all__ = ["PublishFeedback"]


class PublishFeedback(QObject):
    """The PublishController's signals shown to the author."""

    def __init__(
        self,
        window: Any,
        status: PublishStatus,
        actions: dict[str, QAction],
        *,
        document: Callable[[], Any],
        rel: Callable[[Path], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # The window's documents, editor, metadata and library panel are looked up when needed
        # (getattr): a window without one of them still shows the status bar.
        self.window = window
        self.status = status
        self.actions = actions  # the Blog menu's: Cancel only while busy, the rest only idle
        self._document = document  # the open document, or None
        self._rel = rel  # a post's path relative to the library (None: outside it)
        self.conflicted: set[str] = set()  # posts whose conflict the author has not settled
        self.last_result: PublishResult | None = None
        self._guarded = False

    def show_started(self, what: str, paths: list[str] | None) -> None:
        self.status.show_plain(what)
        self.status.busy(True)
        doc = self._document()
        rel = self._rel(doc.path) if doc is not None else None
        if rel is not None and (paths is None or rel in paths):
            # Runs before the worker starts: it sends what is on disk, so put the editor's text
            # there first (the outbox's jobs send the file as it is when they go out).
            self.window.documents.save_now()
            self._guard(True)

    def show_progress(self, report: ProgressReport) -> None:
        self.status.step(report.done, report.total, report.message)

    def show_busy(self, busy: bool) -> None:
        self.actions["cancel"].setEnabled(busy)
        for name in ("publish", "update", "unpublish", "pull"):
            self.actions[name].setEnabled(not busy)

    def show_finished(self, _paths: list[str] | None) -> None:
        self.status.busy(False)
        self._guard(False)
        docs = getattr(self.window, "documents", None)
        if docs is not None and docs.doc is not None:
            docs.check_disk()  # the service recorded the blog's state in the file: take it in
        panel = getattr(self.window, "library_panel", None)
        if panel is not None:
            panel.reload()  # the list's `listed` signal then refreshes the badges

    def _guard(self, on: bool) -> None:
        if on == self._guarded:
            return
        self._guarded = on
        editor = getattr(self.window, "editor", None)
        if editor is not None:
            editor.setReadOnly(on or self._document() is None)
        metadata = getattr(self.window, "metadata", None)
        if metadata is not None:
            metadata.setEnabled(not on)

    def show_published(self, result: PublishResult) -> None:
        self.last_result = result
        if not result.queued:
            self.conflicted.discard(result.post_path)
        self.status.show_rich(result_text(result), "\n".join(result.notices))

    def show_resolved(self, result: Any) -> None:
        self.conflicted.discard(result.post_path)
        if result.publish is None:
            self.status.show_plain(
                translate("PublishFeedback", "Took the blog's version of the post.")
            )
            return
        self.last_result = result.publish
        text = result_text(result.publish)
        if result.copy_path:
            kept = translate("PublishFeedback", " — the blog's version is kept as {path}")
            text += html.escape(kept.format(path=result.copy_path))
        self.status.show_rich(text, "\n".join(result.publish.notices))

    def show_flushed(self, result: FlushResult) -> None:
        if not result.sent:
            return
        self.last_result = result.sent[-1]
        for sent in result.sent:
            self.conflicted.discard(sent.post_path)
        count = len(result.sent)
        if count > 1:
            more = translate("PublishFeedback", " ({count} posts sent from the outbox)")
        else:
            more = translate("PublishFeedback", " (sent from the outbox)")
        more = more.format(count=count)
        self.status.show_rich(result_text(result.sent[-1]) + html.escape(more))

    def show_pulled(self, result: PullResult) -> None:
        text = translate(
            "PublishFeedback",
            "Fetched from the blog: {created} new, {updated} updated, {unchanged} unchanged.",
        ).format(
            created=len(result.created), updated=len(result.updated), unchanged=result.unchanged
        )
        if result.skipped:
            text += translate(
                "PublishFeedback", " {count} skipped (changed here and on the blog)."
            ).format(count=len(result.skipped))
        self.status.show_plain(text, "\n".join(result.skipped))
