"""The History panel (View → History): the versions of the open post, which one is on which
blog, a word diff of a version against the text now, and "Restore this version".

Everything that reads git runs in the TaskRunner; the panel only shows results. Restoring puts
the version's body in the editor as one undoable edit (`DocumentController.restore_text`), which
is then saved as usual: the history only ever grows.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.history.versions import FileHistory, Version, file_history
from blogdesk.core.history.worddiff import Piece, comparable, word_diff
from blogdesk.core.post.post import Post
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, locale_date, number, translate
from blogdesk.ui.tasks import TaskRunner

__all__ = ["HistoryPanel", "diff_html"]

# Translated where shown (QT_TRANSLATE_NOOP only marks them).
_STATUS_WORDS = {
    "publish": QT_TRANSLATE_NOOP("HistoryPanel", "published"),
    "future": QT_TRANSLATE_NOOP("HistoryPanel", "scheduled"),
    "draft": QT_TRANSLATE_NOOP("HistoryPanel", "draft"),
    "trash": QT_TRANSLATE_NOOP("HistoryPanel", "trash"),
}


@dataclass(frozen=True)
class _Compared:
    version: Version
    pieces: list[Piece]
    body: str  # the version's body, for Restore


def diff_html(pieces: list[Piece]) -> str:
    """The word diff as HTML: removed words struck through in red, added ones in green."""
    out = []
    for piece in pieces:
        text = html.escape(piece.text).replace("\n", "<br>")
        if piece.kind == "removed":
            out.append(f'<span style="background:#fdd;color:#900"><s>{text}</s></span>')
        elif piece.kind == "added":
            out.append(f'<span style="background:#dfd;color:#060">{text}</span>')
        else:
            out.append(text)
    return '<div style="font-family:monospace;white-space:pre-wrap">' + "".join(out) + "</div>"


class HistoryPanel(QDockWidget):
    restoreRequested = Signal(str)  # the body to put back in the editor
    closed = Signal()  # the author closed the panel with its own button

    def __init__(
        self,
        runner: TaskRunner,
        history: Callable[[], LibraryHistory | None],
        names: Callable[[], dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(translate("HistoryPanel", "History"), parent)
        self.setObjectName("historyPanel")
        self.runner, self._history, self._names = runner, history, names
        self.path: Path | None = None
        self.rel = ""
        self.found: FileHistory | None = None
        self._compared: _Compared | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.heading = QLabel(translate("HistoryPanel", "Open a post to see its versions."), body)
        self.heading.setWordWrap(True)
        self.versions = QListWidget(body)
        self.versions.currentRowChanged.connect(self._compare_selected)
        self.diff = QTextBrowser(body)
        self.diff.setPlaceholderText(
            translate("HistoryPanel", "Pick a version to see what changed since.")
        )
        split = QSplitter(Qt.Orientation.Vertical, body)
        split.addWidget(self.versions)
        split.addWidget(self.diff)
        self.restore = QPushButton(translate("HistoryPanel", "&Restore this version"), body)
        self.restore.setEnabled(False)
        self.restore.clicked.connect(self._restore)
        layout.addWidget(self.heading)
        layout.addWidget(split, 1)
        layout.addWidget(self.restore)
        self.setWidget(body)

    def closeEvent(self, event: Any) -> None:
        super().closeEvent(event)
        self.closed.emit()

    # ------------------------------------------------------------------------------ loading
    def show_file(self, path: Path | None, library_root: Path) -> None:
        self.path = path
        self.rel = ""
        if path is not None:
            try:
                self.rel = path.resolve().relative_to(library_root.resolve()).as_posix()
            except ValueError:
                self.rel = ""
        if self.isVisible():
            self.reload()  # else when the panel is shown

    def reload(self) -> None:
        if not self.rel:
            self._show(None)
            return
        rel, history = self.rel, self._history

        def load() -> FileHistory | None:
            opened = history()
            return file_history(opened, rel, limit=200) if opened is not None else None

        self.runner.run(load, lambda found: self._loaded(rel, found), self._failed)

    def _loaded(self, rel: str, found: FileHistory | None) -> None:
        if rel == self.rel:
            self._show(found)

    def _failed(self, exc: BaseException) -> None:
        self.heading.setText(
            translate("HistoryPanel", "The history cannot be read: {reason}").format(reason=exc)
        )

    def _show(self, found: FileHistory | None) -> None:
        current = self.versions.currentItem()
        picked = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.found = found
        self._compared = None
        self.versions.blockSignals(True)  # no compare of a row that is being replaced
        self.versions.clear()
        self.versions.blockSignals(False)
        self.diff.clear()
        self.restore.setEnabled(False)
        if not self.rel:
            self.heading.setText(
                translate("HistoryPanel", "Open a post from the library to see its versions.")
            )
            return
        if found is None:
            self.heading.setText(translate("HistoryPanel", "This library keeps no history."))
            return
        count = len(found.versions)
        versions = (
            translate("HistoryPanel", "1 version")
            if count == 1
            else translate("HistoryPanel", "{count} versions").format(count=number(count))
        )
        self.heading.setText(f"<b>{html.escape(self.rel)}</b>: {versions}")
        names = self._names()
        for version in found.versions:
            self.versions.addItem(self._item(version, names))
        # A reload (after a save burst) keeps the version the author was looking at.
        rows = [i for i, v in enumerate(found.versions) if v.commit == picked]
        if rows:
            self.versions.setCurrentRow(rows[0])

    def _item(self, version: Version, names: dict[str, str]) -> QListWidgetItem:
        moment = version.time.astimezone()
        when = f"{locale_date(moment.strftime('%Y-%m-%d'))} {moment:%H:%M}"
        text = f"{when}  {version.message}"
        statuses = {m.account_id: m.status for m in version.marks}
        if version.live_on:
            blogs = ", ".join(
                f"{names.get(a, a)} ({self._status_word(statuses.get(a, ''))})"
                for a in version.live_on
            )
            text += "\n    " + translate("HistoryPanel", "on the blog now: {blogs}").format(
                blogs=blogs
            )
        elif version.marks:
            sent = ", ".join(names.get(a, a) for a in statuses)
            text += "\n    " + translate("HistoryPanel", "sent to {blogs}").format(blogs=sent)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, version.commit)
        machine = version.machine or translate("HistoryPanel", "another computer")
        made = translate("HistoryPanel", "made on {machine}").format(machine=machine)
        item.setToolTip(f"{version.commit}\n{made}")
        return item

    # ------------------------------------------------------------------------------ diffing
    @staticmethod
    def _status_word(status: str) -> str:
        known = _STATUS_WORDS.get(status)
        return translate("HistoryPanel", known) if known else translate("HistoryPanel", "sent")

    def _compare_selected(self, row: int) -> None:
        found = self.found
        if found is None or not 0 <= row < len(found.versions):
            return
        version, rel, history = found.versions[row], self.rel, self._history

        def compare() -> _Compared:
            opened = history()
            assert opened is not None
            old = opened.read(rel, version.commit) or b""
            now = opened.read_disk(rel) or b""
            old_text = old.decode("utf-8", "replace")
            pieces = word_diff(comparable(old_text), comparable(now.decode("utf-8", "replace")))
            try:
                body = Post.parse(old_text).body
            except Exception:  # a version that does not parse is still shown, not restored
                body = ""
            return _Compared(version, pieces, body)

        self.runner.run(compare, self._compared_done, self._failed)

    def _compared_done(self, compared: _Compared) -> None:
        current = self.versions.currentItem()
        if current is None or current.data(Qt.ItemDataRole.UserRole) != compared.version.commit:
            return  # another version was picked meanwhile
        self._compared = compared
        if all(p.kind == "same" for p in compared.pieces):
            self.diff.setHtml(
                "<p>"
                + translate("HistoryPanel", "The text now is the same as this version.")
                + "</p>"
            )
        else:
            intro = translate(
                "HistoryPanel",
                "<p>From this version ({version}) to the text now: "
                '<span style="color:#900"><s>removed</s></span>, '
                '<span style="color:#060">added</span>.</p>',
            ).format(version=compared.version.short)
            self.diff.setHtml(intro + diff_html(compared.pieces))
        self.restore.setEnabled(bool(compared.body) or compared.version.changed)

    def _restore(self) -> None:
        if self._compared is not None:
            self.restoreRequested.emit(self._compared.body)

    def selected_version(self) -> Any:
        return self._compared.version if self._compared else None
