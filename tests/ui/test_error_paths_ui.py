"""Window error messages no other test reached (scripts/check_error_messages.py lists them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogdesk.core.errors import BlogDeskError
from blogdesk.ui.editor.insert.media_store import store_media


def test_an_image_that_cannot_be_copied_into_media_says_where_and_why(tmp_path: Path) -> None:
    post = tmp_path / "library" / "post.md"
    post.parent.mkdir()
    post.write_text("Text.\n")
    blocked = tmp_path / "library" / "media"
    blocked.write_text("a file where the media folder should be")
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(BlogDeskError, match=r"Could not copy the image into .*media: "):
        store_media(image, "photo.png", blocked, post)
