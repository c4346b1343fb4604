"""BlogDesk's bundled files: icons, the preview's page, the welcome post (STYLE.md habit 10).

This folder sits at the top of the repository and is installed as the package
`blogdesk.resources` (pyproject.toml maps it). Everything that reads a bundled file goes through
`path()` or `read_text()`: a plain path beside this module, which works from a wheel, an editable
install and a frozen bundle alike, and spares the start-up the import of importlib.resources.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["FOLDER", "path", "read_bytes", "read_text"]

FOLDER = Path(__file__).resolve().parent


def path(name: str) -> Path:
    """The bundled file `name` (a '/'-separated path inside this folder)."""
    found = FOLDER.joinpath(*name.split("/"))
    if not found.is_file():
        raise FileNotFoundError(f"BlogDesk's bundled file {name!r} is missing from {FOLDER}")
    return found


def read_bytes(name: str) -> bytes:
    return path(name).read_bytes()


def read_text(name: str) -> str:
    return path(name).read_text("utf-8")
