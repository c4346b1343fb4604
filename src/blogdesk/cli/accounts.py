"""`blogdesk account add|list|test|remove`: the blogs BlogDesk publishes to.

The secret (an application password) is read from stdin with --password-stdin or asked for
without echo; it goes to the system keyring only, never to a file, the screen or a log.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync import account_setup
from blogdesk.sync.accounts import AccountStore
from blogdesk.sync.credentials import KeyringUnavailableError, open_store
from blogdesk.sync.http import make_session


def register(sub: Any) -> None:
    account = sub.add_parser("account", help="add, list, test or remove blog accounts")
    commands = account.add_subparsers(dest="account_command", metavar="ACTION", required=True)

    p = commands.add_parser("add", help="add a blog (discovers it, checks the password)")
    p.add_argument("name", help="what you call this blog, e.g. 'travel'")
    p.add_argument("--url", required=True, help="the blog's address")
    p.add_argument("--user", required=True, help="your user name on the blog")
    p.add_argument("--type", default="wordpress", dest="provider", help="platform (wordpress)")
    p.add_argument(
        "--password-stdin", action="store_true",
        help="read the application password from standard input instead of asking",
    )
    p.set_defaults(handler=cmd_add)

    p = commands.add_parser("list", help="list the blog accounts")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_list)

    p = commands.add_parser("test", help="check that the blog accepts the stored password")
    p.add_argument("name")
    p.set_defaults(handler=cmd_test)

    p = commands.add_parser("remove", help="forget a blog account and its password")
    p.add_argument("name")
    p.set_defaults(handler=cmd_remove)


def _read_secret(args: argparse.Namespace) -> str:
    if args.password_stdin:
        secret = sys.stdin.readline().strip()
    else:
        secret = getpass.getpass(f"Application password for {args.user} at {args.url}: ")
    if not secret:
        raise BlogDeskError("No application password was given.")
    return secret


def cmd_add(args: argparse.Namespace) -> int:
    store = AccountStore()
    if store.find(args.name) is not None:
        raise BlogDeskError(f"An account called {args.name!r} exists already.")
    with make_session() as session:
        found = account_setup.discover(args.url, args.provider, session)
    print(f"Found: {found.site_name or found.site_url} ({found.site_url})")
    print(f"  API: {found.api_url}")
    if found.timezone:
        print(f"  Time zone: {found.timezone}")
    if found.app_passwords_available is False:
        print("  Application passwords are not available on this site.")
    elif found.authorize_url:
        print(f"  Create an application password at: {found.authorize_url}")
    for note in found.notes:
        print(f"  Note: {note}")
    secret = _read_secret(args)
    try:
        added = account_setup.add_account(
            store, open_store(), name=args.name, url=args.url, user=args.user, secret=secret,
            provider_id=args.provider,
        )
    except KeyringUnavailableError:
        raise BlogDeskError(
            "The password is correct, but no secure password storage (keyring) works on this "
            "computer, and BlogDesk will not write it to a plain file, so the account was not "
            "added. Set up a keyring backend (see 'Where your password is kept' in "
            "docs/publishing.md), or add the blog in the window, which can keep the password "
            "for one session."
        ) from None
    who = added.info.display_name or added.info.user_login
    print(f"Added {added.account.name!r}: signed in as {who}.")
    print(f"The password is kept in {added.secret_storage}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    accounts = AccountStore().all()
    if args.json:
        rows = [
            {"id": a.id, "name": a.name, "type": a.provider, "url": a.site_url, "user": a.user}
            for a in accounts
        ]
        print(json.dumps(rows, indent=2))
        return 0
    if not accounts:
        print("No blog accounts yet. Add one with: blogdesk account add NAME --url URL --user USER")
        return 0
    width = max(len(a.name) for a in accounts)
    for a in accounts:
        print(f"{a.name:<{width}}  {a.provider:<10}  {a.user}@{a.site_url}")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    account = AccountStore().get(args.name)
    credentials = open_store()
    secret = credentials.get(account.id)
    if not secret:
        raise BlogDeskError(
            f"No password is stored for {account.name!r}. Remove the account and add it again."
        )
    from blogdesk.sync import registry

    with make_session() as session:
        info = registry.get(account.provider)(account, session, secret).verify()
    who = info.display_name or info.user_login
    print(f"{account.name}: OK, signed in as {who} at {account.site_url}.")
    if not info.can_publish:
        print("  Note: this user may not publish posts (only submit them for review).")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    store = AccountStore()
    account = store.get(args.name)
    account_setup.remove_account(store, open_store(), account)
    print(f"Removed {account.name!r} and its stored password.")
    return 0
