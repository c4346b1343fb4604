"""Whatever an author types into a metadata field is either written and read back identically, or
refused at once with a message naming the field: never an error from inside YAML or TOML.

A fresh clone's run once drew "\\ufffe\\n" as a front matter value and failed with a ValueError
from the YAML writer; these properties draw from every kind of awkward character on purpose.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.post.post import FieldValueError, Post
from blogdesk.core.post.rules import terms_from

# The characters that have broken, or could break, a writer or a reader: C0 and C1 controls,
# DEL, NEL, BOM, the line and paragraph separators, noncharacters (U+FFFE, U+FFFF, U+FDD0, the
# plane ends), unpaired surrogates (impossible in text read from a UTF-8 file, but a str from a
# paste or a plugin can hold one), line endings and YAML/TOML syntax.
AWKWARD = [
    *(chr(code) for code in range(0x00, 0x20)),
    *(chr(code) for code in range(0x7F, 0xA0)),
    "\ufeff",
    "\u2028",
    "\u2029",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\ufdef",
    "\U0001fffe",
    "\U0010ffff",
    "\ud800",
    "\udbff",
    "\udc00",
    "\udfff",
    "\r\n",
    '"',
    "'",
    "\\",
    "#",
    ": ",
    "- ",
    "---",
    "+++",
    "[",
    "{",
    "&a",
    "*a",
    "!!",
    "%",
    "@",
    "`",
    " ",
]
# Any code point at all (surrogates included), with the awkward ones drawn often.
characters = st.sampled_from(AWKWARD) | st.characters(codec=None, categories=None)
typed = st.lists(characters, max_size=12).map("".join)

UNWRITABLE = {"\ufffe", "\uffff", *map(chr, range(0x7F, 0xA0)), *map(chr, range(0xD800, 0xE000))}

YAML_POST = "---\ntitle: Start\nstatus: draft\ntags: [first]\n---\n\nBody.\n"
TOML_POST = '+++\ntitle = "Start"\ndraft = true\ntags = ["first"]\n+++\n\nBody.\n'


def _written_and_read(post: Post) -> Post:
    """Save the post to a real file and load it again, as the next session would."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.md"
        post.save(path)
        return Post.load(path)


def _set_title(post: Post, value: str) -> None:
    post.title = value


def _set_tags(post: Post, value: str) -> None:
    post.tags = [value, "second"]


def _set_excerpt(post: Post, value: str) -> None:
    post.excerpt = value


def _set_custom(post: Post, value: str) -> None:
    post.set("mood", value)


def _set_custom_key(post: Post, value: str) -> None:
    # A field the author named: the name is as much their text as the value.
    post.set(f"x{value}", "kept")


def _as_is(value: str) -> str:
    return value


def _as_terms(value: str) -> str:
    # Tags are stripped, and a blank one dropped, before anything is written.
    return "".join(terms_from([value]))


def _unless_blank(value: str) -> str:
    # A blank excerpt removes the key: nothing is written.
    return value if value.strip() else ""


# name -> (how the author sets it, the field the refusal names, the text that reaches the file)
SETTERS: dict[str, tuple[Callable[[Post, str], None], str, Callable[[str], str]]] = {
    "title": (_set_title, "title", _as_is),
    "tags": (_set_tags, "tags", _as_terms),
    "excerpt": (_set_excerpt, "excerpt", _unless_blank),
    "custom value": (_set_custom, "mood", _as_is),
}


def _check(
    source: str, setter: Callable[[Post, str], None], field: str, value: str, written: str
) -> Post | None:
    """Set `value` (of which `written` reaches the file); on refusal check the message and that
    nothing changed, else save and reload and return the reloaded post."""
    post = Post.parse(source)
    before = post.dumps()
    try:
        setter(post, value)
    except FieldValueError as exc:
        # Refused only for a reason: what would be written holds a character no file can carry.
        assert UNWRITABLE & set(written), (value, str(exc))
        assert isinstance(exc, BlogDeskError)
        assert f"\u201c{field}\u201d field" in str(exc) and "U+" in str(exc)
        assert post.dumps() == before  # a refused value leaves the post as it was
        return None
    # Accepted: anything that is not unwritable must be accepted (no overly broad refusal).
    assert not UNWRITABLE & set(written), value
    return _written_and_read(post)


@pytest.mark.parametrize("source", [YAML_POST, TOML_POST], ids=["yaml", "toml"])
@pytest.mark.parametrize("name", list(SETTERS))
@given(value=typed)
def test_a_typed_value_round_trips_or_is_refused_naming_the_field(
    source: str, name: str, value: str
) -> None:
    setter, field, written = SETTERS[name]
    again = _check(source, setter, field, value, written(value))
    if again is None:
        return
    if name == "title":
        assert again.get("title") == value
    elif name == "tags":
        assert again.tags == terms_from([value, "second"])
    elif name == "excerpt":
        # An excerpt of only blanks is no excerpt: the key goes.
        assert again.get("excerpt") == (value if value.strip() else None)
    else:
        assert again.get("mood") == value
    assert again.body == "Body.\n"


@pytest.mark.parametrize("source", [YAML_POST, TOML_POST], ids=["yaml", "toml"])
@given(value=typed)
def test_a_typed_field_name_round_trips_or_is_refused(source: str, value: str) -> None:
    again = _check(source, _set_custom_key, f"x{value}", value, value)
    if again is not None:
        assert again.get(f"x{value}") == "kept"
        assert again.get("title") == "Start"


@pytest.mark.parametrize(
    ("value", "character"),
    [
        ("\ufffe\n", "the character U+FFFE (a noncharacter)"),
        ("a\x85b", "the character U+0085 (a control character)"),
        ("\ud800", "the character U+D800 (an unpaired surrogate"),
        ("\x7f", "the character U+007F (a control character)"),
    ],
)
def test_the_value_found_this_week_is_refused_with_the_field_named(
    value: str, character: str
) -> None:
    post = Post.new("A title")
    before = post.dumps()
    with pytest.raises(FieldValueError, match=re.escape(f"“title” field cannot hold {character}")):
        post.title = value
    assert post.dumps() == before
    with pytest.raises(FieldValueError, match=re.escape(f"“tags” field cannot hold {character}")):
        Post.new("A title", tags=["ok", value])
