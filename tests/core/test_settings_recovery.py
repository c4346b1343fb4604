"""A broken settings file: a copy kept as settings.json.bak, the defaults written in its place,
and `load_problem` saying so (once: the next load finds a good file). And the metadata the
Preferences dialog is built from."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from blogdesk.core import paths
from blogdesk.core.settings import (
    LibrarySettings,
    Settings,
    chosen_library,
    load_library_settings,
    load_settings,
    settings_path,
)


def _write(content: bytes) -> Path:
    path = settings_path(paths.config_dir())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'"text"', b"\xff\xfe{}"])
def test_unreadable_file_is_kept_and_replaced_by_defaults(content: bytes) -> None:
    path = _write(content)
    settings = load_settings(paths.config_dir())
    assert settings == Settings()
    assert path.with_name("settings.json.bak").read_bytes() == content
    assert json.loads(path.read_text())["theme"] == "system"
    assert str(path) in settings.load_problem
    assert "settings.json.bak" in settings.load_problem
    assert load_settings(paths.config_dir()).load_problem == ""  # reported once


def test_wrong_values_keep_the_rest() -> None:
    path = _write(json.dumps({"smart_quotes": False, "theme": "purple", "mine": 1}).encode())
    settings = load_settings(paths.config_dir())
    assert settings.smart_quotes is False and settings.theme == "system"
    assert "theme" in settings.load_problem and "smart_quotes" not in settings.load_problem
    stored = json.loads(path.read_text())
    assert stored["smart_quotes"] is False and stored["mine"] == 1
    assert json.loads(path.with_name("settings.json.bak").read_text())["theme"] == "purple"


def test_a_good_file_is_left_alone() -> None:
    path = _write(json.dumps({"theme": "dark"}).encode())
    before = path.read_bytes()
    assert load_settings(paths.config_dir()).load_problem == ""
    assert path.read_bytes() == before
    assert not path.with_name("settings.json.bak").exists()


def test_without_a_copy_the_broken_file_stays(tmp_path: Path, monkeypatch) -> None:
    path = _write(b"{broken")
    import shutil

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(shutil, "copy2", refuse)
    settings = load_settings(paths.config_dir())
    assert settings == Settings()
    assert path.read_bytes() == b"{broken"
    assert "leaves the file as it is" in settings.load_problem


def test_library_settings_get_the_same_care(tmp_path: Path) -> None:
    folder = tmp_path / ".blogdesk"
    folder.mkdir()
    (folder / "settings.json").write_text('{"default_status": "gone"}')
    settings = load_library_settings(tmp_path)
    assert settings.default_status == "draft"
    assert "default_status" in settings.load_problem
    assert (folder / "settings.json.bak").exists()


def test_every_shown_option_has_what_the_dialog_needs() -> None:
    for cls in (Settings, LibrarySettings):
        for f in dataclasses.fields(cls):
            if f.metadata.get("internal"):
                continue
            assert f.metadata["title"]
            if f.metadata.get("section"):
                assert f.metadata["section"] in ("Appearance", "Writing", "Library", "Publishing")
    # The spell checker's own preference is the one the dialog shows (no second field for it).
    names = {f.name for f in dataclasses.fields(Settings)}
    assert "spell_language" in names and "spell_check_language" not in names
    spell = {f.name: f for f in dataclasses.fields(Settings)}["spell_language"]
    assert spell.metadata["section"] == "Writing" and "lang:" in spell.metadata["tooltip"]
    assert Settings().line_width_chars == 70


def test_chosen_library(tmp_path: Path) -> None:
    mine, named, default = tmp_path / "mine", tmp_path / "named", tmp_path / "default"
    assert chosen_library(Settings(), default, default) == default
    settings = Settings(library_folder=str(mine))
    assert chosen_library(settings, default, default) == mine
    assert chosen_library(settings, named, default) == named  # --library wins


def test_the_environment_wins_over_the_chosen_folder(tmp_path: Path, monkeypatch) -> None:
    from blogdesk.services import Services

    mine, named = tmp_path / "mine", tmp_path / "named"
    path = _write(json.dumps({"library_folder": str(mine)}).encode())
    assert path.parent == paths.config_dir()
    assert Services().window_library(paths.default_library()) == mine
    monkeypatch.setenv("BLOGDESK_LIBRARY", str(named))
    services = Services()  # what `blogdesk` builds with BLOGDESK_LIBRARY set
    assert services.window_library(paths.default_library()) == paths.default_library() == named
