"""Translation of the window's text through Qt's translators.

Every user-visible string of the window is written as ``translate("Context", "English text")``
(``QCoreApplication.translate``): ``pyside6-lupdate`` finds these calls by name and writes them to
``resources/translations/*.ts``. The context is the class (or, for module-level text, the module's
main class) the string belongs to. Text with values in it keeps named placeholders that the
translator can move, filled after translating:
``translate("Ctx", "Could not save {path}: {reason}").format(path=..., reason=...)``; counts use
Qt's plural form: ``translate("Ctx", "%n post(s)", None, n)``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

__all__ = ["translate"]
