"""Bringing an existing blog into the library: a WordPress export, or a Jekyll/Hugo folder.

Every importer takes the library, the source, an optional progress callback and cancel token
(`blogdesk.core.progress`), and
returns an `ImportReport`; none of them touches a widget or the network except through the fetcher
it is given.
"""

from __future__ import annotations

from blogdesk.core.importers.report import ImportReport, ImportWarning

# Progress reports and the cancel token: blogdesk.core.progress, shared with the sync layer.
__all__ = ["ImportReport", "ImportWarning"]
