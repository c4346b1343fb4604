"""From a local post to what is sent: status and date rules, slugs, time zones.

Naive dates in front matter are taken in the author's own time zone (the computer's), as a desktop
editor shows them; what is sent is always an aware datetime, which the provider turns into UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slugify import slugify

from blogdesk.core.post import rules
from blogdesk.core.post.post import Post
from blogdesk.sync.provider import REMOTE_STATUSES, RemoteStatus
from blogdesk.sync.publish.results import ScheduleInfo

# Local (front matter) status → what the blog is asked for, and back.
LOCAL_TO_REMOTE: dict[str, RemoteStatus] = {
    "draft": "draft",
    "published": "publish",
    "publish": "publish",
    "scheduled": "future",
    "future": "future",
    "pending": "pending",
    "private": "private",
}
REMOTE_TO_LOCAL = {
    "draft": "draft",
    "publish": "published",
    "future": "scheduled",
    "pending": "pending",
    "private": "private",
}

# WordPress turns "future" with a date less than this far ahead into "publish" (and "publish"
# with a date further ahead into "future").
WORDPRESS_FUTURE_MARGIN = timedelta(seconds=60)


class PayloadError(ValueError):
    pass


def remote_status(post: Post, requested: str | None) -> RemoteStatus:
    """The status to send: the one asked for, else the post's own (unknown ones → draft)."""
    word = (requested or post.status or "draft").strip().lower()
    if requested and word not in LOCAL_TO_REMOTE:
        allowed = ", ".join(REMOTE_STATUSES)
        raise PayloadError(f"{requested!r} is not a status BlogDesk can send (use {allowed}).")
    return LOCAL_TO_REMOTE.get(word, "draft")


def author_timezone() -> tzinfo:
    tz = datetime.now().astimezone().tzinfo
    return tz if tz is not None else UTC


def make_aware(value: datetime, tz: tzinfo | None = None) -> datetime:
    """A naive datetime is taken in `tz` (default: the author's time zone)."""
    if value.utcoffset() is not None:
        return value
    return value.replace(tzinfo=tz or author_timezone())


def publish_date(post: Post, requested: datetime | None) -> datetime | None:
    """The date to send, aware; None lets the blog use the moment of publishing.

    A date asked for (the Publish dialog's schedule, --date) wins, then the post's own — unless
    that is only New Post's creation stamp: a draft written over days must not appear on the
    blog backdated to when it was begun.
    """
    if requested is not None:
        return make_aware(requested)
    if post.date is None or rules.date_is_provisional(post.metadata()):
        return None
    return make_aware(post.date)


def settle_date(post: Post, remote_status: str, remote_date: datetime | None) -> None:
    """Once the blog has dated a post whose date was provisional, that is its date here too,
    so the library lists it when readers saw it appear (and later updates keep it)."""
    if remote_date is None or remote_status not in ("publish", "future", "private"):
        return
    if rules.date_is_provisional(post.metadata()):
        local = make_aware(remote_date, UTC).astimezone().replace(microsecond=0)
        post.date = local


_OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$")


def parse_timezone(name: str | None) -> tzinfo | None:
    """A blog's time zone: an IANA name ("Europe/Berlin") or an offset ("+02:00", "UTC-5")."""
    if not name:
        return None
    if name.upper() in ("UTC", "Z", "GMT"):
        return UTC
    match = _OFFSET.match(name.strip())
    if match:
        sign = 1 if match.group(1) == "+" else -1
        delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
        return timezone(sign * delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _fmt(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip()


def schedule_info(moment: datetime, blog_tz_name: str | None) -> ScheduleInfo:
    """The moment in UTC, in the blog's time zone and in the author's."""
    utc = moment.astimezone(UTC)
    blog_tz = parse_timezone(blog_tz_name)
    blog = (
        f"{_fmt(utc.astimezone(blog_tz))} ({blog_tz_name}, the blog's time zone)"
        if blog_tz is not None
        else "unknown (the blog did not tell its time zone)"
    )
    author = f"{_fmt(utc.astimezone(author_timezone()))} (your time zone)"
    return ScheduleInfo(utc=_fmt(utc), blog=blog, author=author)


def choose_slug(post: Post) -> str:
    """The slug BlogDesk asks for: the post's own, else one made from its title."""
    base = post.slug or post.title or (post.path.stem if post.path else "") or "post"
    slug = slugify(base, max_length=190, word_boundary=True)
    return slug or "post"


def numbered_slug(slug: str, n: int) -> str:
    return f"{slug[: 190 - len(str(n)) - 1]}-{n}"


def front_matter_flag(post: Post, key: str) -> bool | None:
    value: Any = post.get(key)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "1"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "no", "0"):
        return False
    return None


def front_matter_text(post: Post, key: str) -> str | None:
    value = post.get(key)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def schedule_notice(requested: str, stored: str, date: datetime | None) -> str | None:
    """Explain a status the blog chose differently from the one asked for, or None."""
    if requested == stored:
        return None
    when = _fmt(date.astimezone(UTC)) if date else "no date"
    if requested == "future" and stored == "publish":
        return (
            f"The blog published the post at once instead of scheduling it: its date ({when}) "
            "was in the past or less than a minute ahead."
        )
    if requested == "publish" and stored == "future":
        return (
            f"The blog scheduled the post instead of publishing it now: its date ({when}) is "
            "in the future. Clear the date or change it to publish now."
        )
    return f"The blog set the status to {stored!r} (BlogDesk asked for {requested!r})."


def cast_status(value: str) -> RemoteStatus:
    if value not in REMOTE_STATUSES:
        raise PayloadError(f"unknown status {value!r}")
    return cast(RemoteStatus, value)
