"""The one reader of server timestamps every provider uses (sync/providers/timestamps.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from blogdesk.sync.providers.timestamps import TimestampError, parse_timestamp, timestamp_or_none

BERLIN_WINTER = timezone(timedelta(hours=1))
NOON_UTC = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-28T12:00:00Z",  # Ghost, Forem, Blogger
        "2026-11-28T12:00:00+00:00",
        "2026-11-28T13:00:00+01:00",  # an offset is honoured, whatever `naive` says
        "2026-11-28T07:00:00-05:00",
        "2026-11-28 12:00:00 +0000",  # Jekyll front matter
        "20261128T12:00:00",  # XML-RPC DateTime, UTC by the field's name
        "20261128T120000",
        "  2026-11-28T12:00:00Z  ",
    ],
)
def test_every_platforms_form_reads_as_the_same_instant(text: str) -> None:
    parsed = parse_timestamp(text, naive=UTC)
    assert parsed == NOON_UTC
    assert parsed.tzinfo is UTC


def test_fractional_seconds_are_kept() -> None:
    parsed = parse_timestamp("2026-11-28T12:00:00.123456Z", naive=UTC)
    assert parsed.microsecond == 123456
    assert parse_timestamp("2026-11-28T12:00:00.5+00:00", naive=UTC).microsecond == 500000


def test_a_timestamp_without_offset_is_in_the_zone_the_caller_names() -> None:
    # WordPress date_gmt: UTC by name; a site-time field: the site's zone.
    assert parse_timestamp("2026-11-28T12:00:00", naive=UTC) == NOON_UTC
    in_site_time = parse_timestamp("2026-11-28T13:00:00", naive=BERLIN_WINTER)
    assert in_site_time == NOON_UTC and in_site_time.tzinfo is UTC


def test_in_utc_false_keeps_the_written_offset() -> None:
    # A Jekyll post's file name carries the local date: 00:30 at +02:00 is the 29th there.
    kept = parse_timestamp("2026-11-29T00:30:00+02:00", naive=UTC, in_utc=False)
    assert kept.date().day == 29 and kept.utcoffset() == timedelta(hours=2)
    assert parse_timestamp("2026-11-29T00:30:00", naive=UTC, in_utc=False).tzinfo is UTC


def test_datetimes_from_yaml_pass_through_made_aware() -> None:
    naive = datetime(2026, 11, 28, 12, 0)
    assert parse_timestamp(naive, naive=UTC) == NOON_UTC
    aware = datetime(2026, 11, 28, 13, 0, tzinfo=BERLIN_WINTER)
    assert parse_timestamp(aware, naive=UTC, in_utc=False) is aware


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01T00:00:00", "28/11/2026 12:00", ""])
def test_garbage_is_a_clear_error(text: str) -> None:
    with pytest.raises(TimestampError, match=r"not an ISO 8601 date|empty date"):
        parse_timestamp(text, naive=UTC)


def test_the_error_quotes_only_the_start_of_a_long_answer() -> None:
    with pytest.raises(TimestampError) as caught:
        parse_timestamp("<html>" + "x" * 500, naive=UTC)
    assert len(str(caught.value)) < 100


@pytest.mark.parametrize("value", [None, "", "   ", 0, 20261128, [], "not a date"])
def test_a_missing_or_unreadable_field_is_none(value: object) -> None:
    assert timestamp_or_none(value, naive=UTC) is None


def test_timestamp_or_none_reads_what_parse_timestamp_reads() -> None:
    assert timestamp_or_none("2026-11-28T12:00:00.000Z", naive=UTC) == NOON_UTC
