"""django-indieweb's storage plug-in for the test site: each post is a JSON file in STATE/posts.

Create, update (replace/add/delete), delete and undelete (by renaming to/from
`<slug>.deleted.json`), get by URL, and the optional `q=source` list with `filter`. Posts live
at BASE_URL/posts/<slug>/; the slug is `mp-slug` when given (made unique), else taken from the
name or the time. The server sets `published` (when the client did not) and `updated` on every
change, as blog engines do.
"""

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from indieweb.handlers import MicropubContentHandler, MicropubEntry, MicropubEntryList

_SLUG_RE = re.compile(r"[^a-z0-9-]+")


def _posts() -> Path:
    folder = Path(settings.STATE) / "posts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _url(slug: str) -> str:
    return f"{settings.BASE_URL}/posts/{slug}/"


def _slug_of(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.netloc != urlsplit(settings.BASE_URL).netloc:
        return None
    match = re.fullmatch(r"/posts/([a-z0-9-]+)/?", parts.path)
    return match.group(1) if match else None


def load_entry(slug: str, *, deleted: bool = False) -> dict[str, Any] | None:
    path = _posts() / (f"{slug}.deleted.json" if deleted else f"{slug}.json")
    if not path.exists():
        return None
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def _save(slug: str, entry: dict[str, Any]) -> None:
    tmp = _posts() / f".{slug}.tmp"
    tmp.write_text(json.dumps(entry, ensure_ascii=False, indent=1), "utf-8")
    tmp.replace(_posts() / f"{slug}.json")


def _as_entry(slug: str, data: dict[str, Any]) -> MicropubEntry:
    return MicropubEntry(
        url=_url(slug), properties=data["properties"], type=data.get("type", ["h-entry"])
    )


def _listify(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


class FileMicropubHandler(MicropubContentHandler):
    def create_entry(self, properties: dict[str, list[Any]], user: Any) -> MicropubEntry:
        props = {k: _listify(v) for k, v in properties.items()}
        wanted = (props.pop("mp-slug", None) or [""])[0]
        props = {k: v for k, v in props.items() if not k.startswith("mp-")}
        base = _SLUG_RE.sub("-", str(wanted or (props.get("name") or [""])[0]).lower()).strip("-")
        base = base or datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        slug, number = base, 2
        while (_posts() / f"{slug}.json").exists() or (_posts() / f"{slug}.deleted.json").exists():
            slug, number = f"{base}-{number}", number + 1
        props.setdefault("published", [_now()])
        props["updated"] = [_now()]
        props["url"] = [_url(slug)]
        entry = {"type": ["h-entry"], "properties": props, "owner": user.pk}
        _save(slug, entry)
        return _as_entry(slug, entry)

    def _owned(self, url: str, user: Any, *, deleted: bool = False) -> tuple[str, dict[str, Any]]:
        slug = _slug_of(url)
        entry = load_entry(slug, deleted=deleted) if slug else None
        if slug is None or entry is None or entry.get("owner") != user.pk:
            raise ValueError(f"no such post: {url}")
        return slug, entry

    def update_entry(self, url: str, updates: dict[str, Any], user: Any) -> MicropubEntry:
        slug, entry = self._owned(url, user)
        props = entry["properties"]
        for key, values in (updates.get("replace") or {}).items():
            props[key] = _listify(values)
        for key, values in (updates.get("add") or {}).items():
            props.setdefault(key, []).extend(_listify(values))
        removals = updates.get("delete") or []
        if isinstance(removals, dict):
            for key, values in removals.items():
                kept = [v for v in props.get(key, []) if v not in _listify(values)]
                if kept:
                    props[key] = kept
                else:
                    props.pop(key, None)
        else:
            for key in removals:
                props.pop(key, None)
        props["updated"] = [_now()]
        _save(slug, entry)
        return _as_entry(slug, entry)

    def delete_entry(self, url: str, user: Any) -> None:
        slug, _ = self._owned(url, user)
        (_posts() / f"{slug}.json").replace(_posts() / f"{slug}.deleted.json")

    def undelete_entry(self, url: str, user: Any) -> MicropubEntry:
        slug, entry = self._owned(url, user, deleted=True)
        (_posts() / f"{slug}.deleted.json").replace(_posts() / f"{slug}.json")
        return _as_entry(slug, entry)

    def get_entry(self, url: str, user: Any) -> MicropubEntry | None:
        try:
            slug, entry = self._owned(url, user)
        except ValueError:
            return None
        return _as_entry(slug, entry)

    def list_entries(
        self, user: Any, *, limit: int | None = None, offset: int = 0, filter: str | None = None
    ) -> MicropubEntryList:
        found = []
        newest_first = sorted(
            _posts().glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for path in newest_first:
            if path.name.endswith(".deleted.json"):
                continue
            entry = json.loads(path.read_text("utf-8"))
            if entry.get("owner") != user.pk:
                continue
            if filter and filter.lower() not in json.dumps(entry, ensure_ascii=False).lower():
                continue
            found.append(_as_entry(path.stem, entry))
        total = len(found)
        found = found[offset:]
        if limit is not None:
            found = found[:limit]
        return MicropubEntryList(entries=found, total=total)

    def get_config(self, user: Any) -> dict[str, Any]:
        config = super().get_config(user)
        names: set[str] = set()
        for path in _posts().glob("*.json"):
            props = json.loads(path.read_text("utf-8"))["properties"]
            names.update(c for c in props.get("category", []) if isinstance(c, str))
        config["categories"] = sorted(names)
        return config
