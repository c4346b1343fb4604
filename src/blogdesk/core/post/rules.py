"""The rules that turn raw front matter values into a post's title, status, tags and date.

Both `Post` (the editable, round-tripping view) and `summarize` (the fast path the index uses) call
these functions with the plain values their parsers produced, so a post reads the same everywhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.render.lines import headings

KNOWN_STATUSES = ("draft", "scheduled", "published", "private", "pending")

# Other tools' names for our statuses (WordPress's REST/XML-RPC "publish" and "future").
_STATUS_ALIASES = {"publish": "published", "future": "scheduled", "live": "published"}

_FALSE_WORDS = frozenset({"false", "no", "off", "0", "n"})
_TRUE_WORDS = frozenset({"true", "yes", "on", "1", "y"})

# Jekyll names posts "YYYY-MM-DD-title.md"; the date in the name is the post's date when the front
# matter has none.
_JEKYLL_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:-(.*))?$")


class FieldValueError(BlogDeskError):
    """A front matter value (or key) holding a character no post file can carry: refused when it
    is set, with the field and the character named, instead of failing deep inside YAML/TOML."""

    def __init__(self, field: str, character: str, what: str) -> None:
        self.field = field
        self.character = character
        super().__init__(
            f"The “{field}” field cannot hold the character U+{ord(character):04X} "
            f"({what}): remove it and try again."
        )


def _unwritable(char: str) -> str | None:
    """Why `char` cannot be written to a post file and read back as itself (None when it can).

    Unpaired surrogates are not UTF-8 at all; U+FFFE and U+FFFF are outside YAML's printable set
    and YAML emitters refuse them; DEL and the C1 controls (U+007F-U+009F, with NEL, a YAML line
    break) are refused the same way. C0 controls, BOM, U+2028/9 and the other noncharacters are
    written escaped or as they are and read back identically, so they are kept.
    """
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return "an unpaired surrogate, which is not text"
    if code in (0xFFFE, 0xFFFF):
        return "a noncharacter"
    if 0x7F <= code <= 0x9F:
        return "a control character"
    return None


_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff\x7f-\x9f]")


def check_writable(field: str, value: Any) -> None:
    """Raise FieldValueError when `value` (strings, nested in lists and mappings, and the
    mappings' keys) holds a character that cannot be written; `field` names the top key."""
    if isinstance(value, str):
        found = _UNWRITABLE.search(value)
        if found is not None:
            char = found.group()
            raise FieldValueError(field, char, _unwritable(char) or "a control character")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            check_writable(field, key)
            check_writable(field, item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            check_writable(field, item)


def _flag(value: Any) -> bool | None:
    """A YAML/TOML boolean, also written as a string ("no", "False"); None when it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    return None


def normalize_status(value: str) -> str:
    word = value.strip().lower()
    return _STATUS_ALIASES.get(word, word)


def status_from(meta: Mapping[str, Any], has_front_matter: bool) -> str:
    """The post's status: `status` wins; then Hugo's `draft`, then Jekyll's `published`.

    With none of them, a file that has front matter is published (the Jekyll and Hugo convention:
    a post is live unless marked otherwise) and a bare Markdown file is a draft.
    """
    raw = meta.get("status")
    if raw is not None and not isinstance(raw, (dict, list)) and str(raw).strip():
        return normalize_status(str(raw))
    draft = _flag(meta.get("draft"))
    if draft is not None:
        return "draft" if draft else "published"
    published = _flag(meta.get("published"))
    if published is not None:
        return "published" if published else "draft"
    return "published" if has_front_matter else "draft"


def flag_updates_for_status(meta: Mapping[str, Any], status: str) -> dict[str, bool]:
    """The `draft:`/`published:` flags to rewrite so the file's own convention agrees with `status`.

    Hugo and Jekyll only know "built or not": scheduled posts are built (they are held back by
    their future date), private and pending ones are not.
    """
    live = status in ("published", "scheduled")
    updates: dict[str, bool] = {}
    if _flag(meta.get("draft")) is not None:
        updates["draft"] = not live
    if _flag(meta.get("published")) is not None:
        updates["published"] = live
    return updates


def status_needs_key(meta: Mapping[str, Any], status: str) -> bool:
    """Whether `status:` must be written, or the file's `draft:`/`published:` flag says it all."""
    if "status" in meta:
        return True
    has_flag = _flag(meta.get("draft")) is not None or _flag(meta.get("published")) is not None
    return not (has_flag and status in ("draft", "published"))


def terms_from(value: Any) -> list[str]:
    """Tags or categories: a list, or one string split on commas (or, without commas, on spaces,
    as Jekyll does). Empty entries are dropped and repeats removed, order kept."""
    if value is None:
        return []
    items: list[Any]
    if isinstance(value, str):
        items = value.split(",") if "," in value else value.split()
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        items = [value]
    seen: dict[str, None] = {}
    for item in items:
        if item is None or isinstance(item, (dict, list)):
            continue
        text = str(item).strip()
        if text and text not in seen:
            seen[text] = None
    return list(seen)


def tags_from(meta: Mapping[str, Any]) -> list[str]:
    return terms_from(meta["tags"] if "tags" in meta else meta.get("tag"))


def categories_from(meta: Mapping[str, Any]) -> list[str]:
    return terms_from(meta["categories"] if "categories" in meta else meta.get("category"))


_OFFSET_NO_COLON = re.compile(r"([+-]\d{2})(\d{2})$")


def parse_datetime(value: Any) -> datetime | None:
    """A YAML/TOML timestamp, a date, or a date written as text → datetime (None if it is none).

    Text forms accepted: ISO 8601 ("2024-05-01", "2024-05-01T10:00:00+02:00", "...Z") and the form
    Jekyll writes, "2024-05-01 10:00:00 +0200".
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = _OFFSET_NO_COLON.sub(r"\1:\2", text.replace(" +", "+").replace(" -", "-"))
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def date_from_file_name(stem: str) -> datetime | None:
    match = _JEKYLL_NAME.match(stem)
    if match is None:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def date_from(meta: Mapping[str, Any], stem: str | None) -> datetime | None:
    if "date" in meta:
        parsed = parse_datetime(meta["date"])
        if parsed is not None:
            return parsed
    return date_from_file_name(stem) if stem else None


# Where BlogDesk notes, inside its own front matter key (`Post.RESERVED_KEY`; post.py imports this
# module, so the name is spelled here), the moment it created a post with New Post.
RESERVED_KEY = "blogdesk"
CREATED_KEY = "created"


def created_at(meta: Mapping[str, Any]) -> datetime | None:
    """When BlogDesk created the post (`blogdesk: {created: …}`), or None for any other post."""
    reserved = meta.get(RESERVED_KEY)
    if not isinstance(reserved, Mapping):
        return None
    return parse_datetime(reserved.get(CREATED_KEY))


def date_is_provisional(meta: Mapping[str, Any]) -> bool:
    """Whether `date:` is only the stamp New Post wrote, not a date the author chose.

    A new draft is dated at creation so that lists sort it among the newest, but that is not
    when it should appear on a blog. The stamp is recognised by its value, equal to
    `blogdesk.created`: a date the author sets — here, in another editor, or by publishing —
    differs from it, and a post written by any other tool has no `created` at all.
    """
    created = created_at(meta)
    if created is None or "date" not in meta:
        return False
    date = parse_datetime(meta["date"])
    if date is None or (date.utcoffset() is None) != (created.utcoffset() is None):
        return False  # naive and aware moments cannot be the same stamp
    return date == created


def iso_date(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def utc_offset_text(delta: timedelta) -> str:
    return datetime(2000, 1, 1, tzinfo=timezone(delta)).strftime("%z")


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"[*`]+|(?<!\w)_+|_+(?!\w)")


def _heading_text(text: str) -> str:
    """A heading's words without its inline markup: `[x](url)` → x, `*x*` → x."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text)).strip()


def first_heading(body: str) -> str | None:
    """The text of the body's first ATX (`# Title`) or Setext (`Title` / `=====`) heading that
    has words, outside block quotes (a quoted heading is someone else's words), by the line
    grammar the renderer, the outline and the editor's highlighter share."""
    for heading in headings(body.splitlines()):
        if not heading.quoted:
            text = _heading_text(heading.text)
            if text:
                return text
    return None


def title_from(meta: Mapping[str, Any], body: str, stem: str | None) -> str:
    """`title:` if set; else the first heading; else the file name (without a Jekyll date);
    else "Untitled"."""
    raw = meta.get("title")
    if raw is not None and not isinstance(raw, (dict, list)):
        text = str(raw).strip()
        if text:
            return text
    heading = first_heading(body)
    if heading:
        return heading
    if stem:
        match = _JEKYLL_NAME.match(stem)
        name = match[4] if match and match[4] else stem
        if name.strip():
            return name
    return "Untitled"


def optional_text(meta: Mapping[str, Any], key: str) -> str | None:
    value = meta.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


# Han, kana and other scripts written without spaces count one word per character.
_CJK_CLASS = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff]"


@functools.cache
def _cjk() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One CJK character, a run of them: compiled when first needed (the wide ranges take ~5 ms
    to compile, which every start of the window and of `blogdesk list` paid)."""
    return re.compile(_CJK_CLASS), re.compile(_CJK_CLASS + "+")


# Link and image targets, HTML tags and entities are markup, not words.
_MARKUP = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<[^>\n]*>|&[#\w]+;|https?://\S+")
# Punctuation separates words; apostrophes and hyphens join them ("don't", "well-known").
_PUNCTUATION = str.maketrans(
    dict.fromkeys('!"#$%&()*+,./:;<=>?@[\\]^_`{|}~—–“”„«»…·•¡¿', " ")
    | dict.fromkeys("、。，．：；！？「」『』（）【】《》", " ")
)
_LONE_DASHES = ("-", "--", "---", "'")


def count_words(markdown: str) -> int:
    """Roughly the words a reader sees: markup removed, CJK characters counted one each.

    Splitting translated text is about four times faster than a word regex, which matters when
    the index counts 10,000 posts.
    """
    text = _MARKUP.sub(" ", markdown).translate(_PUNCTUATION)
    tokens = text.split()
    words = len(tokens) - sum(tokens.count(dash) for dash in _LONE_DASHES)
    cjk, cjk_run = _cjk()
    if cjk.search(text) is not None:
        words += len(cjk.findall(text)) - len(cjk_run.findall(text))
    return words
