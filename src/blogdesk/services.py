"""The one place BlogDesk's long-lived objects are built, shared by the window and the CLI.

`Services` builds, in this order and passing each down:
1. the folders (`Folders.of_user()`: config, cache, state, data, default library), the one
   place that reads `blogdesk.core.paths`: core, sync and ui are given their folders;
2. the settings (from the config folder), one live object: the window changes it in place when
   a preference changes (ui/preferences) and writes it back with `save_settings`;
3. the library (`open_library`, which the caller asks for: the window opens it without its
   start-up scan, a CLI command with or without creating it);
4. the account list (config and cache folders) and the credential store (the keyring);
5. the SyncService, given `Services.render_options` itself (not its value): it asks for the
   options at each publish, so they follow the live settings through
   `core.settings.render_options`, the function the preview uses too: what is published is what
   was previewed, also after smart quotes were switched in Preferences;
6. the library's history (`history()`, git through dulwich, docs/history.md), built on first use
   when the library's settings keep one; the SyncService then records every publish in it.

Steps 4 and 5 are built on first use and once only (`sync_service()`), and the sync layer is
imported only then: the window must show its first frame without loading requests and keyring,
and `blogdesk list` must not pay for them either. So this module imports nothing from
`blogdesk.sync` at import time, and nothing from Qt at all.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from blogdesk.core import paths
from blogdesk.core.settings import (
    Settings,
    chosen_library,
    load_library_settings,
    load_settings,
    render_options,
    save_settings,
)

if TYPE_CHECKING:
    from blogdesk.core.history.store import LibraryHistory
    from blogdesk.core.library.library import Library
    from blogdesk.core.render.rendering import RenderOptions
    from blogdesk.sync.accounts.credentials import CredentialStore
    from blogdesk.sync.accounts.store import AccountStore
    from blogdesk.sync.service import SyncService

__all__ = ["Folders", "Services"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Folders:
    """Where BlogDesk keeps things for this user."""

    config: Path  # settings and the account list (never secrets)
    cache: Path  # disposable: per-account tag and category names
    state: Path  # window state, crash recovery, the single-instance socket name
    data: Path  # the default library lives here
    default_library: Path
    # BLOGDESK_LIBRARY named `default_library`: the author chose it, so the library folder of
    # Preferences does not replace it (see `Services.window_library`).
    library_named: bool = False

    @classmethod
    def of_user(cls) -> Folders:
        """The user's folders (platformdirs, or the BLOGDESK_*_DIR overrides)."""
        return cls(
            config=paths.config_dir(),
            cache=paths.cache_dir(),
            state=paths.state_dir(),
            data=paths.data_dir(),
            default_library=paths.default_library(),
            library_named=bool(os.environ.get("BLOGDESK_LIBRARY")),
        )


class Services:
    """Builds settings, library, accounts, credentials and the SyncService, each once."""

    def __init__(self, folders: Folders | None = None) -> None:
        self.folders = folders or Folders.of_user()
        self.settings: Settings = load_settings(self.folders.config)
        self._library: Library | None = None
        self._accounts: AccountStore | None = None
        self._credentials: CredentialStore | None = None
        self._sync: SyncService | None = None
        self._history: LibraryHistory | None = None
        self._history_failed = False
        self._history_lock = threading.Lock()

    # ------------------------------------------------------------------------------ library
    def open_library(self, root: Path, *, create: bool = True, refresh: bool = True) -> Library:
        """Open the library (see `Library.open`); the one the SyncService publishes from."""
        # Imported here: a second launch that hands its files to the open window needs only
        # `Folders` from this module, not the library and index modules (~70 ms).
        from blogdesk.core.library.library import Library

        if self._library is not None:
            raise RuntimeError("Services opens one library; it is open already.")
        self._library = Library.open(root, create=create, refresh=refresh)
        return self._library

    def window_library(self, asked: Path) -> Path:
        """The library the window opens for `asked`: the folder chosen in Preferences when
        `asked` is only the default one (no --library, no BLOGDESK_LIBRARY)."""
        if self.folders.library_named:
            return asked
        return chosen_library(self.settings, asked, self.folders.default_library)

    @property
    def library(self) -> Library:
        if self._library is None:
            raise RuntimeError("Services.open_library() has not been called.")
        return self._library

    # ------------------------------------------------------------------------------ settings
    def render_options(self) -> RenderOptions:
        """The renderer's options the preview and publishing share, from the settings as they
        are now (the SyncService calls this at each publish)."""
        return render_options(self.settings)

    def save_settings(self, settings: Settings | None = None) -> None:
        """Write `settings` (default: the live ones) to the config folder, atomically. Safe on a
        worker thread when given a snapshot: it touches nothing else (ui/preferences does so)."""
        save_settings(self.settings if settings is None else settings, self.folders.config)

    # --------------------------------------------------------------------- the sync layer
    def accounts(self) -> AccountStore:
        if self._accounts is None:
            from blogdesk.sync.accounts.store import AccountStore

            self._accounts = AccountStore(self.folders.config, self.folders.cache)
        return self._accounts

    def credentials(self) -> CredentialStore:
        if self._credentials is None:
            from blogdesk.sync.accounts.credentials import open_store

            self._credentials = open_store()
        return self._credentials

    def sync_service(self) -> SyncService:
        """The SyncService for the library, built on the first call (imports the sync layer)."""
        if self._sync is None:
            from blogdesk.sync.library_sync.published import HistorySyncService

            # Always the recording kind: `history()` says per call whether there is a history.
            self._sync = HistorySyncService(
                self.library,
                accounts=self.accounts(),
                credentials=self.credentials(),
                cache_dir=self.folders.cache,
                render_options=self.render_options,  # the function: read at each publish
                history=self.history,
            )
        return self._sync

    # ------------------------------------------------------------------------ the history
    def history(self) -> LibraryHistory | None:
        """The library's git history (made on first use), or None when the library's settings
        keep none or it cannot be opened (logged once: the author's work goes on without it).
        Any thread; imports dulwich only here."""
        with self._history_lock:
            if self._history is None and not self._history_failed:
                if not load_library_settings(self.library.root).history:
                    return None
                from blogdesk.core.history.store import HistoryError, LibraryHistory

                try:
                    self._history = LibraryHistory.open(self.library.root)
                except HistoryError as exc:
                    self._history_failed = True
                    log.warning("the library's history is off: %s", exc)
            return self._history

    def close(self) -> None:
        """Close the SyncService's connections (if it was built). The library is closed by
        whoever opened it, since the window closes it at its own point of shut-down."""
        if self._sync is not None:
            self._sync.close()
        if self._history is not None:
            self._history.close()
