"""SyncService calls for the window: off the GUI thread, one at a time, with progress and cancel.

SyncService is blocking and knows nothing of Qt. Every call here goes through the window's
TaskRunner; the service's progress callback is forwarded to the GUI thread, and its CancelToken is
set by `cancel()`. Cancelling never hides a result: the service checks the token between steps, so
a publish that had already passed its last step still reports what it did.

Errors come back as the error's own message (`failed`), a conflict as `conflict` (the window shows
SyncConflictDialog), a site that cannot be reached as a result with `queued=True` (the job waits
in the outbox). The outbox is flushed at start-up and then whenever its next job falls due,
with the outbox's own back-off (30 s doubling to an hour).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.progress import Cancelled, CancelToken, Progress
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.provider import ConflictError
from blogdesk.sync.publish.results import CANCELLED, FlushResult, PublishResult
from blogdesk.sync.service import SyncService
from blogdesk.ui.i18n import translate
from blogdesk.ui.tasks import TaskHandle, TaskProgress, TaskRunner

__all__ = ["PublishController"]

log = logging.getLogger(__name__)

FLUSH_MIN_DELAY_S = 5.0  # never hammer: at least this long between two outbox flushes
FLUSH_MAX_DELAY_S = 3600.0
BUSY_RETRY_S = 10.0  # the flush fell due while a publish ran: look again after this

Work = Callable[[Callable[[Progress], None], CancelToken], Any]


class PublishController(QObject):
    started = Signal(str, object)  # what runs now ("Publishing “Title”…"), rel paths it may rewrite
    progressed = Signal(object)  # core.progress.Progress(done, total or None, message)
    finished = Signal(object)  # rel paths the job may have rewritten (reload them if open)
    published = Signal(object)  # PublishResult (sent, or result.queued: waiting in the outbox)
    conflict = Signal(object)  # ConflictError: the author must choose (SyncConflictDialog)
    resolved = Signal(object)  # flush.ResolveResult after the author's choice was carried out
    pulled = Signal(object)  # PullResult
    flushed = Signal(object)  # FlushResult of an outbox flush
    failed = Signal(str)  # the error's own message, for the author
    cancelled = Signal(str)
    message = Signal(str)  # a line for the status bar
    busyChanged = Signal(bool)

    def __init__(
        self, service: SyncService, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        self._handle: TaskHandle | None = None
        self._token: CancelToken | None = None
        self._flush_timer = QTimer(self, singleShot=True)
        self._flush_timer.timeout.connect(lambda: self.flush())
        self.flush_enabled = True

    # -- state -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._handle is not None

    def cancel(self) -> None:
        """Ask the running job to stop before its next step (nothing half-sent)."""
        if self._token is not None:
            self._token.cancel()
            self.message.emit(
                translate("PublishController", "Cancelling… (the step in progress finishes first)")
            )

    # -- the calls -------------------------------------------------------------------------------

    def publish(
        self,
        path: Path | str,
        account: Account | str,
        *,
        status: str | None = None,
        date: datetime | None = None,
        overwrite: bool = False,
        title: str = "",
    ) -> bool:
        """Create or update the post on the blog. False when another job is still running."""
        service = self.service
        rel = service.rel_path(path)

        def work(report: Callable[[Progress], None], token: CancelToken) -> PublishResult:
            return service.publish(
                rel,
                account,
                status=status,
                date=date,
                overwrite=overwrite,
                progress=report,
                cancel=token,
            )

        if title:
            what = translate("PublishController", "Publishing “{title}”…").format(title=title)
        else:
            what = translate("PublishController", "Publishing…")
        return self._start(what, [rel], work, self._published)

    def run_step(
        self, what: str, work: Callable[[CancelToken], Any], on_done: Callable[[Any], None]
    ) -> bool:
        """Run a step that goes before a job (the pre-publish checklist) as a job of its own:
        off the GUI thread, cancellable, the one job at a time. It rewrites no post."""
        return self._start(what, [], lambda _report, token: work(token), on_done)

    def unpublish(self, path: Path | str, account: Account | str) -> bool:
        rel = self.service.rel_path(path)
        return self._start(
            translate("PublishController", "Turning the post back into a draft on the blog…"),
            [rel],
            lambda _r, _t: self.service.unpublish(rel, account),
            self._published,
        )

    def pull(self, account: Account | str, *, limit: int | None = None) -> bool:
        service = self.service

        def work(report: Callable[[Progress], None], token: CancelToken) -> Any:
            return service.pull(account, limit=limit, progress=report, cancel=token)

        return self._start(
            translate("PublishController", "Fetching posts from the blog…"),
            None,
            work,
            self.pulled.emit,
        )

    def resolve(self, error: ConflictError, resolution: Any) -> bool:
        """Carry out the author's choice (overwrite / take_remote / keep_both) in the background."""
        service = self.service

        def work(report: Callable[[Progress], None], _token: CancelToken) -> Any:
            return service.resolve_conflict(error, resolution, progress=report)

        return self._start(
            translate("PublishController", "Resolving the conflict…"),
            [error.post_path],
            work,
            self._resolved,
        )

    def flush(self, *, force: bool = False) -> bool:
        """Send what waits in the outbox (the due jobs; all of them with force=True)."""
        self._flush_timer.stop()
        outbox = self.service.outbox
        if not outbox.path.exists():
            return False  # nothing was ever queued in this library
        if self.busy:
            self._arm_flush(BUSY_RETRY_S)
            return False
        paths = sorted(outbox.pending_paths())
        if not paths:
            return False
        service = self.service

        def work(report: Callable[[Progress], None], token: CancelToken) -> FlushResult:
            return service.flush_outbox(force=force, progress=report, cancel=token)

        return self._start(
            translate("PublishController", "Sending what waits in the outbox…"),
            paths,
            work,
            self._flushed,
            quiet=not force,
        )

    # -- the outbox timer ------------------------------------------------------------------------

    def schedule_flush(self) -> None:
        """Arm the timer for the outbox's next due job (none: stay idle until something queues)."""
        if not self.flush_enabled or not self.service.outbox.path.exists():
            return
        try:
            due = self.service.outbox.next_due_at()
        except Exception as exc:  # a damaged outbox file must not take the window down
            log.warning("cannot read the outbox: %s", exc)
            return
        if due is not None:
            self._arm_flush(due - time.time())

    def _arm_flush(self, delay_s: float) -> None:
        if not self.flush_enabled:
            return
        delay = min(max(delay_s, FLUSH_MIN_DELAY_S), FLUSH_MAX_DELAY_S)
        self._flush_timer.start(int(delay * 1000))

    def stop_timer(self) -> None:
        self._flush_timer.stop()

    def next_flush_in_ms(self) -> int | None:
        """For tests and the status bar: how long until the next flush, None when idle."""
        return self._flush_timer.remainingTime() if self._flush_timer.isActive() else None

    # -- running ---------------------------------------------------------------------------------

    def _start(
        self,
        what: str,
        paths: list[str] | None,
        work: Work,
        on_done: Callable[[Any], None],
        *,
        quiet: bool = False,
    ) -> bool:
        if self._handle is not None:
            if not quiet:
                self.message.emit(
                    translate(
                        "PublishController",
                        "BlogDesk is still busy with the blog; try again in a moment.",
                    )
                )
            return False
        token = CancelToken(CANCELLED)
        self._token = token

        def run(progress: TaskProgress) -> Any:
            def report(step: Progress) -> None:
                progress.report(step.done, step.total or None, step.message)

            return work(report, token)

        def done(result: Any) -> None:
            self._end(paths)
            on_done(result)

        def error(exc: BaseException) -> None:
            self._end(paths)
            self._failed(exc)
            self.schedule_flush()

        self.started.emit(what, paths)
        self._handle = self.runner.run_with_progress(
            run,
            on_progress=self.progressed.emit,
            on_done=done,
            on_error=error,
            on_cancelled=lambda: self._end(paths),  # only when the runner shuts down
        )
        self.busyChanged.emit(True)
        return True

    def _end(self, paths: list[str] | None) -> None:
        self._handle = None
        self._token = None
        self.busyChanged.emit(False)
        self.finished.emit(paths)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConflictError):
            self.conflict.emit(exc)
        elif isinstance(exc, Cancelled):
            self.cancelled.emit(str(exc))
        elif isinstance(exc, BlogDeskError):
            self.failed.emit(str(exc))
        else:  # a bug: logged with its traceback, the author gets one plain line
            log.error("sync job failed", exc_info=exc)
            self.failed.emit(
                translate(
                    "PublishController",
                    "Something went wrong talking to the blog ({kind}: {error}). "
                    "Nothing was lost; please try again.",
                ).format(kind=type(exc).__name__, error=exc)
            )

    def _published(self, result: PublishResult) -> None:
        self.published.emit(result)
        if result.queued:
            self.schedule_flush()

    def _resolved(self, result: Any) -> None:
        self.resolved.emit(result)

    def _flushed(self, result: FlushResult) -> None:
        self.flushed.emit(result)
        for failure in result.failed:
            self.message.emit(
                translate("PublishController", "Not sent from the outbox: {failure}").format(
                    failure=failure
                )
            )
        if result.sent:
            count = len(result.sent)
            if count == 1:
                sent = translate("PublishController", "Sent {count} post from the outbox")
            else:
                sent = translate("PublishController", "Sent {count} posts from the outbox")
            waiting = ""
            if result.still_waiting:
                waiting = translate("PublishController", "; {count} still waiting").format(
                    count=result.still_waiting
                )
            self.message.emit(sent.format(count=count) + waiting)
        self.schedule_flush()
