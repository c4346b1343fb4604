"""Edit → Preferences…: every option of settings.json and of the open library, applied at once.

The pages and rows come from the settings dataclasses (ui.preferences.form); this module adds
only what metadata cannot say: the default blog (the account list the composition root gave
LivePreferences, read on a worker when the dialog opens) and what choosing another library folder
means for this window. There is no OK or Cancel: each change is applied to the window and
saved as it is made (ui.preferences.apply), like the platforms' own preference windows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shiboken6 import isValid

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.settings import LibrarySettings, Settings
from blogdesk.ui.i18n import translate
from blogdesk.ui.preferences.apply import LivePreferences, live_preferences
from blogdesk.ui.preferences.form import OptionRow, sections

__all__ = ["FIRST_BLOG", "PreferencesDialog", "open_preferences"]

FIRST_BLOG = str(QT_TRANSLATE_NOOP("PreferencesDialog", "The first blog in the list"))


def _label(title: str) -> str:
    """A form row's label: the option's (translated) title and a colon."""
    return translate("PreferencesDialog", "{title}:").format(title=title)


def _read_accounts(store: Any) -> list[tuple[str, str]]:
    """(id, label) of every blog in the AccountStore; on a worker (a file read)."""
    return [(a.id, f"{a.name} — {a.site_url}") for a in store.all()]


class PreferencesDialog(QDialog):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(translate("PreferencesDialog", "Preferences"))
        # Made anew each time: the rows show the values of the moment (the Library menu may
        # have changed one meanwhile).
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.window_ = window
        self.live: LivePreferences = live_preferences(window)
        self.rows: dict[str, OptionRow] = {}
        self.tabs = QTabWidget(self)
        for title, rows in sections(Settings, LibrarySettings).items():
            page = QWidget(self.tabs)
            page.setObjectName(f"page_{title.lower()}")
            form = QFormLayout(page)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            for cls, option in rows:
                source = window.settings if cls is Settings else window.library_settings
                row = OptionRow(option, getattr(source, option.name), page)
                self.rows[option.name] = row
                setter = self.live.set if cls is Settings else self.live.set_library
                row.committed.connect(setter)
                widget = row.widget
                if widget is None and option.metadata.get("kind") == "blog":
                    widget = self._blog_combo(row, page)
                if widget is None:
                    continue
                if row.label and option.metadata.get("kind") == "folder":
                    # A path needs the dialog's width, not what the longest label leaves.
                    form.addRow(QLabel(_label(row.label), page))
                    form.addRow(widget)
                elif row.label:
                    form.addRow(_label(row.label), widget)
                else:
                    form.addRow(widget)
                if cls is LibrarySettings:
                    widget.setToolTip(
                        (widget.toolTip() + "\n" if widget.toolTip() else "")
                        + translate("PreferencesDialog", "Kept with this library ({name}).").format(
                            name=window.library.root.name
                        )
                    )
                if option.name == "library_folder":
                    self.library_note = QLabel(self._library_note(), page)
                    self.library_note.setObjectName("libraryNote")
                    self.library_note.setWordWrap(True)
                    form.addRow(self.library_note)
                    row.committed.connect(lambda _n, _v: self._library_changed())
            self.tabs.addTab(page, translate("PreferencesDialog", title))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        # Enter commits the field being edited and must not close the dialog; Esc closes it.
        close.setAutoDefault(False)
        close.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    # -- the default blog ---------------------------------------------------------------------

    def _blog_combo(self, row: OptionRow, parent: QWidget) -> QComboBox:
        combo = QComboBox(parent)
        combo.setObjectName(f"option_{row.name}")
        combo.setToolTip(
            translate("PreferencesDialog", str(row.option.metadata.get("tooltip", "")))
        )
        combo.addItem(translate("PreferencesDialog", FIRST_BLOG), "")
        current = str(getattr(self.window_.settings, row.name))
        if current:
            combo.addItem(translate("PreferencesDialog", "Loading the blogs…"), current)
            combo.setCurrentIndex(1)
        combo.setEnabled(False)  # until the list is there: a pick now would be lost
        combo.activated.connect(lambda _i: row.committed.emit(row.name, combo.currentData()))
        row.widget = row.control = combo
        self.blog_combo = combo
        if self.live.accounts is None:  # a window built without the account list
            self._accounts_read(combo, current, [])
            return combo
        # The store itself is made here (no I/O; the composition root makes it once), only its
        # file is read on the worker.
        store = self.live.accounts()
        self.window_.runner.run(
            lambda: _read_accounts(store),
            lambda accounts: self._accounts_read(combo, current, accounts),
            lambda exc: self._accounts_failed(combo, exc),
        )
        return combo

    def _accounts_read(
        self, combo: QComboBox, current: str, accounts: list[tuple[str, str]]
    ) -> None:
        if not isValid(combo):
            return  # the dialog was closed (and deleted) before the list came
        combo.clear()
        combo.addItem(translate("PreferencesDialog", FIRST_BLOG), "")
        for account_id, label in accounts:
            combo.addItem(label, account_id)
        if current and combo.findData(current) < 0:
            combo.addItem(translate("PreferencesDialog", "A blog no longer in the list"), current)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setEnabled(bool(accounts) or bool(current))
        if not accounts:
            combo.setItemText(
                0, translate("PreferencesDialog", "No blogs yet (add one with Blog → Blogs…)")
            )

    def _accounts_failed(self, combo: QComboBox, exc: BaseException) -> None:
        if isValid(combo):
            combo.setToolTip(
                translate("PreferencesDialog", "The blog list could not be read: {error}").format(
                    error=exc
                )
            )

    # -- the library folder -------------------------------------------------------------------

    def _library_note(self) -> str:
        shown = self.window_.library.root
        chosen = self.window_.settings.library_folder
        if chosen and Path(chosen).expanduser().resolve() != shown.resolve():
            # app.py opens one library per window and process; switching means a new start.
            return translate(
                "PreferencesDialog",
                "BlogDesk opens {chosen} the next time it starts. This window keeps showing "
                "{shown}.",
            ).format(chosen=chosen, shown=shown)
        return translate("PreferencesDialog", "This window shows {shown}.").format(shown=shown)

    def _library_changed(self) -> None:
        self.library_note.setText(self._library_note())


def open_preferences(window: Any) -> PreferencesDialog:
    """Show the window's Preferences dialog (one per window, raised when already open)."""
    dialog = window.findChild(PreferencesDialog, "preferencesDialog")
    if not isinstance(dialog, PreferencesDialog) or not dialog.isVisible():
        dialog = PreferencesDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
