"""What an import tells the person running it at the end: a report (its progress while it runs
is a `blogdesk.core.progress.Progress`).

Shared by every importer (WordPress export, Jekyll/Hugo folder) and by the CLI and the dialog that
show them. Plain data, no I/O.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["ImportReport", "ImportWarning"]


@dataclass(frozen=True)
class ImportWarning:
    """Something the person should know about one item (`item`: its title or file name)."""

    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}: {self.message}" if self.item else self.message


@dataclass
class ImportReport:
    """The outcome of one import. Filled in as the import goes, so a cancelled or failed import
    still tells what it did. Lists hold library-relative POSIX paths."""

    source: str = ""
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # already in the library from earlier
    skipped: list[ImportWarning] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    media_downloaded: int = 0
    cancelled: bool = False
    error: str | None = None  # why the import stopped early (a damaged file), if it did

    def skip(self, item: str, reason: str) -> None:
        self.skipped.append(ImportWarning(item, reason))

    def warn(self, item: str, message: str) -> None:
        self.warnings.append(ImportWarning(item, message))

    def skipped_by_reason(self) -> list[tuple[str, int]]:
        """(reason, how many), most common first: 300 menu items make one line, not 300."""
        return Counter(w.message for w in self.skipped).most_common()

    def summary(self, *, max_lines: int = 20) -> str:
        """A few lines for a person: counts first, then skips by reason, then the warnings."""
        head = f"Imported {len(self.imported)} post{'s' if len(self.imported) != 1 else ''}"
        parts = [head]
        if self.unchanged:
            parts.append(f"{len(self.unchanged)} already in the library")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        if self.media_downloaded:
            parts.append(f"{self.media_downloaded} media files downloaded")
        lines = [", ".join(parts) + "."]
        if self.cancelled:
            lines.append("The import was cancelled; the posts imported so far are complete.")
        if self.error:
            lines.append(f"The import stopped early: {self.error}")
        # Each reason once, then the items it applies to, so a person can find every file.
        per_reason = max(1, max_lines // 4)
        for reason, count in self.skipped_by_reason():
            lines.append(f"Skipped {count}: {reason}")
            items = [w.item or "(unnamed)" for w in self.skipped if w.message == reason]
            lines.extend(f"  {item}" for item in items[:per_reason])
            if len(items) > per_reason:
                lines.append(f"  … and {len(items) - per_reason} more")
        if self.warnings:
            lines.append(f"{len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''}:")
            shown = self.warnings[:max_lines]
            lines.extend(f"  {w}" for w in shown)
            if len(self.warnings) > len(shown):
                lines.append(f"  … and {len(self.warnings) - len(shown)} more")
        return "\n".join(lines)
