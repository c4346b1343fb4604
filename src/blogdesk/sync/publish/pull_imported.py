"""Posts imported from a site's export (WXR) are the same posts `blogdesk pull` fetches.

An import records, under the key `wxr:<site URL>` of the post's `blogdesk:` front matter, the
WordPress post id and `local_hash` (the file as the import wrote it; see
core/importers/wxr_identity.py). A pull from an account on that site meets the same ids: it must
adopt the imported file rather than write a second copy of the post.

Adopting hands the post over from the import to the account (the `wxr:` state is replaced by the
account's sync state, so a later import of the same site reports it as "linked to your blog
account" instead of comparing it again):

- an import nobody edited is refreshed from the blog and linked, as any linked post would be;
- an import edited in BlogDesk keeps its text and is reported, as the importer reports a post
  edited on both sides. It is linked all the same, so publishing it updates the blog's post
  instead of creating a second one there; but what the blog held at the import is unknown, so
  the recorded fingerprints are the import's (they never equal a pull's or a publish's): the
  next pull reports it again rather than overwrite the edit, and publishing shows the conflict
  dialog, where the author chooses which version to keep.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from blogdesk.core.importers.wxr_identity import ACCOUNT_PREFIX, content_hash
from blogdesk.core.post.post import Post

__all__ = [
    "IMPORTED_MARK",
    "Imported",
    "adopt",
    "edited_since_import",
    "edited_state",
    "imported_posts",
    "same_site",
]

# Prefix of the fingerprints recorded for an edited import: never the value of a sha256 digest,
# so no pull or publish takes them for "unchanged since".
IMPORTED_MARK = "imported:"


@dataclass(frozen=True)
class Imported:
    path: str  # relative to the library
    key: str  # the `wxr:<site>` account the import recorded
    state: dict[str, Any]


def _site_key(url: str) -> str:
    """Host (lower case, no `www.`) and path: the rule of wxr_identity, so an export saying
    http:// and an account on https:// (or the other way round) are the same site."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"  # two blogs on one host can differ by port only
    return f"{host}{parts.path.rstrip('/')}" if host else ""


def same_site(wxr_key: str, state: dict[str, Any], site_url: str) -> bool:
    """Whether an import recorded under `wxr_key` came from the site at `site_url`: the export's
    site, or failing that (an export from an old address), the post's recorded permalink."""
    home = _site_key(site_url)
    if not home:
        return False
    if _site_key(wxr_key.removeprefix(ACCOUNT_PREFIX)) == home:
        return True
    link = _site_key(str(state.get("link") or ""))
    return link == home or link.startswith(home + "/")


def imported_posts(post: Post, rel: str, site_url: str) -> list[tuple[str, Imported]]:
    """(remote id, import) for each import of `site_url` that `post` records."""
    found: list[tuple[str, Imported]] = []
    reserved = post.get("blogdesk")
    accounts = reserved.get("accounts") if isinstance(reserved, dict) else None
    if not isinstance(accounts, dict):
        return found
    for key, state in accounts.items():
        if not (str(key).startswith(ACCOUNT_PREFIX) and isinstance(state, dict)):
            continue
        remote_id = state.get("remote_id")
        if remote_id is not None and same_site(str(key), state, site_url):
            found.append((str(remote_id), Imported(rel, str(key), dict(state))))
    return found


def edited_since_import(library_root: Path, found: Imported) -> bool:
    """True when the file is not what the import wrote (or the import recorded no hash)."""
    recorded = found.state.get("local_hash")
    if not recorded:
        return True  # imported before BlogDesk recorded hashes: cannot tell, so assume edited
    try:
        data = (library_root / found.path).read_bytes()
    except OSError:
        return True
    return bool(content_hash(data) != recorded)


def adopt(post: Post, found: Imported, account_id: str, pulled: dict[str, Any]) -> None:
    """Move `post`'s link from the import to the account. `pulled` is the state a pull records;
    for an edited import its fingerprints are replaced by the import's (see the module text)."""
    post.set_sync_state(found.key, {})
    post.set_sync_state(account_id, pulled)


def edited_state(found: Imported, pulled: dict[str, Any]) -> dict[str, Any]:
    state = dict(pulled)
    state["remote_hash"] = IMPORTED_MARK + str(found.state.get("imported_hash") or "unknown")
    state["source_hash"] = IMPORTED_MARK + str(found.state.get("local_hash") or "unknown")
    state["imported_from"] = found.key.removeprefix(ACCOUNT_PREFIX)
    return state
