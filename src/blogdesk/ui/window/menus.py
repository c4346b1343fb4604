"""Menus, toolbar, panel toggles and focus mode of the main window.

Shortcuts are Qt's standard keys where one exists (New, Open, Save, Close, Quit, Undo, Redo, Find),
so they match the platform. Editor-only commands (bold, headings, …) are the editor's own actions,
bound to the editor so they never steal keys from other fields.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolBar,
)

from blogdesk import __version__
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.settings import save_library_settings
from blogdesk.ui.window.state import PANELS

if TYPE_CHECKING:
    from blogdesk.ui.window.main_window import MainWindow

__all__ = ["build", "panel_visible", "set_focus_mode", "set_panel_visible", "sync_fullscreen"]

PANEL_TITLES = {
    "library": ("&Library", "Ctrl+Shift+B"),
    "outline": ("&Outline", "Ctrl+Shift+U"),
    "metadata": ("P&roperties", "Ctrl+Shift+M"),
    "preview": ("&Preview", "Ctrl+Alt+P"),  # Ctrl+Shift+P is Publish
}
FORMAT_ACTIONS = (
    "bold",
    "italic",
    "code",
    "link",
    "image",
    None,
    "heading1",
    "heading2",
    "heading3",
    None,
    "quote",
    "bullet_list",
    "numbered_list",
    "code_block",
)


def _action(
    window: MainWindow,
    text: str,
    slot: Callable[..., Any],
    shortcut: Any = None,
    icon: str | None = None,
    checkable: bool = False,
) -> QAction:
    act = QAction(text, window)
    if icon:
        act.setIcon(QIcon.fromTheme(icon))
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    act.setCheckable(checkable)
    if checkable:
        act.toggled.connect(lambda on: slot(on))
    else:
        act.triggered.connect(lambda _checked=False: slot())
    return act


def build(window: MainWindow) -> None:
    panel, docs, editor = window.library_panel.post_actions, window.documents, window.editor
    editor_actions = editor.actions_by_name()
    acts: dict[str, QAction] = {}
    window.menu_actions = acts

    acts["new"] = panel.new_action
    panel.new_action.setIcon(QIcon.fromTheme("document-new"))
    acts["open"] = _action(
        window,
        "&Open File…",
        lambda: _open_dialog(window),
        QKeySequence.StandardKey.Open,
        "document-open",
    )
    acts["save"] = _action(
        window, "&Save", docs.save_now, QKeySequence.StandardKey.Save, "document-save"
    )
    acts["close"] = _action(
        window, "&Close Post", docs.close_document, QKeySequence.StandardKey.Close
    )
    acts["quit"] = _action(
        window, "&Quit", window.close, QKeySequence.StandardKey.Quit, "application-exit"
    )
    acts["quit"].setMenuRole(QAction.MenuRole.QuitRole)

    file_menu = window.menuBar().addMenu("&File")
    file_menu.addActions([acts["new"], acts["open"]])
    window.recent_menu = file_menu.addMenu("Open &Recent")
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent(window))
    file_menu.addActions([acts["save"], acts["close"]])
    import_menu = file_menu.addMenu("&Import")
    acts["import_wxr"] = _action(window, "&WordPress Export (WXR)…", lambda: _import(window, "wxr"))
    acts["import_folder"] = _action(
        window, "&Jekyll or Hugo Folder…", lambda: _import(window, "folder")
    )
    import_menu.addActions([acts["import_wxr"], acts["import_folder"]])
    file_menu.addSeparator()
    file_menu.addActions(
        [
            panel.duplicate_action,
            panel.rename_action,
            panel.delete_action,
            panel.undo_delete_action,
            panel.reveal_action,
        ]
    )
    file_menu.addSeparator()
    file_menu.addAction(acts["quit"])

    acts["undo"] = _action(
        window, "&Undo", lambda: _undo(window), QKeySequence.StandardKey.Undo, "edit-undo"
    )
    acts["redo"] = _action(window, "&Redo", editor.redo, QKeySequence.StandardKey.Redo, "edit-redo")
    edit_menu = window.menuBar().addMenu("&Edit")
    edit_menu.addActions([acts["undo"], acts["redo"]])
    edit_menu.addSeparator()
    for name, text, key in (
        ("cut", "Cu&t", QKeySequence.StandardKey.Cut),
        ("copy", "&Copy", QKeySequence.StandardKey.Copy),
        ("paste", "&Paste", QKeySequence.StandardKey.Paste),
        ("select_all", "Select &All", QKeySequence.StandardKey.SelectAll),
    ):
        acts[name] = _action(
            window,
            text,
            partial(_edit_command, window, name),
            key,
            f"edit-{name.replace('_', '-')}",
        )
        edit_menu.addAction(acts[name])
    edit_menu.addSeparator()
    for name in ("find", "replace", "find_next", "find_previous", "paste_plain"):
        if name in editor_actions:
            edit_menu.addAction(editor_actions[name])

    format_menu = window.menuBar().addMenu("F&ormat")
    for entry in FORMAT_ACTIONS:
        if entry is None:
            format_menu.addSeparator()
        elif entry in editor_actions:
            format_menu.addAction(editor_actions[entry])

    view_menu = window.menuBar().addMenu("&View")
    for name, (text, keys) in PANEL_TITLES.items():
        act = _action(window, text, _panel_toggle(window, name), keys, checkable=True)
        act.setChecked(True)
        acts[f"panel_{name}"] = act
        view_menu.addAction(act)
    window.toolbar = QToolBar("Toolbar", window)
    window.toolbar.setObjectName("mainToolbar")
    window.addToolBar(window.toolbar)
    acts["toolbar"] = window.toolbar.toggleViewAction()
    view_menu.addAction(acts["toolbar"])
    view_menu.addSeparator()
    acts["focus"] = _action(
        window,
        "&Focus Mode",
        partial(set_focus_mode, window),
        "Ctrl+Shift+F",
        "view-fullscreen",
        checkable=True,
    )
    acts["fullscreen"] = _action(
        window, "F&ull Screen", partial(_fullscreen, window), "F11", checkable=True
    )
    view_menu.addActions([acts["focus"], acts["fullscreen"]])
    # Escape leaves focus mode. Enabled only in focus mode, so it takes Escape from nobody
    # otherwise; dialogs are windows of their own, and the find bar claims its Escape first.
    acts["leave_focus"] = _action(
        window, "Leave Focus Mode", partial(set_focus_mode, window, False), "Escape"
    )
    acts["leave_focus"].setEnabled(False)
    window.addAction(acts["leave_focus"])

    library_menu = window.menuBar().addMenu("&Library")
    acts["refresh"] = _action(
        window,
        "&Look for Changes on Disk",
        window.watcher.refresh_now,
        QKeySequence.StandardKey.Refresh,
        "view-refresh",
    )
    acts["remote"] = _action(
        window, "Allow &Remote Content in Preview", partial(_allow_remote, window), checkable=True
    )
    acts["remote"].setChecked(window.library_settings.allow_remote_content)
    library_menu.addActions([acts["refresh"], acts["remote"]])

    help_menu = window.menuBar().addMenu("&Help")
    acts["help_menu"] = help_menu.menuAction()  # kept last by MainWindow (menus added later)
    acts["about"] = _action(window, "&About BlogDesk", lambda: _about(window))
    acts["about"].setMenuRole(QAction.MenuRole.AboutRole)
    help_menu.addAction(acts["about"])

    bar = window.toolbar
    bar.addActions([acts["new"], acts["save"]])
    bar.addSeparator()
    bar.addActions(
        [editor_actions[n] for n in ("bold", "italic", "link", "image") if n in editor_actions]
    )
    bar.addSeparator()
    bar.addActions([acts["panel_preview"], acts["focus"]])
    window.focus_mode = False
    window._focus_saved = {}
    # The image dialog starts in the open post's folder (else the library's), not the cwd.
    editor.image_folder = lambda: _post_folder(window)
    window.metadata.image_folder = lambda: _post_folder(window)


def _post_folder(window: MainWindow) -> Path:
    doc = window.documents.doc
    return doc.path.parent if doc is not None else window.library.root


def _panel_toggle(window: MainWindow, name: str) -> Callable[[bool], None]:
    return lambda on: set_panel_visible(window, name, on)


# -- panels and modes -----------------------------------------------------------------------------


def panel_visible(window: MainWindow, name: str) -> bool:
    return not getattr(window, PANELS[name]).isHidden()


def set_panel_visible(window: MainWindow, name: str, visible: bool) -> None:
    getattr(window, PANELS[name]).setVisible(visible)
    act = window.menu_actions.get(f"panel_{name}")
    if act is not None and act.isChecked() != visible:
        act.blockSignals(True)
        act.setChecked(visible)
        act.blockSignals(False)
    # The left column holds the library and the outline: hide it when both are.
    window.left.setVisible(panel_visible(window, "library") or panel_visible(window, "outline"))


def set_focus_mode(window: MainWindow, on: bool) -> None:
    """Editor only, its text in a centred column of `focus_column_chars` characters."""
    if on == window.focus_mode:
        return
    window.focus_mode = on
    window.menu_actions["leave_focus"].setEnabled(on)
    act = window.menu_actions["focus"]
    if act.isChecked() != on:
        act.blockSignals(True)
        act.setChecked(on)
        act.blockSignals(False)
    if on:
        window._focus_saved = {name: panel_visible(window, name) for name in PANELS}
        window._focus_saved["toolbar"] = not window.toolbar.isHidden()
        for name in PANELS:
            set_panel_visible(window, name, False)
        window.toolbar.hide()
        metrics = window.editor.fontMetrics()
        chars = max(20, window.settings.focus_column_chars)
        margin = window.editor.frameWidth() * 2 + window.editor.document().documentMargin() * 2
        scrollbar = window.editor.verticalScrollBar().sizeHint().width()
        width = metrics.horizontalAdvance("n" * chars) + int(margin) + scrollbar
        window.editor.setMaximumWidth(width)
        window.editor.setFocus()
    else:
        window.editor.setMaximumWidth(16777215)  # QWIDGETSIZE_MAX: no limit
        for name in PANELS:
            set_panel_visible(window, name, window._focus_saved.get(name, True))
        window.toolbar.setVisible(window._focus_saved.get("toolbar", True))


def _fullscreen(window: MainWindow, on: bool) -> None:
    if on:
        window.showFullScreen()
    else:
        window.showNormal()


def sync_fullscreen(window: MainWindow) -> None:
    act = getattr(window, "menu_actions", {}).get("fullscreen")
    if act is not None and act.isChecked() != window.isFullScreen():
        act.blockSignals(True)
        act.setChecked(window.isFullScreen())
        act.blockSignals(False)


# -- commands -----------------------------------------------------------------------------------


def _undo(window: MainWindow) -> None:
    """Ctrl+Z outside a text field: undo the last delete when the library list has focus."""
    focus = window.focusWidget()
    if (
        isinstance(focus, QAbstractItemView)
        and window.library_panel.post_actions.undo_delete_action.isEnabled()
    ):
        window.library_panel.post_actions.undo_delete()
    elif isinstance(focus, QLineEdit):
        focus.undo()
    else:
        window.editor.undo()


def _edit_command(window: MainWindow, name: str) -> None:
    """Cut/Copy/Paste/Select All on the focused text field (a metadata field, the search box),
    else on the editor. Text fields take these keys themselves; the menu needs this."""
    focus = window.focusWidget()
    preview = window.preview
    if preview is not None and focus is not None and preview.isAncestorOf(focus):
        if name in ("copy", "select_all"):  # the preview is read-only
            from PySide6.QtWebEngineCore import QWebEnginePage

            action = (
                QWebEnginePage.WebAction.Copy
                if name == "copy"
                else QWebEnginePage.WebAction.SelectAll
            )
            preview.view.triggerPageAction(action)
        return
    method = "selectAll" if name == "select_all" else name
    target = focus if isinstance(focus, (QLineEdit, QPlainTextEdit)) else window.editor
    getattr(target, method)()


def _import(window: MainWindow, kind: str) -> None:
    from blogdesk.ui.library import import_dialog

    ask = import_dialog.ask_and_import_wxr if kind == "wxr" else import_dialog.ask_and_import_folder
    dialog = ask(window, window.library, window.runner)
    if dialog is not None:
        window.import_dialog = dialog
        dialog.importFinished.connect(lambda _report: window.library_panel.reload())


def _open_dialog(window: MainWindow) -> None:
    chosen, _ = QFileDialog.getOpenFileName(
        window, "Open Post", str(window.library.root), "Markdown (*.md *.markdown);;All files (*)"
    )
    if chosen:
        window.open_files([Path(chosen)])


def _fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    for entry in window.settings.recent_files:
        act = menu.addAction(Path(entry).name)
        act.setToolTip(entry)
        act.triggered.connect(lambda _c=False, p=entry: window.open_files([Path(p)]))
    menu.setEnabled(bool(window.settings.recent_files))


def _allow_remote(window: MainWindow, allowed: bool) -> None:
    window.library_settings.allow_remote_content = allowed
    try:
        save_library_settings(window.library_settings, window.library.root)
    except BlogDeskError as exc:  # shown; the toggle still applies for this session
        window.show_message(str(exc))
    if window.preview is not None:
        window.preview.set_allow_remote(allowed)


def _about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        "About BlogDesk",
        f"<b>BlogDesk {__version__}</b><p>Write, preview and publish blog posts.</p>"
        f"<p>Library: {window.library.root}</p>",
    )
