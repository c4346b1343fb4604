"""The pre-publish checklist in the window: checks run before every Publish, and their list.

`PublishChecks.before_publish` runs `sync.prepublish.checklist` as a job of the publish
controller (off the GUI thread, with the status bar's progress and Cancel, never two jobs at
once). A clean post goes straight on to publishing; otherwise `ChecklistDialog` lists what was
found. Activating an entry (double-click, Enter) moves the editor's cursor to its place, or
focuses the field in the Properties panel for a front-matter issue; the dialog stays open beside
the editor, so the author can fix one thing after another. "Publish anyway" (when an error
blocks) or "Publish" (warnings only) carries on with the same request.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.checks import Issue, Report
from blogdesk.ui.i18n import translate

if TYPE_CHECKING:
    from blogdesk.core.progress import CancelToken
    from blogdesk.sync.accounts.store import Account
    from blogdesk.ui.publishing.sync_calls import PublishController

__all__ = ["ISSUE_ROLE", "ChecklistDialog", "PublishChecks", "issue_text"]

ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1
# The Properties panel's field for each front-matter key an issue may name.
_FIELD_WIDGETS = {
    "title": "title",
    "tags": "tags",
    "categories": "categories",
    "excerpt": "excerpt",
    "featured_image": "featured",
    "date": "date",
}
# The field's name in the list (front-matter keys, in the window's language).
_FIELD_NAMES = {
    "title": str(QT_TRANSLATE_NOOP("ChecklistDialog", "title")),
    "tags": str(QT_TRANSLATE_NOOP("ChecklistDialog", "tags")),
    "categories": str(QT_TRANSLATE_NOOP("ChecklistDialog", "categories")),
    "excerpt": str(QT_TRANSLATE_NOOP("ChecklistDialog", "excerpt")),
    "featured_image": str(QT_TRANSLATE_NOOP("ChecklistDialog", "featured image")),
    "date": str(QT_TRANSLATE_NOOP("ChecklistDialog", "date")),
}
_SEVERITIES = {
    "error": str(QT_TRANSLATE_NOOP("ChecklistDialog", "error")),
    "warning": str(QT_TRANSLATE_NOOP("ChecklistDialog", "warning")),
}


def issue_text(report: Report, issue: Issue) -> str:
    """One entry as the list shows it: where, then what."""
    line = report.file_line(issue)
    if line is not None:
        where = translate("ChecklistDialog", "Line {line}, column {column}").format(
            line=line, column=issue.column + 1
        )
    elif issue.field:
        field = _FIELD_NAMES.get(issue.field)
        where = translate("ChecklistDialog", "Properties ▸ {field}").format(
            field=translate("ChecklistDialog", field) if field else issue.field
        )
    else:
        where = translate("ChecklistDialog", "Post")
    return translate("ChecklistDialog", "{where}: {message}").format(
        where=where, message=issue.message
    )


class ChecklistDialog(QDialog):
    """The list of what the checks found; non-modal, so the editor stays usable beside it."""

    goTo = Signal(object)  # the Issue whose place the author asked for
    proceed = Signal()  # "Publish anyway" / "Publish"

    def __init__(self, report: Report, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistDialog")
        if title:
            self.setWindowTitle(
                translate("ChecklistDialog", "Before publishing “{title}”").format(title=title)
            )
        else:
            self.setWindowTitle(translate("ChecklistDialog", "Before publishing"))
        self.setModal(False)
        self.report = report
        errors, warnings = len(report.errors), len(report.warnings)
        # Counts: a singular and a plural message each, chosen here (see docs in _count).
        problems = _count(
            errors,
            translate("ChecklistDialog", "{n} problem"),
            translate("ChecklistDialog", "{n} problems"),
        )
        if report.blocking and warnings:
            head = translate(
                "ChecklistDialog",
                "<b>{problems} to fix before publishing</b> and {warnings}. "
                "Double-click an entry to go there.",
            ).format(
                problems=problems,
                warnings=_count(
                    warnings,
                    translate("ChecklistDialog", "{n} warning"),
                    translate("ChecklistDialog", "{n} warnings"),
                ),
            )
        elif report.blocking:
            head = translate(
                "ChecklistDialog",
                "<b>{problems} to fix before publishing</b>. Double-click an entry to go there.",
            ).format(problems=problems)
        else:
            things = _count(
                warnings,
                translate("ChecklistDialog", "{n} thing"),
                translate("ChecklistDialog", "{n} things"),
            )
            head = translate(
                "ChecklistDialog",
                "<b>{things} to look at</b> (nothing blocks publishing). "
                "Double-click an entry to go there.",
            ).format(things=things)
        self.summary = QLabel(head, self)
        self.summary.setObjectName("checklistSummary")
        self.summary.setWordWrap(True)
        self.items = QListWidget(self)
        self.items.setObjectName("checklistItems")
        self.items.setWordWrap(True)
        self.items.setAlternatingRowColors(True)
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for issue in report.issues:
            item = QListWidgetItem(icons[issue.severity], issue_text(report, issue))
            item.setData(ISSUE_ROLE, issue)
            severity = _SEVERITIES.get(issue.severity)
            item.setToolTip(
                translate("ChecklistDialog", "{severity}: {check}").format(
                    severity=translate("ChecklistDialog", severity) if severity else issue.severity,
                    check=issue.check,
                )
            )
            self.items.addItem(item)
        if self.items.count():
            self.items.setCurrentRow(0)
        # itemActivated is Qt's "open this entry": double-click, and Enter/Return on the
        # current one (Qt maps them per platform).
        self.items.itemActivated.connect(self._activated)
        self.notes = QLabel("\n".join(report.notes), self)
        self.notes.setObjectName("checklistNotes")
        self.notes.setWordWrap(True)
        self.notes.setEnabled(False)  # greyed: what was not checked, for information
        self.notes.setVisible(bool(report.notes))

        self.buttons = QDialogButtonBox(self)
        if report.blocking:
            label = translate("ChecklistDialog", "Publish &Anyway")
        else:
            label = translate("ChecklistDialog", "&Publish")
        self.publish_button: QPushButton = self.buttons.addButton(
            label, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.publish_button.setObjectName("checklistPublish")
        self.back_button: QPushButton = self.buttons.addButton(
            translate("ChecklistDialog", "&Back to Editing"), QDialogButtonBox.ButtonRole.RejectRole
        )
        # Enter in the list activates an entry; it must not press a default button.
        for button in (self.publish_button, self.back_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons.accepted.connect(self._publish)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.items, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.buttons)
        self.resize(640, 360)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        # Enter in the list activates the entry (the view does that, then passes the key on);
        # it must never reach QDialog, whose Enter presses a button or closes the dialog.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def issue_at(self, row: int) -> Issue:
        issue = self.items.item(row).data(ISSUE_ROLE)
        assert isinstance(issue, Issue)
        return issue

    def _activated(self, item: QListWidgetItem) -> None:
        self.goTo.emit(item.data(ISSUE_ROLE))

    def _publish(self) -> None:
        self.accept()
        self.proceed.emit()


def _count(n: int, one: str, many: str) -> str:
    """`n` with its word: `one` ("{n} problem") for 1, else `many` ("{n} problems"), both
    translated already. Two messages chosen here rather than Qt's "%n problem(s)": the installed
    pyside6-lupdate drops the plural form of a translate() whose count is not a literal number."""
    return (one if n == 1 else many).format(n=n)


class PublishChecks(QObject):
    """Runs the checklist before a publish and shows it when it found anything."""

    shown = Signal(object)  # the ChecklistDialog just opened (tests drive it)
    checked = Signal(object)  # the Report of the last check

    def __init__(
        self,
        window: Any,
        controller: Callable[[], PublishController],
        say: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._say = say or (lambda _text: None)
        self._controller = controller
        self.dialog: ChecklistDialog | None = None
        self.last_report: Report | None = None

    def _check_links(self) -> bool:
        # A preference the settings file may hold (`"check_links": false` for authors who are
        # mostly offline); the preferences dialog owns the typed settings.
        settings = getattr(self.window, "settings", None)
        extra = getattr(settings, "extra", None)
        return bool(extra.get("check_links", True)) if isinstance(extra, dict) else True

    def before_publish(
        self,
        path: Path,
        account: Account,
        *,
        status: str | None,
        date: datetime | None,
        title: str,
        proceed: Callable[[], bool],
    ) -> bool:
        """Check the post (saved already) for `account`, then `proceed()` when nothing was found
        or when the author says so. False when the check could not start (another job runs)."""
        controller = self._controller()
        service = controller.service
        check_links = self._check_links()

        def work(token: CancelToken) -> Report:
            from blogdesk.sync.prepublish import checklist

            return checklist(
                service.library,
                path,
                account,
                cache_dir=service.cache_dir,
                render_options=service.render_options,
                check_links=check_links,
                status=status,
                date=date,
                cancel=token,
            )

        def done(report: Report) -> None:
            self.last_report = report
            self.checked.emit(report)
            if not report.issues:
                proceed()
                return
            if report.blocking:
                blocked = translate("PublishChecks", "nothing was sent")
            else:
                blocked = translate("PublishChecks", "not sent yet")
            self._say(
                translate(
                    "PublishChecks", "Before publishing: {count} to look at; {blocked}."
                ).format(count=len(report.issues), blocked=blocked)
            )
            self.show_report(report, title, proceed)

        if self.dialog is not None:
            self.dialog.close()
        return controller.run_step(
            translate("PublishChecks", "Checking the post before publishing…"), work, done
        )

    def show_report(
        self, report: Report, title: str, proceed: Callable[[], bool]
    ) -> ChecklistDialog:
        dialog = self.dialog = ChecklistDialog(report, title, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.goTo.connect(lambda issue: self.go_to(report, issue))
        dialog.proceed.connect(proceed)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        dialog.show()
        dialog.raise_()
        self.shown.emit(dialog)
        return dialog

    def _forget(self, dialog: ChecklistDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def go_to(self, report: Report, issue: Issue) -> None:
        """Show the author where the issue is: the place in the text, or the field."""
        del report
        # The list stays open beside the window; the author goes on typing in the window.
        self.window.activateWindow()
        editor = getattr(self.window, "editor", None)
        if issue.line is not None and editor is not None:
            editor.go_to_line(issue.line)
            cursor = editor.textCursor()
            length = cursor.block().length() - 1
            cursor.movePosition(
                QTextCursor.MoveOperation.Right,
                QTextCursor.MoveMode.MoveAnchor,
                min(issue.column, max(0, length)),
            )
            editor.setTextCursor(cursor)
            editor.setFocus()
            return
        name = _FIELD_WIDGETS.get(issue.field or "")
        metadata = getattr(self.window, "metadata", None)
        widget = getattr(metadata, name, None) if name else None
        menus = getattr(self.window, "menus", None)
        if widget is not None and menus is not None:
            menus.set_panel_visible("metadata", True)
            widget.setFocus()
