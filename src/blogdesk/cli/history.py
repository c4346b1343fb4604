"""History commands: `blogdesk history FILE` and `blogdesk diff FILE` (docs/cli.md).

`--json` output is part of the stable interface: keys are only ever added.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from blogdesk.cli import open_services
from blogdesk.core.errors import BlogDeskError
from blogdesk.services import Services


def register(sub: Any) -> None:
    p = sub.add_parser("history", help="the versions of a post, and which one is on which blog")
    p.add_argument("file", type=Path)
    p.add_argument("--limit", type=int, help="show at most this many versions")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser(
        "diff", help="what changed in a post since it was last published (a word diff)"
    )
    p.add_argument("file", type=Path)
    p.add_argument("--account", help="the blog (name or id; default: the last one published to)")
    p.add_argument("--version", help="compare with this version (a commit id) instead")
    p.add_argument("--full", action="store_true", help="the whole text, not only the changes")
    p.set_defaults(handler=cmd_diff)


def _open(args: argparse.Namespace) -> tuple[Services, Any, str]:
    services = open_services(args, create=False)
    history = services.history()
    if history is None:
        services.library.close()
        raise BlogDeskError(
            "This library keeps no history (its settings turn it off, or it could not be "
            "opened: see the log)."
        )
    file = Path(args.file)
    full = file if file.is_absolute() else Path.cwd() / file
    if not full.exists() and not file.is_absolute():
        full = services.library.root / file
    try:
        rel = full.resolve().relative_to(services.library.root).as_posix()
    except ValueError:
        services.library.close()
        raise BlogDeskError(f"{args.file} is not in the library {services.library.root}.") from None
    return services, history, rel


def _account_names(services: Services) -> dict[str, str]:
    try:
        return {a.id: a.name for a in services.accounts().all()}
    except Exception:  # an unreadable account list must not hide the history
        return {}


def cmd_history(args: argparse.Namespace) -> int:
    from blogdesk.core.history.versions import file_history

    services, history, rel = _open(args)
    try:
        found = file_history(history, rel, limit=args.limit)
        names = _account_names(services)
        if args.json:
            rows = [
                {
                    "commit": v.commit,
                    "time": v.time.isoformat(),
                    "message": v.message,
                    "machine": v.machine,
                    "changed": v.changed,
                    "published": [
                        {
                            "account_id": m.account_id,
                            "account": names.get(m.account_id, m.account_id),
                            "remote_id": m.remote_id,
                            "status": m.status,
                        }
                        for m in v.marks
                    ],
                    "live_on": [names.get(a, a) for a in v.live_on],
                }
                for v in found.versions
            ]
            json.dump({"path": rel, "versions": rows}, sys.stdout, indent=2)
            print()
            return 0
        if not found.versions:
            print(f"{rel}: no versions yet (the first save makes one).")
            return 0
        for v in found.versions:
            live = ""
            if v.live_on:
                statuses = {m.account_id: m.status for m in v.marks}
                live = "  ← on " + ", ".join(
                    f"{names.get(a, a)} ({statuses.get(a, '')})" for a in v.live_on
                )
            when = v.time.strftime("%Y-%m-%d %H:%M")
            print(f"{v.short}  {when}  {v.message}{live}")
        return 0
    finally:
        services.close()
        services.library.close()


def cmd_diff(args: argparse.Namespace) -> int:
    from blogdesk.core.history.versions import file_history
    from blogdesk.core.history.worddiff import comparable, format_word_diff, word_diff

    services, history, rel = _open(args)
    try:
        found = file_history(history, rel)
        if args.version:
            matches = [v for v in found.versions if v.commit.startswith(args.version)]
            if not matches:
                raise BlogDeskError(f"{rel} has no version {args.version}.")
            version, where = matches[0], f"version {matches[0].short}"
        else:
            account_id = None
            if args.account:
                account = services.accounts().get(args.account)
                account_id, where = account.id, account.name
            published = found.last_published(account_id)
            if published is None:
                blog = f" on {args.account}" if args.account else ""
                print(f"{rel} was never published{blog} (according to its history).")
                return 0
            version = published
            if account_id is None:
                names = _account_names(services)
                where = names.get(version.marks[0].account_id, version.marks[0].account_id)
        old = history.read(rel, version.commit)
        new = history.read_disk(rel)
        old_text = comparable(old.decode("utf-8", "replace")) if old else ""
        new_text = comparable(new.decode("utf-8", "replace")) if new else ""
        if old_text == new_text:
            print(f"{rel}: unchanged since {where} ({version.short}).")
            return 0
        print(f"{rel}: changes since {where} ({version.short}, {version.time:%Y-%m-%d %H:%M})")
        pieces = word_diff(old_text, new_text)
        print(format_word_diff(pieces, context_lines=None if args.full else 2))
        return 0
    finally:
        services.close()
        services.library.close()
