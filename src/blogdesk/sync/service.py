"""SyncService: publish, update, schedule, unpublish and delete posts, for every platform at once.

Blocking and UI-agnostic: the CLI calls it directly, the window from a worker thread (with a
progress callback and a CancelToken, see `core.progress`). Every step follows
docs/publishing.md:
render → upload new images (by content hash) → rewrite their links → create or update (after a
conflict check) → read back → record the remote state in the post's front matter.
The steps live in `sync.publish`: `actions` (publish, unpublish, delete; queued when offline),
`publish_post` (one publish), `prepare` (render, images), `take_down` (unpublish, delete), `pull`,
`outbox_flush` (outbox, conflict resolution), and `sync.accounts.setup` (accounts). The service
hands them a `PublishContext` (`sync.publish.context`) and they never call back into it.

Everything it works with is given to it (accounts, credentials, cache folder, render options):
`blogdesk.services` builds it for the window and the CLI, from the same settings as the preview.
The render options may be a function, asked at each publish, so a preference changed while the
window is open reaches what is published as it reaches the preview (services passes one).
"""

from __future__ import annotations

import logging
import shlex
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import requests

from blogdesk.core.library.library import Library
from blogdesk.core.progress import CancelToken, ProgressCallback
from blogdesk.core.render.rendering import RenderOptions
from blogdesk.sync.accounts import setup as account_setup
from blogdesk.sync.accounts.credentials import CredentialStore, keyring_problem
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.counting_provider import CountingProvider
from blogdesk.sync.http import make_session
from blogdesk.sync.media.ledger import (
    MediaLedger,
    file_hash,
)
from blogdesk.sync.provider import (
    AccountInfo,
    AuthenticationError,
    BlogProvider,
    ConflictError,
    DiscoveryResult,
    TermKind,
)
from blogdesk.sync.publish import actions
from blogdesk.sync.publish.context import PublishContext
from blogdesk.sync.publish.outbox import Job, Outbox
from blogdesk.sync.publish.results import FlushResult, PostSyncInfo, PublishResult, PullResult

if TYPE_CHECKING:
    from blogdesk.sync.publish.outbox_flush import Resolution, ResolveResult

log = logging.getLogger(__name__)

ProviderFactory = Callable[[Account, requests.Session, str], BlogProvider]
# Fixed options, or a function giving the current ones (read when a publishing step starts).
RenderOptionsSource = RenderOptions | Callable[[], RenderOptions | None] | None


def _needs_secret(provider_id: str) -> bool:
    from blogdesk.sync import registry

    return registry.needs_secret(provider_id)


def _default_factory(account: Account, session: requests.Session, secret: str) -> BlogProvider:
    from blogdesk.sync import registry

    return registry.get(account.provider)(account, session, secret)


class SyncService:
    """Publishing for one library. Thread-safe enough for one worker thread at a time per post."""

    def __init__(
        self,
        library: Library,
        *,
        accounts: AccountStore,
        credentials: CredentialStore,
        cache_dir: Path,
        session_factory: Callable[[], requests.Session] = make_session,
        provider_factory: ProviderFactory = _default_factory,
        outbox: Outbox | None = None,
        ledger: MediaLedger | None = None,
        render_options: RenderOptionsSource = None,
    ) -> None:
        self.library = library
        self.accounts = accounts
        self.credentials = credentials
        self.cache_dir = Path(cache_dir)
        self.session_factory = session_factory
        self.provider_factory = provider_factory
        self.outbox = outbox or Outbox(library.root)
        self.ledger = ledger or MediaLedger(library.root)
        self._render_options = render_options
        self._sessions: dict[str, requests.Session] = {}
        self._providers: dict[str, tuple[tuple[Account, str], BlogProvider]] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------------ helpers
    @property
    def render_options(self) -> RenderOptions | None:
        """The options a publish renders with now (the preview's, when built by services)."""
        source = self._render_options
        if source is None or isinstance(source, RenderOptions):
            return source
        return source()

    @property
    def context(self) -> PublishContext:
        """What the publishing steps are given. Built per call (a handful of references), so a
        step always sees the service's current outbox, ledger and render options."""
        return PublishContext(
            library=self.library,
            accounts=self.accounts,
            provider=self.provider,
            outbox=self.outbox,
            ledger=self.ledger,
            render_options=self.render_options,
            cache_dir=self.cache_dir,
        )

    def account(self, account: Account | str) -> Account:
        return self.context.account(account)

    def provider(self, account: Account) -> CountingProvider:
        """A provider for the account with its stored secret (AuthenticationError if none)."""
        secret = self.credentials.get(account.id)
        if not secret and not _needs_secret(account.provider):
            secret = ""  # e.g. a static site folder: nothing to authenticate with
        elif not secret:
            if keyring_problem() is not None:
                raise AuthenticationError(
                    f"The application password for {account.name!r} is not available: no "
                    "keyring works on this computer, so it was kept for one session only. "
                    "Enter it again in the account dialog (see docs/publishing.md)."
                )
            raise AuthenticationError(
                f"No application password is stored for the blog {account.name!r}. Enter it "
                "again in the account dialog, or from a terminal with "
                f"`{shlex.join(['blogdesk', 'account', 'password', account.name])}`."
            )
        # One provider per account (and secret) for the service's life: it keeps the session's
        # connections and the blog's term ids between publishes.
        key = (account, file_hash(secret.encode("utf-8")))
        with self._lock:
            inner = self._providers.get(account.id)
            if inner is None or inner[0] != key:
                session = self._sessions.get(account.id)
                if session is None:
                    session = self._sessions[account.id] = self.session_factory()
                inner = (key, self.provider_factory(account, session, secret))
                self._providers[account.id] = inner
        return CountingProvider(inner[1])

    def forget_session(self, account_id: str) -> None:
        with self._lock:
            self._providers.pop(account_id, None)
            session = self._sessions.pop(account_id, None)
        if session is not None:
            session.close()

    def close(self) -> None:
        for account_id in list(self._sessions):
            self.forget_session(account_id)

    def __enter__(self) -> SyncService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def rel_path(self, path: Path | str) -> str:
        return self.context.rel_path(path)

    def pending_for(self, path: Path | str) -> list[Job]:
        """Outbox jobs for this post (what the library panel shows as "waiting to be sent")."""
        return self.outbox.pending_for(self.rel_path(path))

    def sync_info(self, path: Path | str) -> list[PostSyncInfo]:
        """The post's state on every blog it was published to or queued for (no network)."""
        rel = self.rel_path(path)
        post = self.library.load(rel)
        jobs = {job.account_id: job for job in self.outbox.pending_for(rel)}
        infos = []
        for account_id in dict.fromkeys([*post.sync_accounts(), *jobs]):
            found = self.accounts.find(account_id)
            state = post.sync_state(account_id)
            job = jobs.get(account_id)
            infos.append(
                PostSyncInfo(
                    account_id=account_id,
                    account_name=found.name if found else "(removed)",
                    remote_id=str(state.get("remote_id") or ""),
                    link=str(state.get("link") or ""),
                    status=str(state.get("status") or ""),
                    synced_at=str(state.get("synced_at") or ""),
                    pending=job.action if job else "",
                    needs_attention=job.last_error if job and job.needs_attention else "",
                )
            )
        return infos

    # ----------------------------------------------------------- publish, unpublish, delete
    def publish(
        self,
        path: Path | str,
        account: Account | str,
        *,
        status: str | None = None,
        date: datetime | None = None,
        overwrite: bool = False,
        queue_if_offline: bool = True,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> PublishResult:
        """Create or update the post on the blog. ConflictError when the blog's copy changed
        since the last sync (unless overwrite). Queued in the outbox when the site is
        unreachable (result.queued)."""
        return actions.publish(
            self.context,
            path,
            account,
            status=status,
            date=date,
            overwrite=overwrite,
            queue_if_offline=queue_if_offline,
            progress=progress,
            cancel=cancel,
        )

    def unpublish(
        self, path: Path | str, account: Account | str, *, queue_if_offline: bool = True
    ) -> PublishResult:
        """Turn the blog's copy back into a draft (its text untouched)."""
        return actions.unpublish(self.context, path, account, queue_if_offline=queue_if_offline)

    def delete_remote(
        self, path: Path | str, account: Account | str, *, queue_if_offline: bool = True
    ) -> PublishResult:
        """Move the blog's copy to the blog's trash; the local file stays."""
        return actions.delete_remote(self.context, path, account, queue_if_offline=queue_if_offline)

    # ------------------------------------------------------------- the rest, for the window
    def pull(
        self,
        account: Account | str,
        *,
        limit: int | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> PullResult:
        from blogdesk.sync.publish.pull import pull

        ctx = self.context
        return pull(ctx, ctx.account(account), limit=limit, progress=progress, cancel=cancel)

    def flush_outbox(
        self,
        *,
        force: bool = False,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> FlushResult:
        from blogdesk.sync.publish.outbox_flush import flush_outbox

        return flush_outbox(self.context, force=force, progress=progress, cancel=cancel)

    def resolve_conflict(
        self,
        error: ConflictError,
        resolution: Resolution,
        progress: ProgressCallback | None = None,
    ) -> ResolveResult:
        from blogdesk.sync.publish.outbox_flush import resolve_conflict

        return resolve_conflict(self.context, error, resolution, progress=progress)

    def discover(self, url: str, provider_id: str = "wordpress") -> DiscoveryResult:
        """What is at this address; shown to the author before asking for the password."""
        return account_setup.discover(url, provider_id)

    def add_account(
        self,
        name: str,
        url: str,
        user: str,
        secret: str,
        *,
        provider_id: str = "wordpress",
        session_only: bool = False,
        options: dict[str, Any] | None = None,
    ) -> account_setup.AddedAccount:
        """Discover, verify, then store. KeyringUnavailableError: ask the author whether to keep
        the password for this session only, then call again with session_only=True.
        `options`: the form's other fields (Account.options), e.g. a static site's build
        command; they win over what discovery found."""
        return account_setup.add_account(
            self.accounts,
            self.credentials,
            name=name,
            url=url,
            user=user,
            secret=secret,
            provider_id=provider_id,
            session_only=session_only,
            session_factory=self.session_factory,
            options=options,
        )

    def remove_account(self, account: Account | str) -> None:
        acc = self.account(account)
        self.forget_session(acc.id)
        account_setup.remove_account(self.accounts, self.credentials, acc)

    def test_account(self, account: Account | str) -> AccountInfo:
        """Check the stored credentials against the blog (AuthenticationError when refused)."""
        return self.provider(self.account(account)).verify()

    def terms(self, account: Account | str, kind: TermKind, *, refresh: bool = False) -> list[str]:
        """Tag or category names for completion: the cache, or the blog's when refresh=True."""
        acc = self.account(account)
        if refresh:
            return account_setup.refresh_terms(self.provider(acc), self.cache_dir, acc.id, kind)
        return account_setup.cached_terms(self.cache_dir, acc.id, kind)
