"""Adding, testing and removing blog accounts: discovery, verification, the secret, the terms cache.

Used by the account dialog (from a worker thread) and by `blogdesk account ...`. Nothing here
stores a secret anywhere but the CredentialStore.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import requests

from blogdesk.sync.accounts.credentials import CredentialStore, LayeredStore
from blogdesk.sync.accounts.store import (
    Account,
    AccountError,
    AccountStore,
    load_account_cache,
    save_account_cache,
)
from blogdesk.sync.http import for_account_setup, make_session, safe_url
from blogdesk.sync.provider import (
    AccountInfo,
    ApiUnavailableError,
    AuthenticationError,
    BlogProvider,
    DiscoveryResult,
    SiteUnreachableError,
    Term,
    TermKind,
)


@dataclass(frozen=True)
class AddedAccount:
    account: Account
    discovery: DiscoveryResult
    info: AccountInfo
    secret_storage: str  # where the secret went, in words ("the system keyring (...)")


def normalise_url(url: str) -> str:
    url = url.strip()
    if not url:
        raise AccountError("Give the blog's address, e.g. https://blog.example.com")
    if "://" not in url:
        url = "https://" + url
    return url.rstrip("/")


class NoBlogFoundError(ApiUnavailableError):
    """Nothing at the address speaks a blog API (a plain web server, a wrong address)."""


def provider_class(provider_id: str) -> type[BlogProvider]:
    from blogdesk.sync import registry

    return registry.get(provider_id)


def site_address(url: str, provider_id: str) -> str:
    """What the author typed, as the provider wants it: a folder (`~` expanded) for providers
    whose site is a folder on this computer, else a web address (`https://` when none given)."""
    if not getattr(provider_class(provider_id), "site_is_folder", False):
        return normalise_url(url)
    text = url.strip()
    if not text:
        raise AccountError("Give the site's folder, e.g. /home/me/my-site")
    return text if text.startswith("file://") else str(Path(text).expanduser())


def discover(
    url: str, provider_id: str = "wordpress", session: requests.Session | None = None
) -> DiscoveryResult:
    """What is at this address (no credentials needed)."""
    own = session is None
    session = session or make_session()
    address = site_address(url, provider_id)
    try:
        try:
            return _discover(session, provider_id, address)
        except NoBlogFoundError:
            raise
        except ApiUnavailableError as exc:
            if provider_id != "wordpress":
                raise
            try:  # REST blocked: XML-RPC may still answer (add_account falls back the same way)
                found = _discover(session, "xmlrpc", address, exc)
            except NoBlogFoundError:
                raise
            except (ApiUnavailableError, SiteUnreachableError):
                raise exc from None
            return replace(found, notes=(_fallback_note(exc), *found.notes))
    except SiteUnreachableError as exc:
        raise for_account_setup(exc) from None
    finally:
        if own:
            session.close()


def _discover(
    session: requests.Session, provider_id: str, address: str, rest_error: Exception | None = None
) -> DiscoveryResult:
    found = provider_class(provider_id).discover(session, address)
    if provider_id == "xmlrpc":
        _check_xmlrpc(session, address, found.api_url, rest_error)
    return found


def _check_xmlrpc(
    session: requests.Session, site: str, endpoint: str, rest_error: Exception | None
) -> None:
    """NoBlogFoundError unless `endpoint` answers in XML-RPC (a fault is an answer too).

    XML-RPC discovery guesses `/xmlrpc.php` when the home page names no endpoint and gives a
    server that lists no methods the benefit of the doubt, so any web server would pass it.
    """
    from blogdesk.sync.http import translate_transport_error

    body = (
        b"<?xml version='1.0'?><methodCall><methodName>system.listMethods</methodName>"
        b"<params></params></methodCall>"
    )
    try:
        response = session.post(
            endpoint, data=body, stream=True, headers={"Content-Type": "text/xml; charset=utf-8"}
        )
        try:
            head = next(response.iter_content(chunk_size=4096), b"")
        finally:
            response.close()
    except requests.RequestException as exc:
        raise translate_transport_error(exc, endpoint) from None
    if b"methodResponse" in head:
        return
    rest = "it has no WordPress REST API, and " if rest_error is not None else ""
    raise NoBlogFoundError(
        f"No blog was found at {safe_url(site)}: {rest}{safe_url(endpoint)} does not answer "
        f"XML-RPC (HTTP {response.status_code}). Check the address (the blog's home page)."
    )


def _fallback_note(exc: Exception) -> str:
    return (
        f"The WordPress REST API is not usable there ({exc}); BlogDesk uses the site's "
        "XML-RPC interface instead."
    )


def add_account(
    store: AccountStore,
    credentials: CredentialStore,
    *,
    name: str,
    url: str,
    user: str,
    secret: str,
    provider_id: str = "wordpress",
    session_only: bool = False,
    session_factory: Callable[[], requests.Session] = make_session,
    options: Mapping[str, Any] | None = None,
) -> AddedAccount:
    """Discover the blog, verify the credentials, then store the account and its secret.

    Nothing is stored when discovery or verification fails. KeyringUnavailableError (from the
    credential store) means no keyring works: ask the author, then call again with
    session_only=True.
    """
    if store.find(name) is not None:
        raise AccountError(f"An account called {name!r} exists already.")
    from blogdesk.sync import registry

    if not secret.strip() and registry.needs_secret(provider_id):
        raise AccountError("The application password is empty.")
    address = site_address(url, provider_id)
    session = session_factory()
    try:
        try:
            account, discovery, info = _discover_and_verify(
                session, provider_id, name, address, user, secret.strip(), options
            )
        except NoBlogFoundError:
            raise
        except ApiUnavailableError as exc:
            if provider_id != "wordpress":
                raise
            # The REST API is blocked (host, security plugin): many such sites still answer
            # XML-RPC, which BlogDesk speaks too. Say so; keep the REST error if that fails.
            try:
                account, discovery, info = _discover_and_verify(
                    session, "xmlrpc", name, address, user, secret.strip(), options, exc
                )
            except NoBlogFoundError:
                raise
            except (ApiUnavailableError, SiteUnreachableError, AuthenticationError):
                raise exc from None
            discovery = replace(discovery, notes=(_fallback_note(exc), *discovery.notes))
    except SiteUnreachableError as exc:
        # No job is waiting to be sent here: say plainly that the site could not be reached.
        raise for_account_setup(exc) from None
    finally:
        session.close()
    if info.timezone and not account.options.get("timezone"):
        account = account.with_options(timezone=info.timezone)
    if not secret.strip():
        pass  # nothing to keep (a provider without a secret, e.g. a site folder)
    elif isinstance(credentials, LayeredStore):
        credentials.set(account.id, secret.strip(), session_only=session_only)
    else:
        credentials.set(account.id, secret.strip())
    try:
        store.add(account)
    except AccountError:
        credentials.delete(account.id)
        raise
    where = (
        credentials.session_store.description
        if isinstance(credentials, LayeredStore) and session_only
        else credentials.description
    )
    return AddedAccount(account, discovery, info, where)


def _discover_and_verify(
    session: requests.Session,
    provider_id: str,
    name: str,
    address: str,
    user: str,
    secret: str,
    chosen: Mapping[str, Any] | None = None,
    rest_error: Exception | None = None,
) -> tuple[Account, DiscoveryResult, AccountInfo]:
    cls = provider_class(provider_id)
    discovery = _discover(session, provider_id, address, rest_error)
    options: dict[str, Any] = dict(discovery.options)
    if discovery.timezone:
        options["timezone"] = discovery.timezone
    options.update(chosen or {})  # what the author chose in the form wins over discovery
    account = Account.new(name, provider_id, discovery.site_url, user, **options)
    return account, discovery, cls(account, session, secret).verify()


def remove_account(store: AccountStore, credentials: CredentialStore, account: Account) -> None:
    """Forget the account and delete its secret (the posts keep their sync state)."""
    credentials.delete(account.id)
    store.remove(account.id)


def cached_terms(cache_dir: Path, account_id: str, kind: TermKind) -> list[str]:
    """Tag or category names from the last time the blog was asked (for offline use)."""
    names = load_account_cache(cache_dir, account_id).get(f"{kind}_names")
    return [str(n) for n in names] if isinstance(names, list) else []


class _TermLister(Protocol):
    def list_terms(self, kind: TermKind) -> list[Term]: ...


def refresh_terms(
    provider: _TermLister, cache_dir: Path, account_id: str, kind: TermKind
) -> list[str]:
    """The blog's tag or category names, fetched and cached; the cache when offline."""
    try:
        names = sorted({t.name for t in provider.list_terms(kind)}, key=str.casefold)
    except SiteUnreachableError:
        return cached_terms(cache_dir, account_id, kind)
    cache = load_account_cache(cache_dir, account_id)
    cache[f"{kind}_names"] = names
    save_account_cache(cache_dir, account_id, cache)
    return names


def remember_terms(
    cache_dir: Path, account_id: str, kind: TermKind, names: tuple[str, ...]
) -> None:
    """Add names just used (and so created on the blog) to the cache."""
    if not names:
        return
    cache = load_account_cache(cache_dir, account_id)
    known = [str(n) for n in cache.get(f"{kind}_names") or []]
    merged = sorted(set(known) | set(names), key=str.casefold)
    if merged != known:
        cache[f"{kind}_names"] = merged
        save_account_cache(cache_dir, account_id, cache)
