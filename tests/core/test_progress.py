"""The progress and cancel vocabulary shared by the importers, the sync layer and the window."""

from __future__ import annotations

import threading

import pytest

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.progress import Cancelled, CancelToken, Progress, no_progress


def test_a_token_raises_only_once_cancelled_and_with_its_message() -> None:
    token = CancelToken("Cancelled. Nothing more was sent to the blog.")
    token.raise_if_cancelled()  # not cancelled: nothing happens
    assert not token.cancelled
    thread = threading.Thread(target=token.cancel)  # the Cancel button is on another thread
    thread.start()
    thread.join()
    assert token.cancelled
    with pytest.raises(Cancelled, match="Nothing more was sent"):
        token.raise_if_cancelled()


def test_cancelled_is_an_error_the_window_shows_as_it_is() -> None:
    assert isinstance(Cancelled(), BlogDeskError)
    assert str(Cancelled()) == "Cancelled."


def test_progress_reads_the_same_for_every_job() -> None:
    sync_step = Progress("upload", "Uploading cat.png", 1, 3)  # the sync layer: positional
    import_step = Progress(message="A post", done=2, total=None)  # the importers: total unknown
    assert (sync_step.stage, sync_step.known_total) == ("upload", 3)
    assert Progress("send", "Creating the post").known_total is None
    assert Progress("pull", "Fetched 0 of 0 posts", 0, 0).known_total is None
    assert import_step.stage == "" and import_step.known_total is None
    assert no_progress(sync_step) is None
