"""Help ▸ User Guide and Help ▸ Keyboard Shortcuts: both work offline, from an installed wheel.

The guide is the bundled `resources/help/user-guide.md` (the one copy; docs/user-guide.md points
to it), rendered by BlogDesk's own `render()` so it looks like a post. The shortcut sheet is read
from the window's live QActions each time it opens, grouped by menu, so it cannot drift from what
the keys really do (a shortcut changed or added later, e.g. by the Blog menu, shows up as it is).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QTextBrowser, QVBoxLayout, QWidget

from blogdesk import resources
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["GUIDE", "Help", "HelpWindow", "shortcut_groups"]

GUIDE = "help/user-guide.md"
# The group of shortcuts of actions in no menu (the editor's, Esc in focus mode); translated
# where shown.
OTHER_GROUP = QT_TRANSLATE_NOOP("Help", "Not in a menu")

Row = tuple[str, str]  # (command, shortcut as the platform writes it)


class HelpWindow(QDialog):
    """A non-modal window showing HTML (the guide, the shortcut sheet); links to the web open
    in the browser, links inside the page scroll to their heading."""

    def __init__(self, parent: QWidget, title: str, object_name: str) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.resize(720, 640)

    def show_html(self, body: str) -> None:
        self.browser.setHtml(body)
        self.show()
        self.raise_()
        self.activateWindow()


class Help:
    """The two Help actions, and the windows they open (one of each, reused)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        self.guide: HelpWindow | None = None
        self.shortcuts: HelpWindow | None = None
        self.guide_action = QAction(translate("Help", "&User Guide"), window)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda _checked=False: self.show_guide())
        self.shortcuts_action = QAction(translate("Help", "&Keyboard Shortcuts"), window)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(lambda _checked=False: self.show_shortcuts())

    def show_guide(self) -> HelpWindow:
        if self.guide is None:
            # Imported here, not at the top: the renderer (Markdown, Pygments) is ~100 ms of
            # imports the window's first frame does not need; by the time the guide is opened
            # the preview has imported it on a worker already.
            from blogdesk.core.render.rendering import render

            self.guide = HelpWindow(
                self.window, translate("Help", "BlogDesk User Guide"), "userGuide"
            )
            try:
                body = render(resources.read_text(GUIDE)).html
            except OSError as exc:  # a broken install: say so in the window, not in a traceback
                missing = html.escape(str(exc))
                body = (
                    "<p>"
                    + translate(
                        "Help", "The user guide is missing from this installation: {reason}"
                    ).format(reason=missing)
                    + "</p>"
                )
            self.guide.show_html(body)
        else:
            self.guide.show()
            self.guide.raise_()
            self.guide.activateWindow()
        return self.guide

    def show_shortcuts(self) -> HelpWindow:
        if self.shortcuts is None:
            self.shortcuts = HelpWindow(
                self.window, translate("Help", "Keyboard Shortcuts"), "keyboardShortcuts"
            )
        # Built anew each time: menus added after start-up (Blog) and changed keys are included.
        self.shortcuts.show_html(shortcuts_html(shortcut_groups(self.window)))
        return self.shortcuts


def shortcut_groups(window: QMainWindow) -> list[tuple[str, list[Row]]]:
    """(menu title, rows) for each menu of the menu bar that has shortcuts, in menu order, then
    the shortcuts of actions no menu shows (the editor's own, the window's)."""
    groups: list[tuple[str, list[Row]]] = []
    seen: set[QAction] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            rows = list(_menu_rows(menu, "", seen))
            if rows:
                groups.append((_plain(menu.title()), rows))
    others = [
        (_plain(act.text()), keys)
        for act in window.findChildren(QAction)
        if act not in seen and act.menu() is None and (keys := _keys(act))
    ]
    if others:
        groups.append((translate("Help", OTHER_GROUP), sorted(set(others))))
    return groups


def _menu_rows(menu: QMenu, prefix: str, seen: set[QAction]) -> Iterable[Row]:
    for act in menu.actions():
        seen.add(act)
        sub = act.menu()
        if isinstance(sub, QMenu):
            yield from _menu_rows(sub, f"{prefix}{_plain(sub.title())} ▸ ", seen)
        elif not act.isSeparator() and (keys := _keys(act)):
            yield f"{prefix}{_plain(act.text())}", keys


def _keys(act: QAction) -> str:
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText)
        for key in act.shortcuts()
        if not key.isEmpty()
    )


def _plain(text: str) -> str:
    """A menu text without its mnemonic ("&Save" → "Save", "R&&D" → "R&D") or trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def shortcuts_html(groups: list[tuple[str, list[Row]]]) -> str:
    parts = [f"<h1>{html.escape(translate('Help', 'Keyboard Shortcuts'))}</h1>"]
    for title, rows in groups:
        parts.append(f"<h2>{html.escape(title)}</h2><table cellpadding='3'>")
        parts += [
            f"<tr><td width='60%'>{html.escape(cmd)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for cmd, keys in rows
        ]
        parts.append("</table>")
    return "".join(parts)
