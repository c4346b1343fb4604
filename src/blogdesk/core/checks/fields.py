"""Checks of the post's fields: its title, what the blog expects, a title taken, the schedule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from blogdesk.core.checks.issue import Issue
from blogdesk.core.checks.model import CheckContext
from blogdesk.core.post import rules
from blogdesk.core.post.post import Post

__all__ = ["expected_names", "field_issues"]

# What an account may expect, by the names authors write in `expects:`.
_EXPECTABLE = {
    "tag": "tags",
    "tags": "tags",
    "category": "categories",
    "categories": "categories",
    "excerpt": "excerpt",
    "summary": "excerpt",
    "featured_image": "featured_image",
    "featured": "featured_image",
    "image": "featured_image",
}
_LABELS = {
    "tags": "tags",
    "categories": "a category",
    "excerpt": "an excerpt",
    "featured_image": "a featured image",
}
_SCHEDULED = frozenset({"scheduled", "future"})


def expected_names(value: object) -> frozenset[str]:
    """The fields an account's `expects` option names: a list, or text "tags, excerpt" (as
    `blogdesk account add --option expects=tags,excerpt` stores it). Unknown names are ignored."""
    items: Iterable[object]
    if isinstance(value, str):
        items = value.replace(";", ",").split(",")
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        return frozenset()
    names = set()
    for item in items:
        key = str(item).strip().lower().replace("-", "_").replace(" ", "_")
        if key in _EXPECTABLE:
            names.add(_EXPECTABLE[key])
    return frozenset(names)


def _has(post: Post, name: str) -> bool:
    if name == "tags":
        return bool(post.tags)
    if name == "categories":
        return bool(post.categories)
    if name == "excerpt":
        return post.excerpt is not None
    return post.featured_image is not None


def _aware(value: datetime) -> datetime:
    # A naive front-matter date is the author's own time, as publishing takes it.
    return value if value.utcoffset() is not None else value.astimezone()


def field_issues(post: Post, context: CheckContext) -> list[Issue]:
    issues: list[Issue] = []
    meta = post.metadata()
    title = rules.optional_text(meta, "title") or rules.first_heading(post.body)
    if not title:
        issues.append(
            Issue(
                "empty-title",
                "error",
                "The post has no title: give it one in its properties.",
                field="title",
            )
        )
    for name in sorted(context.expects):
        if not _has(post, name):
            issues.append(
                Issue(
                    "expected-field",
                    "error",
                    f"This blog expects {_LABELS[name]} on every post, and this one has none.",
                    field=name,
                )
            )
    if title:
        other = context.taken_titles.get(title.casefold())
        if other is not None:
            issues.append(
                Issue(
                    "duplicate-title",
                    "warning",
                    f"Another post on this blog has the title “{title}” ({other}).",
                    field="title",
                )
            )
    status = (context.status or post.status or "").strip().lower()
    when = context.date if context.date is not None else post.date
    if status in _SCHEDULED and when is not None and _aware(when) <= context.now:
        issues.append(
            Issue(
                "past-schedule",
                "error",
                f"The post is scheduled for {_aware(when):%Y-%m-%d %H:%M}, which has passed: "
                "the blog would publish it at once. Choose a later date or publish now.",
                field="date",
            )
        )
    return issues
