"""A static site's theme: build one sample post with the site's own generator, capture that page.

The site folder is never written to: it is copied (without .git, the built output and caches)
into a temporary folder, a sample post is added there, and the generator builds into another
temporary folder with a placeholder base address (`http://blogdesk.invalid/`), which
`FolderFetcher` maps back to the built files. Nothing goes online. The generator is the one the
account names in its build command when that is `hugo`/`jekyll` (a path to it is kept), else the
one on the PATH; it runs with a timeout.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from blogdesk.core.progress import Progress, no_progress
from blogdesk.sync.providers.static import site
from blogdesk.sync.providers.static.commands import BuildError
from blogdesk.sync.providers.static.provider import folder_from
from blogdesk.sync.theme.capture import CapturedTheme, capture_page
from blogdesk.sync.theme.fetch import FolderFetcher, Limits
from blogdesk.sync.theme.sample import PostSample

if TYPE_CHECKING:
    from blogdesk.sync.accounts.store import Account

__all__ = ["BUILD_TIMEOUT", "capture_static"]

BUILD_TIMEOUT = 120.0
BASE_URL = "http://blogdesk.invalid/"
SLUG = "blogdesk-theme-sample"
SAMPLE_TITLE = "BlogDesk theme sample"
SAMPLE_TEXT = (
    "This sample post was built by BlogDesk only to see how the site shows a post. "
    "It is never published and the site folder is not changed.\n\n"
    "A second paragraph, so the theme's spacing between paragraphs shows too. BlogDesk end."
)
_SKIP = (
    ".git",
    "public",
    "_site",
    "resources",
    "node_modules",
    ".jekyll-cache",
    ".hugo_build.lock",
)


def _generator_argv(account: Account, generator: str) -> list[str]:
    command = str(account.options.get("build_command") or "")
    try:
        words = shlex.split(command)
    except ValueError:
        words = []
    exe = words[0] if words and Path(words[0]).name == generator else generator
    if shutil.which(exe) is None:
        raise BuildError(
            f"BlogDesk builds a sample post with {generator} to see the site's theme, but "
            f"{exe!r} was not found. Install it, or give the address of a post's page instead."
        )
    return [exe]


def _build(argv: list[str], generator: str, source: Path, out: Path, timeout: float) -> None:
    if generator == "hugo":
        args = [*argv, "--source", str(source), "--destination", str(out)]
        args += ["--baseURL", BASE_URL, "--noBuildLock", "--quiet"]
    else:
        args = [*argv, "build", "--source", str(source), "--destination", str(out)]
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=timeout, check=False, cwd=source
        )
    except subprocess.TimeoutExpired:
        raise BuildError(
            f"{generator} did not build the sample post within {timeout:g} seconds."
        ) from None
    except OSError as exc:
        raise BuildError(f"{generator} could not be started: {exc}.") from None
    if done.returncode != 0:
        tail = "\n".join(((done.stdout or "") + (done.stderr or "")).strip().splitlines()[-10:])
        raise BuildError(f"{generator} failed to build the sample post:\n{tail}")


def _find_page(out: Path) -> Path:
    for path in sorted(out.rglob("*.html"), key=lambda p: len(p.parts)):
        if SLUG in path.as_posix():
            return path
    raise BuildError(
        "The site was built, but BlogDesk found no page for the sample post in it (does the "
        "site show posts from content/posts or _posts?)."
    )


def capture_static(
    account: Account,
    folder: Path,
    *,
    progress: Callable[[Progress], None] = no_progress,
    limits: Limits | None = None,
    timeout: float = BUILD_TIMEOUT,
) -> CapturedTheme:
    root = folder_from(account.site_url)
    layout = site.detect(root, str(account.options.get("generator") or "auto"))
    argv = _generator_argv(account, layout.generator)
    with tempfile.TemporaryDirectory(prefix="blogdesk-theme-") as tmp:
        source, out = Path(tmp) / "site", Path(tmp) / "out"
        progress(Progress(stage="build", message=f"Copying {root} to build a sample post"))
        shutil.copytree(root, source, ignore=shutil.ignore_patterns(*_SKIP), symlinks=True)
        sample_layout = site.Layout(
            layout.generator, source, layout.posts_dir, "", "", layout.base_url
        )
        date = datetime.now(UTC) - timedelta(days=1)
        text = (
            f"---\ntitle: {SAMPLE_TITLE}\ndate: {date.strftime('%Y-%m-%dT%H:%M:%SZ')}\n"
            f"slug: {SLUG}\ndraft: false\nlayout: post\n---\n\n{SAMPLE_TEXT}\n"
        )
        post = source / sample_layout.post_path(SLUG, date)
        post.parent.mkdir(parents=True, exist_ok=True)
        post.write_text(text, encoding="utf-8")
        progress(Progress(stage="build", message=f"Building the sample post with {argv[0]}"))
        _build(argv, layout.generator, source, out, timeout)
        page = _find_page(out)
        url = BASE_URL + page.relative_to(out).as_posix()
        fetcher = FolderFetcher(out, BASE_URL, limits)
        sample = PostSample(url, SAMPLE_TITLE, SAMPLE_TEXT)
        return capture_page(fetcher, sample, folder, progress=progress, platform=layout.generator)
