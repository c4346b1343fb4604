"""TaskRunner: results, errors and progress come back on the GUI thread; cancel stops callbacks."""

from __future__ import annotations

import gc
import threading
import time
import weakref
from pathlib import Path

import pytest

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from blogdesk.core.progress import Cancelled, CancelToken, Progress
from blogdesk.ui.tasks import TaskProgress, TaskRunner


def test_result_arrives_on_gui_thread(qtbot, task_runner: TaskRunner) -> None:
    gui = QThread.currentThread()
    seen: list[tuple[int, bool, bool]] = []

    def work() -> int:
        return threading.get_ident()

    task_runner.run(
        work,
        lambda ident: seen.append(
            (ident, QThread.currentThread() is gui, ident != threading.get_ident())
        ),
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0][1] and seen[0][2]


def test_error_goes_to_on_error(qtbot, task_runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def boom() -> None:
        raise ValueError("bad input")

    task_runner.run(boom, on_done=lambda _: errors.append(AssertionError()), on_error=errors.append)
    assert task_runner.wait_idle(5000)
    assert len(errors) == 1 and isinstance(errors[0], ValueError)


def test_error_without_handler_is_signalled(
    qtbot, task_runner: TaskRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def boom() -> None:
        raise KeyError("x")

    with qtbot.waitSignal(task_runner.unhandledError, timeout=5000) as blocker:
        task_runner.run(boom)
    assert isinstance(blocker.args[0], KeyError)


def test_progress_and_cancel(qtbot, task_runner: TaskRunner) -> None:
    reports: list[Progress] = []
    outcome: list[str] = []
    started = threading.Event()

    def long_job(progress: TaskProgress) -> str:
        for i in range(1000):
            progress.report(i, 1000, f"item {i}")
            started.set()
            progress.raise_if_cancelled()
            time.sleep(0.005)
        return "finished"

    handle = task_runner.run_with_progress(
        long_job,
        reports.append,
        lambda r: outcome.append(r),
        lambda e: outcome.append(repr(e)),
        on_cancelled=lambda: outcome.append("cancelled"),
    )
    qtbot.waitUntil(lambda: len(reports) >= 3, timeout=5000)
    assert reports[0].total == 1000 and reports[0].message == "item 0"
    handle.cancel()
    assert task_runner.wait_idle(5000)
    assert outcome == ["cancelled"]
    assert handle.finished


def test_a_cancel_from_another_token_is_an_error(qtbot, task_runner: TaskRunner) -> None:
    # The sync layer's token is not the task's: its `Cancelled` goes to on_error, where the
    # publishing controller shows the sync layer's own message.
    other = CancelToken("Cancelled. Nothing more was sent to the blog.")
    other.cancel()
    outcome: list[object] = []

    def job(_progress: TaskProgress) -> None:
        other.raise_if_cancelled()

    task_runner.run_with_progress(
        job, on_error=outcome.append, on_cancelled=lambda: outcome.append("cancelled")
    )
    assert task_runner.wait_idle(5000)
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    assert "Nothing more was sent" in str(outcome[0])


def test_wait_idle_reports_timeout(qtbot, task_runner: TaskRunner) -> None:
    release = threading.Event()
    task_runner.run(lambda: release.wait(5))
    assert task_runner.wait_idle(50) is False
    release.set()
    assert task_runner.wait_idle(5000) is True


def test_shutdown_refuses_new_jobs(qtbot) -> None:
    runner = TaskRunner()
    runner.shutdown()
    with pytest.raises(RuntimeError):
        runner.run(lambda: 1)


def test_many_jobs_each_deliver_exactly_once(qtbot, task_runner: TaskRunner) -> None:
    got: list[int] = []
    for i in range(2000):
        task_runner.run(lambda i=i: i * 2, got.append)
    assert task_runner.wait_idle(30_000)
    assert sorted(got) == [i * 2 for i in range(2000)]


class _Payload:
    """Plain data a job hands back (or holds in the frame of the exception it raises)."""


def test_the_job_and_its_outcome_are_let_go_on_the_gui_thread(
    qtbot: object, task_runner: TaskRunner
) -> None:
    # A worker that drops the last reference to a job's function deletes what that function is
    # bound to on the worker thread: a dialog without parent made by Python (which owns it) was
    # deleted there while the GUI thread painted its scroll bar, a segfault in QPainter::setPen
    # seen at random in full test runs. The function, its result and its exception (whose
    # frames hold the widget as `self`) must all be let go on the GUI thread.
    let_go: dict[str, str] = {}

    def note(what: str) -> None:
        let_go[what] = threading.current_thread().name

    class Owner(QWidget):
        def work(self) -> _Payload:
            payload = _Payload()
            weakref.finalize(payload, note, "result")
            return payload

        def fail(self) -> None:
            held = _Payload()  # stays alive in the traceback's frame
            weakref.finalize(held, note, "error")
            raise ValueError("bad input")

    delivered: list[str] = []
    first, second = Owner(), Owner()  # no parent: Python owns (and deletes) them
    weakref.finalize(first, note, "function")
    weakref.finalize(second, note, "failing function")
    task_runner.run(first.work, on_done=lambda _result: delivered.append("done"))
    task_runner.run(second.fail, on_error=lambda _exc: delivered.append("error"))
    del first, second
    assert task_runner.wait_idle(5000)
    assert task_runner.shutdown()  # every worker has returned: nothing of theirs is left
    gc.collect()
    assert sorted(delivered) == ["done", "error"]
    main = threading.main_thread().name
    assert let_go == dict.fromkeys(("function", "failing function", "result", "error"), main)


def test_index_reads_from_many_tasks_leave_few_connections_open(
    qtbot: object, task_runner: TaskRunner, tmp_path: Path
) -> None:
    """PySide gives a pool worker a new Python thread state for every task, so a thread-local
    does not outlive the task: the index used to open a connection per task and keep it (seen
    as memory growing while typing with autosave; benchmarks/bench_memory_soak.py)."""
    from blogdesk.core.index.index import Entry, Index
    from blogdesk.core.post.post import summarize

    index = Index(tmp_path / "index.sqlite3")
    text = "---\ntitle: One\n---\nthe only post\n"
    index.write([Entry("one.md", 1, len(text), "h", summary=summarize(text, "one.md"))])
    counts: list[int] = []
    for _ in range(60):
        task_runner.run(index.count, counts.append)
        assert task_runner.wait_idle(10_000)
    try:
        assert counts == [1] * 60
        # This thread's and at most one per pool thread (before: one per task, 61).
        assert index.open_connections <= 1 + task_runner._pool.maxThreadCount()
    finally:
        index.close()
