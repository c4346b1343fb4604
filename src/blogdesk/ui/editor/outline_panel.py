"""The outline: the post's headings (from RenderedPost.outline) as a tree; picking one moves the
editor there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from blogdesk.ui.i18n import translate

if TYPE_CHECKING:  # the renderer (Markdown, Pygments) loads after the window is shown
    from blogdesk.core.render.rendering import Heading

__all__ = ["OutlinePanel"]

LINE_ROLE = Qt.ItemDataRole.UserRole + 1


class OutlinePanel(QTreeWidget):
    headingActivated = Signal(int)  # the 0-based source line of the heading the author picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outlinePanel")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self._shown: tuple[tuple[int, str, int], ...] = ()

    def set_outline(self, outline: Sequence[Heading]) -> None:
        key = tuple((h.level, h.text, h.line) for h in outline)
        if key == self._shown:
            return  # the usual case while typing in a paragraph: keep expansion and scroll
        self._shown = key
        self.clear()
        stack: list[tuple[int, QTreeWidgetItem]] = []
        for heading in outline:
            while stack and stack[-1][0] >= heading.level:
                stack.pop()
            item = QTreeWidgetItem([heading.text])
            item.setData(0, LINE_ROLE, heading.line)
            item.setToolTip(
                0,
                translate("OutlinePanel", "{marks} {heading} (line {line})").format(
                    marks="#" * heading.level, heading=heading.text, line=heading.line + 1
                ),
            )
            if stack:
                stack[-1][1].addChild(item)
            else:
                self.addTopLevelItem(item)
            stack.append((heading.level, item))
        self.expandAll()

    def headings_shown(self) -> list[str]:
        found: list[str] = []

        def walk(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            found.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.topLevelItemCount()):
            walk(self.topLevelItem(i))
        return found

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        line = item.data(0, LINE_ROLE)
        if isinstance(line, int):
            self.headingActivated.emit(line)
