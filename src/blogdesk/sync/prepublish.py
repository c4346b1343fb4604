"""The pre-publish checklist of one post for one blog: the core checks, with what only the sync
layer knows (the account's expectations, the titles already on that blog, the links' answers).

Blocking, no Qt: `blogdesk check` calls it directly, the window from a worker thread. No network
except the link check, which `check_links=False` (the CLI's --offline, the `check_links` setting)
leaves out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from blogdesk.core.checks import CheckContext, LinkVerdict, Report, checkable_links, run_checks
from blogdesk.core.checks.fields import expected_names
from blogdesk.core.checks.spelling import SpellingSource, load_spelling
from blogdesk.core.library.library import Library
from blogdesk.core.post.post import Post
from blogdesk.core.progress import CancelToken
from blogdesk.core.render.rendering import RenderOptions, render
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.link_check import LinkChecker
from blogdesk.sync.media.ledger import resolve_image

__all__ = ["SpellingLoader", "checklist", "taken_titles"]

SpellingLoader = Callable[[Post, Account | None], tuple[SpellingSource | None, str | None]]


def _default_spelling(
    post: Post, account: Account | None
) -> tuple[SpellingSource | None, str | None]:
    blog_language = account.options.get("language") if account is not None else None
    return load_spelling(post.get("lang") or post.get("language"), blog_language)


def taken_titles(library: Library, post: Post, rel: str, account: Account) -> dict[str, str]:
    """{casefolded title: path} of the other posts of the library already on `account`'s blog
    with this post's title. From the posts' own sync records: no network."""
    title = post.title.casefold()
    own = post.sync_state(account.id).get("remote_id")
    found: dict[str, str] = {}
    for summary in library.posts():
        if summary.path == rel or summary.title.casefold() != title:
            continue
        try:
            other = library.load(summary.path)
        except Exception:  # an unreadable post cannot be on the blog as far as we know
            continue
        remote = other.sync_state(account.id).get("remote_id")
        # The same blog post (a copy "keep both" made of it) is not another post.
        if remote and remote != own:
            found[title] = summary.path
            break
    return found


def _offline(verdicts: Mapping[str, LinkVerdict]) -> bool:
    """No address answered and none could even be reached: this computer is offline (or behind
    a wall), which says nothing about the links. One dead address alone is not taken for it."""
    if len(verdicts) < 2:
        return False
    return all(v.state in ("unreachable", "timeout") for v in verdicts.values()) and any(
        v.state == "unreachable" for v in verdicts.values()
    )


def checklist(
    library: Library,
    path: Path | str,
    account: Account | None,
    *,
    cache_dir: Path,
    render_options: RenderOptions | None = None,
    check_links: bool = True,
    status: str | None = None,
    date: datetime | None = None,
    link_checker: LinkChecker | None = None,
    spelling: SpellingLoader = _default_spelling,
    cancel: CancelToken | None = None,
) -> Report:
    """The checklist of the post at `path` (a library post or any Markdown file) for `account`
    (None: no blog chosen, so no expectations and no title comparison)."""
    full = Path(path) if Path(path).is_absolute() else library.root / path
    full = full.resolve()
    try:
        rel = full.relative_to(library.root.resolve()).as_posix()
        in_library = True
    except ValueError:
        rel, in_library = full.as_posix(), False
    post = library.load(full) if in_library else Post.load(full)
    rendered = render(post.body, render_options)
    root = library.root

    def exists(ref: str) -> bool:
        return resolve_image(ref, full.parent, root) is not None

    links: dict[str, LinkVerdict] | None = None
    links_note = "Links were not checked (offline mode)."
    urls = checkable_links(rendered.html)
    if check_links and urls:
        checker = link_checker or LinkChecker(cache_dir)
        links = checker.check(urls, cancel)
        if _offline(links):
            links, links_note = None, "Links were not checked: none of them could be reached."
    elif check_links:
        links = {}
    source, spelling_note = spelling(post, account)
    context = CheckContext(
        expects=expected_names(account.options.get("expects")) if account else frozenset(),
        taken_titles=taken_titles(library, post, rel, account) if account else {},
        status=status,
        date=date,
        file_exists=exists,
        spelling=source,
        spelling_note=spelling_note,
        links=links,
        links_note=links_note,
    )
    return run_checks(post, rendered, context)
