"""The bundle's rules (packaging/pyinstaller/bundle_rules.py, icu_data.py), checked without
building the bundle: against the real files of the PySide6 this suite runs on, and a real
trimmed ICU data library. Building the bundle itself is `make package` (minutes), which applies
the same rules and runs `bundle_rules.py` on what it built."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import PySide6

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging" / "pyinstaller"))

import bundle_rules  # noqa: E402
import icu_data  # noqa: E402

QT = Path(PySide6.__file__).parent / "Qt"
SPEC = ROOT / "packaging" / "pyinstaller" / "blogdesk.spec"


def _dest(file: Path) -> str:
    """The destination PyInstaller gives a file of the PySide6 package."""
    return "PySide6/" + file.relative_to(QT.parent).as_posix()


def test_languages_follow_the_translations_folder(tmp_path: Path) -> None:
    assert bundle_rules.shipped_languages(tmp_path / "missing") == ("de", "en")
    assert bundle_rules.shipped_languages(tmp_path) == ("de", "en")  # empty: the fallback
    for name in ("blogdesk_fr.ts", "blogdesk_pt_BR.qm", "blogdesk_fr.qm", "notes.txt", "qt_ja.qm"):
        (tmp_path / name).write_text("", encoding="utf-8")
    # Once the folder holds translations, they are the list (German no longer implied).
    assert bundle_rules.shipped_languages(tmp_path) == ("en", "fr", "pt_BR")


def test_the_repositorys_languages_are_english_and_its_translations() -> None:
    folder = ROOT / "resources" / "translations"
    found = {p.stem.removeprefix("blogdesk_") for p in folder.glob("blogdesk_*.[tq][sm]")}
    expected = {"en", *(found or {"de"})}
    assert set(bundle_rules.shipped_languages()) == expected


def test_only_the_shipped_languages_of_qt_translations_are_kept() -> None:
    files = [p for p in (QT / "translations").rglob("*") if p.is_file()]
    assert len(files) > 100  # the wheel's catalogs and QtWebEngine's 50-odd locales
    kept = {
        p.relative_to(QT / "translations").as_posix()
        for p in files
        if bundle_rules.keep_data(_dest(p), ("de", "en"))
    }
    assert kept == {
        "qtwebengine_locales/de.pak",
        "qtwebengine_locales/en-US.pak",
        "qtwebengine_locales/en-GB.pak",
        "qtbase_de.qm",
        "qtbase_en.qm",
        "qtwebengine_de.qm",
        "qtwebengine_en.qm",
    }
    # A regional language keeps its own region only; English keeps both of Chromium's.
    with_pt_br = {p.name for p in files if bundle_rules.keep_data(_dest(p), ("en", "pt_BR"))}
    assert {"pt-BR.pak", "en-US.pak", "en-GB.pak", "qtbase_pt_BR.qm"} <= with_pt_br
    assert "pt-PT.pak" not in with_pt_br and "qtbase_de.qm" not in with_pt_br


def test_plugins_a_desktop_window_needs_are_kept_and_the_rest_left_out() -> None:
    plugins = {
        p.relative_to(QT / "plugins").as_posix().split(".")[0]
        for p in (QT / "plugins").rglob("*.so")
        if bundle_rules.keep_binary(_dest(p))
    }
    for needed in (
        "platforms/libqxcb",
        "platforms/libqwayland",
        "platforms/libqoffscreen",  # --self-test
        "imageformats/libqjpeg",
        "imageformats/libqgif",
        "imageformats/libqwebp",
        "imageformats/libqsvg",
        "iconengines/libqsvgicon",
        "platformthemes/libqxdgdesktopportal",
        "platforminputcontexts/libibusplatforminputcontextplugin",
        "platforminputcontexts/libcomposeplatforminputcontextplugin",
        "xcbglintegrations/libqxcb-glx-integration",
        "wayland-shell-integration/libxdg-shell",
    ):
        assert needed in plugins, needed
    for dropped in (
        "platforms/libqeglfs",
        "platforms/libqvnc",
        "platformthemes/libqgtk3",
        "imageformats/libqpdf",
        "generic/libqevdevmouseplugin",
        "wayland-shell-integration/libivi-shell",
    ):
        assert (QT / "plugins" / f"{dropped}.so").exists(), dropped  # the rule meets a real file
        assert dropped not in plugins, dropped
    assert not any(p.startswith(("multimedia/", "sqldrivers/", "qmltooling/")) for p in plugins)
    assert not bundle_rules.keep_binary("PySide6/Qt/qml/QtQuick/libqtquick2plugin.so")
    assert bundle_rules.keep_binary("PySide6/Qt/lib/libQt6WebEngineCore.so.6")


def test_excluded_modules_spare_what_blogdesk_and_qtwebengine_import() -> None:
    excluded = set(bundle_rules.EXCLUDED_MODULES)
    for module in ("PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore", "PySide6.QtMultimedia"):
        assert module in excluded
    kept = ("QtCore", "QtGui", "QtWidgets", "QtNetwork", "QtWebEngineCore", "QtWebEngineWidgets")
    for module in (*kept, "QtWebChannel", "QtPrintSupport", "QtPositioning"):
        assert f"PySide6.{module}" not in excluded


def test_the_spec_applies_the_rules() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    compile(spec, "blogdesk.spec", "exec")
    assert "excludes=EXCLUDED_MODULES" in spec
    assert "keep_binary(e[0])" in spec
    assert "keep_data(e[0], LANGUAGES)" in spec
    assert "LANGUAGES = bundle_rules.shipped_languages()" in spec
    assert "a.binaries = smaller_icu_data(a.binaries)" in spec
    build = (ROOT / "scripts" / "build-bundle.sh").read_text(encoding="utf-8")
    assert "packaging/pyinstaller/bundle_rules.py dist/blogdesk/_internal" in build


def test_check_bundle_finds_what_the_rules_leave_out(tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    translations = internal / "PySide6" / "Qt" / "translations"
    for name in ("qtwebengine_locales/en-US.pak", "qtwebengine_locales/de.pak", "qtbase_de.qm"):
        (translations / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(QT / "translations" / name, translations / name)
    assert bundle_rules.check_bundle(internal, ("de", "en")) == []
    shutil.copy(
        QT / "translations/qtwebengine_locales/fr.pak", translations / "qtwebengine_locales"
    )
    (internal / "PySide6" / "Qt" / "plugins" / "generic").mkdir(parents=True)
    (internal / "PySide6" / "Qt" / "plugins" / "generic" / "libqevdevmouseplugin.so").touch()
    (internal / "PySide6" / "QtQml.abi3.so").touch()
    problems = bundle_rules.check_bundle(internal, ("de", "en", "ja"))
    assert problems == [
        "PySide6/Qt/plugins/generic/libqevdevmouseplugin.so: a left-out Qt plug-in or QML module",
        "PySide6/Qt/translations/qtwebengine_locales/fr.pak: not a shipped language (de, en, ja)",
        "no QtWebEngine locale for ja",
        "PySide6.QtQml: excluded, yet its binding is in the bundle",
    ]


ICU_LIB = next((QT / "lib").glob("libicudata.so.*"), None)


@pytest.mark.slow
def test_smaller_icu_data_gives_qt_the_same_answers(tmp_path: Path) -> None:
    assert ICU_LIB is not None, "this PySide6 carries no libicudata"
    trimmed = icu_data.trim(ICU_LIB, tmp_path / "icu")
    assert trimmed.name == ICU_LIB.name
    assert trimmed.stat().st_size < 0.6 * ICU_LIB.stat().st_size  # 30.6 -> 15.7 MB for ICU 73
    dropped = (tmp_path / "icu" / "dropped.txt").read_text(encoding="utf-8").split()
    assert any(item.startswith("brkitr/") for item in dropped)
    assert not any(item.startswith(("coll/", "zone/")) or item.endswith(".cnv") for item in dropped)
    assert icu_data.same_answers(sys.executable, trimmed) == []


@pytest.mark.slow
def test_the_icu_comparison_fails_when_qt_loses_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Collation and time-zone names also removed: the comparison must notice.
    assert ICU_LIB is not None
    monkeypatch.setattr(icu_data, "DROPPED_FOLDERS", (*icu_data.DROPPED_FOLDERS, "coll/", "zone/"))
    trimmed = icu_data.trim(ICU_LIB, tmp_path / "icu")
    problems = icu_data.same_answers(sys.executable, trimmed)
    assert any(p.startswith("sort sv_SE:") for p in problems)
    assert any(p.startswith("zone Europe/Berlin de_DE:") for p in problems)


def test_trim_refuses_a_library_without_icu_data(tmp_path: Path) -> None:
    not_icu = next((QT / "lib").glob("libQt6Core.so*"))
    with pytest.raises(icu_data.IcuDataError, match="no icudtNN_dat symbol"):
        icu_data.trim(not_icu, tmp_path / "icu")
