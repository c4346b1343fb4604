"""A new post's file name follows its title, until the name starts to matter on its own.

New Post has to name the file before the author has typed a title (`untitled-post.md`). Until the
post is first published, nothing outside the library knows that name, so each save gives the file
the name of the title (`three-days-in-lisbon.md`). It stops, for good, when:

- the post has a sync record (`blogdesk.accounts`): the blog's slug and the record point at it;
- the author named the file: its name is no longer the one the saved title gives. This is
  inferred from the file itself rather than recorded, so a rename in a file manager or with
  `git mv` counts as much as BlogDesk's Rename File, and renaming never has to rewrite the post;
- the post is not one New Post made (`blogdesk.created`): an imported Jekyll or Hugo post's name
  is part of its site's URLs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from blogdesk.core.post import rules
from blogdesk.core.post.naming import title_to_stem, unique_name
from blogdesk.core.post.post import Post

if TYPE_CHECKING:
    from blogdesk.core.library.library import Library

__all__ = ["follows_title", "rename_for_title"]

_NUMBERED = re.compile(r"^(.+)-(\d+)$")


def _is_name_for(stem: str, title: str) -> bool:
    """Whether `stem` is what the library would name a post titled `title` (perhaps numbered
    `-2`, `-3`, … beside a namesake, its base shortened to make room, as `unique_name` does)."""
    base = title_to_stem(title).casefold()
    stem = stem.casefold()
    if stem == base:
        return True
    numbered = _NUMBERED.match(stem)
    return bool(numbered and int(numbered[2]) >= 2 and base.startswith(numbered[1]))


def follows_title(post: Post, path: Path, saved_title: str) -> bool:
    """Whether the file at `path`, last saved with the title `saved_title`, still takes its
    name from the title (see the module's docstring)."""
    if post.sync_accounts() or rules.created_at(post.metadata()) is None:
        return False
    return _is_name_for(path.stem, saved_title)


def rename_for_title(library: Library, post: Post, path: Path, saved_title: str) -> Path | None:
    """Give the post file at `path` the name of `post.title` when it still follows its title;
    the new path, or None when the name stays. Raises LibraryError when the rename fails."""
    if not follows_title(post, path, saved_title) or _is_name_for(path.stem, post.title):
        return None
    stem = title_to_stem(post.title)
    if rules.date_from_file_name(stem) is not None:
        # "2024-05-01 Trip" would become a Jekyll-dated name, dating the post by its file name.
        return None
    others = [name for name in os.listdir(path.parent) if name != path.name]
    return library.rename(path, unique_name(stem, path.suffix, others))
