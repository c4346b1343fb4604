"""`blogdesk account add|list|test|password|remove`: the blogs BlogDesk publishes to.

The secret (an application password) is read from stdin with --password-stdin or asked for
without echo; it goes to the system keyring only, never to a file, the screen or a log.
"""

from __future__ import annotations

import argparse
import getpass
import json
import shlex
import sys
from typing import Any

from blogdesk.core.errors import BlogDeskError
from blogdesk.services import Services

# The platform ids, for --help, without importing the sync layer (requests, keyring) into every
# `blogdesk` start: handlers import what they need when they run.
BUILTIN = ("wordpress", "xmlrpc", "ghost", "micropub", "blogger", "forem", "static")


def register(sub: Any) -> None:
    account = sub.add_parser("account", help="add, list, test or remove blog accounts")
    commands = account.add_subparsers(dest="account_command", metavar="ACTION", required=True)

    p = commands.add_parser("add", help="add a blog (discovers it, checks the password)")
    p.add_argument("name", help="what you call this blog, e.g. 'travel'")
    p.add_argument("--url", required=True, help="the blog's address (a static site: its folder)")
    p.add_argument("--user", default="", help="your user name on the blog, where it has one")
    p.add_argument(
        "--type",
        default="wordpress",
        dest="provider",
        help=f"platform: {', '.join(BUILTIN)} (default wordpress)",
    )
    p.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a platform setting, e.g. api=metaweblog, build_command='hugo --gc', "
        "client_id=... (repeatable)",
    )
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password, API key or token from standard input instead of asking",
    )
    p.set_defaults(handler=cmd_add)

    p = commands.add_parser("list", help="list the blog accounts")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_list)

    p = commands.add_parser("test", help="check that the blog accepts the stored password")
    p.add_argument("name")
    p.set_defaults(handler=cmd_test)

    p = commands.add_parser(
        "password", help="store a new password, API key or token for a blog account"
    )
    p.add_argument("name")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="read it from standard input instead of asking",
    )
    p.set_defaults(handler=cmd_password)

    p = commands.add_parser("remove", help="forget a blog account and its password")
    p.add_argument("name")
    p.set_defaults(handler=cmd_remove)


def _options(pairs: list[str]) -> dict[str, str]:
    options: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise BlogDeskError(f"--option takes KEY=VALUE, not {pair!r}.")
        options[key.strip()] = value
    return options


def _read_secret(args: argparse.Namespace, options: dict[str, str]) -> str:
    """The account's secret: stdin, a Google sign-in in the browser (Blogger), or a prompt."""
    if args.password_stdin:
        secret = sys.stdin.readline().strip()
    elif args.provider == "blogger":
        secret = _google_sign_in(options)
    elif args.provider == "micropub":
        secret = _indieauth_sign_in(args.url)
    else:
        who = f"{args.user} at {args.url}" if args.user else args.url
        if not sys.stdin.isatty():
            raise BlogDeskError(
                "There is no terminal to ask for the password: pass it on standard input with "
                "--password-stdin (e.g. from your password manager)."
            )
        try:
            secret = getpass.getpass(f"Password, API key or token for {who}: ")
        except EOFError:
            raise BlogDeskError("No password was typed (input ended).") from None
    if not secret:
        raise BlogDeskError("No password, API key or token was given.")
    return secret


def _indieauth_sign_in(url: str) -> str:
    """Micropub: sign in with IndieAuth in the browser; the access token becomes the secret."""
    from blogdesk.sync.accounts import indieauth

    print(
        "Opening your site's sign-in page in your browser (IndieAuth); come back here when you "
        "are done. For a Micro.blog app token, use --password-stdin instead."
    )
    return indieauth.sign_in(url).access_token


def _google_sign_in(options: dict[str, str]) -> str:
    """Blogger: sign in with Google in the browser; the refresh token becomes the secret."""
    from blogdesk.sync.accounts import oauth_loopback
    from blogdesk.sync.http import make_session
    from blogdesk.sync.providers.blogger import oauth_client

    client = oauth_client(options)
    if not client.client_id:
        raise BlogDeskError(
            "Blogger needs a Google OAuth client id: pass --option client_id=... (and "
            "--option client_secret=... if Google gave you one); see docs/providers.md."
        )
    print("Opening Google's sign-in page in your browser; come back here when you are done.")
    with make_session() as session:
        tokens = oauth_loopback.authorize(session, client)
    return tokens.refresh_token


def cmd_add(args: argparse.Namespace) -> int:
    from blogdesk.sync.accounts import setup as account_setup
    from blogdesk.sync.accounts.credentials import KeyringUnavailableError
    from blogdesk.sync.http import make_session

    services = Services()
    store = services.accounts()
    if store.find(args.name) is not None:
        raise BlogDeskError(f"An account called {args.name!r} exists already.")
    if args.provider not in BUILTIN:
        from blogdesk.sync import registry

        registry.get(args.provider)  # a clear error naming the platforms there are
    options = _options(args.option)
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
    from blogdesk.sync import registry

    secret = _read_secret(args, options) if registry.needs_secret(args.provider) else ""
    try:
        added = account_setup.add_account(
            store,
            services.credentials(),
            name=args.name,
            url=args.url,
            user=args.user,
            secret=secret,
            provider_id=args.provider,
            options=options,
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
    print(f"Added {added.account.name!r}" + (f": signed in as {who}." if who else "."))
    if secret:
        print(f"The secret is kept in {added.secret_storage}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    accounts = Services().accounts().all()
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
        where = f"{a.user}@{a.site_url}" if a.user else a.site_url
        print(f"{a.name:<{width}}  {a.provider:<10}  {where}")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from blogdesk.sync.http import make_session

    services = Services()
    account = services.accounts().get(args.name)
    credentials = services.credentials()
    from blogdesk.sync import registry

    secret = credentials.get(account.id) or ""
    if not secret and registry.needs_secret(account.provider):
        raise BlogDeskError(
            f"No password is stored for {account.name!r}. Store one with "
            f"`{shlex.join(['blogdesk', 'account', 'password', account.name])}`."
        )

    with make_session() as session:
        info = registry.get(account.provider)(account, session, secret).verify()
    who = info.display_name or info.user_login
    signed_in = f"signed in as {who} at " if who else ""
    print(f"{account.name}: OK, {signed_in}{account.site_url}.")
    if not info.can_publish:
        print("  Note: this user may not publish posts (only submit them for review).")
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    """A new secret for an existing account, checked with the blog before it is kept. Removing
    and re-adding the account would give it a new id and cut the posts' link to the blog."""
    from blogdesk.sync import registry
    from blogdesk.sync.accounts.credentials import KeyringUnavailableError
    from blogdesk.sync.http import make_session

    services = Services()
    account = services.accounts().get(args.name)
    if not registry.needs_secret(account.provider):
        raise BlogDeskError(f"{account.name!r} ({account.provider}) needs no password.")
    asked = argparse.Namespace(
        password_stdin=args.password_stdin,
        provider=account.provider,
        url=account.site_url,
        user=account.user,
    )
    secret = _read_secret(asked, dict(account.options)).strip()
    with make_session() as session:
        registry.get(account.provider)(account, session, secret).verify()
    credentials = services.credentials()
    try:
        credentials.set(account.id, secret)
    except KeyringUnavailableError:
        raise BlogDeskError(
            "The password is correct, but no secure password storage (keyring) works on this "
            "computer, and BlogDesk will not write it to a plain file (see 'Where your password "
            "is kept' in docs/publishing.md)."
        ) from None
    print(f"The new secret for {account.name!r} works; it is kept in {credentials.description}.")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from blogdesk.sync.accounts import setup as account_setup

    services = Services()
    store = services.accounts()
    account = store.get(args.name)
    account_setup.remove_account(store, services.credentials(), account)
    print(f"Removed {account.name!r} and its stored password.")
    return 0
