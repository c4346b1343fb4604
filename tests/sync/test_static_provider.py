"""The static-site provider: a real Hugo build of the published post (images included), Jekyll's
file layout, git commit + push to a local bare repository, build and push failures."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from PIL import Image
from tests.servers.common import require_tool
from tests.sync.conftest import MakeService

from blogdesk.core.library.library import Library
from blogdesk.core.post.post import Post
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.media.markdown_images import rewrite_markdown_images
from blogdesk.sync.provider import (
    ApiUnavailableError,
    BlogProvider,
    ConflictError,
    NotFoundError,
    PostPayload,
    RemotePost,
    ResponseLostError,
)
from blogdesk.sync.providers.static.commands import BuildError, GitError
from blogdesk.sync.providers.static.provider import TRASH_DIR, StaticSiteProvider
from blogdesk.sync.service import SyncService, _default_factory


@pytest.fixture
def hugo_installed() -> str:
    # A missing hugo fails the test (a skip would let make test pass without building a site).
    return require_tool("hugo")


@pytest.fixture
def git_installed() -> str:
    return require_tool("git")


needs_hugo = pytest.mark.usefixtures("hugo_installed")
needs_git = pytest.mark.usefixtures("git_installed")

LAYOUTS = {
    "baseof.html": '<!doctype html><html><body>{{ block "main" . }}{{ end }}</body></html>\n',
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}{{ range .Pages }}<a href="{{ .RelPermalink }}">'
    "{{ .Title }}</a>{{ end }}{{ end }}\n",
}


def _png(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 8), color).save(buffer, "PNG")
    return buffer.getvalue()


def hugo_site(root: Path) -> Path:
    (root / "content").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Test site"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
    )
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text)
    return root


def jekyll_site(root: Path) -> Path:
    (root / "_posts").mkdir(parents=True)
    (root / "_config.yml").write_text('title: Test\nurl: "https://example.net"\n')
    return root


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def add_account(
    accounts: AccountStore, credentials: LayeredStore, root: Path, **options: str
) -> Account:
    account = Account.new(f"site-{root.name}", "static", str(root), "", **options)
    accounts.add(account)  # no secret: a folder needs none
    return account


@pytest.fixture
def service(
    library: Library, credentials: LayeredStore, make_service: MakeService
) -> Iterator[SyncService]:
    with make_service(library) as svc:
        yield svc


@needs_hugo
def test_hugo_builds_the_published_post_with_its_image(
    tmp_path: Path,
    library: Library,
    credentials: LayeredStore,
    service: SyncService,
    accounts: AccountStore,
) -> None:
    root = hugo_site(tmp_path / "site")
    account = add_account(accounts, credentials, root, build_command="hugo --gc")
    post = library.create(
        "Hello Hugo", "Some *emphasis*.\n\n![a red dot](red.png)\n", tags=["one"], slug="hello-hugo"
    )
    (post.path.parent / "red.png").write_bytes(_png("red"))
    draft = library.create("Not yet", "Draft text.\n", slug="not-yet")

    result = service.publish(post.path, account, status="publish")
    service.publish(draft.path, account, status="draft")

    assert result.status == "publish" and result.remote_id == "content/posts/hello-hugo.md"
    assert result.link == "https://example.org/posts/hello-hugo/"
    written = Post.load(root / result.remote_id)
    assert written.get("draft") is False and written.get("tags") == ["one"]
    assert "![a red dot](/images/red.png)" in written.body  # Markdown, not HTML
    assert (root / "static/images/red.png").read_bytes() == _png("red")
    page = (root / "public/posts/hello-hugo/index.html").read_text()
    assert "<em>emphasis</em>" in page and 'src="/images/red.png"' in page
    assert (root / "public/images/red.png").is_file()
    assert Post.load(root / "content/posts/not-yet.md").get("draft") is True
    assert not (root / "public/posts/not-yet").exists()  # Hugo leaves drafts out
    state = library.load(post.path).sync_state(account.id)
    assert state["remote_id"] == "content/posts/hello-hugo.md"


def test_jekyll_layout_drafts_dates_and_update_by_recorded_path(tmp_path: Path) -> None:
    root = jekyll_site(tmp_path / "jk")
    provider = StaticSiteProvider(Account.new("j", "static", str(root), ""), make_session(), "")
    when = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)
    created = provider.create_post(
        PostPayload(
            title="Jekyll post",
            html="<p>Hi <strong>there</strong></p>",
            status="draft",
            slug="jekyll-post",
            date=when,
            tags=("a",),
            categories=("news",),
        )
    )
    assert created.remote_id == "_posts/2026-03-04-jekyll-post.md"
    assert created.status == "draft"
    text = (root / created.remote_id).read_text()
    assert "published: false" in text and "layout: post" in text
    assert "Hi **there**" in text
    media = provider.upload_media(_png("blue"), "blue.png", "image/png")
    assert media.url == "/assets/images/blue.png"
    assert (root / "assets/images/blue.png").is_file()
    # The same name with other bytes never overwrites the first image.
    other = provider.upload_media(_png("green"), "blue.png", "image/png")
    assert other.url != media.url and (root / "assets/images/blue.png").read_bytes() == _png("blue")

    later = when + timedelta(days=1)
    updated = provider.update_post(
        created.remote_id,
        PostPayload(
            title="Jekyll post",
            html="<p>Now live</p>",
            status="publish",
            slug="jekyll-post",
            date=later,
        ),
    )
    assert updated.remote_id == "_posts/2026-03-05-jekyll-post.md"
    assert not (root / created.remote_id).exists()
    assert updated.status == "publish" and "published" not in (root / updated.remote_id).read_text()
    assert updated.link == "https://example.net/2026/03/05/jekyll-post.html"
    assert provider.find_post_by_slug("jekyll-post") == updated

    provider.delete_post(updated.remote_id)
    assert (root / TRASH_DIR / updated.remote_id).is_file()
    with pytest.raises(NotFoundError):
        provider.get_post(updated.remote_id)
    with pytest.raises(NotFoundError):
        provider.get_post("../../etc/passwd")


def test_not_a_site_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ApiUnavailableError, match="neither a Hugo site"):
        StaticSiteProvider.discover(make_session(), str(tmp_path / "empty"))
    found = StaticSiteProvider.discover(make_session(), "https://" + str(hugo_site(tmp_path / "h")))
    assert found.options["generator"] == "hugo"


@needs_git
def test_git_commit_and_push_to_a_bare_repository(
    tmp_path: Path,
    library: Library,
    credentials: LayeredStore,
    service: SyncService,
    accounts: AccountStore,
) -> None:
    bare = tmp_path / "remote.git"
    git(tmp_path, "init", "--bare", "-q", str(bare))
    root = hugo_site(tmp_path / "site")
    git(root, "init", "-q")
    git(root, "remote", "add", "origin", str(bare))
    git(root, "add", "-A")
    git(root, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "site")
    git(root, "push", "-q", "-u", "origin", "HEAD")
    account = add_account(accounts, credentials, root)
    post = library.create("Pushed", "Goes to the remote.\n", slug="pushed")

    service.publish(post.path, account, status="publish")

    log = git(bare, "log", "--format=%s", "-n", "3")
    assert "Add post: Pushed (BlogDesk)" in log
    shown = git(bare, "show", "HEAD:content/posts/pushed.md")
    assert "Goes to the remote." in shown

    # A push that fails says so, with git's own words, and the commit stays local.
    git(root, "remote", "set-url", "origin", str(tmp_path / "missing.git"))
    loaded = library.load(post.path)
    loaded.body = "Second version.\n"
    library.save(loaded)
    with pytest.raises(GitError, match="git push failed") as caught:
        service.publish(post.path, account, queue_if_offline=False)
    assert "missing.git" in str(caught.value)
    assert "Update post: Pushed" in git(root, "log", "--format=%s", "-n", "1")


def test_build_failure_and_timeout_are_reported(tmp_path: Path) -> None:
    root = hugo_site(tmp_path / "site")
    failing = Account.new(
        "b",
        "static",
        str(root),
        "",
        git="off",
        build_command="sh -c 'echo broken template >&2; exit 3'",
    )
    provider = StaticSiteProvider(failing, make_session(), "")
    with pytest.raises(BuildError, match="exit code 3") as caught:
        provider.create_post(PostPayload(title="T", html="<p>x</p>", slug="t"))
    assert "broken template" in str(caught.value)
    assert (root / "content/posts/t.md").is_file()  # the post itself is kept
    slow = Account.new("s", "static", str(root), "", build_command="sleep 5", build_timeout="0.3")
    with pytest.raises(BuildError, match="did not finish"):
        StaticSiteProvider(slow, make_session(), "").create_post(
            PostPayload(title="U", html="<p>y</p>", slug="u")
        )


def test_update_conflict_when_the_file_was_edited_in_the_site(
    tmp_path: Path,
    library: Library,
    credentials: LayeredStore,
    service: SyncService,
    accounts: AccountStore,
) -> None:
    root = hugo_site(tmp_path / "site")
    account = add_account(accounts, credentials, root, git="off")
    post = library.create("Shared", "Mine.\n", slug="shared")
    first = service.publish(post.path, account, status="publish")
    site_file = root / first.remote_id
    site_file.write_text(site_file.read_text().replace("Mine.", "Edited in the site."))
    loaded = library.load(post.path)
    loaded.body = "Mine, changed.\n"
    library.save(loaded)
    with pytest.raises(ConflictError):
        service.publish(post.path, account)
    assert "Edited in the site." in site_file.read_text()
    service.publish(post.path, account, overwrite=True)
    assert "Mine, changed." in site_file.read_text()


class _LoseCreateAnswer:
    def __init__(self, inner: BlogProvider) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)

    def create_post(self, payload: PostPayload) -> RemotePost:
        self.inner.create_post(payload)
        raise ResponseLostError("the answer was lost")


def test_lost_create_is_adopted_not_written_twice(
    tmp_path: Path,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    root = hugo_site(tmp_path / "site")
    account = add_account(accounts, credentials, root, git="off")
    post = library.create("Once", "Only one file.\n", slug="once")

    def factory(acc: Account, session: requests.Session, secret: str) -> BlogProvider:
        return _LoseCreateAnswer(_default_factory(acc, session, secret))

    with make_service(library, provider_factory=factory) as svc:
        result = svc.publish(post.path, account, status="publish")
    assert result.adopted
    assert sorted(p.name for p in (root / "content/posts").iterdir()) == ["once.md"]


def test_add_account_for_a_folder_needs_no_secret(
    tmp_path: Path, library: Library, service: SyncService, credentials: LayeredStore
) -> None:
    root = hugo_site(tmp_path / "mysite")
    added = service.add_account(
        "my site",
        str(root),
        "",
        "",
        provider_id="static",
        options={"git": "off", "build_command": "true"},
    )
    assert added.account.provider == "static" and added.account.options["generator"] == "hugo"
    assert added.account.options["build_command"] == "true"
    assert credentials.get(added.account.id) is None
    post = library.create("From the dialog", "Text.\n", slug="from-dialog")
    assert service.publish(post.path, added.account, status="publish").status == "publish"
    assert (root / "content/posts/from-dialog.md").is_file()


def test_markdown_image_links_are_rewritten_outside_code() -> None:
    text = (
        '![one](pics/a b.png) and ![two](<pics/a b.png> "T")\n\n'
        "[ref]: pics/c.png\n\n"
        "```\n![kept](pics/c.png)\n```\n\n"
        '<img src="pics/c.png" alt="x">\n![web](https://example.org/x.png)\n'
    )
    out = rewrite_markdown_images(
        text, {"pics/a b.png": "/images/a.png", "pics/c.png": "/images/c.png"}
    )
    assert "![one](pics/a b.png)" in out  # a bare path with a space is not a Markdown link
    assert '![two](/images/a.png "T")' in out
    assert "[ref]: /images/c.png" in out
    assert "```\n![kept](pics/c.png)\n```" in out
    assert '<img src="/images/c.png" alt="x">' in out
    assert "![web](https://example.org/x.png)" in out
