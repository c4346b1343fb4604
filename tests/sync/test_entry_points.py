"""A third-party provider found through the `blogdesk.providers` entry-point group, then used by
SyncService exactly like a built-in one (tests/sync/example_provider, see docs/providers.md).

The package is "installed" the way pip would leave it: a `*.dist-info` folder with METADATA and
entry_points.txt on sys.path, so importlib.metadata finds it with no monkey-patching.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from tests.sync.conftest import MakeService

from blogdesk.core.library.library import Library
from blogdesk.sync import registry
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.provider import BlogProvider

HERE = Path(__file__).resolve().parent


def _install(site: Path, monkeypatch: pytest.MonkeyPatch, entries: str) -> None:
    dist = site / "blogdesk_notebook-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: blogdesk-notebook\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(f"[blogdesk.providers]\n{entries}\n")
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.syspath_prepend(str(HERE))  # where the example package's code lives
    importlib.invalidate_caches()


def test_example_plugin_is_found_and_publishes_through_the_service(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    _install(
        tmp_path / "site-packages",
        monkeypatch,
        "notebook = example_provider.provider:NotebookProvider",
    )
    found = registry.available()
    assert {"wordpress", "xmlrpc", "static", "forem", "blogger", "notebook"} <= set(found)
    cls = registry.get("notebook")
    assert cls.display_name.startswith("Notebook")
    folder = tmp_path / "notebook"
    folder.mkdir()
    account = Account.new("nb", "notebook", str(folder), "me")
    assert isinstance(cls(account, make_session(), "t"), BlogProvider)
    assert registry.needs_secret("notebook")

    accounts.add(account)
    credentials.set(account.id, "token-1")
    post = library.create("Via a plugin", "Hello *plugin*.\n", tags=["x"])
    with make_service(library) as service:
        first = service.publish(post.path, account, status="publish")
        assert first.created and (folder / f"{first.remote_id}.json").is_file()
        again = service.publish(post.path, account)
        assert again.remote_id == first.remote_id and not again.created
    assert len(list(folder.glob("*.json"))) == 1


def test_a_plugin_cannot_replace_a_builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(
        tmp_path / "site-packages",
        monkeypatch,
        "static = example_provider.provider:NotebookProvider",
    )
    assert registry.available()["static"].__name__ == "StaticSiteProvider"
    assert registry.get("static").__name__ == "StaticSiteProvider"
