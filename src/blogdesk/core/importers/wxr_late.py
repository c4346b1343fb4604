"""Featured images whose attachment comes after the post in the export, filled in at the end.

WordPress writes items by id, and an image uploaded while writing a post gets a higher id than
the post: its attachment item, with the image's address, usually comes later. The post was
written without it; here it gets its `featured_image`, and the `local_hash` of its import state
is recomputed, so the next import still sees an untouched import, not a local edit.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from blogdesk.core.importers.media import MediaDownloader
from blogdesk.core.importers.report import ImportReport
from blogdesk.core.importers.writing import BatchWriter, post_text, split_front_matter
from blogdesk.core.importers.wxr_fields import FIELD_ORDER
from blogdesk.core.importers.wxr_identity import RESERVED_KEY, fields_hash

__all__ = ["fill_late_thumbnails"]


def fill_late_thumbnails(
    writer: BatchWriter,
    media: MediaDownloader | None,
    attachments: dict[int, str],
    pending: list[tuple[Path, int, str]],
    account: str,
    report: ImportReport,
) -> None:
    """Set the featured images whose attachments came after their posts in the file (the
    writer's flush indexes the rewritten posts)."""
    for path, thumbnail, name in pending:
        url = attachments.get(thumbnail)
        if url is None:
            report.warn(name, f"its featured image (attachment #{thumbnail}) is not in the file")
            continue
        problems: list[str] = []
        local = media.fetch(url, problems) if media is not None else None
        featured = Path(os.path.relpath(local, path.parent)).as_posix() if local else url
        try:
            _set_featured(writer, path, account, featured)
        except (OSError, ValueError) as exc:
            report.warn(name, f"could not set its featured image: {exc}")
        for problem in problems:
            report.warn(name, problem)
    try:
        writer.flush()
    except OSError as exc:
        writer.discard()
        report.error = f"could not write the featured images: {exc.strerror or exc}"


def _set_featured(writer: BatchWriter, path: Path, account: str, featured: str) -> None:
    split = split_front_matter(path.read_bytes())
    if split is None:
        raise ValueError("the post's front matter cannot be read")
    meta, rest = split
    # post_text wrote "---\n" + "\n" + body; an empty body leaves only the newline.
    body = rest[2:] if rest.startswith("\n\n") else ""
    meta["featured_image"] = featured
    fields: dict[str, Any] = {key: meta.get(key) for key in FIELD_ORDER}
    fields.update({key: value for key, value in meta.items() if key not in fields})
    reserved = fields.get(RESERVED_KEY)
    state = reserved.get("accounts", {}).get(account) if isinstance(reserved, dict) else None
    if not isinstance(state, dict):
        raise ValueError("the post's import record is missing")
    state["local_hash"] = fields_hash(fields, body)
    writer.write(path, post_text(fields, body))
