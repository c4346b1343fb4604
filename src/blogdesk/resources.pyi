# Type stub for `blogdesk.resources`, whose code lives in resources/__init__.py at the top of the
# repository (pyproject.toml maps the package there), where mypy's src/ search cannot see it.
# tests/test_packaging.py checks that these names and signatures match the module.
from pathlib import Path

__all__ = ["FOLDER", "path", "read_bytes", "read_text"]

FOLDER: Path

def path(name: str) -> Path: ...
def read_bytes(name: str) -> bytes: ...
def read_text(name: str) -> str: ...
