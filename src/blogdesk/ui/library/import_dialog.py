"""The import window: progress with counts and Cancel while an import runs, the summary after.

The import runs on the window's TaskRunner; the worker only gets plain data (the library, the
source, a Progress to report to and poll), never a widget. Wiring in the main window: see
`ask_and_import_wxr` / `ask_and_import_folder`, one menu action each.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.importers import ImportReport
from blogdesk.core.importers.folder import import_folder
from blogdesk.core.importers.media import Fetcher
from blogdesk.core.importers.wxr import import_wxr
from blogdesk.core.library.library import Library
from blogdesk.core.progress import Progress
from blogdesk.ui.i18n import number, translate
from blogdesk.ui.tasks import TaskHandle, TaskProgress, TaskRunner

__all__ = [
    "ImportDialog",
    "ImportKind",
    "ask_and_import_folder",
    "ask_and_import_wxr",
    "start_import",
]

ImportKind = Literal["wxr", "folder"]


class ImportDialog(QDialog):
    """Non-blocking: `start()` returns at once; `importFinished` tells when the import ended."""

    # Emitted with the ImportReport when the import ends: done, cancelled, or failed (then the
    # report's `error` says why). The library panel should reload its list then.
    importFinished = Signal(object)

    def __init__(
        self,
        parent: QWidget | None,
        library: Library,
        kind: ImportKind,
        source: Path,
        runner: TaskRunner,
        *,
        download_media: bool = False,
        fetcher: Fetcher | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._kind = kind
        self._source = Path(source)
        self._runner = runner
        self._download_media = download_media
        self._fetcher = fetcher
        self._handle: TaskHandle | None = None
        self.report = ImportReport()  # filled by the worker; read here only after it ended
        self.running = False

        self.setWindowTitle(translate("ImportDialog", "Import"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        heading = (
            translate("ImportDialog", "Importing the WordPress export <b>{name}</b>…")
            if kind == "wxr"
            else translate("ImportDialog", "Importing the folder <b>{name}</b>…")
        )
        self.heading = QLabel(heading.format(name=self._source.name))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first report says how many items there are
        self.counts = QLabel(translate("ImportDialog", "Starting…"))
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.summary.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.cancel_button = QPushButton(translate("ImportDialog", "Cancel"))
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        for widget in (self.heading, self.bar, self.counts, self.summary, self.buttons):
            layout.addWidget(widget)

    # -- running ----------------------------------------------------------------------------

    def start(self) -> None:
        self.running = True
        self._handle = self._runner.run_with_progress(
            self._work,
            on_progress=self._on_progress,
            on_done=self._on_done,
            on_error=self._on_error,
            on_cancelled=self._on_cancelled,
        )

    def _work(self, progress: TaskProgress) -> ImportReport:
        """Runs on a worker thread: plain data in, the report out."""

        def report_step(step: Progress) -> None:
            progress.report(step.done, step.total, step.message)

        if self._kind == "wxr":
            return import_wxr(
                self._library,
                self._source,
                download_media=self._download_media,
                fetcher=self._fetcher,
                progress=report_step,
                cancel=progress,
                report=self.report,
            )
        return import_folder(
            self._library, self._source, progress=report_step, cancel=progress, report=self.report
        )

    def cancel(self) -> None:
        """Cancel while running (posts already written stay, each complete); close afterwards."""
        if not self.running:
            self.accept()
            return
        if self._handle is not None:
            self._handle.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(translate("ImportDialog", "Cancelling…"))
        self.counts.setText(
            translate("ImportDialog", "{progress} — stopping after this item").format(
                progress=self.counts.text()
            )
        )

    def reject(self) -> None:  # Escape and the title bar's close button
        if self.running:
            self.cancel()
        else:
            super().reject()

    # -- callbacks (GUI thread) -------------------------------------------------------------

    def _on_progress(self, step: Progress) -> None:
        if step.total is not None and step.total > 0:
            self.bar.setRange(0, step.total)
            self.bar.setValue(min(step.done, step.total))
            text = translate("ImportDialog", "{done} of {total}").format(
                done=number(step.done), total=number(step.total)
            )
        else:
            text = number(step.done)
        self.counts.setText(f"{text}: {step.message}" if step.message else text)

    def _on_done(self, report: ImportReport) -> None:
        self._finish(report)

    def _on_cancelled(self) -> None:
        self.report.cancelled = True
        self._finish(self.report)

    def _on_error(self, exc: BaseException) -> None:
        # Errors a person can act on keep their message; anything else is a bug, said plainly.
        if isinstance(exc, BlogDeskError):
            self.report.error = str(exc)
        else:
            self.report.error = translate("ImportDialog", "an unexpected error ({error})").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        self._finish(self.report)

    def _finish(self, report: ImportReport) -> None:
        self.running = False
        did_nothing = report.accounted == 0
        if report.error and did_nothing:
            self.heading.setText(translate("ImportDialog", "The import did not run."))
            self._stop_bar("error", translate("ImportDialog", "Did not run"))
        elif report.cancelled:
            self.heading.setText(translate("ImportDialog", "Import cancelled."))
            self._stop_bar("cancelled", translate("ImportDialog", "Cancelled"))
        elif report.error or report.failed:
            # Some items came in, some did not: finished, but not the way the person asked for.
            self.heading.setText(translate("ImportDialog", "Import finished with problems."))
            self._stop_bar(
                "error",
                translate("ImportDialog", "%v of %m items read")
                if report.error
                else translate("ImportDialog", "Finished"),
            )
        else:
            self.heading.setText(translate("ImportDialog", "Import finished."))
            self._stop_bar("done", translate("ImportDialog", "Finished"))
            self.bar.setValue(self.bar.maximum())
        self.counts.setText(
            translate(
                "ImportDialog",
                "Imported {imported}, updated {updated}, skipped {skipped}, failed {failed}, "
                "warnings {warnings}",
            ).format(
                imported=number(len(report.imported)),
                updated=number(len(report.updated)),
                skipped=number(len(report.skipped)),
                failed=number(len(report.failed)),
                warnings=number(len(report.warnings)),
            )
        )
        # Every skipped and failed item named: the text box scrolls, nothing is left out.
        self.summary.setPlainText(report.summary())
        self.summary.setVisible(True)
        self.cancel_button.setText(translate("ImportDialog", "Close"))
        self.cancel_button.setEnabled(True)
        self.importFinished.emit(report)

    def _stop_bar(self, state: str, text: str) -> None:
        """Stop the busy animation (a range of 0..0) and show how the import ended.

        `state` is also the bar's `importState` property ("done", "cancelled", "error"), for
        style sheets and tests; an error turns the bar's chunk red, as a failed task bar does.
        """
        if self.bar.maximum() == 0:
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
        self.bar.setProperty("importState", state)
        self.bar.setFormat(text)
        self.bar.setTextVisible(True)
        if state == "error":
            self.bar.setStyleSheet("QProgressBar::chunk { background-color: #c0392b; }")


def start_import(
    parent: QWidget | None,
    library: Library,
    kind: ImportKind,
    source: Path,
    runner: TaskRunner,
    *,
    download_media: bool = False,
    fetcher: Fetcher | None = None,
) -> ImportDialog:
    """Show the import dialog and start importing `source` in the background."""
    dialog = ImportDialog(
        parent, library, kind, source, runner, download_media=download_media, fetcher=fetcher
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog


def ask_and_import_wxr(
    parent: QWidget | None, library: Library, runner: TaskRunner
) -> ImportDialog | None:
    """File → Import → WordPress export…: pick the file, ask about images, then import."""
    name, _ = QFileDialog.getOpenFileName(
        parent,
        translate("ImportDialog", "Import a WordPress export"),
        "",
        translate("ImportDialog", "WordPress export (*.xml);;All files (*)"),
    )
    if not name:
        return None
    answer = QMessageBox.question(
        parent,
        translate("ImportDialog", "Import images?"),
        translate(
            "ImportDialog",
            "Download the blog's images into the library's media folder as well?\n\n"
            "Without them, posts keep showing the images from the blog's web address.",
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    download = answer == QMessageBox.StandardButton.Yes
    return start_import(parent, library, "wxr", Path(name), runner, download_media=download)


def ask_and_import_folder(
    parent: QWidget | None, library: Library, runner: TaskRunner
) -> ImportDialog | None:
    """File → Import → Jekyll or Hugo folder…: pick the site folder, then import it."""
    folder = QFileDialog.getExistingDirectory(
        parent, translate("ImportDialog", "Import a Jekyll or Hugo site folder")
    )
    if not folder:
        return None
    return start_import(parent, library, "folder", Path(folder), runner)
