"""`blogdesk sync [--remote URL]`: the library on several machines through a git remote.

The remote is remembered in the library's settings (`.blogdesk/settings.json`, which stays on
this machine). An HTTPS token is kept in the keyring under `git-remote:<host>` (`--token` asks
for it once); it is never written to a file or the repository's config.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from blogdesk.cli import open_services
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.settings import load_library_settings, save_library_settings


def register(sub: Any) -> None:
    p = sub.add_parser("sync", help="sync the library with a git remote (other machines)")
    p.add_argument("--remote", metavar="URL", help="a path, file://, git://, https:// or ssh URL")
    p.add_argument("--user", help="the user name for an https remote (default: token)")
    p.add_argument(
        "--token", action="store_true", help="ask for the https token and keep it in the keyring"
    )
    p.set_defaults(handler=cmd_sync)


def cmd_sync(args: argparse.Namespace) -> int:
    from blogdesk.sync.library_sync.remote import sync_library, token_key

    services = open_services(args)
    library = services.library
    try:
        settings = load_library_settings(library.root)
        url = args.remote or settings.sync_remote
        if not url:
            raise BlogDeskError(
                "No git remote to sync with yet: give one with `blogdesk sync --remote URL` "
                "(a bare repository's path, or an https:// or ssh URL)."
            )
        if args.remote and args.remote != settings.sync_remote:
            settings.sync_remote = args.remote
            save_library_settings(settings, library.root)
        history = services.history()
        if history is None:
            raise BlogDeskError("Syncing needs the library's history, which is turned off.")
        password = None
        if url.startswith(("http://", "https://")):
            store = services.credentials()
            if args.token:
                store.set(token_key(url), getpass.getpass(f"Token for {url}: "))
            password = store.get(token_key(url))
        report = sync_library(
            history, url, username=args.user, password=password, refresh=library.refresh
        )
        for path in report.taken:
            print(f"received  {path}")
        for path in report.merged:
            print(f"merged    {path}")
        for path, copy in report.conflicts:
            print(f"both      {path}: the other machine's version is in {copy}")
        if report.conflicts:
            print(
                "Both machines changed these posts: compare them (`blogdesk diff`, or the "
                "History panel), keep what you want and delete the copy.",
                file=sys.stderr,
            )
        sent = "sent" if report.pushed else "nothing to send"
        got = "received changes" if report.fetched else "nothing new"
        print(f"Synced with {url}: {got}, {sent}.")
        return 0
    finally:
        services.close()
        library.close()
