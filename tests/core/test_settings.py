"""Settings: defaults, round trip, unknown keys kept, bad values fall back, per-library file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blogdesk.core import paths
from blogdesk.core.settings import (
    LibrarySettings,
    Settings,
    SettingsError,
    load_library_settings,
    load_settings,
    option_titles,
    save_library_settings,
    save_settings,
    settings_path,
)


def test_defaults_when_no_file() -> None:
    settings = load_settings(paths.config_dir())
    assert settings == Settings()
    assert settings.autosave_delay_ms <= 2000  # the "nothing lost after 2 s" promise
    assert not settings_path(paths.config_dir()).exists()


def test_the_composition_root_reads_them_from_the_config_dir() -> None:
    from blogdesk.services import Services

    path = settings_path(paths.config_dir())
    assert path.parent == paths.config_dir()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"smart_quotes": False}))
    services = Services()
    assert services.settings.smart_quotes is False
    assert services.render_options().smart_quotes is False  # what preview and publish use


def test_round_trip_keeps_unknown_keys() -> None:
    path = settings_path(paths.config_dir())
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"theme": "dark", "from_the_future": {"a": [1, 2]}}))
    settings = load_settings(paths.config_dir())
    assert settings.theme == "dark"
    settings.focus_column_chars = 90
    settings.recent_files = ["/tmp/a.md"]
    save_settings(settings, paths.config_dir())
    data = json.loads(path.read_text())
    assert data["from_the_future"] == {"a": [1, 2]}
    assert data["focus_column_chars"] == 90
    again = load_settings(paths.config_dir())
    assert again.focus_column_chars == 90
    assert again.recent_files == ["/tmp/a.md"]
    assert again.theme == "dark"


@pytest.mark.parametrize(
    "content",
    ["not json", "[1, 2]", json.dumps({"autosave_delay_ms": "soon", "theme": "purple"})],
)
def test_broken_values_fall_back_to_defaults(content: str) -> None:
    path = settings_path(paths.config_dir())
    path.parent.mkdir(parents=True)
    path.write_text(content)
    settings = load_settings(paths.config_dir())
    assert settings.autosave_delay_ms == Settings().autosave_delay_ms
    assert settings.theme == "system"


def test_int_accepted_for_float_and_bool_not_for_int() -> None:
    path = settings_path(paths.config_dir())
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"editor_font_point_size": 12, "library_refresh_seconds": True}))
    settings = load_settings(paths.config_dir())
    assert settings.editor_font_point_size == 12.0
    assert settings.library_refresh_seconds == Settings().library_refresh_seconds


def test_every_option_has_a_title() -> None:
    titles = option_titles(Settings)
    assert "extra" not in titles
    assert titles["theme"].startswith("Colour theme")
    assert all(titles.values())
    assert "allow_remote_content" in option_titles(LibrarySettings)


def test_library_settings_live_in_the_library(tmp_path: Path) -> None:
    assert load_library_settings(tmp_path).allow_remote_content is False
    save_library_settings(LibrarySettings(allow_remote_content=True), tmp_path)
    stored = json.loads((tmp_path / ".blogdesk" / "settings.json").read_text())
    assert stored["allow_remote_content"] is True
    assert load_library_settings(tmp_path).allow_remote_content is True


def test_unwritable_location_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SettingsError, match="Could not save settings"):
        save_settings(Settings(), blocker)
