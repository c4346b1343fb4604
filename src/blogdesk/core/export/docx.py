"""A Word document from the exported HTML page, by pandoc (Debian's `pandoc` package).

Why from the HTML and not from the Markdown: BlogDesk's Markdown is Python-Markdown Extra with
raw HTML figures, attribute lists, `[TOC]`, and its own smart punctuation; pandoc reads another
Markdown and would make a different document from the same text. The rendered HTML is what the
preview shows and the blog gets, so the document holds the same headings, tables, code, images
and footnotes. Pandoc embeds the images it finds through `--resource-path` (the page's folder).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from blogdesk.core.export.page import ExportError

__all__ = ["PANDOC_HINT", "PandocMissingError", "html_to_docx", "pandoc_path"]

PANDOC_HINT = (
    "Word export needs pandoc, which is not installed. Install it (Debian/Ubuntu: "
    "sudo apt-get install pandoc; other systems: https://pandoc.org/installing.html), "
    "then export again. HTML and PDF export work without it."
)
TIMEOUT_S = 120.0
# The footnotes' "↩" links back to the text mean nothing on paper.
_BACKREF = re.compile(r'<a\b[^>]*class="footnote-backref"[^>]*>.*?</a>', re.DOTALL)


class PandocMissingError(ExportError):
    """pandoc is not installed."""


def pandoc_path() -> str | None:
    return shutil.which("pandoc")


def html_to_docx(page: Path, out: Path, *, resource_dir: Path | None = None) -> Path:
    """Convert the exported page `page` (images beside it) into the Word document `out`."""
    pandoc = pandoc_path()
    if pandoc is None:
        raise PandocMissingError(PANDOC_HINT)
    source = page.with_name(page.stem + ".pandoc.html")
    text = page.read_text(encoding="utf-8")
    # Only the post: the page's <title> would be printed a second time above its <h1>.
    text = re.sub(r"<title>.*?</title>", "", text, count=1, flags=re.DOTALL)
    source.write_text(_BACKREF.sub("", text), encoding="utf-8")
    folder = resource_dir or page.parent
    command = [
        pandoc,
        "--from=html",
        "--to=docx",
        f"--resource-path={folder}",
        "--output",
        str(out),
        str(source),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT_S, cwd=folder, check=False
        )
    except subprocess.TimeoutExpired:
        raise ExportError(
            f"pandoc took longer than {TIMEOUT_S:.0f} s; nothing was written."
        ) from None
    finally:
        source.unlink(missing_ok=True)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise ExportError(
            f"pandoc could not make the Word document: {said[-1] if said else done.returncode}"
        )
    return out
