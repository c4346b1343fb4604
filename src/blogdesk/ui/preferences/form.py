"""Form rows made from a settings dataclass's field metadata, so a new option needs no UI code.

One `OptionRow` per field with a `section` in its metadata: a check box for a bool, a list for
`choices`, a spin box for a number (`minimum`, `maximum`, `step`, `suffix`, `zero_text`), a text
field otherwise. The `kind` metadata picks the few special editors: "font" (the installed font
families), "folder" (a folder chooser); any other kind is left to the dialog (`OptionRow.widget`
is None). Each row emits `committed(name, value)` once the author has finished a change: a text
field when it loses focus or on Enter, not on every keystroke, since each change is saved.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_type_hints

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from blogdesk.ui.i18n import translate

__all__ = ["OptionRow", "option_fields", "sections"]

SYSTEM_FONT = str(QT_TRANSLATE_NOOP("PreferencesDialog", "System fixed-width font"))


def _words(text: str) -> str:
    """The settings' English words (titles, tooltips, choices) in the window's language; the
    texts are marked in ui/preferences/setting_words.py."""
    return translate("PreferencesDialog", text)


@dataclass(frozen=True)
class OptionField:
    name: str
    title: str
    section: str
    hint: Any  # the declared type
    metadata: dict[str, Any]


def option_fields(cls: type) -> list[OptionField]:
    """The fields of `cls` that the dialog shows (those with a section), in declaration order."""
    hints = get_type_hints(cls)
    return [
        OptionField(
            f.name,
            str(f.metadata["title"]),
            str(f.metadata["section"]),
            hints[f.name],
            dict(f.metadata),
        )
        for f in dataclasses.fields(cls)
        if f.metadata.get("section") and not f.metadata.get("internal")
    ]


def sections(*classes: type) -> dict[str, list[tuple[type, OptionField]]]:
    """Section title -> (dataclass, field) rows, sections in order of first appearance."""
    found: dict[str, list[tuple[type, OptionField]]] = {}
    for cls in classes:
        for option in option_fields(cls):
            found.setdefault(option.section, []).append((cls, option))
    return found


class OptionRow(QObject):
    """The editor of one option; `widget` is None for a `kind` the dialog builds itself."""

    committed = Signal(str, object)  # option name, new value

    def __init__(self, option: OptionField, value: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.option = option
        self.name = option.name
        self.label = _words(option.title)  # shown (the settings' words are English)
        self.widget: QWidget | None = None
        self.control: QWidget | None = None  # the part that takes the value (tests, focus)
        meta, hint = option.metadata, option.hint
        kind = meta.get("kind")
        if kind == "font":
            self._font(value, parent)
        elif kind == "folder":
            self._folder(value, parent)
        elif kind is not None:
            return
        elif hint is bool:
            box = QCheckBox(self.label, parent)
            box.setChecked(bool(value))
            box.toggled.connect(lambda on: self.committed.emit(self.name, bool(on)))
            self.label = ""  # the check box says it itself
            self.widget = self.control = box
        elif meta.get("choices"):
            combo = QComboBox(parent)
            for choice in meta["choices"]:
                combo.addItem(_words(str(choice).capitalize()), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.activated.connect(lambda _i: self.committed.emit(self.name, combo.currentData()))
            self.widget = self.control = combo
        elif hint is int or hint is float:
            self._number(value, parent)
        else:
            edit = QLineEdit(str(value), parent)
            edit.editingFinished.connect(
                lambda: self.committed.emit(self.name, edit.text().strip())
            )
            self.widget = self.control = edit
        if self.widget is not None and meta.get("tooltip"):
            self.widget.setToolTip(_words(str(meta["tooltip"])))
        if self.widget is not None:
            self.widget.setObjectName(f"option_{self.name}")

    def _number(self, value: Any, parent: QWidget) -> None:
        meta, is_int = self.option.metadata, self.option.hint is int
        spin: QSpinBox | QDoubleSpinBox = QSpinBox(parent) if is_int else QDoubleSpinBox(parent)
        if isinstance(spin, QDoubleSpinBox):
            spin.setDecimals(1)
        minimum, maximum = meta.get("minimum", 0), meta.get("maximum", 1_000_000)
        spin.setRange(minimum, maximum)
        spin.setSingleStep(meta.get("step", 1))
        spin.setSuffix(str(meta.get("suffix", "")))
        if meta.get("zero_text") and minimum == 0:
            spin.setSpecialValueText(_words(str(meta["zero_text"])))
        spin.setValue(value)
        # Typing "1", "14" would save twice; arrows and the wheel commit at once.
        spin.setKeyboardTracking(False)
        convert = int if is_int else float
        spin.valueChanged.connect(lambda v: self.committed.emit(self.name, convert(v)))
        self.widget = self.control = spin

    def _font(self, value: str, parent: QWidget) -> None:
        combo = QComboBox(parent)
        combo.addItem(_words(SYSTEM_FONT), "")
        fixed = QFontDatabase.SystemFont.FixedFont
        families = QFontDatabase.families()
        # Fixed-width families first: they suit Markdown, but any font may be chosen.
        ordered = sorted(families, key=lambda f: (not QFontDatabase.isFixedPitch(f), f.lower()))
        for family in ordered:
            combo.addItem(family, family)
        if value and combo.findData(value) < 0:  # a font no longer installed: still shown
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        combo.setToolTip(
            translate("PreferencesDialog", "{system_font}: {family}").format(
                system_font=_words(SYSTEM_FONT), family=QFontDatabase.systemFont(fixed).family()
            )
        )
        combo.activated.connect(lambda _i: self.committed.emit(self.name, combo.currentData()))
        self.widget = self.control = combo

    def _folder(self, value: str, parent: QWidget) -> None:
        box = QWidget(parent)
        # A path is long: the field takes the row's width, as a line edit alone would.
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        edit = QLineEdit(value, box)
        edit.setPlaceholderText(translate("PreferencesDialog", "The default library"))
        edit.editingFinished.connect(lambda: self.committed.emit(self.name, edit.text().strip()))
        choose = QPushButton(translate("PreferencesDialog", "Choose…"), box)
        choose.setAutoDefault(False)  # Enter in the folder field commits it, not a file dialog
        choose.clicked.connect(lambda: self._choose_folder(edit))
        row.addWidget(edit, 1)
        row.addWidget(choose)
        self.widget, self.control = box, edit

    def _choose_folder(self, edit: QLineEdit) -> None:
        start = edit.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(edit, self.label, start)
        if chosen:
            edit.setText(chosen)
            self.committed.emit(self.name, chosen)
