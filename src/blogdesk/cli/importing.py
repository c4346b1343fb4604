"""`blogdesk import wxr FILE [--download-media]` and `blogdesk import folder DIR`.

Progress goes to stderr (one line rewritten in place on a terminal, an occasional line otherwise),
the summary to stdout, naming every skipped and failed item. Exit code 0; 1 when the source broke
off part-way (what was read is imported) or an item failed; 130 after Ctrl+C (the posts written so
far are complete).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from blogdesk.cli import open_services
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.importers import ImportReport
from blogdesk.core.importers.folder import import_folder
from blogdesk.core.importers.wxr import import_wxr
from blogdesk.core.progress import Progress

if TYPE_CHECKING:
    from blogdesk.services import Services


def register(sub: Any) -> None:
    p = sub.add_parser("import", help="bring posts in from WordPress or a Jekyll/Hugo folder")
    kinds = p.add_subparsers(dest="import_kind", metavar="KIND", required=True)

    w = kinds.add_parser("wxr", help="a WordPress export file (Tools → Export in WordPress)")
    w.add_argument("file", type=Path, help="the .xml export")
    w.add_argument(
        "--download-media",
        action="store_true",
        help="download the blog's images into the library's media folder",
    )
    w.set_defaults(handler=cmd_import_wxr)

    f = kinds.add_parser("folder", help="a Jekyll (_posts/) or Hugo (content/) site folder")
    f.add_argument("folder", type=Path)
    f.set_defaults(handler=cmd_import_folder)


class ProgressLine:
    """Draws import progress on `stream`: rewritten in place on a terminal, else every ~2 s."""

    def __init__(self, stream: TextIO, *, interactive: bool | None = None) -> None:
        self._stream = stream
        self._interactive = stream.isatty() if interactive is None else interactive
        self._last = 0.0
        self._drawn = False

    def __call__(self, step: Progress) -> None:
        now = time.monotonic()
        final = step.total is not None and step.done >= step.total
        if not final and now - self._last < (0.1 if self._interactive else 2.0):
            return
        self._last = now
        of = f"/{step.total}" if step.total is not None else ""
        line = f"Importing {step.done}{of}: {step.message}"
        if self._interactive:
            width = shutil.get_terminal_size((80, 20)).columns - 1
            self._stream.write("\r" + line[:width].ljust(width))
            self._drawn = True
        else:
            self._stream.write(line + "\n")
        self._stream.flush()

    def finish(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
            self._drawn = False


def _run(args: argparse.Namespace, kind: str, source: Path) -> int:
    report = ImportReport()
    progress = ProgressLine(sys.stderr)
    services = open_services(args)
    with services.library as library:
        try:
            if kind == "wxr":
                import_wxr(
                    library,
                    source,
                    download_media=args.download_media,
                    progress=progress,
                    report=report,
                    sites=_blog_sites(services),
                )
            else:
                import_folder(library, source, progress=progress, report=report)
        except KeyboardInterrupt:
            report.cancelled = True
            progress.finish()
            print(report.summary())
            return 130
        finally:
            progress.finish()
    print(report.summary())
    return 1 if report.error or report.failed else 0


def _blog_sites(services: Services) -> dict[str, str]:
    """Account id → site URL of the person's blogs, so pulled posts are recognised on import."""
    try:
        return {account.id: account.site_url for account in services.accounts().all()}
    except BlogDeskError:
        return {}  # a damaged account list: permalinks recorded in the posts still match


def cmd_import_wxr(args: argparse.Namespace) -> int:
    return _run(args, "wxr", args.file)


def cmd_import_folder(args: argparse.Namespace) -> int:
    return _run(args, "folder", args.folder)
