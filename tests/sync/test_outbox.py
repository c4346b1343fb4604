"""The persistent outbox: survives restarts, backs off, claims jobs once."""

from __future__ import annotations

import itertools
from pathlib import Path

from blogdesk.sync.publish.outbox import BACKOFF_CAP, Outbox, backoff_delay


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_jobs_survive_a_restart_and_are_listed_per_post(tmp_path: Path) -> None:
    clock = Clock()
    box = Outbox(tmp_path, clock=clock)
    job = box.enqueue("acc", "publish", "posts/a.md", {"status": "publish"}, error="offline")
    again = Outbox(tmp_path, clock=clock)  # a new process
    jobs = again.jobs()
    assert [(j.id, j.action, j.post_path, j.options) for j in jobs] == [
        (job.id, "publish", "posts/a.md", {"status": "publish"})
    ]
    assert [j.id for j in again.pending_for("posts/a.md")] == [job.id]
    assert again.pending_for("posts/b.md") == []
    assert again.pending_paths() == {"posts/a.md"}


def test_queueing_again_replaces_the_intent(tmp_path: Path) -> None:
    box = Outbox(tmp_path, clock=Clock())
    box.enqueue("acc", "publish", "a.md")
    box.enqueue("acc", "unpublish", "a.md")
    box.enqueue("other", "publish", "a.md")
    assert sorted((j.account_id, j.action) for j in box.jobs()) == [
        ("acc", "unpublish"),
        ("other", "publish"),
    ]


def test_backoff_doubles_and_is_capped() -> None:
    delays = [backoff_delay(n) for n in range(1, 12)]
    assert delays[:4] == [30.0, 60.0, 120.0, 240.0]
    assert max(delays) == BACKOFF_CAP
    assert all(a <= b for a, b in itertools.pairwise(delays))
    assert backoff_delay(1, retry_after=500) == 500


def test_due_follows_the_backoff(tmp_path: Path) -> None:
    clock = Clock()
    box = Outbox(tmp_path, clock=clock)
    job = box.enqueue("acc", "publish", "a.md")
    assert box.due() == []  # first retry 30 s after the failure
    assert [j.id for j in box.due(force=True)] == [job.id]
    clock.now += 31
    assert [j.id for j in box.due()] == [job.id]
    assert box.claim(job.id)
    updated = box.retry_later(job.id, "still offline")
    assert updated is not None and updated.attempts == 2
    assert updated.next_attempt_at == clock.now + 60
    next_due = box.next_due_at()
    assert next_due == clock.now + 60


def test_a_job_is_claimed_once_and_a_dead_claim_expires(tmp_path: Path) -> None:
    clock = Clock()
    box = Outbox(tmp_path, clock=clock)
    job = box.enqueue("acc", "publish", "a.md")
    assert box.claim(job.id)
    assert not Outbox(tmp_path, clock=clock).claim(job.id)  # another process
    assert box.due(force=True) == []
    clock.now += 10_000  # the sender died: its lease ran out
    assert [j.id for j in box.due()] == [job.id]
    assert box.claim(job.id)
    box.complete(job.id)
    assert box.jobs() == []


def test_failed_jobs_wait_for_the_author(tmp_path: Path) -> None:
    clock = Clock()
    box = Outbox(tmp_path, clock=clock)
    job = box.enqueue("acc", "publish", "a.md")
    box.claim(job.id)
    box.fail(job.id, "conflict")
    clock.now += 100_000
    assert box.due(force=True) == []
    [kept] = box.jobs()
    assert kept.needs_attention and kept.last_error == "conflict"
    box.requeue(job.id)
    assert [j.id for j in box.due()] == [job.id]
