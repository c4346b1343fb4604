"""Property tests: whatever front matter and body an author or tool writes comes back unchanged."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogdesk.core.post.post import Post, summarize
from blogdesk.core.post.rules import terms_from

CORPUS = Path(__file__).parent / "corpus"
KNOWN = {"title", "status", "date", "tags", "categories", "excerpt", "slug", "featured_image"}

# Text an author types: any printable character, newlines. Characters a post file cannot carry
# (U+FFFE, U+FFFF, DEL and C1 controls, surrogates) are refused when set, which
# test_field_values.py checks; here they would only make every property a refusal.
text = st.lists(
    st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\u2028\u2029\x85\ufffe\uffff"
    )
    | st.sampled_from(["\n", "\t", " ", "#", ":", "-", "'", '"', "---", "{", "[", "&", "*"]),
    max_size=20,
).map("".join)
keys = st.text(string.ascii_letters + "_-" + "éßж漢", min_size=1, max_size=12).filter(
    lambda key: key not in KNOWN and key != "blogdesk" and key[0] not in "-"
)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
datetimes = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.none() | offsets
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False, width=64)
    | text
    | st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))
    | datetimes
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=10,
)
front_matter = st.dictionaries(keys, values, max_size=6)
body_lines = st.lists(text.filter(lambda line: "\n" not in line and line.strip()), max_size=6)
bodies = body_lines.map(lambda lines: "\n".join(lines) + ("\n" if lines else ""))
titles = text.filter(lambda value: "\n" not in value and value.strip() != "")

# How many examples, and whether they are the same on every run, is the profile's: "ci" by
# default, HYPOTHESIS_PROFILE=fuzz (`make fuzz`) for a thorough random run; see tests/conftest.py.
SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow])


def plain(value: Any) -> Any:
    """Values as they come back: tuples are lists."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


@SETTINGS
@given(title=titles, fields=front_matter, body=bodies)
def test_new_then_parse_gives_back_every_key_and_the_body(
    title: str, fields: dict[str, Any], body: str
) -> None:
    post = Post.new(title, body, **fields)
    again = Post.parse(post.dumps())
    expected = {"title": title, "status": "draft"}
    expected.update({key: value for key, value in fields.items() if value is not None})
    assert again.metadata() == plain(expected)
    assert list(again.keys()) == list(expected)
    assert again.body == body
    assert again.dumps() == post.dumps()


@SETTINGS
@given(fields=front_matter, body=bodies, key=keys, value=values)
def test_set_then_parse_gives_the_value_and_keeps_the_other_keys_in_order(
    fields: dict[str, Any], body: str, key: str, value: Any
) -> None:
    post = Post.parse(Post.new("A title", body, **fields).dumps())
    before = post.metadata()
    post.set(key, value)
    again = Post.parse(post.dumps())
    assert again.get(key) == plain(value)
    expected_order = list(before) + ([key] if key not in before else [])
    assert again.keys() == expected_order
    for other, old in before.items():
        if other != key:
            assert again.get(other) == old
    assert again.body == body


@SETTINGS
@given(key=keys, value=values)
def test_set_on_every_corpus_file_keeps_the_other_keys(key: str, value: Any) -> None:
    for path in sorted(CORPUS.glob("*.md")):
        post = Post.load(path)
        before = post.metadata()
        if post.front_matter_format == "toml" and _has_none(value):
            continue  # TOML has no null
        was_bare = post.front_matter_format == "none"
        post.set(key, value)
        again = Post.parse(post.dumps(), path)
        assert again.get(key) == plain(value), path.name
        if was_bare and key not in ("status", "draft", "published"):
            # A bare file given front matter keeps counting as a draft.
            before = {"status": "draft", **before}
            assert again.status == "draft", path.name
        assert {k: v for k, v in again.metadata().items() if k != key} == {
            k: v for k, v in before.items() if k != key
        }, path.name
        assert again.body == post.body


def _has_none(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_none(item) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_none(item) for item in value)
    return False


@SETTINGS
@given(
    title=titles,
    tags=st.lists(titles.filter(lambda tag: "," not in tag), max_size=4),
    when=datetimes,
    status=st.sampled_from(["draft", "published", "scheduled", "private", "pending"]),
    body=bodies,
)
def test_summarize_reads_what_post_reads(
    title: str, tags: list[str], when: datetime, status: str, body: str
) -> None:
    text = Post.new(title, body, date=when, tags=tags, status=status).dumps()
    post = Post.parse(text)
    summary = summarize(text, "posts/x.md")
    assert summary.title == post.title == title.strip()
    assert summary.status == post.status == status
    assert summary.tags == tuple(post.tags)
    assert summary.date == when.isoformat()
    assert summary.body == post.body


@given(st.lists(titles.filter(lambda tag: "," not in tag), max_size=5))
def test_comma_separated_terms_split_like_a_list(tags: list[str]) -> None:
    assert terms_from(", ".join(tags)) == terms_from(tags) or len(tags) == 1


def test_utc_datetimes_round_trip() -> None:
    post = Post.new("x", date=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert Post.parse(post.dumps()).date == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
