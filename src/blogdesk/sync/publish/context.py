"""What the publishing steps work with: the library, the accounts, providers, outbox and ledger.

`SyncService` builds a `PublishContext` and hands it to the steps (`publish_post`, `take_down`,
`actions`, `pull`, `outbox_flush`); the steps never see the service. That keeps the dependency
one-way (service → steps) and lets a step be read, and run, with nothing but what it is given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import ChangedOnDiskError, Library
from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import RenderOptions
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.counting_provider import CountingProvider
from blogdesk.sync.media.ledger import MediaLedger
from blogdesk.sync.publish.outbox import Outbox

__all__ = ["ProviderLookup", "PublishContext"]

# The provider for an account, with its stored secret (AuthenticationError when there is none).
ProviderLookup = Callable[[Account], CountingProvider]


@dataclass(frozen=True)
class PublishContext:
    """Everything a publishing step needs, and the few helpers they share."""

    library: Library
    accounts: AccountStore
    provider: ProviderLookup
    outbox: Outbox
    ledger: MediaLedger
    render_options: RenderOptions | None
    cache_dir: Path  # the per-account caches (tag and category names)

    def account(self, account: Account | str) -> Account:
        return account if isinstance(account, Account) else self.accounts.get(account)

    def rel_path(self, path: Path | str) -> str:
        """The post's path relative to the library (POSIX); BlogDeskError outside it."""
        root = self.library.root
        full = Path(path)
        if not full.is_absolute():
            full = root / full
        try:
            return full.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            raise BlogDeskError(
                f"{path} is not in the library {root}; only library posts can be "
                "published (import it first)."
            ) from None

    def store_state(
        self, post: Post, account_id: str, state: dict[str, Any], local_status: str | None
    ) -> None:
        """Record the blog's state for one account in the post (and its local status)."""
        if local_status:
            post.status = local_status
        post.set_sync_state(account_id, state)
        try:
            self.library.save(post)
        except ChangedOnDiskError:
            # The author saved meanwhile: keep their text, add our record to it.
            assert post.path is not None
            fresh = self.library.load(post.path)
            if local_status:
                fresh.status = local_status
            fresh.set_sync_state(account_id, state)
            self.library.save(fresh)

    def save(self, post: Post) -> None:
        """Save the post's sync state; text the author saved meanwhile wins over ours."""
        try:
            self.library.save(post)
        except ChangedOnDiskError:
            assert post.path is not None
            fresh = self.library.load(post.path)
            for account_id in post.sync_accounts():
                fresh.set_sync_state(account_id, post.sync_state(account_id))
            self.library.save(fresh)
