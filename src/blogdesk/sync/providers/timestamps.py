"""Server timestamps (ISO 8601 / RFC 3339 text) read as aware datetimes, one way for every provider.

Platforms differ in one thing only: what a timestamp *without* an offset means. WordPress's
`date_gmt` and the XML-RPC `*_gmt` fields are UTC by their name and carry no offset; Ghost,
Micropub, Blogger and Forem send an offset (or "Z"), so a missing one can only be read as UTC; a
static site's front matter may be written in any zone. So the caller always says it (`naive=`),
never a default hidden in here: the old per-provider copies read a bare Blogger or Forem
timestamp in the *computer's* local zone by accident (`datetime.astimezone()` on a naive value).

Python 3.11's `datetime.fromisoformat` reads "Z", "+00:00", "+0000", fractional seconds and the
basic form "20261128T163621", so no text is rewritten before parsing.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

__all__ = ["TimestampError", "parse_timestamp", "timestamp_or_none"]


class TimestampError(ValueError):
    """The server sent something that is not an ISO 8601 date and time."""


def parse_timestamp(value: str | datetime, *, naive: tzinfo, in_utc: bool = True) -> datetime:
    """An aware datetime from a server timestamp; TimestampError says what could not be read.

    `naive` is the zone a timestamp without an offset is in (UTC for `*_gmt` fields, the site's
    zone where that is what the platform means). `in_utc=False` keeps the offset the text
    carries, for callers that name things by the local date (a Jekyll post's file name).
    """
    if isinstance(value, datetime):  # YAML front matter arrives already parsed
        parsed = value
    else:
        text = value.strip()
        if not text:
            raise TimestampError("The server sent an empty date.")
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            # Only the start: a broken answer can be long, and a message is no place for all of it.
            raise TimestampError(f"{text[:40]!r} is not an ISO 8601 date and time.") from None
    if parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=naive)
    return parsed.astimezone(UTC) if in_utc else parsed


def timestamp_or_none(value: object, *, naive: tzinfo, in_utc: bool = True) -> datetime | None:
    """The same, for a field that may be missing: None when absent, empty or unreadable.

    A post listing must not fail because one post's date is odd (a plugin may write anything
    there); the post is then shown without a date, as every provider did before.
    """
    if not isinstance(value, str | datetime):
        return None
    try:
        return parse_timestamp(value, naive=naive, in_utc=in_utc)
    except TimestampError:
        return None
