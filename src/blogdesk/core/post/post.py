"""A post: one UTF-8 Markdown file with YAML (`---`) or TOML (`+++`) front matter.

`Post` keeps the file's original text and edits it in place: an unedited post dumps back byte for
byte, and setting one key rewrites only that key's lines. `summarize` is the fast read-only path the
library index uses; both apply the same rules from `post_rules`. The format is described for
authors and tool writers in docs/post-format.md.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

from blogdesk.core.errors import PostFormatError
from blogdesk.core.fsutil import atomic_write
from blogdesk.core.post import rules
from blogdesk.core.post.frontmatter import (
    MAX_POST_BYTES,
    Parts,
    decode_post_bytes,
    load_block,
    read_post_text,
    split,
)
from blogdesk.core.post.rules import FieldValueError
from blogdesk.core.post.yaml_lists import same_value

# `yaml_edit` (ruamel.yaml) and `toml_edit` (tomlkit) are imported where a post is written, not
# here: reading posts (the index, the library list, opening a post) never needs them, and they
# cost ~50 ms of imports before the window's first frame and in every `blogdesk list`.

__all__ = [
    "MAX_POST_BYTES",
    "RESERVED_KEY",
    "FieldValueError",
    "Post",
    "PostFormatError",
    "PostSummary",
    "decode_post_bytes",
    "read_post_text",
    "summarize",
]

# The one key BlogDesk writes for itself: per-account sync state, see docs/post-format.md.
RESERVED_KEY = "blogdesk"
# Keys that say a status themselves: setting one on a bare file needs no `status: draft`.
_STATUS_KEYS = frozenset({"status", "draft", "published"})


def _fixed_offsets(value: Any) -> Any:
    """Aware datetimes with a fixed UTC offset, as YAML and TOML write them (a ZoneInfo zone
    reads back as its offset at that moment)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        offset = value.utcoffset()
        if offset is not None and not isinstance(value.tzinfo, timezone):
            return value.astimezone(timezone(offset))
        return value
    if isinstance(value, dict):
        return {key: _fixed_offsets(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_fixed_offsets(item) for item in value]
    return value


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n") if "\r" in text else text


class Post:
    """One post file's front matter and Markdown body, editable without disturbing the rest."""

    def __init__(self, parts: Parts, meta: dict[str, Any], path: Path | None = None) -> None:
        self.path = path
        self._parts = parts
        self._meta = meta
        self.modified = False

    # -- reading and writing ---------------------------------------------------------------

    @classmethod
    def parse(cls, text: str, path: Path | None = None) -> Post:
        """A post from its text; `path` only names it in errors and gives the file-name rules."""
        path = Path(path) if path is not None else None
        parts = split(text, path)
        return cls(parts, load_block(parts, path), path)

    @classmethod
    def load(cls, path: Path) -> Post:
        """Read a post file (never writes it).

        Bad input raises `PostFormatError` naming the file and line.
        """
        path = Path(path)
        return cls.parse(read_post_text(path), path)

    @classmethod
    def new(cls, title: str, body: str = "", **fields: Any) -> Post:
        """A new post with YAML front matter: `title`, then `status: draft` unless given, then
        the other fields in the order given."""
        ordered: dict[str, Any] = {"title": title}
        ordered["status"] = fields.pop("status", "draft")
        for key, value in [*ordered.items(), *fields.items()]:
            # Refused here, naming the field, rather than as an error from the YAML emitter.
            rules.check_writable(key, key)
            rules.check_writable(key, value)
        ordered.update({key: value for key, value in fields.items() if value is not None})
        from blogdesk.core.post import yaml_edit

        block = yaml_edit.new_block(ordered, "\n")
        body = _normalize_newlines(body)
        gap = "\n" if body else ""
        parts = Parts("", "---\n", block, "---\n", gap, body, "yaml", "\n")
        post = cls(parts, load_block(parts), None)
        post.modified = True
        return post

    def dumps(self) -> str:
        """The file's text: byte-identical to what was parsed when nothing was changed."""
        return self._parts.text()

    def save(self, path: Path | None = None) -> None:
        """Write the post atomically to `path` (or where it was loaded from)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("the post has no file yet: give a path")
        atomic_write(target, self.dumps().encode("utf-8"))
        self.path = target
        self.modified = False

    @property
    def front_matter_format(self) -> str:
        return self._parts.format

    @property
    def newline(self) -> str:
        """The file's line ending, kept for every line BlogDesk writes."""
        return self._parts.newline

    @property
    def body_line(self) -> int:
        """0-based line of the file where the body starts (for mapping editor lines)."""
        return self._parts.body_line

    @property
    def body(self) -> str:
        """The Markdown after the front matter (and the blank lines that follow it), with "\\n"
        line endings whatever the file uses."""
        return _normalize_newlines(self._parts.body)

    @body.setter
    def body(self, value: str) -> None:
        if value == self.body:
            return
        text = _normalize_newlines(value)
        if self._parts.newline != "\n":
            text = text.replace("\n", self._parts.newline)
        self._parts.body = text
        self.modified = True

    # -- keys ------------------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self._meta:
            return default
        return copy.deepcopy(self._meta[key])

    def keys(self) -> list[str]:
        return [str(key) for key in self._meta]

    def metadata(self) -> dict[str, Any]:
        return copy.deepcopy(self._meta)

    def __contains__(self, key: object) -> bool:
        return key in self._meta

    def set(self, key: str, value: Any) -> None:
        """Set one front matter key, rewriting only its lines (a new key goes at the end).

        Setting the value a key already has changes nothing, so its written form is kept.
        A key or value with a character no post file can carry raises FieldValueError (a
        BlogDeskError naming the field) and leaves the post as it was.
        """
        rules.check_writable(key, key)
        rules.check_writable(key, value)
        value = _fixed_offsets(value)
        if key in self._meta and same_value(self._meta[key], value):
            return
        from blogdesk.core.post import toml_edit, yaml_edit

        parts = copy.copy(self._parts)
        if parts.format == "none":
            # A bare Markdown file gets a YAML block the moment it gets its first key.
            nl = parts.newline
            parts.opener, parts.closer, parts.format = "---" + nl, "---" + nl, "yaml"
            starts_blank = parts.body.lstrip(" \t")[:1] in ("\n", "\r")
            parts.gap = nl if parts.body and not starts_blank else ""
            if key not in _STATUS_KEYS:
                # A bare file counts as a draft, but front matter without a status counts as
                # published (Jekyll/Hugo): keep it a draft rather than publish it silently.
                parts.block = yaml_edit.set_key(parts.block, "status", "draft", nl)
        if parts.format == "toml":
            if value is None:
                self.remove(key)
                return
            parts.block = toml_edit.set_key(parts.block, key, value)
        else:
            parts.block = yaml_edit.set_key(parts.block, key, value, parts.newline)
        self._replace_parts(parts)

    def remove(self, key: str) -> None:
        if key not in self._meta:
            return
        from blogdesk.core.post import toml_edit, yaml_edit

        parts = copy.copy(self._parts)
        if parts.format == "toml":
            parts.block = toml_edit.remove_key(parts.block, key)
        else:
            parts.block = yaml_edit.remove_key(parts.block, key, parts.newline)
        self._replace_parts(parts)

    def _replace_parts(self, parts: Parts) -> None:
        # Re-read what was written so values always say what the file says.
        self._meta = load_block(parts, self.path)
        self._parts = parts
        self.modified = True

    # -- typed fields ----------------------------------------------------------------------

    @property
    def _stem(self) -> str | None:
        return self.path.stem if self.path is not None else None

    @property
    def title(self) -> str:
        return rules.title_from(self._meta, self.body, self._stem)

    @title.setter
    def title(self, value: str) -> None:
        self.set("title", value)

    @property
    def date(self) -> datetime | None:
        return rules.date_from(self._meta, self._stem)

    @date.setter
    def date(self, value: datetime | None) -> None:
        if value is None:
            self.remove("date")
        elif self.date is None or not same_value(self.date, _fixed_offsets(value)):
            self.set("date", value)

    @property
    def slug(self) -> str | None:
        return rules.optional_text(self._meta, "slug")

    @slug.setter
    def slug(self, value: str | None) -> None:
        self._set_optional("slug", value)

    @property
    def status(self) -> str:
        return rules.status_from(self._meta, self._parts.format != "none")

    @status.setter
    def status(self, value: str) -> None:
        status = rules.normalize_status(value)
        if not status:
            raise ValueError("a status cannot be empty")
        if status == self.status and "status" not in self._meta:
            return
        # Keep Hugo's `draft:` / Jekyll's `published:` in step, and write `status:` only where
        # those flags cannot say it (scheduled, private, pending) or the file already has it.
        for key, flag in rules.flag_updates_for_status(self._meta, status).items():
            self.set(key, flag)
        if rules.status_needs_key(self._meta, status):
            self.set("status", status)

    @property
    def tags(self) -> list[str]:
        return rules.tags_from(self._meta)

    @tags.setter
    def tags(self, value: list[str]) -> None:
        self._set_terms("tags", value)

    @property
    def categories(self) -> list[str]:
        return rules.categories_from(self._meta)

    @categories.setter
    def categories(self, value: list[str]) -> None:
        self._set_terms("categories", value)

    @property
    def excerpt(self) -> str | None:
        return rules.optional_text(self._meta, "excerpt")

    @excerpt.setter
    def excerpt(self, value: str | None) -> None:
        self._set_optional("excerpt", value)

    @property
    def featured_image(self) -> str | None:
        return rules.optional_text(self._meta, "featured_image")

    @featured_image.setter
    def featured_image(self, value: str | None) -> None:
        self._set_optional("featured_image", value)

    def _set_optional(self, key: str, value: str | None) -> None:
        if value is None or not str(value).strip():
            self.remove(key)
        elif rules.optional_text(self._meta, key) != value:
            self.set(key, value)

    def _set_terms(self, key: str, value: list[str]) -> None:
        terms = rules.terms_from(list(value))
        meta = self._meta
        current = rules.tags_from(meta) if key == "tags" else rules.categories_from(meta)
        if (terms != current or key not in meta) and (terms or key in meta):
            self.set(key, terms)

    # -- per-blog sync state ---------------------------------------------------------------

    def sync_state(self, account_id: str) -> dict[str, Any]:
        """What BlogDesk remembers about this post on one blog account ({} if nothing)."""
        accounts = self._accounts()
        state = accounts.get(account_id)
        return copy.deepcopy(state) if isinstance(state, dict) else {}

    def set_sync_state(self, account_id: str, state: dict[str, Any]) -> None:
        """Replace the state of one account (an empty dict forgets the account)."""
        reserved = self.get(RESERVED_KEY)
        reserved = reserved if isinstance(reserved, dict) else {}
        accounts = reserved.get("accounts")
        accounts = accounts if isinstance(accounts, dict) else {}
        if state:
            accounts[account_id] = copy.deepcopy(dict(state))
        else:
            accounts.pop(account_id, None)
        if accounts:
            reserved["accounts"] = accounts
        else:
            reserved.pop("accounts", None)
        if reserved:
            self.set(RESERVED_KEY, reserved)
        else:
            self.remove(RESERVED_KEY)

    def sync_accounts(self) -> list[str]:
        return [str(key) for key in self._accounts()]

    def _accounts(self) -> dict[Any, Any]:
        reserved = self._meta.get(RESERVED_KEY)
        if not isinstance(reserved, dict):
            return {}
        accounts = reserved.get("accounts")
        return accounts if isinstance(accounts, dict) else {}

    def __repr__(self) -> str:
        fmt = self.front_matter_format
        return f"Post(path={self.path!r}, title={self.title!r}, format={fmt!r})"


@dataclass(frozen=True, slots=True)  # 10,000 in a list: ~1 MB less than with a __dict__ each
class PostSummary:
    """What the index stores and lists show for one post. (`index.sql.summaries` sets these
    fields without __init__, for speed: a field added here goes there too.)"""

    path: str  # relative to the library root, POSIX separators
    title: str
    status: str
    date: str | None  # ISO 8601
    slug: str | None
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    excerpt: str | None
    word_count: int
    body: str


def summarize(text: str, rel_path: str) -> PostSummary:
    """The index's view of a post's text: the same rules as `Post`, with the fast C YAML loader."""
    parts = split(text, rel_path)
    meta = load_block(parts, rel_path)
    body = _normalize_newlines(parts.body)
    stem = PurePosixPath(rel_path).stem or None
    return PostSummary(
        path=rel_path,
        title=rules.title_from(meta, body, stem),
        status=rules.status_from(meta, parts.format != "none"),
        date=rules.iso_date(rules.date_from(meta, stem)),
        slug=rules.optional_text(meta, "slug"),
        tags=tuple(rules.tags_from(meta)),
        categories=tuple(rules.categories_from(meta)),
        excerpt=rules.optional_text(meta, "excerpt"),
        word_count=rules.count_words(body),
        body=body,
    )
