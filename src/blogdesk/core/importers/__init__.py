"""Bringing an existing blog into the library: a WordPress export, or a Jekyll/Hugo folder.

Every importer takes the library, the source, an optional progress callback and cancel token, and
returns an `ImportReport`; none of them touches a widget or the network except through the fetcher
it is given.
"""

from __future__ import annotations

from blogdesk.core.importers.report import (
    Cancelled,
    CancelToken,
    ImportProgress,
    ImportReport,
    ImportWarning,
    ProgressCallback,
)

__all__ = [
    "CancelToken",
    "Cancelled",
    "ImportProgress",
    "ImportReport",
    "ImportWarning",
    "ProgressCallback",
]
