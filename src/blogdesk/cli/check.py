"""`blogdesk check FILE`: the pre-publish checklist, without the window.

Exit codes: 0 nothing blocks (there may be warnings); 1 an error blocks publishing (or the check
could not run: no such file or account). The checks are docs/checklist.md's; `--json` prints the
shape docs/cli.md documents.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blogdesk.cli import open_services
from blogdesk.cli.publish import STATUSES, _parse_date, _post_path

if TYPE_CHECKING:
    from blogdesk.core.checks import Report

EXIT_BLOCKED = 1


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="the pre-publish checklist of a post (exit 1 when it blocks)")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--account", help="the blog it is for: its expectations and the titles already on it"
    )
    p.add_argument("--status", type=str.lower, choices=STATUSES, help="as `publish --status`")
    p.add_argument("--date", help="as `publish --date` (a schedule date is checked)")
    p.add_argument(
        "--offline", action="store_true", help="do not check web links (no network at all)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    # Imported here: the sync layer (requests) is not needed by the other commands' start-up.
    from blogdesk.sync.prepublish import checklist

    services = open_services(args)
    with services.library as library:
        path = _post_path(library, args.file)
        account = services.accounts().get(args.account) if args.account else None
        check_links = not args.offline and services.settings.extra.get("check_links", True)
        report = checklist(
            library,
            path,
            account,
            cache_dir=services.folders.cache,
            render_options=services.render_options(),
            check_links=bool(check_links),
            status=args.status,
            date=_parse_date(args.date),
        )
    shown = str(args.file)
    if args.json:
        about = {"file": str(path), "account": account.name if account else None}
        print(json.dumps(report.to_json(**about), indent=2, ensure_ascii=False))
    else:
        _print(report, shown)
    return EXIT_BLOCKED if report.blocking else 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _print(report: Report, shown: str) -> None:
    if not report.issues:
        print(f"{shown}: nothing to fix.")
    else:
        errors, warnings = len(report.errors), len(report.warnings)
        verdict = "publishing is blocked" if report.blocking else "nothing blocks publishing"
        print(f"{shown}: {_count(errors, 'error')}, {_count(warnings, 'warning')} ({verdict})")
    for issue in report.issues:
        line = report.file_line(issue)
        where = f"{shown}:{line}:{issue.column + 1}" if line is not None else shown
        about = f" ({issue.field})" if issue.field and line is None else ""
        print(f"  {where}: {issue.severity}{about}: {issue.message} [{issue.check}]")
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
