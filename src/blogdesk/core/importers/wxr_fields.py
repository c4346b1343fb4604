"""An export's item → the words a person sees and the front matter of its post file."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from blogdesk.core.importers.wxr_model import WxrChannel, WxrItem

__all__ = [
    "FIELD_ORDER",
    "NOT_IMPORTED",
    "STATUSES",
    "TYPE_REASONS",
    "author_of",
    "display_title",
    "front_matter_fields",
    "label",
]

STATUSES = {
    "publish": "published",
    "draft": "draft",
    "future": "scheduled",
    "pending": "pending",
    "private": "private",
}
NOT_IMPORTED = {
    "auto-draft": "an empty automatic draft",
    "trash": "in the WordPress trash",
    "inherit": "a revision",
}
TYPE_REASONS = {
    "revision": "a revision",
    "nav_menu_item": "a menu item",
    "wp_block": "a reusable block",
    "wp_template": "a theme template",
    "wp_template_part": "a theme template",
    "wp_global_styles": "theme styles",
    "wp_navigation": "a navigation menu",
    "custom_css": "custom CSS",
    "customize_changeset": "a Customizer changeset",
    "oembed_cache": "an embed cache entry",
    "user_request": "a privacy request",
}
# The order of the keys in an imported post's front matter (also when a late featured image is
# filled in, so the file reads as if it had been written in one go).
FIELD_ORDER = (
    "title",
    "status",
    "date",
    "slug",
    "author",
    "categories",
    "tags",
    "excerpt",
    "format",
    "sticky",
    "type",
    "featured_image",
    "comments",
    "password_protected",
    "blogdesk",
)
_NO_DATE = "0000-00-00 00:00:00"


def display_title(item: WxrItem) -> str:
    """The title as a reader sees it (`&amp;` → `&`), else the URL name, else "(no title)"."""
    return html.unescape(item.title).strip() or unquote(item.post_name) or "(no title)"


def label(item: WxrItem) -> str:
    """How the report names an item: its title and id, `About (#7)`, else its line."""
    name = display_title(item)
    if item.post_id is not None:
        return f"{name} (#{item.post_id})"
    return f"{name} (line {item.line})" if item.line else name


def author_of(item: WxrItem, channel: WxrChannel) -> str:
    return channel.authors.get(item.creator, item.creator)


def front_matter_fields(
    item: WxrItem, channel: WxrChannel, status: str, featured: str | None
) -> dict[str, Any]:
    """The post's front matter, in FIELD_ORDER, without the `blogdesk:` key."""
    return {
        "title": html.unescape(item.title).strip() or None,
        "status": status,
        "date": _date(item),
        "slug": unquote(item.post_name).strip() or None,
        "author": author_of(item, channel) or None,
        "categories": _terms(item, "category") or None,
        "tags": _terms(item, "post_tag") or None,
        "excerpt": html.unescape(item.excerpt).strip() or None,
        "format": _post_format(item),
        "sticky": True if item.is_sticky else None,
        "type": "page" if item.post_type == "page" else None,
        "featured_image": featured,
        "comments": item.approved_comments or None,
        # Never the password itself: post files end up in git repositories and backups.
        "password_protected": True if item.post_password else None,
    }


def _date(item: WxrItem) -> datetime | None:
    """The GMT date when WordPress set one (drafts have `0000-00-00`), else the local one."""
    for value, zone in ((item.post_date_gmt, UTC), (item.post_date, None)):
        value = value.strip()
        if not value or value == _NO_DATE:
            continue
        try:
            parsed = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return parsed.replace(tzinfo=zone) if zone else parsed
    return None


def _terms(item: WxrItem, domain: str) -> list[str]:
    names: list[str] = []
    for term in item.terms:
        name = html.unescape(term.name) or unquote(term.nicename)
        if term.domain == domain and name and name not in names:
            names.append(name)
    return names


def _post_format(item: WxrItem) -> str | None:
    for term in item.terms:
        if term.domain == "post_format":
            value = term.nicename or term.name
            return value.removeprefix("post-format-").lower() or None
    return None
