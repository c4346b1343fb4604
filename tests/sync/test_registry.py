"""Provider registry: the built-in WordPress provider and plugins from the entry-point group."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from blogdesk.sync import registry
from blogdesk.sync.provider import BlogProvider, UnsupportedError

PLUGIN = """
class FakeProvider:
    id = "fakeblog"
    display_name = "Fake blog"
    account_fields = ()
    capabilities = frozenset()

    def __init__(self, account, session, secret):
        self.account = account
"""


def _install_plugin(root: Path, monkeypatch: pytest.MonkeyPatch, target: str) -> None:
    (root / "fakeblog_provider.py").write_text(PLUGIN)
    dist = root / "fakeblog-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeblog\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        f"[blogdesk.providers]\nfakeblog = {target}\nbroken = no_such_module:Nothing\n"
    )
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()


def test_builtin_wordpress() -> None:
    cls = registry.get("wordpress")
    assert cls.id == "wordpress"
    assert any(f.secret for f in cls.account_fields)  # the UI builds its form from these
    assert isinstance(cls, type)


def test_plugins_from_entry_points_and_broken_ones_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _install_plugin(tmp_path, monkeypatch, "fakeblog_provider:FakeProvider")
    found = registry.available()
    assert "wordpress" in found and "fakeblog" in found and "broken" not in found
    assert "broken" in caplog.text
    plugin: type[BlogProvider] = registry.get("fakeblog")
    assert plugin.display_name == "Fake blog"


def test_unknown_provider_names_the_known_ones() -> None:
    with pytest.raises(UnsupportedError, match="wordpress"):
        registry.get("livejournal")
