"""One entry of the checklist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Issue", "Severity"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One thing to look at before publishing."""

    check: str  # a stable name, e.g. "image-alt" (docs/checklist.md lists them all)
    severity: Severity
    message: str  # a sentence for the author, saying what to do
    line: int | None = None  # 0-based line of the post's *body*; None: not in the text
    column: int = 0  # 0-based column in that line
    field: str | None = None  # the front matter key the issue is about, if any

    @property
    def blocking(self) -> bool:
        return self.severity == "error"
