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
from their posts. A broken file (not JSON, not an object, a value of the wrong type) is first
copied to `settings.json.bak`, then rewritten with the defaults in place of what was broken, and
the loaded object says what happened (`load_problem`) so the window can tell the author once.

Field metadata, read by the Preferences dialog (ui/preferences) so a new option needs no UI code:
`title` (the label), `section` (the dialog page; options without one are not shown), `tooltip`,
`choices`, `minimum`/`maximum`/`step`/`suffix`/`zero_text` (what 0 means) for numbers, and `kind`
for the few values a plain field cannot edit ("font", "folder", "blog").
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
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
    "chosen_library",
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

BACKUP_SUFFIX = ".bak"

THEMES = ("system", "light", "dark")
PREVIEW_STYLES = ("plain", "blog")
# The post's status words (core.post.rules.KNOWN_STATUSES, in the order an author picks them).
NEW_POST_STATUSES = ("draft", "published", "scheduled", "pending", "private")


class SettingsError(BlogDeskError):
    """A settings file that cannot be written (or read as JSON at all)."""


def _option(default: Any, title: str, **extra: Any) -> Any:
    """A dataclass field with its human title (shown in the settings dialog)."""
    return field(default=default, metadata={"title": title, **extra})


@dataclass
class Settings:
    """The author's preferences, the same for every library."""

    theme: str = _option("system", "Colour theme", choices=THEMES, section="Appearance")
    editor_font_family: str = _option(
        "",
        "Editor font",
        section="Appearance",
        kind="font",
    )
    editor_font_point_size: float = _option(
        0.0,
        "Editor font size",
        section="Appearance",
        minimum=0.0,
        maximum=72.0,
        step=0.5,
        suffix=" pt",
        zero_text="System size",
    )
    line_width_chars: int = _option(
        70,
        "Text column width (characters)",
        section="Appearance",
        tooltip="Wider panes keep the text in a centred column of about this many characters.",
        minimum=0,
        maximum=400,
        zero_text="Whole pane",
    )
    focus_column_chars: int = _option(
        72,
        "Width of the text column in focus mode (characters)",
        section="Appearance",
        minimum=20,
        maximum=400,
    )
    preview_text_percent: int = _option(
        100,
        "Preview text size",
        section="Appearance",
        minimum=50,
        maximum=300,
        step=10,
        suffix=" %",
    )
    smart_quotes: bool = _option(
        True,
        "Typographic quotes and dashes",
        section="Writing",
        tooltip="In the preview and in what is published: both render with the same options.",
    )
    autosave_delay_ms: int = _option(
        1500,
        "Save automatically this long after the last keystroke (milliseconds)",
        section="Writing",
        minimum=200,
        maximum=60_000,
        step=100,
        suffix=" ms",
    )
    journal_delay_ms: int = _option(
        400,
        "Write unsaved text to the crash-recovery journal after (milliseconds)",
        section="Writing",
        minimum=100,
        maximum=10_000,
        step=100,
        suffix=" ms",
    )
    spell_language: str = _option(
        "",
        'Spell-check language, or several (e.g. "en_US, de_DE"; empty: the system\'s)',
        section="Writing",
        tooltip=(
            "Used for posts whose front matter (lang:) and blog name no language. A post in "
            "several languages may list them, separated by commas."
        ),
    )
    typewriter_scrolling: bool = _option(
        False, "Typewriter scrolling (keep the line being written in the middle)", section="Writing"
    )
    dim_other_paragraphs: bool = _option(
        False,
        "Dim all but the current paragraph in focus mode",
        section="Writing",
        tooltip="Also under View → Dim Other Paragraphs in Focus Mode.",
    )
    reopen_last_post: bool = _option(True, "Reopen the last post at start-up", section="Writing")
    library_folder: str = _option(
        "",
        "Library folder (empty: the default one)",
        section="Library",
        kind="folder",
        tooltip="Opened when BlogDesk starts without --library or BLOGDESK_LIBRARY.",
    )
    library_refresh_seconds: int = _option(
        30,
        "Look for changes made outside BlogDesk at least every (seconds)",
        section="Library",
        minimum=5,
        maximum=3600,
        suffix=" s",
    )
    default_blog: str = _option(
        "",
        "Default blog (empty: the first one)",
        section="Publishing",
        kind="blog",
        tooltip="Where Publish sends a post that has not been on a blog yet (an account id).",
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
    # What was wrong with the file when it was loaded ("" when nothing): for the window to show.
    load_problem: str = field(default="", compare=False, repr=False, metadata={"internal": True})


@dataclass
class LibrarySettings:
    """Options that belong to one library and live inside it."""

    allow_remote_content: bool = _option(
        False, "Load remote images and other remote content in the preview", section="Library"
    )
    default_status: str = _option(
        "draft", "Status of new posts", choices=NEW_POST_STATUSES, section="Publishing"
    )
    preview_style: str = _option(
        "plain",
        "Preview style (plain, or blog: the blog's own theme)",
        choices=PREVIEW_STYLES,
    )
    preview_account: str = _option("", "Blog whose theme the preview shows (account id)")
    # The history and the sync between machines (docs/history.md). These stay on this machine:
    # `.blogdesk/` is never synced, so each machine names the remote by its own path or URL.
    history: bool = _option(
        True, "Keep the library's history in git (a version per save)", section="Library"
    )
    sync_remote: str = _option(
        "", "Sync the library through this git remote (path or URL)", section="Library"
    )
    sync_after_save: bool = _option(
        False, "Sync with the git remote after each save", section="Library"
    )
    extra: dict[str, Any] = field(default_factory=dict, repr=False, metadata={"internal": True})
    load_problem: str = field(default="", compare=False, repr=False, metadata={"internal": True})


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


def chosen_library(settings: Settings, asked: Path, default_library: Path) -> Path:
    """The library a window opens: `asked`, unless that is only `default_library` (the author
    named none) and they picked another folder in Preferences. The caller says what the default
    is (and leaves this out when the environment named the library): core reads no paths."""
    if not settings.library_folder:
        return asked
    try:
        is_default = asked.expanduser().resolve() == default_library.expanduser().resolve()
    except OSError:
        is_default = False
    return Path(settings.library_folder).expanduser() if is_default else asked


# -- JSON round trip ------------------------------------------------------------------------------


def _load(cls: type[S], path: Path) -> S:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return cls()
    except OSError as exc:
        # Unreadable is not broken (permissions, a network folder away): leave the file alone.
        log.warning("cannot read %s (%s); using default settings", path, exc)
        return cls()
    try:
        data = json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError is one too
        return _replace_broken(cls(), path, f"it is not valid JSON: {exc}")
    if not isinstance(data, dict):
        return _replace_broken(cls(), path, "it does not hold a JSON object")
    hints = get_type_hints(cls)
    known: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    wrong: list[str] = []
    names = {f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    for key, value in data.items():
        if key not in names:
            extra[key] = value
            continue
        coerced = _coerce(value, hints[key])
        if coerced is _INVALID:
            log.warning("%s: ignoring %s=%r (wrong type); using the default", path, key, value)
            wrong.append(key)
            continue
        known[key] = coerced
    result = cls(**known)
    result.extra = extra
    wrong += _validate_choices(result)
    if wrong:
        return _replace_broken(
            result, path, "a value is not what BlogDesk expects: " + ", ".join(wrong)
        )
    return result


def _backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def _replace_broken(settings: S, path: Path, why: str) -> S:
    """Keep a copy of the broken file beside it, then write `settings` (defaults where the file
    was broken) in its place, so the author is told once and the next start finds a good file.
    Without the copy the broken file is left as it is: the author's file is never lost."""
    backup = _backup_path(path)
    try:
        shutil.copy2(path, backup)
    except OSError as exc:
        log.warning("%s is broken (%s) and cannot be copied to %s: %s", path, why, backup, exc)
        settings.load_problem = (
            f"The settings file {path} could not be read ({why}). BlogDesk uses default "
            f"settings for now and leaves the file as it is (a copy could not be made: "
            f"{exc.strerror or exc})."
        )
        return settings
    try:
        _save(settings, path)
    except SettingsError as exc:  # the copy exists; the next start will say it again
        log.warning("%s", exc)
    log.warning("%s is broken (%s); kept as %s, defaults used", path, why, backup)
    settings.load_problem = (
        f"The settings file {path} could not be read ({why}). BlogDesk uses the default "
        f"settings instead; your file is kept as {backup}."
    )
    return settings


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


def _validate_choices(settings: Settings | LibrarySettings) -> list[str]:
    """Put back the default of every option whose value is not one of its choices; their names."""
    reset = []
    for f in dataclasses.fields(settings):
        choices = f.metadata.get("choices")
        if choices and getattr(settings, f.name) not in choices:
            log.warning("unknown %s %r; using %r", f.name, getattr(settings, f.name), f.default)
            setattr(settings, f.name, f.default)
            reset.append(f.name)
    return reset
