"""Where BlogDesk keeps things. Every path comes from here (platformdirs + BLOGDESK_* overrides)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "BlogDesk"


def _override(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """User data: the default library lives here. Override: BLOGDESK_DATA_DIR."""
    return _override("BLOGDESK_DATA_DIR") or Path(platformdirs.user_data_dir(APP_DIR_NAME, False))


def config_dir() -> Path:
    """Settings and account list (never secrets). Override: BLOGDESK_CONFIG_DIR."""
    return _override("BLOGDESK_CONFIG_DIR") or Path(
        platformdirs.user_config_dir(APP_DIR_NAME, False)
    )


def cache_dir() -> Path:
    """Disposable caches. Override: BLOGDESK_CACHE_DIR."""
    return _override("BLOGDESK_CACHE_DIR") or Path(platformdirs.user_cache_dir(APP_DIR_NAME, False))


def state_dir() -> Path:
    """Window state, crash-recovery markers. Override: BLOGDESK_STATE_DIR."""
    return _override("BLOGDESK_STATE_DIR") or Path(platformdirs.user_state_dir(APP_DIR_NAME, False))


def default_library() -> Path:
    """The library used when none is named. Override: BLOGDESK_LIBRARY."""
    return _override("BLOGDESK_LIBRARY") or data_dir() / "Library"
