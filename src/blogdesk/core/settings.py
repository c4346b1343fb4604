"""BlogDesk's settings, declared once (STYLE.md habit 11).

Two typed dataclasses, each option with a default and a human title in its field metadata:
- `Settings`: the author's preferences, `settings.json` in the config folder the caller names
  (`blogdesk.services` passes the user's config folder);
- `LibrarySettings`: what belongs to one library (and travels with it), `.blogdesk/settings.json`
  inside the library.

`render_options(settings)` is the one mapping from the preferences to the renderer's options: the
preview and publishing both call it, so what is published is what was previewed.

Both are plain JSON, saved atomically. Keys this version does not know (written by a newer
BlogDesk, or by hand) are kept and written back untouched. A value of the wrong type falls back to
the default instead of stopping the program, since a broken preference must never keep the author
from their posts.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_type_hints

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.fsutil import atomic_write

if TYPE_CHECKING:
    from blogdesk.core.render.rendering import RenderOptions

__all__ = [
    "LibrarySettings",
    "Settings",
    "SettingsError",
    "load_library_settings",
    "load_settings",
    "option_titles",
    "render_options",
    "save_library_settings",
    "save_settings",
    "settings_path",
]

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
LIBRARY_SETTINGS_FILE = Path(".blogdesk") / "settings.json"

THEMES = ("system", "light", "dark")


class SettingsError(BlogDeskError):
    """A settings file that cannot be written (or read as JSON at all)."""


def _option(default: Any, title: str, **extra: Any) -> Any:
    """A dataclass field with its human title (shown in the settings dialog)."""
    return field(default=default, metadata={"title": title, **extra})


@dataclass
class Settings:
    """The author's preferences, the same for every library."""

    theme: str = _option("system", "Colour theme (system, light or dark)", choices=THEMES)
    autosave_delay_ms: int = _option(
        1500, "Save automatically this long after the last keystroke (milliseconds)"
    )
    journal_delay_ms: int = _option(
        400, "Write unsaved text to the crash-recovery journal after (milliseconds)"
    )
    editor_font_family: str = _option("", "Editor font (empty: the system's fixed-width font)")
    editor_font_point_size: float = _option(0.0, "Editor font size in points (0: system size)")
    focus_column_chars: int = _option(72, "Width of the text column in focus mode (characters)")
    library_refresh_seconds: int = _option(
        30, "Look for changes made outside BlogDesk at least every (seconds)"
    )
    smart_quotes: bool = _option(True, "Typographic quotes and dashes in the preview")
    reopen_last_post: bool = _option(True, "Reopen the last post at start-up")
    spell_language: str = _option(
        "", 'Spell-check language, or several (e.g. "en_US, de_DE"; empty: the system\'s)'
    )
    recent_files: list[str] = field(
        default_factory=list, metadata={"title": "Recently opened files"}
    )
    # Set once the first-run assistant was finished or skipped: it is not shown again (only
    # `blogdesk --first-run` brings it back).
    first_run_done: bool = field(
        default=False, metadata={"title": "The first-run assistant was shown"}
    )

    # Keys found in the file that this version does not know; written back as they were.
    extra: dict[str, Any] = field(default_factory=dict, repr=False, metadata={"internal": True})


@dataclass
class LibrarySettings:
    """Options that belong to one library and live inside it."""

    allow_remote_content: bool = _option(
        False, "Load remote images and other remote content in the preview"
    )
    default_status: str = _option("draft", "Status of new posts")
    extra: dict[str, Any] = field(default_factory=dict, repr=False, metadata={"internal": True})


S = TypeVar("S", Settings, LibrarySettings)


def option_titles(cls: type[Settings] | type[LibrarySettings]) -> dict[str, str]:
    """`{option name: human title}` in declaration order (internal fields left out)."""
    return {
        f.name: str(f.metadata["title"])
        for f in dataclasses.fields(cls)
        if not f.metadata.get("internal")
    }


def settings_path(config_dir: Path) -> Path:
    return Path(config_dir) / SETTINGS_FILE


def load_settings(config_dir: Path) -> Settings:
    """The preferences saved in `config_dir`, or the defaults when there are none yet."""
    return _load(Settings, settings_path(config_dir))


def save_settings(settings: Settings, config_dir: Path) -> None:
    _save(settings, settings_path(config_dir))


def render_options(settings: Settings) -> RenderOptions:
    """The renderer's options for these preferences: the preview and publishing both take them
    from here, so the HTML sent to a blog is the HTML the author saw."""
    # Imported here: the renderer pulls in Python-Markdown and Pygments, which the window loads
    # only after its first frame (start-up time), while settings are read before it.
    from blogdesk.core.render.rendering import RenderOptions

    return RenderOptions(smart_quotes=settings.smart_quotes)


def load_library_settings(library_root: Path) -> LibrarySettings:
    return _load(LibrarySettings, Path(library_root) / LIBRARY_SETTINGS_FILE)


def save_library_settings(settings: LibrarySettings, library_root: Path) -> None:
    _save(settings, Path(library_root) / LIBRARY_SETTINGS_FILE)


# -- JSON round trip ------------------------------------------------------------------------------


def _load(cls: type[S], path: Path) -> S:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return cls()
    except OSError as exc:
        log.warning("cannot read %s (%s); using default settings", path, exc)
        return cls()
    try:
        data = json.loads(raw)
    except ValueError:
        log.warning("%s is not valid JSON; using default settings", path)
        return cls()
    if not isinstance(data, dict):
        log.warning("%s does not hold a JSON object; using default settings", path)
        return cls()
    hints = get_type_hints(cls)
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    for key, value in data.items():
        if key not in names:
            extra[key] = value
            continue
        coerced = _coerce(value, hints[key])
        if coerced is _INVALID:
            log.warning("%s: ignoring %s=%r (wrong type); using the default", path, key, value)
            continue
        known[key] = coerced
    result = cls(**known)
    result.extra = extra
    _validate_choices(result)
    return result


def _save(settings: Settings | LibrarySettings, path: Path) -> None:
    data: dict[str, Any] = dict(settings.extra)
    for f in dataclasses.fields(settings):
        if f.metadata.get("internal"):
            continue
        data[f.name] = getattr(settings, f.name)
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise SettingsError(f"Could not save settings to {path}: {exc.strerror or exc}") from exc


_INVALID = object()


def _coerce(value: Any, hint: Any) -> Any:
    """`value` as the declared type, or _INVALID. Ints are accepted where floats are declared."""
    if hint is bool:
        return value if isinstance(value, bool) else _INVALID
    if hint is int:
        return value if isinstance(value, int) and not isinstance(value, bool) else _INVALID
    if hint is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return float(value) if ok else _INVALID
    if hint is str:
        return value if isinstance(value, str) else _INVALID
    if getattr(hint, "__origin__", None) is list:
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        return _INVALID
    return value


def _validate_choices(settings: Settings | LibrarySettings) -> None:
    for f in dataclasses.fields(settings):
        choices = f.metadata.get("choices")
        if choices and getattr(settings, f.name) not in choices:
            log.warning("unknown %s %r; using %r", f.name, getattr(settings, f.name), f.default)
            setattr(settings, f.name, f.default)
