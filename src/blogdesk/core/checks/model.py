"""The `CheckContext` the checks read and the `Report` they make."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from blogdesk.core.checks.issue import Issue
from blogdesk.core.checks.links import LinkVerdict
from blogdesk.core.checks.spelling import SpellingSource

__all__ = ["CheckContext", "Report"]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class CheckContext:
    """Everything the checks know besides the post: all of it plain data, found by the caller."""

    # What the blog expects every post to have (Account.options["expects"]): "tags",
    # "categories", "excerpt", "featured_image".
    expects: frozenset[str] = frozenset()
    # Titles of the *other* posts already on that blog (casefolded title -> where that post is).
    taken_titles: Mapping[str, str] = field(default_factory=dict)
    # What the Publish panel asks for; None means the post's own status / date.
    status: str | None = None
    date: datetime | None = None
    now: datetime = field(default_factory=_now)
    # Whether a local reference (an image's src, a link's href) names a file that exists. The
    # caller gives the publishing rule (beside the post, then the library's media folder); None
    # skips the check.
    file_exists: Callable[[str], bool] | None = None
    spelling: SpellingSource | None = None
    # Why spelling was not checked ("no dictionary for de_DE…"), said once in the report.
    spelling_note: str | None = None
    # The answers of the post's web links, by URL; None: links were not checked at all.
    links: Mapping[str, LinkVerdict] | None = None
    links_note: str | None = None  # why they were not (offline, switched off)


@dataclass(frozen=True)
class Report:
    """The checklist of one post: the issues in the order of the text, then the rest."""

    issues: tuple[Issue, ...]
    notes: tuple[str, ...] = ()  # checks that were skipped, and why
    body_line: int = 0  # 0-based line of the file where the body starts

    @property
    def blocking(self) -> bool:
        """True when an error should stop publishing (until the author says otherwise)."""
        return any(issue.blocking for issue in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "warning")

    def file_line(self, issue: Issue) -> int | None:
        """The 1-based line of the *file* (front matter included) an issue is on."""
        return None if issue.line is None else self.body_line + issue.line + 1

    def to_json(self, **about: Any) -> dict[str, Any]:
        """The shape `blogdesk check --json` prints (docs/cli.md); `about` adds e.g. file."""
        return {
            **about,
            "blocking": self.blocking,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [
                {
                    "check": issue.check,
                    "severity": issue.severity,
                    "message": issue.message,
                    "line": self.file_line(issue),
                    "column": issue.column + 1 if issue.line is not None else None,
                    "body_line": issue.line,
                    "field": issue.field,
                }
                for issue in self.issues
            ],
            "notes": list(self.notes),
        }
