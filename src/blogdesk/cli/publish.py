"""`blogdesk publish|unpublish|pull|outbox`: publishing without the window.

Exit codes: 0 done; 1 error (message on stderr); 3 the site was unreachable and the job waits in
the outbox; 4 the post changed on the blog (conflict: nothing was sent; see --on-conflict).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blogdesk.cli import open_services
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import Library

if TYPE_CHECKING:
    # The sync layer (requests, providers) is imported when a command runs, not for every
    # `blogdesk list`: it is a good part of the CLI's start-up time.
    from blogdesk.core.progress import Progress
    from blogdesk.sync.provider import ConflictError
    from blogdesk.sync.publish.results import PublishResult
    from blogdesk.sync.service import SyncService

EXIT_QUEUED = 3
EXIT_CONFLICT = 4
# The blog's words, and the window's for the same statuses (as `blogdesk list --status` takes).
STATUSES = ("draft", "publish", "future", "pending", "private", "published", "scheduled")


def register(sub: Any) -> None:
    p = sub.add_parser("publish", help="publish a post to a blog (create or update)")
    p.add_argument("file", type=Path)
    p.add_argument("--account", required=True, help="the blog account's name")
    p.add_argument(
        "--status",
        type=str.lower,
        choices=STATUSES,
        help="default: from the post's front matter",
    )
    p.add_argument("--date", help="publication date, ISO 8601 (e.g. 2026-12-01T09:00+01:00)")
    p.add_argument(
        "--on-conflict",
        choices=("stop", "overwrite", "take_remote", "keep_both"),
        default="stop",
        help="what to do when the post was changed on the blog (default: stop)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_publish)

    p = sub.add_parser("unpublish", help="turn a published post back into a draft on the blog")
    p.add_argument("file", type=Path)
    p.add_argument("--account", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_unpublish)

    p = sub.add_parser("pull", help="bring a blog's posts into the library as Markdown")
    p.add_argument("--account", required=True)
    p.add_argument("--limit", type=int, help="at most this many posts (newest first)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_pull)

    p = sub.add_parser("outbox", help="jobs waiting for an unreachable blog; `outbox flush`")
    p.add_argument("action", nargs="?", choices=("list", "flush"), default="list")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_outbox)


def _service(args: argparse.Namespace) -> tuple[Library, SyncService]:
    services = open_services(args)
    return services.library, services.sync_service()


def _post_path(library: Library, file: Path) -> Path:
    candidates = [file] if file.is_absolute() else [Path.cwd() / file, library.root / file]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.resolve()
    raise BlogDeskError(f"There is no post file {file}.")


def _parse_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise BlogDeskError(
            f"{text!r} is not a date BlogDesk understands; use ISO 8601, "
            "e.g. 2026-12-01T09:00+01:00."
        ) from None


def _progress(quiet: bool) -> Any:
    def show(step: Progress) -> None:
        if not quiet and step.stage in ("upload", "queued"):
            print(f"  {step.message}", file=sys.stderr)

    return show


def _print_result(result: PublishResult, as_json: bool) -> None:
    if as_json:
        print(json.dumps(asdict(result), indent=2, default=str))
        return
    if result.queued:
        print(
            "Not sent: the blog could not be reached. The job waits in the outbox "
            "(`blogdesk outbox flush` sends it)."
        )
    else:
        print(f"{result.status}: {result.link} (id {result.remote_id})")
        if result.uploaded or result.reused:
            print(f"  images: {result.uploaded} uploaded, {result.reused} already on the blog")
        if result.schedule is not None and result.status == "future":
            print(f"  scheduled for {result.schedule.utc}")
            print(f"               {result.schedule.blog}")
            print(f"               {result.schedule.author}")
    for notice in result.notices:
        if not result.queued:
            print(f"  note: {notice}")


def _print_conflict(error: ConflictError, args: argparse.Namespace) -> None:
    print(f"blogdesk: {error}", file=sys.stderr)
    for diff in error.field_diffs:
        print(f"  {diff.field}: blog {diff.remote!r} / here {diff.local!r}", file=sys.stderr)
    if error.text_diff:
        print(error.text_diff, file=sys.stderr)
    # The same command, ready to paste: names with spaces or quotes are quoted for the shell.
    again = ["blogdesk"] + (["--library", str(args.library)] if args.library else [])
    again += ["publish", str(args.file), "--account", args.account]
    again += ["--status", args.status] if args.status else []
    again += ["--date", args.date] if args.date else []
    print(
        "To choose, run it again with --on-conflict overwrite, take_remote or keep_both:\n"
        f"  {shlex.join([*again, '--on-conflict', 'overwrite'])}",
        file=sys.stderr,
    )


def cmd_publish(args: argparse.Namespace) -> int:
    from blogdesk.sync.provider import ConflictError

    library, service = _service(args)
    with library:
        path = _post_path(library, args.file)
        try:
            result = service.publish(
                path,
                args.account,
                status=args.status,
                date=_parse_date(args.date),
                progress=_progress(args.json),
            )
        except ConflictError as error:
            if args.on_conflict == "stop":
                _print_conflict(error, args)
                return EXIT_CONFLICT
            resolved = service.resolve_conflict(error, args.on_conflict)
            if resolved.copy_path:
                print(f"The blog's version was saved as {resolved.copy_path}")
            if resolved.publish is None:
                print(f"{resolved.post_path} now holds the blog's version.")
                return 0
            result = resolved.publish
        finally:
            service.close()
        _print_result(result, args.json)
        return EXIT_QUEUED if result.queued else 0


def cmd_unpublish(args: argparse.Namespace) -> int:
    library, service = _service(args)
    with library:
        try:
            result = service.unpublish(_post_path(library, args.file), args.account)
        finally:
            service.close()
        _print_result(result, args.json)
        return EXIT_QUEUED if result.queued else 0


def cmd_pull(args: argparse.Namespace) -> int:
    library, service = _service(args)
    with library:
        try:
            result = service.pull(args.account, limit=args.limit)
        finally:
            service.close()
    if args.json:
        print(json.dumps(asdict(result), indent=2))
        return 0
    print(
        f"{len(result.created)} new, {len(result.updated)} updated, "
        f"{result.unchanged} unchanged (the blog has {result.total_remote} posts)."
    )
    for path in result.created:
        print(f"  new: {path}")
    for reason in result.skipped:
        print(f"  skipped: {reason}")
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    library, service = _service(args)
    with library:
        if args.action == "flush":
            try:
                flushed = service.flush_outbox(force=True)
            finally:
                service.close()
            if args.json:
                print(json.dumps(asdict(flushed), indent=2, default=str))
            else:
                for sent in flushed.sent:
                    print(f"sent {sent.post_path}: {sent.link}")
                for failure in flushed.failed:
                    print(f"needs you: {failure}")
                print(f"{len(flushed.sent)} sent, {flushed.still_waiting} still waiting.")
            return EXIT_QUEUED if flushed.still_waiting else 0
        jobs = service.outbox.jobs()
        if args.json:
            print(json.dumps([asdict(j) for j in jobs], indent=2))
            return 0
        if not jobs:
            print("The outbox is empty.")
        for job in jobs:
            state = "needs you" if job.needs_attention else f"try {job.attempts}"
            print(f"{job.action:<9} {job.post_path}  ({state}) {job.last_error}")
        return 0
