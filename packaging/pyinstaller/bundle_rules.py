"""What the PyInstaller bundle keeps and leaves out: the rules blogdesk.spec applies to the files
PyInstaller's hooks collect. Plain Python with no PyInstaller import, so tests/packaging checks
these rules directly; every figure is in docs/install.md ("What is in the bundle").

A destination is the path a file gets inside the bundle's ``_internal/`` folder, e.g.
``PySide6/Qt/translations/qtwebengine_locales/de.pak``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

REPO = Path(__file__).resolve().parents[2]
TRANSLATIONS = REPO / "resources" / "translations"

# The languages BlogDesk's window is translated into are the blogdesk_<lang>.ts (or .qm) files of
# resources/translations/; English is the source language. Until the first translation lands
# there, German is the one promised, so it is kept.
SOURCE_LANGUAGE = "en"
FALLBACK_LANGUAGES = ("de",)

# Python modules that hooks would otherwise drag in. QtWebEngineCore's hook adds the Python
# bindings of every Qt library it links (QtQuick, QtQml, ...), and the QtQml hook then collects
# the whole qml/ folder (30 MB) with the libraries of every QML module (3D, Multimedia, Charts,
# ...). BlogDesk never imports these bindings; the libraries QtWebEngine links still come in
# through PyInstaller's binary analysis.
EXCLUDED_MODULES = [
    "tkinter",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtMultimedia",
    "PySide6.QtPdf",
    "PySide6.Qt3DCore",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    # Pillow only strips metadata from images before upload (blogdesk.sync.media): no Tk, and no
    # text drawing (ImageFont brings its own FreeType and HarfBuzz, 2.5 MB).
    "PIL.ImageTk",
    "PIL._imagingtk",
    "PIL.ImageFont",
    "PIL._imagingft",
]

# Qt plug-in folders a desktop window uses; every other kind (multimedia, position, sensors,
# SQL drivers, QML tooling, network information, TLS — QtNetwork only serves the local
# single-instance socket) is left out.
KEPT_PLUGIN_FOLDERS = {
    "platforms",
    "platformthemes",
    "platforminputcontexts",  # ibus and compose keys: typing accents and CJK
    "imageformats",  # images in posts and the SVG icon
    "iconengines",  # the SVG icon engine
    "xcbglintegrations",  # OpenGL on X11 (GLX or EGL); egldeviceintegrations serve EGLFS only
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
    # Not "generic": its evdev and TUIO input plug-ins serve EGLFS/LinuxFB kiosks and touch
    # tables; on a desktop, xcb and wayland deliver touch and tablet input themselves.
}
DROPPED_PLUGINS = {
    # Screens BlogDesk never runs on (kiosk framebuffers, VNC servers, Vulkan displays). Kept:
    # xcb and wayland (desktops), offscreen (--self-test, CI), minimal.
    "platforms": {"libqeglfs", "libqlinuxfb", "libqminimalegl", "libqvkkhrdisplay", "libqvnc"},
    # GTK 3's theme would add GTK to the package's dependencies; the portal theme gives the
    # desktop's own file dialogs on GNOME and KDE alike.
    "platformthemes": {"libqgtk3"},
    # The virtual keyboard is a QML module (it would bring Qt Quick Controls back).
    "platforminputcontexts": {"libqtvirtualkeyboardplugin"},
    "imageformats": {"libqpdf"},  # PDF rendering: Qt PDF, 4.4 MB, never used
    # Shells of embedded compositors (in-vehicle IVI, fullscreen kiosks, Qt's own compositor
    # demo, the long-deprecated wl_shell); desktops speak xdg-shell.
    "wayland-shell-integration": {
        "libivi-shell",
        "libfullscreen-shell-v1",
        "libqt-shell",
        "libwl-shell-plugin",
    },
}

# Files of QtWebEngine that BlogDesk's preview never reads. The DevTools front end (12 MB) only
# serves "Inspect element", which BlogDesk does not offer; Chromium reads the .pak lazily, so
# without it the preview works (checked by --self-test).
DROPPED_DATA_NAMES = {"qtwebengine_devtools_resources.pak"}

# Qt's own UI translations kept for the shipped languages: qtbase (standard dialog buttons, the
# file dialog, context menus of text fields) and qtwebengine (the preview's context menu). The
# others translate Qt modules BlogDesk does not ship (Designer, QML, Multimedia, ...); qt_<lang>.qm
# is only an index that loads those.
QT_CATALOGS = ("qtbase", "qtwebengine")


def shipped_languages(folder: Path = TRANSLATIONS) -> tuple[str, ...]:
    """English plus the language of every blogdesk_<lang>.ts/.qm in `folder` (e.g. "de",
    "pt_BR"), sorted; English plus FALLBACK_LANGUAGES while the folder holds none."""
    found = set()
    if folder.is_dir():
        for file in folder.iterdir():
            if file.suffix in (".ts", ".qm") and file.stem.startswith("blogdesk_"):
                found.add(file.stem.removeprefix("blogdesk_"))
    return tuple(sorted({SOURCE_LANGUAGE, *(found or FALLBACK_LANGUAGES)}))


def _matches(name: str, languages: tuple[str, ...]) -> bool:
    """Whether a locale name ("de", "en-GB", "pt_BR") belongs to one of `languages`: the same
    language, or a regional variant of it ("en" keeps en-US and en-GB; "pt_BR" keeps only pt-BR)."""
    name = name.replace("-", "_")
    return any(name == language or name.startswith(language + "_") for language in languages)


def keep_translation(parts: tuple[str, ...], languages: tuple[str, ...]) -> bool:
    """For a file under PySide6/Qt/translations/ (`parts` after "translations"): QtWebEngine's
    locale .pak of a shipped language, or a QT_CATALOGS .qm of one."""
    name = parts[-1]
    if parts[:1] == ("qtwebengine_locales",) and len(parts) == 2:
        return name.endswith(".pak") and _matches(name.removesuffix(".pak"), languages)
    if len(parts) == 1 and name.endswith(".qm"):
        catalog, _, language = name.removesuffix(".qm").partition("_")
        return catalog in QT_CATALOGS and _matches(language, languages)
    return False


def qt_dir_part(dest: str) -> tuple[str, ...]:
    """('plugins', 'platforms', 'libqxcb.so') style parts of a destination under PySide6/Qt/."""
    parts = PurePosixPath(str(dest).replace("\\", "/")).parts
    if len(parts) >= 3 and parts[0] == "PySide6" and parts[1] == "Qt":
        return parts[2:]
    return ()


def keep_data(dest: str, languages: tuple[str, ...]) -> bool:
    parts = qt_dir_part(dest)
    if PurePosixPath(str(dest).replace("\\", "/")).name in DROPPED_DATA_NAMES:
        return False
    if parts[:1] == ("qml",):
        return False
    if parts[:1] == ("translations",):
        return keep_translation(parts[1:], languages)
    return True


def keep_binary(dest: str) -> bool:
    parts = qt_dir_part(dest)
    if parts[:1] == ("qml",):
        return False
    if parts[:1] == ("plugins",) and len(parts) >= 3:
        folder, stem = parts[1], parts[2].split(".")[0]
        if folder not in KEPT_PLUGIN_FOLDERS or stem in DROPPED_PLUGINS.get(folder, set()):
            return False
    return True


def check_bundle(internal: Path, languages: tuple[str, ...]) -> list[str]:
    """What a built bundle's _internal/ folder holds against these rules: one line per file that
    should not be there (or missing language), empty when it follows them. build-bundle.sh runs
    it on every build (`python bundle_rules.py dist/blogdesk/_internal`)."""
    problems = []
    qt = internal / "PySide6" / "Qt"
    for file in sorted(p for p in internal.rglob("*") if p.is_file() or p.is_symlink()):
        dest = file.relative_to(internal).as_posix()
        parts = qt_dir_part(dest)
        if parts[:1] == ("translations",) and not keep_translation(parts[1:], languages):
            problems.append(f"{dest}: not a shipped language ({', '.join(languages)})")
        elif parts[:1] in (("plugins",), ("qml",)) and not keep_binary(dest):
            problems.append(f"{dest}: a left-out Qt plug-in or QML module")
        elif file.name in DROPPED_DATA_NAMES:
            problems.append(f"{dest}: left out on purpose")
    paks = {
        p.stem.replace("-", "_")
        for p in (qt / "translations" / "qtwebengine_locales").glob("*.pak")
    }
    for language in languages:
        if not any(pak == language or pak.startswith(language + "_") for pak in paks):
            problems.append(f"no QtWebEngine locale for {language}")
    for module in EXCLUDED_MODULES:
        if module.startswith("PySide6.") and list((internal / "PySide6").glob(module[8:] + ".*")):
            problems.append(f"{module}: excluded, yet its binding is in the bundle")
    return problems


if __name__ == "__main__":
    import sys

    shipped = shipped_languages()
    found = check_bundle(Path(sys.argv[1]), shipped)
    for line in found:
        print(f"bundle_rules.py: {line}", file=sys.stderr)
    if not found:
        print(f"bundle_rules.py: {sys.argv[1]} follows the rules (languages: {', '.join(shipped)})")
    sys.exit(1 if found else 0)
