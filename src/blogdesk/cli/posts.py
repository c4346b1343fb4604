"""Library commands: new, list, search, show, render, reindex.

`--json` output is part of BlogDesk's stable interface (docs/cli.md): keys are only ever added.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

from blogdesk.cli import collector_paused, library_path, library_was_named, open_services
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import same_name_on_disk
from blogdesk.core.library.library import Library, ListedPost
from blogdesk.core.post import rules
from blogdesk.core.post.post import Post, PostSummary
from blogdesk.services import Services

# The window's words (Properties, the library's filter), then the blog's words `publish --status`
# takes for the same statuses; both name the same five.
STATUSES = rules.KNOWN_STATUSES
STATUS_WORDS = (*STATUSES, "publish", "future")


def status_word(value: str, *, also: tuple[str, ...] = ()) -> str:
    """The status `value` names, as the library stores it ("Publish" → "published"); `also`
    lists other statuses accepted as they are (words a library's files use).

    An unknown word is refused with the valid ones, rather than quietly matching no post."""
    word = rules.normalize_status(value)
    if word in STATUSES or word in also:
        return word
    valid = ", ".join(
        f"{s} (or {', '.join(a)})" if (a := _aliases(s)) else s for s in (*STATUSES, *also)
    )
    raise BlogDeskError(f"Unknown status {value!r}. Use one of: {valid}.")


def _aliases(status: str) -> list[str]:
    return [w for w in STATUS_WORDS if w != status and rules.normalize_status(w) == status]


def register(sub: Any) -> None:
    p = sub.add_parser("new", help="create a post and print its file's path")
    p.add_argument("title")
    p.add_argument("--status", default="draft", help=f"one of {', '.join(STATUSES)}")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("list", help="list the posts in the library")
    p.add_argument(
        "--status", help=f"only posts with this status ({', '.join(STATUSES)}, or publish/future)"
    )
    p.add_argument("--tag", help="only posts with this tag")
    p.add_argument("--category", help="only posts in this category")
    p.add_argument("--sort", choices=("date", "title", "modified", "status"), default="date")
    p.add_argument(
        "--reverse",
        action="store_true",
        help="reverse the order (default: newest first by date, A to Z by title)",
    )
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("search", help="full-text search (title, body, tags)")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", help="a post's metadata")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("render", help="print a post's body HTML exactly as it will be published")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--account",
        help="the blog account's name: print the body in that blog's form (WordPress blocks, "
        "a Ghost HTML card), as it is sent there",
    )
    p.set_defaults(handler=cmd_render)

    p = sub.add_parser("reindex", help="rebuild the library's index from the files")
    p.set_defaults(handler=cmd_reindex)


def _open(args: argparse.Namespace, *, create: bool = False) -> Library:
    """The library; a folder the author named must exist unless the command creates posts.

    A mistyped `--library` must not quietly make an empty library; the default library is
    created on first use, as the window does.
    """
    return open_services(args, create=create or not library_was_named(args)).library


def summary_json(s: PostSummary) -> dict[str, Any]:
    return {
        "path": s.path,
        "title": s.title,
        "status": s.status,
        "date": s.date,
        "slug": s.slug,
        "tags": list(s.tags),
        "categories": list(s.categories),
        "excerpt": s.excerpt,
        "word_count": s.word_count,
    }


def _dump_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def cmd_new(args: argparse.Namespace) -> int:
    if not args.title.strip():
        raise BlogDeskError('A new post needs a title, e.g. blogdesk new "Three days in Lisbon".')
    status = status_word(args.status)  # before the library is opened (or made)
    with _open(args, create=True) as library:
        # Dated now only provisionally (Library.create): publishing uses the moment of publishing.
        fields: dict[str, Any] = {"status": status}
        if args.tag:
            fields["tags"] = args.tag
        post = library.create(args.title, new_draft=True, **fields)
        print(post.path)
    return 0


def shown(text: str) -> str:
    """`text` on one terminal line: control characters (a newline in a file name made on
    another system, an escape sequence) written as `\\n`, `\\x1b`, never sent raw."""
    if text.isprintable():
        return text
    return "".join(repr(c)[1:-1] if unicodedata.category(c) == "Cc" else c for c in text)


def cmd_list(args: argparse.Namespace) -> int:
    # A row per post, and no garbage with reference cycles: on 10,000 posts the collector's
    # passes over the rows took 5-10 ms. They are freed (their references counted) when `_list`
    # returns, before collections resume.
    with collector_paused():
        return _list(args)


def _list(args: argparse.Namespace) -> int:
    with _open(args) as library:
        filters = _list_filters(args, library)
        # Every field for --json; for lines only what they show (read in half the time).
        summaries = library.posts(**filters) if args.json else []
        listed = [] if args.json else library.listing(**filters)
        problems = library.problems()
    for problem in problems:
        print(f"warning: {shown(problem.path)}: {problem.message}", file=sys.stderr)
    if args.json:
        _dump_json([summary_json(s) for s in summaries])
    else:
        _write_lines(listed)
    return 0


def _list_filters(args: argparse.Namespace, library: Library) -> dict[str, Any]:
    status = None
    if args.status is not None:
        # Beyond the five, a status the library's own files use ("archived") is a filter too.
        known = rules.normalize_status(args.status) in STATUSES
        used = () if known else tuple(sorted({p.status for p in library.listing()} - {*STATUSES}))
        status = status_word(args.status, also=used)
    return {
        "status": status,
        "tag": args.tag,
        "category": args.category,
        "sort": args.sort,
        # Newest first for dates; A to Z for words.
        "descending": (args.sort in ("date", "modified")) != args.reverse,
        "limit": args.limit,
    }


_LINES_PER_WRITE = 500


def _write_lines(listed: list[ListedPost]) -> None:
    """One line per post, written a few hundred lines at a time: a print() per line took
    ~10 ms more for 10,000 posts, 30-40 ms more where PYTHONUNBUFFERED makes each two writes."""
    write = sys.stdout.write
    lines: list[str] = []
    for path, title, status, date, tags in listed:
        shown_tags = f"  [{', '.join(tags)}]" if tags else ""
        lines.append(shown(f"{(date or '')[:10]:<10}  {status:<9}  {title}{shown_tags}  ({path})"))
        if len(lines) == _LINES_PER_WRITE:
            write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        write("\n".join(lines) + "\n")


def cmd_search(args: argparse.Namespace) -> int:
    with _open(args) as library:
        hits = library.search(args.query, limit=args.limit)
    if args.json:
        _dump_json(
            [{**summary_json(h.summary), "snippet": h.snippet_text, "score": h.score} for h in hits]
        )
        return 0
    if not hits:
        print(f"No post matches “{args.query}”.", file=sys.stderr)
        return 0
    for h in hits:
        print(f"{shown(h.summary.title)}  ({shown(h.summary.path)})")
        print(f"    {h.snippet_text}")
    return 0


def _load(path: Path, args: argparse.Namespace) -> Post:
    """A post by its path: as given (from the current folder), else inside the library, so a
    path copied from `blogdesk list` works from anywhere."""
    candidates = [path]
    if not path.is_absolute():
        candidates.append(library_path(args) / path)
    for candidate in map(same_name_on_disk, candidates):
        if candidate.is_dir():
            raise BlogDeskError(f"{candidate}: is a folder, not a post file")
        if candidate.exists():
            return Post.load(candidate)
    raise BlogDeskError(f"{path}: no such file (looked in the current folder and the library)")


def cmd_show(args: argparse.Namespace) -> int:
    post = _load(args.file, args)
    data = {
        "path": str(post.path),
        "title": post.title,
        "status": post.status,
        "date": post.date.isoformat() if post.date else None,
        "slug": post.slug,
        "tags": post.tags,
        "categories": post.categories,
        "excerpt": post.excerpt,
        "featured_image": post.featured_image,
        "front_matter": post.metadata(),
    }
    if args.json:
        _dump_json(data)
        return 0
    shown = ("title", "status", "date", "slug", "tags", "categories", "excerpt", "featured_image")
    for key in shown:
        value = data[key]
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            print(f"{key:>15}: {value}")
    names = post.keys()
    extra = [k for k in names if k not in data]
    if extra:
        print(f"{'other keys':>15}: {', '.join(extra)}")
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    # Imported here: Markdown and Pygments (~60 ms) would slow down every other command of this
    # module (`blogdesk list`, `search`), which never render.
    from blogdesk.core.render.rendering import render

    post = _load(args.file, args)
    # Exactly the bytes the sync service sends as the post body (before image URLs are rewritten):
    # the render options come from the settings, as for the preview (no library is opened).
    services = Services()
    html = render(post.body, services.render_options()).html
    if args.account:
        html = _as_sent_to(services, args.account, html)
    sys.stdout.write(html)
    sys.stdout.flush()
    return 0


def _as_sent_to(services: Services, name: str, html: str) -> str:
    """`html` in the form the account's provider sends (`sync.provider.body_for`)."""
    from blogdesk.sync import registry
    from blogdesk.sync.http import make_session
    from blogdesk.sync.provider import body_for

    account = services.accounts().get(name)
    session = make_session()
    try:
        # No secret: shaping the body needs none (XML-RPC asks the server which API it offers,
        # which anyone may ask).
        provider = registry.get(account.provider)(account, session, "")
        return body_for(provider, html)
    finally:
        session.close()


def cmd_reindex(args: argparse.Namespace) -> int:
    with _open(args) as library:
        report = library.rebuild_index()
        count = library.count()
    print(f"Indexed {count} posts.")
    for problem in report.problems:
        print(f"warning: {shown(problem.path)}: {problem.message}", file=sys.stderr)
    return 0
