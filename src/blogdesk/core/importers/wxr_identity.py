"""Which library post an export's item is: identity is the site plus the WordPress post id.

The GUID is only a hint (real exports give two different posts the same GUID), and the title or
URL name says nothing about identity at all. An imported post records, under the account id
`wxr:<site URL>` in its `blogdesk:` front matter key, the post id and two hashes:

- `imported_hash`: what the export said about the post (title, content, dates, terms, …), so a
  later export of the same site tells whether the post changed on the blog;
- `local_hash`: the file as the import wrote it (front matter other than `blogdesk:`, and body),
  so a later import tells an untouched import from a post edited in BlogDesk.

A post brought in by `blogdesk pull` from a WordPress account records that account's own id and
the remote id; it is the same post when the remote id matches and the account's site (given by
the caller) or, failing that, the post's recorded permalink is on the export's site.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from blogdesk.core.importers.writing import SKIPPED_DIRS, split_front_matter
from blogdesk.core.importers.wxr_model import WxrItem

__all__ = [
    "ACCOUNT_PREFIX",
    "RESERVED_KEY",
    "Known",
    "KnownPosts",
    "account_id_for",
    "content_hash",
    "fields_hash",
    "item_hash",
]

ACCOUNT_PREFIX = "wxr:"
RESERVED_KEY = "blogdesk"  # the same key `Post` keeps its sync state under
_COMPARED = ("imported_hash", "local_hash")  # what `Known.state` keeps of an import's state


def account_id_for(site_url: str) -> str:
    """`wxr:` + the site's address without scheme noise: `wxr:https://example.com/blog`."""
    parts = urlsplit(site_url.strip())
    if not parts.scheme or not parts.netloc:
        return ACCOUNT_PREFIX + (site_url.strip() or "unknown-site")
    return (
        f"{ACCOUNT_PREFIX}{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}"
    )


def _site_key(url: str) -> str:
    """Host and path of a site or permalink, lower-cased host; `http` and `https` alike (an old
    export may say http:// for the site a WordPress account reaches over https://)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return f"{host}{parts.path.rstrip('/')}" if host else ""


def _on_site(link: str, site: str) -> bool:
    where, home = _site_key(link), _site_key(site)
    return bool(home) and (where == home or where.startswith(home + "/"))


def _digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def item_hash(item: WxrItem, author: str) -> str:
    """What the export says about a post, as a hash: changes when the post changed on the blog."""
    return _digest(
        [
            item.title,
            item.link,
            item.content,
            item.excerpt,
            item.post_date,
            item.post_date_gmt,
            item.post_name,
            item.status,
            item.post_type,
            bool(item.post_password),
            item.is_sticky,
            author,
            [[t.domain, t.nicename, t.name] for t in item.terms],
            item.meta.get("_thumbnail_id", ""),
            item.approved_comments,
        ]
    )


def fields_hash(fields: Mapping[str, Any], body: str) -> str:
    """The `content_hash` of the file `post_text(fields, body)` writes, without writing and
    parsing it back (an import computes one per post)."""
    meta = {k: v for k, v in fields.items() if v is not None and k != RESERVED_KEY}
    return _digest([meta, body.lstrip("\n").rstrip("\n")])


def content_hash(data: bytes) -> str | None:
    """A post file's front matter other than `blogdesk:`, and its body, as a hash (None when the
    file has no readable YAML front matter). Compares values, not formatting, so a save that
    only re-quotes the front matter or adds a final newline is not taken for an edit."""
    split = split_front_matter(data)
    if split is None:
        return None
    meta, rest = split
    return fields_hash(meta, rest)


@dataclass(frozen=True, slots=True)
class Known:
    """A library post an item matched: its path, and the state recorded for it by an import (its
    `imported_hash` and `local_hash`; None for a post linked to a blog account, which `blogdesk
    pull` keeps up to date)."""

    path: str
    state: dict[str, Any] | None
    account: str


class KnownPosts:
    """Every library post linked to a WordPress post, by site and post id, from one scan."""

    def __init__(self, root: Path, sites: Mapping[str, str] | None = None) -> None:
        self._sites = dict(sites or {})  # blog account id → its site URL
        self._imported: dict[tuple[str, str], Known] = {}  # (wxr account, "id:N"/"guid:G")
        self._linked: dict[str, list[tuple[str, str, str]]] = {}  # id → (account, path, link)
        self._scan(root)

    def _scan(self, root: Path) -> None:
        # Only files that mention a remote id are parsed: a library of thousands of posts that
        # were never imported or pulled is scanned in well under a second.
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS]
            for name in files:
                if name.lower().endswith((".md", ".markdown")):
                    self._read(root, Path(folder) / name)

    def _read(self, root: Path, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError:
            return
        if b"remote_id" not in data and b"wxr:" not in data:
            return
        split = split_front_matter(data)
        reserved = split[0].get(RESERVED_KEY) if split else None
        accounts = reserved.get("accounts") if isinstance(reserved, dict) else None
        if not isinstance(accounts, dict):
            return
        rel = path.relative_to(root).as_posix()
        for account, state in accounts.items():
            if not isinstance(state, dict):
                continue
            remote = state.get("remote_id")
            if str(account).startswith(ACCOUNT_PREFIX):
                # Only what a later import compares: 10,000 posts re-imported must not keep
                # 10,000 copies of their whole state (memory flat; docs/importing.md).
                kept = {key: state[key] for key in _COMPARED if key in state}
                known = Known(rel, kept, sys.intern(str(account)))
                if remote is not None:
                    self._imported[(str(account), f"id:{remote}")] = known
                elif state.get("guid"):
                    self._imported[(str(account), f"guid:{state['guid']}")] = known
            elif remote is not None:
                link = str(state.get("link") or "")
                self._linked.setdefault(str(remote), []).append((str(account), rel, link))

    def find(self, account: str, site: str, item: WxrItem) -> Known | None:
        """The library post that is `item` of the export of `site` (`account` its wxr id)."""
        if item.post_id is None:
            # Without an id (hand-made exports), the GUID is all there is to go by.
            return self._imported.get((account, f"guid:{item.guid}")) if item.guid else None
        known = self._imported.get((account, f"id:{item.post_id}"))
        if known is not None:
            return known
        for blog, path, link in self._linked.get(str(item.post_id), []):
            blog_site = self._sites.get(blog)
            same = _on_site(blog_site, site) if blog_site else bool(link) and _on_site(link, site)
            if same:
                return Known(path, None, blog)
        return None
