"""What an import tells the person running it at the end: a report (its progress while it runs
is a `blogdesk.core.progress.Progress`).

Shared by every importer (WordPress export, Jekyll/Hugo folder) and by the CLI and the dialog that
show them. Plain data, no I/O.

Every item of the source ends up in exactly one of four places: imported (a new file), updated (a
file rewritten because the post changed at the source), skipped (with the reason: not a post,
already in the library and unchanged, edited here and changed there…) or failed (with the reason:
its XML is broken, it could not be converted…). For a WordPress export the four add up to the
`<item>` elements in the file, and the summary says so.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["ImportReport", "ImportWarning"]


@dataclass(frozen=True)
class ImportWarning:
    """Something the person should know about one item (`item`: its title and id, or its file)."""

    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}: {self.message}" if self.item else self.message


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


@dataclass
class ImportReport:
    """The outcome of one import. Filled in as the import goes, so a cancelled or failed import
    still tells what it did. Lists of paths hold library-relative POSIX paths."""

    source: str = ""
    items: int | None = None  # how many items the source holds, when the importer counts them
    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # changed at the source, rewritten here
    skipped: list[ImportWarning] = field(default_factory=list)
    failed: list[ImportWarning] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # paths of skips "already in the library"
    conflicts: list[str] = field(default_factory=list)  # paths of skips "edited on both sides"
    warnings: list[ImportWarning] = field(default_factory=list)
    media_downloaded: int = 0
    cancelled: bool = False
    error: str | None = None  # why the import stopped early or did not run, if it did

    def skip(self, item: str, reason: str) -> None:
        self.skipped.append(ImportWarning(item, reason))

    def fail(self, item: str, reason: str) -> None:
        self.failed.append(ImportWarning(item, reason))

    def warn(self, item: str, message: str) -> None:
        self.warnings.append(ImportWarning(item, message))

    @property
    def accounted(self) -> int:
        """Items with an outcome: imported + updated + skipped + failed."""
        return len(self.imported) + len(self.updated) + len(self.skipped) + len(self.failed)

    def skipped_by_reason(self) -> list[tuple[str, int]]:
        """(reason, how many), most common first: 300 menu items make one line, not 300."""
        return Counter(w.message for w in self.skipped).most_common()

    def counts(self) -> str:
        """One line: "Imported 8 posts, updated 1, 6 skipped, 1 failed."."""
        parts = [f"Imported {_plural(len(self.imported), 'post')}"]
        if self.updated:
            parts.append(f"updated {len(self.updated):,}")
        if self.skipped:
            parts.append(f"{len(self.skipped):,} skipped")
        if self.failed:
            parts.append(f"{len(self.failed):,} failed")
        if self.media_downloaded:
            parts.append(f"{self.media_downloaded:,} media files downloaded")
        return ", ".join(parts) + "."

    def accounting(self) -> str | None:
        """How the source's items add up, or None when the importer does not count them."""
        if self.items is None:
            return None
        line = (
            f"The export holds {_plural(self.items, 'item')}: {len(self.imported):,} imported + "
            f"{len(self.updated):,} updated + {len(self.skipped):,} skipped + "
            f"{len(self.failed):,} failed"
        )
        rest = self.items - self.accounted
        if rest > 0:
            why = "not reached (cancelled)" if self.cancelled else "not read"
            line += f" + {rest:,} {why}"
        return line + "."

    def summary(self, *, max_lines: int | None = None) -> str:
        """For a person: counts, how the items add up, then every skipped and failed item by
        reason, then the warnings. `max_lines` shortens each list (None: every item named)."""
        lines = [self.counts()]
        accounting = self.accounting()
        if accounting:
            lines.append(accounting)
        if self.cancelled:
            lines.append("The import was cancelled; the posts imported so far are complete.")
        if self.error:
            lines.append(f"The import stopped early: {self.error}")
        per_reason = None if max_lines is None else max(1, max_lines // 4)
        if self.updated:
            lines.append(f"Updated {len(self.updated):,} (changed on the blog):")
            lines.extend(_listed(self.updated, per_reason))
        for reason, count in self.skipped_by_reason():
            lines.append(f"Skipped {count:,}: {reason}")
            items = [w.item or "(unnamed)" for w in self.skipped if w.message == reason]
            lines.extend(_listed(items, per_reason))
        if self.failed:
            lines.append(f"Failed {len(self.failed):,}:")
            lines.extend(_listed([str(w) for w in self.failed], per_reason))
        if self.warnings:
            lines.append(f"{_plural(len(self.warnings), 'warning')}:")
            lines.extend(_listed([str(w) for w in self.warnings], max_lines))
        return "\n".join(lines)


def _listed(items: list[str], limit: int | None) -> list[str]:
    shown = items if limit is None else items[:limit]
    lines = [f"  {item}" for item in shown]
    if len(items) > len(shown):
        lines.append(f"  … and {len(items) - len(shown):,} more")
    return lines
