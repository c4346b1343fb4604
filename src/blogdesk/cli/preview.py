"""`blogdesk preview FILE --output OUT.html [--style plain|blog] [--account NAME] [--refresh]`.

Writes the page the preview shows for the post, standalone: OUT.html plus `OUT_files/` with the
theme's style sheets and fonts and the post's images, so it opens offline in any browser. The
page is built by the same functions as the window's preview (core/theme/page.py for the page,
the same renderer and render options, the same WordPress expansions, the same CSP, remote media
blocked unless the library allows remote content). In the blog style the theme comes from the
cache (captured first when missing or older than a week); when it cannot be captured, the
message goes to stderr and the plain page is written instead.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from blogdesk import resources
from blogdesk.cli import library_path
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import pygments_css, render
from blogdesk.core.settings import load_library_settings
from blogdesk.core.theme.page import blog_body, content_security_policy, fill_plain, fill_theme
from blogdesk.core.theme.standalone import copy_assets, localize_media
from blogdesk.core.theme.wordpress import preview_transform
from blogdesk.services import Services

# A page opened from disk: its files are beside it (file:), or on the same server ('self').
OWN_SOURCES = "'self' file:"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "preview", help="write a post's preview page (plain or in the blog's theme) to a file"
    )
    p.add_argument("file", type=Path)
    p.add_argument("--output", "-o", type=Path, required=True, metavar="OUT.html")
    p.add_argument(
        "--style",
        choices=("plain", "blog"),
        help="plain, or blog (the blog's captured theme); default: the library's choice",
    )
    p.add_argument("--account", help="the blog whose theme to use (default: the library's)")
    p.add_argument("--refresh", action="store_true", help="capture the blog's theme again first")
    p.set_defaults(handler=cmd_preview)


def cmd_preview(args: argparse.Namespace) -> int:
    post = Post.load(args.file)  # an unreadable file: PostFormatError naming it and why
    services = Services()
    lib_settings = load_library_settings(library_path(args))
    style = args.style or lib_settings.preview_style
    base_dir = args.file.resolve().parent
    html = render(post.body, services.render_options()).html
    out: Path = args.output
    files = out.with_name(out.stem + "_files")
    prefix = quote(files.name) + "/"
    if files.exists():
        shutil.rmtree(files)  # ours from an earlier run: stale fonts and images go
    allow_remote = lib_settings.allow_remote_content
    csp = content_security_policy(OWN_SOURCES, allow_remote=allow_remote)
    page = None
    if style == "blog":
        found = _blog_page(args, services, lib_settings.preview_account, files)
        if found is not None:
            template, platform = found
            shape = blog_body(platform)  # as the blog is sent it (WordPress: block markup)
            html = preview_transform(base_dir)(shape(html) if shape else html)
            content = localize_media(html, base_dir, files, prefix, allow_remote=allow_remote)
            page = fill_theme(
                template, assets_base=prefix, csp=csp, title=post.title, content_html=content
            )
    if page is None:
        html = preview_transform(base_dir)(html)
        content = localize_media(html, base_dir, files, prefix, allow_remote=allow_remote)
        page = fill_plain(
            resources.read_text("preview/template.html"),
            dark=False,
            csp=csp,
            css=resources.read_text("preview/preview.css"),
            pygments=pygments_css(False),
            title=post.title,
            content_html=content,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    print(f"Wrote {out}" + (f" and {files.name}/" if files.is_dir() else ""))
    return 0


def _blog_page(
    args: argparse.Namespace,
    services: Services,
    remembered: str,
    files: Path,
) -> tuple[str, str] | None:
    """The captured template and its platform (its files copied into `files`), or None after
    saying why not."""
    from blogdesk.sync.theme.service import theme_for

    store = services.accounts()
    accounts = store.all()
    name = args.account or remembered
    account = store.get(name) if name else (accounts[0] if accounts else None)
    if account is None:
        print("blogdesk: no blog to take a theme from; wrote the plain style.", file=sys.stderr)
        return None

    def progress(report: Any) -> None:
        if report.message:
            print(f"  {report.message}", file=sys.stderr)

    try:
        theme = theme_for(account, services.folders.cache, refresh=args.refresh, progress=progress)
    except BlogDeskError as exc:
        print(f"blogdesk: {exc}\nblogdesk: wrote the plain style instead.", file=sys.stderr)
        return None
    for warning in theme.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    copy_assets(theme.assets, files)
    return theme.template(), theme.platform
