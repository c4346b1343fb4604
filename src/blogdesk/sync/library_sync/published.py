"""A SyncService that writes every publish, update and unpublish into the library's history.

`blogdesk.services` builds this one instead of the plain `SyncService` when the library keeps a
history, so the window and the CLI record alike. It reads the post file before sending (the exact
bytes the blog gets) and, once the blog answered, makes the marked commit
(`core.history.record.record_publish`). Recording is a by-product: when it fails (a damaged
repository, a full disk) the publish still succeeded and is reported as such; the failure is
logged and the next save's commit picks the file up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blogdesk.core.history.record import record_publish
from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.history.trailers import PublishMark
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.publish.results import FlushResult, PublishResult
from blogdesk.sync.service import SyncService

if TYPE_CHECKING:
    from blogdesk.sync.provider import ConflictError
    from blogdesk.sync.publish.outbox_flush import Resolution, ResolveResult

__all__ = ["HistorySyncService"]

log = logging.getLogger(__name__)

_VERBS = {"publish": "Publish", "unpublish": "Unpublish", "delete": "Trash"}


class HistorySyncService(SyncService):
    """SyncService + a marked commit after each action the blog confirmed."""

    def __init__(
        self, *args: Any, history: Callable[[], LibraryHistory | None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._history = history

    def publish(self, path: Path | str, account: Account | str, **options: Any) -> PublishResult:
        sent = self._read(path)
        result = super().publish(path, account, **options)
        self._record("publish", result, sent)
        return result

    def unpublish(
        self, path: Path | str, account: Account | str, *, queue_if_offline: bool = True
    ) -> PublishResult:
        sent = self._read(path)
        result = super().unpublish(path, account, queue_if_offline=queue_if_offline)
        self._record("unpublish", result, sent)
        return result

    def delete_remote(
        self, path: Path | str, account: Account | str, *, queue_if_offline: bool = True
    ) -> PublishResult:
        sent = self._read(path)
        result = super().delete_remote(path, account, queue_if_offline=queue_if_offline)
        self._record("delete", result, sent)
        return result

    def flush_outbox(self, **options: Any) -> FlushResult:
        from blogdesk.sync.drafts import drop_stale_draft_jobs

        # A queued "keep the draft" job must never turn a post published since into a draft.
        drop_stale_draft_jobs(self.context)
        result = super().flush_outbox(**options)
        for sent in result.sent:
            self._record("publish", sent, None)
        return result

    def resolve_conflict(
        self, error: ConflictError, resolution: Resolution, progress: Any = None
    ) -> ResolveResult:
        result = super().resolve_conflict(error, resolution, progress)
        if result.publish is not None:
            self._record("publish", result.publish, None)
        return result

    # ------------------------------------------------------------------------------ helpers
    def _read(self, path: Path | str) -> bytes | None:
        try:
            return (self.library.root / self.rel_path(path)).read_bytes()
        except Exception:  # the publish itself reports a missing or unreadable file
            return None

    def _record(self, action: str, result: PublishResult, sent: bytes | None) -> None:
        if result.queued or not result.account_id:
            return  # nothing reached the blog yet: the flush records it when it does
        try:
            history = self._history()
            if history is None:
                return
            found = self.accounts.find(result.account_id)
            name = found.name if found else result.account_id
            mark = PublishMark(result.account_id, result.remote_id, result.status, result.post_path)
            verb = _VERBS.get(action, "Publish")
            subject = f"{verb} {result.post_path} on {name} ({result.status or action})"
            record_publish(history, mark, subject, sent)
        except Exception:
            log.exception("the history could not record the %s of %s", action, result.post_path)
