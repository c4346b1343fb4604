"""What a person is told when BlogDesk cannot capture a blog's theme for the preview: a theme
with too many or too large files, a blog with no post to look at, a static site whose generator
is missing, broken, slow or builds no post page, and a built theme that points outside itself.
Blogs are small HTTP sites on loopback (tests/sync/test_theme_hostile.py's Site); static sites
are real Hugo sites built by the real `hugo`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.sync.test_theme_hostile import Site, account_for, site  # noqa: F401 (fixture)

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.theme.fetch import MB, FetchError, Limits
from blogdesk.sync.theme.sample import NoPostError
from blogdesk.sync.theme.service import capture_theme
from blogdesk.sync.theme.static_build import capture_static

needs_hugo = pytest.mark.skipif(shutil.which("hugo") is None, reason="needs hugo")


def page_with_assets(*hrefs: str) -> bytes:
    links = "".join(f'<link rel="stylesheet" href="{h}">' for h in hrefs)
    return (
        f"<!doctype html><html><head>{links}</head><body><main>"
        '<h1 class="post-title">A post</h1><div class="post-content"><p>Its text.</p></div>'
        "</main></body></html>"
    ).encode()


# ---------------------------------------------------------------------- a blog on the web


def test_a_theme_with_too_many_files(site: Site, tmp_path: Path) -> None:  # noqa: F811
    site.routes["/post/"] = ("text/html", page_with_assets("/a.css", "/b.css", "/c.css"))
    for name in ("a", "b", "c"):
        site.routes[f"/{name}.css"] = ("text/css", b"body { color: #123; }")
    theme = capture_theme(
        account_for(site.url + "/post/"), tmp_path / "cache", limits=Limits(max_files=3)
    )
    assert "The theme needs more than 3 files; stopped there." in theme.warnings
    assert "/c.css" not in site.requests  # not even asked for


def test_a_theme_whose_files_add_up_to_too_much(site: Site, tmp_path: Path) -> None:  # noqa: F811
    site.routes["/post/"] = ("text/html", page_with_assets("/big.css"))
    site.routes["/big.css"] = ("text/css", b"/*" + b"x" * (MB + 1000) + b"*/")
    theme = capture_theme(
        account_for(site.url + "/post/"),
        tmp_path / "cache",
        limits=Limits(max_total=MB, max_file=2 * MB),
    )
    message = "The theme's files add up to more than 1 MB; BlogDesk stopped downloading them."
    assert message in theme.warnings


def test_a_wordpress_rest_api_that_answers_with_a_page(
    site: Site,  # noqa: F811
    tmp_path: Path,
) -> None:
    site.routes["/wp-json/wp/v2/posts"] = ("text/html", b"<html><body>Maintenance</body></html>")
    account = Account.new("travel", "wordpress", site.url, "me", api_url=site.url + "/wp-json/")
    with pytest.raises(NoPostError) as caught:
        capture_theme(account, tmp_path / "cache")
    assert (
        str(caught.value) == f"The blog's REST API at {site.url}/wp-json/ did not answer with JSON."
    )


def test_a_blog_without_a_feed_with_a_post(site: Site, tmp_path: Path) -> None:  # noqa: F811
    site.routes["/"] = ("text/html", b"<html><head><title>Notes</title></head><body></body></html>")
    site.routes["/feed/"] = (
        "application/rss+xml",
        b"<rss><channel><title>x</title></channel></rss>",
    )
    account = Account.new("notes", "micropub", site.url, "me")
    with pytest.raises(NoPostError) as caught:
        capture_theme(account, tmp_path / "cache")
    assert str(caught.value).startswith(
        f"BlogDesk found no post of notes to look at (no feed with a post in it at {site.url}/). "
        "Give the address of any post's page"
    )


# ------------------------------------------------------------------ a static site (Hugo)

BASEOF = """<!DOCTYPE html><html><head><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
<link rel="stylesheet" href="https://cdn.example.net/fonts.css">
<link rel="stylesheet" href="{{ "css/missing.css" | relURL }}">
<link rel="stylesheet" href="/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/hostname">
</head><body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
SINGLE = (
    '{{ define "main" }}<h1 class="post-title">{{ .Title }}</h1>'
    '<div class="post-content">{{ .Content }}</div>{{ end }}\n'
)


def hugo_site(root: Path, *, single: str = SINGLE, kinds: str = "") -> Account:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Notes"\n'
        f'disableKinds = [{kinds}"taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
    )
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(BASEOF)
    (layouts / "single.html").write_text(single)
    (layouts / "list.html").write_text('{{ define "main" }}{{ end }}\n')
    (root / "static" / "css").mkdir(parents=True)
    (root / "static" / "css" / "site.css").write_text("body { color: #7a1f1f; }\n")
    return Account.new("notes", "static", str(root), "", generator="hugo")


@needs_hugo
def test_a_built_theme_that_points_elsewhere(tmp_path: Path) -> None:
    account = hugo_site(tmp_path / "site")
    theme = capture_static(account, tmp_path / "theme")
    warnings = "\n".join(theme.warnings)
    assert (
        "https://cdn.example.net/fonts.css is not part of the built site; not fetched." in warnings
    )
    assert "The built site has no file for " in warnings and "css/missing.css." in warnings
    assert "etc/hostname points outside the built site." in warnings
    [kept] = theme.assets.glob("*.css")  # the site's own style sheet, and only that
    assert "#7a1f1f" in kept.read_text()
    assert not any((tmp_path / "theme").rglob("hostname"))  # nothing from outside was copied


@needs_hugo
def test_a_site_that_builds_no_post_page(tmp_path: Path) -> None:
    account = hugo_site(tmp_path / "site", kinds='"page", ')  # the site renders no post pages
    with pytest.raises(BlogDeskError) as caught:
        capture_static(account, tmp_path / "theme")
    assert str(caught.value) == (
        "The site was built, but BlogDesk found no page for the sample post in it (does the "
        "site show posts from content/posts or _posts?)."
    )


@needs_hugo
def test_a_theme_hugo_cannot_build(tmp_path: Path) -> None:
    account = hugo_site(
        tmp_path / "site", single='{{ define "main" }}{{ .NoSuchField }}{{ end }}\n'
    )
    with pytest.raises(BlogDeskError) as caught:
        capture_static(account, tmp_path / "theme")
    message = str(caught.value)
    assert message.startswith("hugo failed to build the sample post:\n")
    assert "NoSuchField" in message  # hugo's own words follow


@needs_hugo
def test_a_build_that_takes_too_long(tmp_path: Path) -> None:
    account = hugo_site(tmp_path / "site")
    with pytest.raises(BlogDeskError) as caught:
        capture_static(account, tmp_path / "theme", timeout=0.001)
    assert str(caught.value) == "hugo did not build the sample post within 0.001 seconds."


def test_hugo_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    account = hugo_site(tmp_path / "site")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a computer without hugo
    with pytest.raises(BlogDeskError) as caught:
        capture_static(account, tmp_path / "theme")
    assert str(caught.value) == (
        "BlogDesk builds a sample post with hugo to see the site's theme, but 'hugo' was not "
        "found. Install it, or give the address of a post's page instead."
    )


def test_a_damaged_hugo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    account = hugo_site(tmp_path / "site")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    broken = bin_dir / "hugo"
    broken.write_bytes(b"\x7fELF\x00\x00 half a download")  # a download cut short
    broken.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    with pytest.raises(BlogDeskError) as caught:
        capture_static(account, tmp_path / "theme")
    message = str(caught.value)
    assert message.startswith("hugo could not be started: ") and "Exec format error" in message
    assert not isinstance(caught.value, FetchError)
    assert not (tmp_path / "theme").exists()  # nothing half-captured left behind
