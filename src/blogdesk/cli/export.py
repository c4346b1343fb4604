"""`blogdesk export FILE… --to html|pdf|docx --output PATH`: posts as a web page, PDF or Word file.

One post goes to the file `--output` names (or into it, when it is a folder); several (more than
one FILE, or `--all`, `--status`, `--tag`) go into the folder `--output`, one file per post named
after the post's file. HTML and Word need no window; PDF is printed by the preview's engine, so
this command starts Qt without a window (offscreen when there is no display). See docs/export.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from blogdesk.cli import open_services
from blogdesk.cli.publish import STATUSES, _post_path
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.export import FORMATS, STYLES, export_file_name, export_post
from blogdesk.core.library.library import Library


def register(sub: Any) -> None:
    p = sub.add_parser("export", help="export posts as a web page, PDF or Word document")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE")
    p.add_argument("--to", required=True, choices=FORMATS, dest="fmt", help="the format")
    # Kept as typed: a trailing "/" says "a folder" even before it exists.
    p.add_argument("--output", "-o", required=True, metavar="PATH")
    p.add_argument("--style", choices=STYLES, default="plain", help="the page's look")
    p.add_argument("--inline", action="store_true", help="HTML: images inside the page")
    p.add_argument("--all", action="store_true", help="every post of the library")
    p.add_argument("--status", type=str.lower, choices=STATUSES, help="posts with this status")
    p.add_argument("--tag", help="posts with this tag")
    p.add_argument(
        "--allow-remote", action="store_true", help="PDF: load web images, as the preview may"
    )
    p.set_defaults(handler=cmd_export)


def _chosen(args: argparse.Namespace, library: Library) -> list[Path]:
    paths = [_post_path(library, f) for f in args.files]
    if args.all or args.status or args.tag:
        for summary in library.posts(
            status=args.status, tag=args.tag, sort="title", descending=False
        ):
            paths.append((library.root / summary.path).resolve())
    chosen = list(dict.fromkeys(paths))
    if not chosen:
        raise BlogDeskError("Name the posts to export (FILE…, --all, --status or --tag).")
    return chosen


def _targets(args: argparse.Namespace, posts: list[Path]) -> list[tuple[Path, Path]]:
    output = Path(args.output).expanduser()
    several = len(posts) > 1 or args.all or args.status or args.tag
    if not several and not output.is_dir() and not args.output.endswith(("/", os.sep)):
        return [(posts[0], output)]
    taken: set[str] = set()
    targets = []
    for post in posts:
        name = export_file_name(post, args.fmt)
        stem, n = Path(name).stem, 1
        while name.casefold() in taken:  # same file name in two folders of the library
            n += 1
            name = f"{stem}-{n}.{args.fmt}"
        taken.add(name.casefold())
        targets.append((post, output / name))
    return targets


def _pdf_printer(allow_remote: bool) -> Callable[[Path, Path], Path]:
    """Qt WebEngine without a window (imported only for --to pdf)."""
    from blogdesk.ui.application import create_application
    from blogdesk.ui.window.instance.handoff import has_display

    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        # No GPU without a display; Chromium's own log lines (no D-Bus, no GL) are noise here.
        os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --log-level=3")
    import PySide6.QtWebEngineWidgets  # noqa: F401  (must be loaded before the QApplication)

    from blogdesk.ui.export.pdf import print_pdf

    create_application()
    return lambda page, out: print_pdf(page, out, allow_remote=allow_remote)


def cmd_export(args: argparse.Namespace) -> int:
    from blogdesk.sync.media.ledger import resolve_image

    services = open_services(args, create=False)
    printer = _pdf_printer(args.allow_remote) if args.fmt == "pdf" else None
    with services.library as library:
        targets = _targets(args, _chosen(args, library))
        failed = 0
        for post_path, out in targets:
            post = library.load(post_path)

            def resolve(ref: str, folder: Path = post_path.parent) -> Path | None:
                return resolve_image(ref, folder, library.root)

            try:
                export_post(
                    post,
                    args.fmt,
                    out,
                    resolve,
                    inline=args.inline,
                    options=services.render_options(),
                    style=args.style,
                    print_pdf=printer,
                )
            except BlogDeskError as exc:
                if len(targets) == 1:
                    raise
                failed += 1
                print(f"blogdesk: {post_path.name}: {exc}", file=sys.stderr)
                continue
            print(out)
    return 1 if failed else 0
