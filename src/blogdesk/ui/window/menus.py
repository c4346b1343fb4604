"""Menus, toolbar, panel toggles and focus mode of the main window.

Shortcuts are Qt's standard keys where one exists (New, Open, Save, Close, Quit, Undo, Redo, Find),
so they match the platform. Editor-only commands (bold, headings, …) are the editor's own actions,
bound to the editor so they never steal keys from other fields.

`Menus` builds them into a QMainWindow and keeps what it made (`actions`, `toolbar`,
`recent_menu`) and the focus mode; the window holds it (`window.menus`). What it needs of the
desk beyond the QMainWindow is `MenuHost` (MainWindow is one): this module never imports the
window's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QToolBar,
    QWidget,
)

from blogdesk import __version__
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import Library
from blogdesk.core.settings import LibrarySettings, Settings, save_library_settings
from blogdesk.ui.editor.document_controller import DocumentController
from blogdesk.ui.editor.editor import MarkdownEditor
from blogdesk.ui.editor.metadata_panel import MetadataPanel
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, translate
from blogdesk.ui.library.panel import LibraryPanel
from blogdesk.ui.library.watcher import LibraryWatcher
from blogdesk.ui.tasks import TaskRunner
from blogdesk.ui.window.help import Help
from blogdesk.ui.window.writing_view import WritingView

__all__ = ["FORMAT_ACTIONS", "PANEL_TITLES", "MenuHost", "Menus"]

# The titles are translated where the actions are made (QT_TRANSLATE_NOOP only marks them).
PANEL_TITLES = {
    "library": (QT_TRANSLATE_NOOP("Menus", "&Library"), "Ctrl+Shift+B"),
    "outline": (QT_TRANSLATE_NOOP("Menus", "&Outline"), "Ctrl+Shift+U"),
    "metadata": (QT_TRANSLATE_NOOP("Menus", "P&roperties"), "Ctrl+Shift+M"),
    "preview": (QT_TRANSLATE_NOOP("Menus", "&Preview"), "Ctrl+Alt+P"),  # Ctrl+Shift+P is Publish
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


class MenuHost(Protocol):
    """What the menus act on, besides the QMainWindow they are built into."""

    library: Library
    settings: Settings
    library_settings: LibrarySettings
    runner: TaskRunner
    library_panel: LibraryPanel
    documents: DocumentController
    editor: MarkdownEditor
    metadata: MetadataPanel
    watcher: LibraryWatcher
    left: QSplitter  # the column of the library and the outline

    @property
    def preview(self) -> Any: ...  # the PreviewView, None until the web engine is up

    def open_files(self, files: list[Path]) -> None: ...
    def show_message(self, text: str) -> None: ...


class Menus:
    """The window's menus and toolbar, built on construction, and the panel and focus modes.

    `panels` maps each name of PANEL_TITLES to the widget that View ▸ shows and hides.
    """

    def __init__(self, window: QMainWindow, host: MenuHost, panels: Mapping[str, QWidget]) -> None:
        self.window = window
        self.host = host
        self.panels = dict(panels)
        self.actions: dict[str, QAction] = {}
        self.focus_mode = False
        self.import_dialog: Any = None  # the last File → Import window (kept alive while open)
        self.exporter: Any = None  # File → Export… (ui.export.action), made on first use
        self._build()

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: Any = None,
        icon: str | None = None,
        checkable: bool = False,
    ) -> QAction:
        act = QAction(text, self.window)
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

    def _build(self) -> None:
        window, host, acts = self.window, self.host, self.actions
        panel, docs, editor = host.library_panel.post_actions, host.documents, host.editor
        editor_actions = editor.actions_by_name()

        acts["new"] = panel.new_action
        panel.new_action.setIcon(QIcon.fromTheme("document-new"))
        acts["open"] = self._action(
            translate("Menus", "&Open File…"),
            self._open_dialog,
            QKeySequence.StandardKey.Open,
            "document-open",
        )
        acts["save"] = self._action(
            translate("Menus", "&Save"),
            docs.save_now,
            QKeySequence.StandardKey.Save,
            "document-save",
        )
        acts["close"] = self._action(
            translate("Menus", "&Close Post"), docs.close_document, QKeySequence.StandardKey.Close
        )
        acts["quit"] = self._action(
            translate("Menus", "&Quit"),
            window.close,
            QKeySequence.StandardKey.Quit,
            "application-exit",
        )
        acts["quit"].setMenuRole(QAction.MenuRole.QuitRole)

        file_menu = window.menuBar().addMenu(translate("Menus", "&File"))
        file_menu.addActions([acts["new"], acts["open"]])
        self.recent_menu = file_menu.addMenu(translate("Menus", "Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addActions([acts["save"], acts["close"]])
        import_menu = file_menu.addMenu(translate("Menus", "&Import"))
        acts["import_wxr"] = self._action(
            translate("Menus", "&WordPress Export (WXR)…"), partial(self._import, "wxr")
        )
        acts["import_folder"] = self._action(
            translate("Menus", "&Jekyll or Hugo Folder…"), partial(self._import, "folder")
        )
        import_menu.addActions([acts["import_wxr"], acts["import_folder"]])
        acts["export"] = self._action(translate("Menus", "&Export…"), self._export)
        acts["export"].setToolTip(
            translate("Menus", "Save the open post as a web page, a PDF or a Word document")
        )
        file_menu.addAction(acts["export"])
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

        acts["undo"] = self._action(
            translate("Menus", "&Undo"), self._undo, QKeySequence.StandardKey.Undo, "edit-undo"
        )
        acts["redo"] = self._action(
            translate("Menus", "&Redo"), editor.redo, QKeySequence.StandardKey.Redo, "edit-redo"
        )
        edit_menu = window.menuBar().addMenu(translate("Menus", "&Edit"))
        edit_menu.addActions([acts["undo"], acts["redo"]])
        edit_menu.addSeparator()
        for name, text, key in (
            ("cut", translate("Menus", "Cu&t"), QKeySequence.StandardKey.Cut),
            ("copy", translate("Menus", "&Copy"), QKeySequence.StandardKey.Copy),
            ("paste", translate("Menus", "&Paste"), QKeySequence.StandardKey.Paste),
            ("select_all", translate("Menus", "Select &All"), QKeySequence.StandardKey.SelectAll),
        ):
            acts[name] = self._action(
                text,
                partial(self._edit_command, name),
                key,
                f"edit-{name.replace('_', '-')}",
            )
            edit_menu.addAction(acts[name])
        edit_menu.addSeparator()
        for name in ("find", "replace", "find_next", "find_previous", "paste_plain"):
            if name in editor_actions:
                edit_menu.addAction(editor_actions[name])
        # Ctrl+, (Cmd+, on macOS, where the role moves it into the application menu).
        acts["preferences"] = self._action(
            translate("Menus", "Pr&eferences…"), self._preferences, "Ctrl+,", "preferences-system"
        )
        acts["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addSeparator()
        edit_menu.addAction(acts["preferences"])

        format_menu = window.menuBar().addMenu(translate("Menus", "F&ormat"))
        for entry in FORMAT_ACTIONS:
            if entry is None:
                format_menu.addSeparator()
            elif entry in editor_actions:
                format_menu.addAction(editor_actions[entry])

        view_menu = window.menuBar().addMenu(translate("Menus", "&View"))
        self.view_menu = view_menu  # other parts add theirs (View → History)
        for name, (text, keys) in PANEL_TITLES.items():
            act = self._action(
                translate("Menus", text),
                partial(self.set_panel_visible, name),
                keys,
                checkable=True,
            )
            act.setChecked(True)
            acts[f"panel_{name}"] = act
            view_menu.addAction(act)
        self.toolbar = QToolBar(translate("Menus", "Toolbar"), window)
        self.toolbar.setObjectName("mainToolbar")
        window.addToolBar(self.toolbar)
        acts["toolbar"] = self.toolbar.toggleViewAction()
        view_menu.addAction(acts["toolbar"])
        view_menu.addSeparator()
        acts["focus"] = self._action(
            translate("Menus", "&Focus Mode"),
            self.set_focus_mode,
            "Ctrl+Shift+F",
            "view-fullscreen",
            checkable=True,
        )
        acts["fullscreen"] = self._action(
            translate("Menus", "F&ull Screen"), self._fullscreen, "F11", checkable=True
        )
        view_menu.addActions([acts["focus"], acts["fullscreen"]])
        # Typewriter, dimming and Appearance entries, and what focus mode does (writing_view.py).
        self.writing = WritingView(self, view_menu)
        # View → Preview Style: plain or the blog's theme (ui/preview/style.py does the work).
        from blogdesk.ui.preview.style import PreviewStyle

        view_menu.addSeparator()
        self.preview_style = PreviewStyle(window, host)
        self.preview_style.build_menu(view_menu.addMenu(translate("Menus", "Preview &Style")))
        acts["style_plain"] = self.preview_style.plain_action
        acts["style_blog"] = self.preview_style.blog_action
        host.documents.documentOpened.connect(self.preview_style.update_title)
        host.documents.titleChanged.connect(self.preview_style.update_title)
        ready = getattr(window, "previewReady", None)
        if ready is not None:
            ready.connect(self.preview_style.preview_ready)
        # Escape leaves focus mode. Enabled only in focus mode, so it takes Escape from nobody
        # otherwise; dialogs are windows of their own, and the find bar claims its Escape first.
        acts["leave_focus"] = self._action(
            translate("Menus", "Leave Focus Mode"), partial(self.set_focus_mode, False), "Escape"
        )
        acts["leave_focus"].setEnabled(False)
        window.addAction(acts["leave_focus"])

        library_menu = window.menuBar().addMenu(translate("Menus", "&Library"))
        self.library_menu = library_menu  # other parts add theirs (Library → Sync)
        acts["refresh"] = self._action(
            translate("Menus", "&Look for Changes on Disk"),
            host.watcher.refresh_now,
            QKeySequence.StandardKey.Refresh,
            "view-refresh",
        )
        acts["remote"] = self._action(
            translate("Menus", "Allow &Remote Content in Preview"),
            self._allow_remote,
            checkable=True,
        )
        acts["remote"].setChecked(host.library_settings.allow_remote_content)
        library_menu.addActions([acts["refresh"], acts["remote"]])

        help_menu = window.menuBar().addMenu(translate("Menus", "&Help"))
        acts["help_menu"] = help_menu.menuAction()  # kept last by the window (menus added later)
        self.help = Help(window)  # the user guide and the shortcut sheet (ui/window/help.py)
        acts["user_guide"] = self.help.guide_action
        acts["shortcuts"] = self.help.shortcuts_action
        help_menu.addActions([acts["user_guide"], acts["shortcuts"]])
        help_menu.addSeparator()
        acts["about"] = self._action(translate("Menus", "&About BlogDesk"), self._about)
        acts["about"].setMenuRole(QAction.MenuRole.AboutRole)
        help_menu.addAction(acts["about"])

        bar = self.toolbar
        bar.addActions([acts["new"], acts["save"]])
        bar.addSeparator()
        bar.addActions(
            [editor_actions[n] for n in ("bold", "italic", "link", "image") if n in editor_actions]
        )
        bar.addSeparator()
        bar.addActions([acts["panel_preview"], acts["focus"]])
        # The image dialog starts in the open post's folder (else the library's), not the cwd.
        editor.image_folder = self._post_folder
        host.metadata.image_folder = self._post_folder

    def _post_folder(self) -> Path:
        doc = self.host.documents.doc
        return doc.path.parent if doc is not None else self.host.library.root

    # -- panels and modes -------------------------------------------------------------------------

    def panel_visible(self, name: str) -> bool:
        return not self.panels[name].isHidden()

    def set_panel_visible(self, name: str, visible: bool) -> None:
        self.panels[name].setVisible(visible)
        act = self.actions.get(f"panel_{name}")
        if act is not None and act.isChecked() != visible:
            act.blockSignals(True)
            act.setChecked(visible)
            act.blockSignals(False)
        # The left column holds the library and the outline: hide it when both are.
        self.host.left.setVisible(self.panel_visible("library") or self.panel_visible("outline"))

    def set_focus_mode(self, on: bool) -> None:
        """Full screen, the text column alone, centred (writing_view.WritingView)."""
        if on == self.focus_mode:
            return
        self.focus_mode = on
        self.actions["leave_focus"].setEnabled(on)
        act = self.actions["focus"]
        if act.isChecked() != on:
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)
        if on:
            self.writing.enter()
        else:
            self.writing.leave()

    def _fullscreen(self, on: bool) -> None:
        if on:
            self.window.showFullScreen()
        else:
            self.window.showNormal()

    def sync_fullscreen(self) -> None:
        """The window's state changed: the Full Screen check follows (F11, the window manager)."""
        act = self.actions.get("fullscreen")
        if act is not None and act.isChecked() != self.window.isFullScreen():
            act.blockSignals(True)
            act.setChecked(self.window.isFullScreen())
            act.blockSignals(False)

    # -- commands -------------------------------------------------------------------------------

    def _undo(self) -> None:
        """Ctrl+Z outside a text field: undo the last delete when the library list has focus."""
        focus = self.window.focusWidget()
        post_actions = self.host.library_panel.post_actions
        if isinstance(focus, QAbstractItemView) and post_actions.undo_delete_action.isEnabled():
            post_actions.undo_delete()
        elif isinstance(focus, QLineEdit):
            focus.undo()
        else:
            self.host.editor.undo()

    def _edit_command(self, name: str) -> None:
        """Cut/Copy/Paste/Select All on the focused text field (a metadata field, the search box),
        else on the editor. Text fields take these keys themselves; the menu needs this."""
        focus = self.window.focusWidget()
        preview = self.host.preview
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
        target = focus if isinstance(focus, (QLineEdit, QPlainTextEdit)) else self.host.editor
        getattr(target, method)()

    def _preferences(self) -> None:
        # Imported on first use: the dialog's modules are not needed for the first frame.
        from blogdesk.ui.preferences.dialog import open_preferences

        open_preferences(self.window)

    def _import(self, kind: str) -> None:
        from blogdesk.ui.library import import_dialog

        ask = (
            import_dialog.ask_and_import_wxr
            if kind == "wxr"
            else import_dialog.ask_and_import_folder
        )
        host = self.host
        dialog = ask(self.window, host.library, host.runner)
        if dialog is not None:
            self.import_dialog = dialog
            dialog.importFinished.connect(lambda _report: host.library_panel.reload())

    def _export(self) -> None:
        if self.exporter is None:
            from blogdesk.ui.export.action import Exporter

            self.exporter = Exporter(self.window)
        self.exporter.ask()

    def _open_dialog(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("Menus", "Open Post"),
            str(self.host.library.root),
            translate("Menus", "Markdown (*.md *.markdown);;All files (*)"),
        )
        if chosen:
            self.host.open_files([Path(chosen)])

    def _fill_recent(self) -> None:
        menu, host = self.recent_menu, self.host
        menu.clear()
        for entry in host.settings.recent_files:
            act = menu.addAction(Path(entry).name)
            act.setToolTip(entry)
            act.triggered.connect(lambda _c=False, p=entry: host.open_files([Path(p)]))
        menu.setEnabled(bool(host.settings.recent_files))

    def _allow_remote(self, allowed: bool) -> None:
        host = self.host
        host.library_settings.allow_remote_content = allowed
        try:
            save_library_settings(host.library_settings, host.library.root)
        except BlogDeskError as exc:  # shown; the toggle still applies for this session
            host.show_message(str(exc))
        if host.preview is not None:
            host.preview.set_allow_remote(allowed)

    def _about(self) -> None:
        QMessageBox.about(
            self.window,
            translate("Menus", "About BlogDesk"),
            f"<b>BlogDesk {__version__}</b><p>"
            + translate("Menus", "Write, preview and publish blog posts.")
            + "</p><p>"
            + translate("Menus", "Library: {folder}").format(folder=self.host.library.root)
            + "</p>",
        )
