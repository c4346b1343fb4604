"""The one background helper of the window (STYLE.md habit 2).

Work runs on a private QThreadPool; its result, error and progress come back to the GUI thread as
queued signals and are handed to the callbacks there. Workers never see a widget: `fn` gets only
plain data (and, for long jobs, a `TaskProgress` it may report to and poll for cancellation).

A worker never lets go of the last reference to anything: the job, its function (often a bound
method of a dialog), its result and its exception (whose traceback's frames hold that dialog as
`self`) are all let go on the GUI thread. Python deletes a widget it owns (one made without a
parent) when its last reference goes, on whichever thread that happens; a worker that did it
deleted a dialog while the GUI thread painted it (a segfault in QPainter::setPen).
"""

from __future__ import annotations

import itertools
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from blogdesk.core.progress import CancelToken, Progress

__all__ = ["Handle", "TaskHandle", "TaskProgress", "TaskRunner"]

T = TypeVar("T")
UI_SWITCH_INTERVAL = 0.0005  # seconds; see TaskRunner.__init__
log = logging.getLogger(__name__)


class TaskProgress(CancelToken):
    """What a long job gets: report how far it is, and ask whether the user cancelled it (it is
    the job's cancel token: `cancelled`, or `raise_if_cancelled()`, which raises `Cancelled`).

    Safe to use from the worker thread; reports reach `on_progress` on the GUI thread as a
    `blogdesk.core.progress.Progress`.
    """

    def __init__(self, emit: Callable[[Progress], None]) -> None:
        super().__init__()
        self._emit = emit

    def report(self, done: int, total: int | None = None, message: str = "") -> None:
        self._emit(Progress(message=message, done=done, total=total))


class TaskHandle:
    """Returned by `run_with_progress`; `cancel()` asks the worker to stop (cooperatively) and
    guarantees that neither `on_done` nor `on_error` runs afterwards."""

    def __init__(self, progress: TaskProgress) -> None:
        self._progress = progress
        self.finished = False

    def cancel(self) -> None:
        self._progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self._progress.cancelled


@dataclass
class _Job(Generic[T]):
    on_done: Callable[[T], None] | None
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[[Progress], None] | None = None
    on_cancelled: Callable[[], None] | None = None
    handle: TaskHandle | None = None
    # Set by the runner: what the worker calls. The worker writes its outcome here (never into
    # a signal's arguments) so the runner's `_jobs`, on the GUI thread, holds the last reference.
    work: Callable[[], Any] | None = None
    result: Any = None
    error: BaseException | None = None


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits these and Qt queues them over to the GUI thread."""

    ended = Signal(int)  # job id; the outcome is in the job (`result` or `error`)
    progressed = Signal(int, object)  # job id, core.progress.Progress


class _Runnable(QRunnable):
    def __init__(self, job_id: int, job: _Job[Any], relay: _Relay) -> None:
        super().__init__()
        self._job_id = job_id
        self._job: _Job[Any] | None = job
        self._relay = relay
        # The pool owns and deletes it once run() has returned (not while it is still running,
        # which a Python reference dropped on the GUI thread could do).
        self.setAutoDelete(True)

    def run(self) -> None:
        # The runner's `_jobs` holds the job until the GUI thread has handled `ended`, which is
        # emitted only after this thread has let go of the job and of everything it reached:
        # the GUI thread drops the last reference (see the module's docstring).
        job, self._job = self._job, None
        assert job is not None and job.work is not None
        try:
            job.result = job.work()
        except BaseException as exc:  # every failure must reach the GUI thread, not die here
            job.error = exc
        del job
        try:
            self._relay.ended.emit(self._job_id)
        except RuntimeError:
            # The runner was destroyed while we worked (window closed): nobody wants the result.
            pass


class TaskRunner(QObject):
    """Runs callables off the GUI thread and calls back on it.

    One instance per window; call `shutdown()` when the window closes.
    """

    # Emitted with the exception of a task that had no `on_error`, so failures are never silent.
    unhandledError = Signal(object)
    # Emitted with the number of jobs still running whenever a job starts or ends.
    busyChanged = Signal(int)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_threads: int | None = None,
        gil_switch_interval: float | None = UI_SWITCH_INTERVAL,
    ) -> None:
        super().__init__(parent)
        if gil_switch_interval is not None and sys.getswitchinterval() > gil_switch_interval:
            # A worker running pure Python (Markdown rendering) holds the GIL for up to the
            # switch interval (5 ms by default) each time the GUI thread asks for it, and one
            # keystroke enters Python several times: measured p99 ~20 ms per key in a
            # 10,000-word post. 0.5 ms keeps typing under 8 ms (benchmarks/bench_typing.py).
            sys.setswitchinterval(gil_switch_interval)
        self._pool = QThreadPool(self)
        ideal = QThreadPool.globalInstance().maxThreadCount()
        self._pool.setMaxThreadCount(max_threads or max(2, ideal))
        self._relay = _Relay(self)
        self._relay.ended.connect(self._on_ended)
        self._relay.progressed.connect(self._on_progress)
        self._jobs: dict[int, _Job[Any]] = {}
        self._ids = itertools.count(1)
        self._closed = False

    # -- public API -------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `fn()` on a worker thread; `on_done(result)` or `on_error(exc)` on the GUI thread."""
        self._start(fn, _Job(on_done=on_done, on_error=on_error))

    def run_with_progress(
        self,
        fn: Callable[[TaskProgress], T],
        on_progress: Callable[[Progress], None] | None = None,
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> TaskHandle:
        """Run `fn(progress)`; `progress.report(done, total, message)` reaches `on_progress`.

        After `handle.cancel()` only `on_cancelled` may still run (once the worker has stopped).
        """
        job_id = next(self._ids)
        relay = self._relay

        def emit(report: Progress) -> None:
            try:
                relay.progressed.emit(job_id, report)
            except RuntimeError:
                pass  # runner gone: see _Runnable._emit

        progress = TaskProgress(emit)
        handle = TaskHandle(progress)
        job: _Job[T] = _Job(on_done, on_error, on_progress, on_cancelled, handle)
        self._start(lambda: fn(progress), job, job_id)
        return handle

    def busy_count(self) -> int:
        return len(self._jobs)

    def wait_idle(self, timeout_ms: int = 5000) -> bool:
        """Block (processing GUI events) until every job ended and its callback ran.

        For tests and shutdown; returns False on timeout.
        """
        deadline = time.monotonic() + timeout_ms / 1000
        while self._jobs:
            if time.monotonic() >= deadline:
                return False
            self._pool.waitForDone(5)
            QCoreApplication.processEvents()
        return True

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        """Cancel long jobs, refuse new ones, and wait for running ones to end."""
        self._closed = True
        for job in list(self._jobs.values()):
            if job.handle is not None:
                job.handle.cancel()
        self._pool.clear()  # jobs that never started: drop them
        ok = self._pool.waitForDone(timeout_ms)
        if ok:
            self._jobs.clear()
        # else a worker still runs: its job stays referenced here (so that worker never holds
        # the last reference); `_on_ended` drops it, without calling back, if the runner lives.
        return ok

    # -- internals ----------------------------------------------------------------------------

    def _start(self, fn: Callable[[], Any], job: _Job[Any], job_id: int | None = None) -> None:
        if self._closed:
            raise RuntimeError("TaskRunner was shut down")
        job_id = job_id if job_id is not None else next(self._ids)
        job.work = fn
        self._jobs[job_id] = job
        self._pool.start(_Runnable(job_id, job, self._relay))
        self.busyChanged.emit(len(self._jobs))

    @Slot(int)
    def _on_ended(self, job_id: int) -> None:
        job = self._finish(job_id)
        if job is None or self._closed:
            return
        # Only this job's own token makes a failure a cancellation: a `Cancelled` from another
        # token (the sync layer's, which the job's caller reports itself) is an error like others.
        if job.handle is not None and job.handle.cancelled:
            if job.on_cancelled is not None:
                job.on_cancelled()
        elif job.error is None:
            if job.on_done is not None:
                job.on_done(job.result)
        elif job.on_error is not None:
            job.on_error(job.error)
        else:
            log.error("background task failed", exc_info=job.error)
            self.unhandledError.emit(job.error)

    @Slot(int, object)
    def _on_progress(self, job_id: int, report: object) -> None:
        job = self._jobs.get(job_id)
        if job is None or job.on_progress is None:
            return
        if job.handle is not None and job.handle.cancelled:
            return
        assert isinstance(report, Progress)
        job.on_progress(report)

    def _finish(self, job_id: int) -> _Job[Any] | None:
        job = self._jobs.pop(job_id, None)
        if job is not None:
            if job.handle is not None:
                job.handle.finished = True
            self.busyChanged.emit(len(self._jobs))
        return job


Handle = TaskHandle  # the name used in the window's interface notes
