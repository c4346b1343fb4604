"""Importing PySide6 for the window without its tax on every later import.

On import, PySide6 replaces `builtins.__import__` with its own `__feature_import__`, for the
opt-in `from __feature__ import snake_case, true_property` syntax. As a side effect every module
imported afterwards is read back from its source file (`inspect.getsource`) to see whether it
mentions PySide6, and every import statement goes through a Python-level function. BlogDesk
imports ~150 modules after Qt before its first frame: that was ~74 million instructions, ~5 % of
the whole start before the first frame (docs/performance.md). BlogDesk never uses `__feature__`,
so the window's entry point imports Qt through `import_qt()`, which puts Python's own import
function back. Nothing else of PySide6 changes: types, enums and signatures load as before.
"""

from __future__ import annotations

import builtins

__all__ = ["import_qt"]

FEATURE_IMPORT = "__feature_import__"  # the name of PySide6's replacement


def import_qt() -> bool:
    """Import PySide6.QtCore; True when PySide6's import hook was taken out again. A process
    that imported PySide6 before (pytest-qt, a host application) keeps whatever it has."""
    python_import = builtins.__import__
    import PySide6.QtCore  # noqa: F401

    hook = builtins.__import__
    if hook is python_import or getattr(hook, "__name__", "") != FEATURE_IMPORT:
        return False
    builtins.__import__ = python_import
    return True
