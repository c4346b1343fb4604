"""Start-up order: the window's first frame comes before QtWebEngine and the library walk, and
the sync layer stays unloaded until something needs it (benchmarks/bench_startup.py times it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject

from blogdesk.app import DeskApp
from blogdesk.ui.publishing.coordinator import Publishing


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_preview_starts_after_the_first_frame_and_the_watcher_after_the_preview(
    qtbot: Any, close_desk: Callable[[Any], None], sample_library: Path
) -> None:
    post = sample_library / "first-post.md"
    desk = DeskApp.build(sample_library, [post], start_preview=True)
    window = desk.window
    seen: list[tuple[str, bool, bool]] = []

    def note(what: str) -> None:
        seen.append((what, window.preview is not None, window.watcher._periodic.isActive()))

    window.firstFrameShown.connect(lambda: note("frame"))
    window.previewReady.connect(lambda: note("preview ready"))
    window.previewPainted.connect(lambda: note("preview painted"))
    try:
        desk.start([post])
        # show() has returned, but nothing has been painted yet: no web engine, no walk.
        assert window.preview is None
        assert not window.watcher._periodic.isActive()
        qtbot.waitUntil(lambda: len(seen) == 3, timeout=15_000)
        # The walk of the library's folders waits for the preview's first paint: it would
        # slow Chromium's start down (docs/performance.md).
        assert seen == [
            ("frame", False, False),
            ("preview ready", True, False),
            ("preview painted", True, False),
        ]
        qtbot.waitUntil(window.watcher._periodic.isActive, timeout=5_000)
        # The controller renders the post the window opened, into a page that loaded once.
        qtbot.waitUntil(lambda: window.outline.headings_shown() != [], timeout=15_000)
        assert window.preview_controller is not None
        assert window.preview.page_url.path().startswith(str(sample_library.resolve()))
    finally:
        close_desk(desk)


def test_first_frame_signal_comes_once_even_without_a_preview(
    qtbot: Any, make_desk: Callable[..., Any], sample_library: Path
) -> None:
    desk = make_desk(sample_library)  # returns once desk.ready: after the first frame
    window = desk.window
    frames: list[int] = []
    window.firstFrameShown.connect(lambda: frames.append(1))
    paints = PaintCounter()
    window.installEventFilter(paints)
    try:
        window.update()
        # Proof that a later paint really happened (not a guess at how long one takes).
        qtbot.waitUntil(lambda: paints.count >= 1, timeout=5_000)
        window.repaint()  # and one more, painted at once
        assert paints.count >= 2
    finally:
        window.removeEventFilter(paints)
    assert frames == []  # later paints are not first frames
    assert window.watcher._periodic.isActive() and window.preview is None


def test_start_up_flush_without_an_outbox_loads_no_sync_layer(
    qtbot: Any, make_desk: Callable[..., Any], sample_library: Path
) -> None:
    desk = make_desk(sample_library)
    publishing = desk.window.publishing
    assert isinstance(publishing, Publishing)
    publishing.startup_timer.start(0)
    qtbot.waitUntil(lambda: not publishing.startup_timer.isActive())
    qtbot.wait(20)
    outbox = sample_library / ".blogdesk" / "outbox.sqlite3"
    assert not outbox.exists()
    assert publishing._service is None and publishing._controller is None
    # Badges come from the outbox alone: still no service, and still no outbox file.
    publishing.refresh_badges()
    qtbot.waitUntil(lambda: desk.runner.busy_count() == 0, timeout=5000)
    assert publishing._service is None and not outbox.exists()


def test_start_up_flush_with_an_outbox_asks_the_controller(
    qtbot: Any, make_desk: Callable[..., Any], sample_library: Path
) -> None:
    desk = make_desk(sample_library)
    publishing = desk.window.publishing
    assert isinstance(publishing, Publishing)
    publishing.startup_timer.stop()
    publishing.service.outbox.jobs()  # creates the (empty) outbox file
    assert (sample_library / ".blogdesk" / "outbox.sqlite3").exists()
    publishing.startup_timer.start(0)
    qtbot.waitUntil(lambda: publishing._controller is not None, timeout=5000)


def test_the_set_up_after_the_preview_waits_for_its_pixels_and_runs_in_steps(
    qtbot: Any, close_desk: Callable[[Any], None], sample_library: Path
) -> None:
    """Publishing, spelling and history are set up after the first preview, not inside the call
    that swapped the post into the page (the page's pixels reach the screen only when the UI
    thread next paints), and one short step per turn of the event loop."""
    post = sample_library / "first-post.md"
    desk = DeskApp.build(sample_library, [post], start_preview=True)
    window = desk.window
    at_preview: list[tuple[bool, bool]] = []
    turns: list[int] = []
    stepped = desk._next_later_step

    def step() -> None:
        turns.append(len(desk._later))
        stepped()

    desk._next_later_step = step  # type: ignore[method-assign]
    try:
        desk.start([post])
        # Connected after the window's own slot: what that slot did shows here.
        window.previewPainted.connect(
            lambda: at_preview.append((desk.ready, window.publishing is not None))
        )
        qtbot.waitUntil(lambda: desk.ready, timeout=20_000)
        assert at_preview == [(False, False)]  # nothing of it ran within the preview's call
        assert isinstance(window.publishing, Publishing)
        # Every step had its own call from the event loop: 6 steps, counted down.
        assert turns == [6, 5, 4, 3, 2, 1]
    finally:
        close_desk(desk)
