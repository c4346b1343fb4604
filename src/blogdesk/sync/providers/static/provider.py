"""A Hugo or Jekyll site folder as a blog: publishing writes a Markdown file (and copies images).

No server: the "remote id" is the post file's path inside the site, its "modified" time the file's.
After writing, the provider optionally runs the site's build command (account option
`build_command`, with `build_timeout`) and, when the folder is a git repository, commits the
changed files and pushes when it has a remote (option `git`: "auto", "commit", "off").
The body sent is Markdown, never HTML: `payload.markdown` when the service fills it, else the
HTML converted back to Markdown.
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import unquote, urlsplit

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.errors import PostFormatError
from blogdesk.core.fsutil import atomic_write
from blogdesk.core.render.rendering import render
from blogdesk.sync import provider as p
from blogdesk.sync.provider import (
    AccountField,
    AccountInfo,
    DiscoveryResult,
    NotFoundError,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    RequestRejectedError,
    Term,
    TermKind,
)
from blogdesk.sync.providers.static import commands as cmd
from blogdesk.sync.providers.static import site
from blogdesk.sync.publish.changes import normalize_html

if TYPE_CHECKING:
    import requests

    from blogdesk.sync.accounts.store import Account

TRASH_DIR = ".blogdesk-trash"


def folder_from(location: str) -> Path:
    """The site folder from what the author typed: a path or a file:// URL.

    Account set-up passes folders through as typed (`~` expanded); a path behind an "https://"
    that an older set-up put in front of it is still taken as the path.
    """
    text = location.strip()
    if text.startswith("file://"):
        return Path(unquote(urlsplit(text).path)).expanduser()
    for prefix in ("https://", "http://"):
        if text.startswith(prefix) and Path(text[len(prefix) :]).expanduser().is_dir():
            return Path(text[len(prefix) :]).expanduser()
    return Path(text).expanduser()


def _markdown(payload: PostPayload, stored_body: str | None = None) -> str:
    if payload.markdown is not None:
        return payload.markdown
    # No Markdown prepared (e.g. "unpublish", which resends what the site holds): keep the
    # file's own text when the HTML is unchanged, so no round trip through HTML alters it.
    if stored_body is not None and normalize_html(render(stored_body).html) == normalize_html(
        payload.html
    ):
        return stored_body
    return html_to_markdown(payload.html)


class StaticSiteProvider:
    id: ClassVar[str] = "static"
    display_name: ClassVar[str] = "Static site folder (Hugo, Jekyll)"
    # The "address" is a folder on this computer: account set-up must not make it a URL.
    site_is_folder: ClassVar[bool] = True
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField(
            "site_url",
            "Site folder",
            placeholder="/home/me/my-site",
            help="The top folder of the Hugo or Jekyll site.",
        ),
        AccountField(
            "generator",
            "Generator",
            kind="choice",
            required=False,
            default="auto",
            choices=("auto", "hugo", "jekyll"),
        ),
        AccountField(
            "build_command",
            "Build command",
            required=False,
            placeholder="hugo --gc",
            help="Run in the site folder after each change; leave empty for none.",
        ),
        AccountField(
            "git",
            "Git",
            kind="choice",
            required=False,
            default="auto",
            choices=("auto", "commit", "off"),
            help="auto: commit when the folder is a git repository, and push when it has a remote.",
        ),
    )
    capabilities: ClassVar[frozenset[str]] = frozenset(
        {
            p.CAP_MEDIA,
            p.CAP_TERMS,
            p.CAP_CATEGORIES,
            p.CAP_SCHEDULE,
            p.CAP_EXCERPT,
            p.CAP_FEATURED_IMAGE,
            p.CAP_SLUG,
        }
    )

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None:
        self.account = account
        self.root = folder_from(account.site_url)
        self._layout: site.Layout | None = None

    def __repr__(self) -> str:
        return f"StaticSiteProvider({str(self.root)!r})"

    @property
    def layout(self) -> site.Layout:
        if self._layout is None:
            wanted = str(self.account.options.get("generator") or "auto")
            self._layout = site.detect(self.root, wanted)
        return self._layout

    # ---------------------------------------------------------------------------- account
    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        root = folder_from(url).resolve()
        layout = site.detect(root)
        notes = [f"A {layout.generator.title()} site: posts go to {layout.posts_dir}/."]
        if cmd.is_repository(root):
            notes.append(
                "It is a git repository: BlogDesk commits each change"
                + (" and pushes it." if cmd.has_remote(root) else ".")
            )
        return DiscoveryResult(
            site_url=str(root),
            api_url=root.as_uri(),
            site_name=root.name,
            notes=tuple(notes),
            options={"generator": layout.generator},
        )

    def verify(self) -> AccountInfo:
        layout = self.layout
        folder = layout.root / layout.posts_dir
        target = folder if folder.exists() else layout.root
        import os

        if not os.access(target, os.W_OK):
            raise p.PermissionDeniedError(f"BlogDesk may not write to {target}.")
        return AccountInfo(user_id="", user_login=self.account.user, site_name=self.root.name)

    # ------------------------------------------------------------------------------ posts
    def create_post(self, payload: PostPayload) -> RemotePost:
        slug = payload.slug or "post"
        date = payload.date or datetime.now(UTC)
        rel = self.layout.post_path(slug, date)
        if (self.root / rel).exists():  # never overwrite a file BlogDesk did not write
            raise RequestRejectedError(
                f"{rel} exists already in the site; give the post another slug."
            )
        self._write(rel, payload, date, slug)
        self._after([rel], f"Add post: {payload.title}")
        return self.get_post(rel)

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        old = self._existing(remote_id)
        stored = site.read_file(self.layout, remote_id)
        slug = payload.slug or str(stored.meta.get("slug") or self.layout.slug_of(remote_id))
        date = payload.date or site.parse_date(stored.meta.get("date")) or datetime.now(UTC)
        rel = remote_id
        if self.layout.generator == "jekyll":  # the date is part of a Jekyll post's name
            rel = self.layout.post_path(slug, date)
            if rel != remote_id and (self.root / rel).exists():
                raise RequestRejectedError(f"{rel} exists already in the site.")
        self._write(rel, payload, date, slug, stored.body)
        if rel != remote_id:
            old.unlink()
        self._after(sorted({rel, remote_id}), f"Update post: {payload.title}")
        return self.get_post(rel)

    def _write(
        self,
        rel: str,
        payload: PostPayload,
        date: datetime,
        slug: str,
        stored_body: str | None = None,
    ) -> None:
        markdown = _markdown(payload, stored_body)
        text = site.render_file(self.layout, payload, markdown, date, slug)
        atomic_write(self.root / rel, text.encode("utf-8"))

    def _existing(self, remote_id: str) -> Path:
        try:
            path = site.safe_rel(self.layout, remote_id)
        except PostFormatError:
            raise NotFoundError(f"{remote_id!r} is not a post of the site {self.root}.") from None
        if not path.is_file():
            raise NotFoundError(f"The post file {remote_id} is no longer in {self.root}.")
        return path

    def get_post(self, remote_id: str) -> RemotePost:
        self._existing(remote_id)
        stored = site.read_file(self.layout, remote_id)
        meta = stored.meta
        date = site.parse_date(meta.get("date"))
        slug = str(meta.get("slug") or self.layout.slug_of(remote_id))
        image = meta.get("image")
        return RemotePost(
            remote_id=remote_id,
            link=self.layout.link(slug, date),
            title=str(meta.get("title") or ""),
            html=render(stored.body).html,
            status=site.status_of(self.layout, meta, date),
            date_gmt=date.astimezone(UTC) if date else None,
            modified_gmt=datetime.fromtimestamp(stored.mtime_ns / 1e9, UTC).isoformat(),
            slug=slug,
            tags=tuple(str(t) for t in meta.get("tags") or ()),
            categories=tuple(str(c) for c in meta.get("categories") or ()),
            excerpt=str(meta.get("excerpt") or meta.get("summary") or ""),
            featured_media_id=(
                f"{self.layout.images_dir}/{PurePosixPath(str(image)).name}" if image else None
            ),
        )

    def delete_post(self, remote_id: str) -> None:
        """Take the post out of the site; the file is kept in .blogdesk-trash/ in the folder."""
        path = self._existing(remote_id)
        kept = self.root / TRASH_DIR / remote_id
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, kept)
        self._after([remote_id], f"Remove post: {self.layout.slug_of(remote_id)}")

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        for rel in site.post_files(self.layout):
            if self.layout.slug_of(rel) == slug:
                return self.get_post(rel)
            try:
                meta = site.read_file(self.layout, rel).meta
            except PostFormatError:
                continue
            if str(meta.get("slug") or "") == slug:
                return self.get_post(rel)
        return None

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        posts = []
        for rel in site.post_files(self.layout):
            try:
                posts.append(self.get_post(rel))
            except PostFormatError:
                continue  # a broken file is the site's problem; the others still list
        epoch = datetime.min.replace(tzinfo=UTC)
        posts.sort(key=lambda r: (r.date_gmt or epoch, r.remote_id), reverse=True)
        per_page = max(1, per_page)
        pages = max(1, -(-len(posts) // per_page))
        chunk = posts[(page - 1) * per_page : page * per_page]
        return RemotePage(posts=tuple(chunk), page=page, total_pages=pages, total=len(posts))

    # ------------------------------------------------------------------------------ media
    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        """Copy the image into the site; a different file of the same name gets a new name."""
        name = PurePosixPath(filename).name or "image"
        folder = self.root / self.layout.images_dir
        target = folder / name
        if target.exists() and target.read_bytes() != data:
            stem, suffix = PurePosixPath(name).stem, PurePosixPath(name).suffix
            name = f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}{suffix}"
            target = folder / name
        if not target.exists():
            atomic_write(target, data)
            self._after(
                [f"{self.layout.images_dir}/{name}"], f"Add image: {name}", build=False, push=False
            )
        return RemoteMedia(
            remote_id=f"{self.layout.images_dir}/{name}",
            url=f"{self.layout.images_url}/{name}",
            mime=mime,
        )

    # ------------------------------------------------------------------------------ terms
    def list_terms(self, kind: TermKind) -> list[Term]:
        key = "tags" if kind == "tag" else "categories"
        names: dict[str, str] = {}
        for post in self.list_posts(per_page=10_000).posts:
            for name in post.tags if key == "tags" else post.categories:
                names.setdefault(name.casefold(), name)
        return [Term(remote_id=n, name=n, kind=kind) for n in sorted(names.values())]

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        # Terms of a static site are just names in the front matter: nothing to create.
        wanted = dict.fromkeys(n.strip() for n in names if n.strip())
        return [Term(remote_id=n, name=n, kind=kind) for n in wanted]

    # --------------------------------------------------------------------- build and git
    def _after(
        self, paths: list[str], message: str, *, build: bool = True, push: bool = True
    ) -> None:
        options = self.account.options
        command = str(options.get("build_command") or "").strip()
        if build and command:
            cmd.run_build(command, self.root, float(options.get("build_timeout") or 300))
        mode = str(options.get("git") or "auto")
        if mode == "off" or not cmd.is_repository(self.root):
            return
        committed = cmd.commit(self.root, paths, f"{message} (BlogDesk)")
        if push and mode == "auto" and cmd.has_remote(self.root) and (committed or build):
            cmd.push(self.root, float(options.get("push_timeout") or 120))
