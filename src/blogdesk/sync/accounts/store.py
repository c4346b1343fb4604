"""The author's blogs: a plain JSON list in the config folder. Never a secret in here.

Each account has a stable id (used as the keyring key, the media-ledger key and the key of the
post's sync state in its front matter) and a name the author chose and may change. Per account, a
cache file in the cache folder keeps the blog's tags and categories for offline use. Both folders
are given by the caller (`blogdesk.services`); nothing here decides where they are.
"""

from __future__ import annotations

import json
import re
import shlex
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import atomic_write

ACCOUNTS_FILE = "accounts.json"
FORMAT_VERSION = 1


class AccountError(BlogDeskError):
    """No such account, a name already taken, or an unreadable account list."""


@dataclass(frozen=True)
class Account:
    id: str  # stable, never shown; survives a rename
    name: str  # what the author calls this blog ("work", "travel")
    provider: str  # provider id, e.g. "wordpress"
    site_url: str
    user: str
    options: Mapping[str, Any] = field(default_factory=dict)  # provider-specific, non-secret

    @classmethod
    def new(cls, name: str, provider: str, site_url: str, user: str, **options: Any) -> Account:
        return cls(uuid.uuid4().hex, name, provider, site_url, user, dict(options))

    def with_options(self, **options: Any) -> Account:
        merged = dict(self.options)
        merged.update(options)
        return replace(self, options=merged)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["options"] = dict(self.options)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Account:
        try:
            return cls(
                id=str(data["id"]),
                name=str(data["name"]),
                provider=str(data["provider"]),
                site_url=str(data["site_url"]),
                user=str(data["user"]),
                options=dict(data.get("options") or {}),
            )
        except (KeyError, TypeError) as exc:
            raise AccountError(f"An account entry is incomplete (missing {exc}).") from None


_NAME_RE = re.compile(r"^[^\s/\\][^/\\]{0,63}$")


class AccountStore:
    """Read and write the account list. Every change is written atomically at once.

    `cache_dir` holds the per-account caches; removing an account removes its cache too."""

    def __init__(self, config_dir: Path, cache_dir: Path) -> None:
        self.path = Path(config_dir) / ACCOUNTS_FILE
        self.cache_dir = Path(cache_dir)

    # ---------------------------------------------------------------------------------- reading
    def _read(self) -> list[Account]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise AccountError(
                f"Cannot read the account list {self.path}: {exc.strerror}."
            ) from None
        try:
            data = json.loads(raw)
            entries = data["accounts"]
            if not isinstance(entries, list):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise AccountError(
                f"The account list {self.path} is damaged. Fix or remove it, then add your "
                "blogs again (your posts are not affected)."
            ) from None
        return [Account.from_json(e) for e in entries]

    def all(self) -> list[Account]:
        return self._read()

    def __iter__(self) -> Iterator[Account]:
        return iter(self._read())

    def find(self, name_or_id: str) -> Account | None:
        accounts = self._read()
        for account in accounts:
            if account.id == name_or_id:
                return account
        folded = name_or_id.casefold()
        for account in accounts:
            if account.name.casefold() == folded:
                return account
        return None

    def get(self, name_or_id: str) -> Account:
        account = self.find(name_or_id)
        if account is None:
            names = ", ".join(a.name for a in self._read()) or "none yet"
            raise AccountError(
                f"There is no blog account called {name_or_id!r} (accounts: {names}). "
                f"Add one with `{shlex.join(['blogdesk', 'account', 'add', name_or_id])} "
                "--url URL`."
            )
        return account

    # ---------------------------------------------------------------------------------- writing
    def _write(self, accounts: list[Account]) -> None:
        data = {"version": FORMAT_VERSION, "accounts": [a.to_json() for a in accounts]}
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        atomic_write(self.path, text.encode("utf-8"))

    def add(self, account: Account) -> Account:
        if not _NAME_RE.match(account.name):
            raise AccountError(
                f"{account.name!r} cannot be an account name: use up to 64 characters, "
                "no slashes, not starting with a space."
            )
        accounts = self._read()
        if any(a.name.casefold() == account.name.casefold() for a in accounts):
            raise AccountError(
                f"An account called {account.name!r} exists already. Choose another name "
                "or remove the old one first."
            )
        accounts.append(account)
        self._write(accounts)
        return account

    def update(self, account: Account) -> None:
        accounts = self._read()
        for i, existing in enumerate(accounts):
            if existing.id == account.id:
                accounts[i] = account
                self._write(accounts)
                return
        raise AccountError(f"The account {account.name!r} no longer exists.")

    def remove(self, account_id: str) -> None:
        accounts = self._read()
        kept = [a for a in accounts if a.id != account_id]
        if len(kept) == len(accounts):
            raise AccountError("That account no longer exists.")
        self._write(kept)
        term_cache_path(self.cache_dir, account_id).unlink(missing_ok=True)


# ------------------------------------------------------------------------------ per-account cache


def term_cache_path(cache_dir: Path, account_id: str) -> Path:
    return Path(cache_dir) / "accounts" / f"{account_id}.json"


def load_account_cache(cache_dir: Path, account_id: str) -> dict[str, Any]:
    """The account's cache (tags, categories, blog time zone); {} when missing or damaged."""
    try:
        data = json.loads(term_cache_path(cache_dir, account_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_account_cache(cache_dir: Path, account_id: str, data: Mapping[str, Any]) -> None:
    text = json.dumps(dict(data), indent=1, ensure_ascii=False, default=str)
    atomic_write(term_cache_path(cache_dir, account_id), text.encode("utf-8"))
