"""Capture the theme of an account: `capture_theme(account, cache_dir)`, `theme_for(...)`.

Chooses how: a static site builds a sample post with its generator (static_build.py); every
other blog is read over HTTP(S) with `BoundedFetcher`'s limits, from the page `find_sample`
picks (sample.py). The cache and its format are capture.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from blogdesk.core.progress import CancelToken, Progress, no_progress
from blogdesk.sync.theme.capture import CapturedTheme, capture_page, load_theme, theme_folder
from blogdesk.sync.theme.fetch import BoundedFetcher, Limits
from blogdesk.sync.theme.sample import find_sample
from blogdesk.sync.theme.static_build import capture_static

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import Account

__all__ = ["capture_theme", "theme_for"]


def capture_theme(
    account: Account,
    cache_dir: Path,
    *,
    post_url: str | None = None,
    progress: Callable[[Progress], None] = no_progress,
    cancel: CancelToken | None = None,
    limits: Limits | None = None,
) -> CapturedTheme:
    """Capture the theme of `account` into its cache folder (see the module's docstring).

    Static-site accounts build a sample post with the site's generator; every other blog is
    read over HTTP(S) with `BoundedFetcher`'s limits. Raises a BlogDeskError with a message for
    the author (NoPostError, FetchError, TemplateError, BuildError) or `Cancelled`."""
    folder = theme_folder(cache_dir, account.id)
    folder.parent.mkdir(parents=True, exist_ok=True)
    if account.provider == "static" and not post_url:
        return capture_static(account, folder, progress=progress, limits=limits)
    fetcher = BoundedFetcher(limits, cancel)
    try:
        progress(Progress(stage="find", message=f"Looking for a post of {account.name}"))
        sample = find_sample(account, fetcher, post_url)
        return capture_page(fetcher, sample, folder, progress=progress)
    finally:
        fetcher.close()


def theme_for(
    account: Account,
    cache_dir: Path,
    *,
    refresh: bool = False,
    progress: Callable[[Progress], None] = no_progress,
    cancel: CancelToken | None = None,
    limits: Limits | None = None,
) -> CapturedTheme:
    """The cached theme when it is there and less than a week old (unless `refresh`), else a
    fresh capture. A failed refresh of a theme that exists raises too: the caller decides
    whether the old one is still worth showing (the window keeps it, with the message)."""
    cached = load_theme(cache_dir, account.id)
    if cached is not None and not refresh and not cached.is_stale():
        return cached
    return capture_theme(account, cache_dir, progress=progress, cancel=cancel, limits=limits)
