"""A post's exported page printed to PDF by QtWebEngine, the preview's engine: what the author sees
in the preview is what prints (same HTML, same CSS, same Chromium layout).

`PdfPrinter` is asynchronous (the window's File ▸ Export… never waits on it); `print_pdf` runs an
event loop until the file is written, for the CLI. Web content is blocked as in the preview
unless `allow_remote`; the page's own folder (its images) is readable.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMarginsF,
    QObject,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

from blogdesk.core.export.page import ExportError
from blogdesk.ui.i18n import number, translate

__all__ = ["PdfPrinter", "print_pdf"]

MARGIN_MM = 18.0
TIMEOUT_S = 60.0


class _LocalOnly(QWebEngineUrlRequestInterceptor):
    """Lets the page read its own files and inline data; the web only when allowed."""

    def __init__(self, allow_remote: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.allow_remote = allow_remote

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # Qt override
        scheme = info.requestUrl().scheme()
        if scheme in ("file", "data", "blob"):
            return
        if scheme in ("http", "https") and self.allow_remote:
            return
        info.block(True)


class PdfPrinter(QObject):
    """Loads one exported page and prints it to a PDF file."""

    finished = Signal(str, bool)  # the PDF's path, whether it was written

    def __init__(self, parent: QObject | None = None, *, allow_remote: bool = False) -> None:
        super().__init__(parent)
        # The shared default profile: an export leaves no profile of its own to tear down.
        self._page = QWebEnginePage(QWebEngineProfile.defaultProfile(), self)
        self._interceptor = _LocalOnly(allow_remote, self)
        self._page.setUrlRequestInterceptor(self._interceptor)
        self._page.loadFinished.connect(self._loaded)
        self._page.pdfPrintingFinished.connect(self._printed)
        self._out: Path | None = None
        self.busy = False

    def close(self) -> None:
        """Delete the web page now: a page that outlives its profile (at the program's exit)
        makes QtWebEngine warn and may crash."""
        self._page.deleteLater()
        self.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def print_page(self, page: Path, out: Path) -> None:
        """Start printing `page` (an exported HTML file) to `out`; `finished` says when."""
        if self.busy:
            raise ExportError(
                translate("PdfPrinter", "A PDF is being made already; wait for it to finish.")
            )
        self.busy = True
        self._out = out
        self._page.load(QUrl.fromLocalFile(str(page.resolve())))

    def _loaded(self, ok: bool) -> None:
        if self._out is None:
            return
        if not ok:
            self._done(False)
            return
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
        self._page.printToPdf(str(self._out), layout)

    def _printed(self, path: str, ok: bool) -> None:
        del path
        self._done(ok)

    def _done(self, ok: bool) -> None:
        out, self._out, self.busy = self._out, None, False
        if ok and out is not None and out.is_file():
            # Chromium writes the file for its owner only; an export is a document like others.
            umask = os.umask(0)
            os.umask(umask)
            out.chmod(0o666 & ~umask)
        self.finished.emit(str(out), ok)


def print_pdf(page: Path, out: Path, *, allow_remote: bool = False) -> Path:
    """Print `page` to `out` and wait (a QApplication must exist). ExportError on failure."""
    printer = PdfPrinter(allow_remote=allow_remote)
    loop = QEventLoop()
    result: list[bool] = []

    def finished(_path: str, ok: bool) -> None:
        result.append(ok)
        loop.quit()

    printer.finished.connect(finished)
    timer = QTimer(singleShot=True)
    timer.timeout.connect(loop.quit)
    timer.start(int(TIMEOUT_S * 1000))
    printer.print_page(page, out)
    if not result:
        loop.exec()
    timer.stop()
    printer.close()
    if not result:
        raise ExportError(
            translate("PdfPrinter", "The PDF was not made within {seconds} s.").format(
                seconds=number(round(TIMEOUT_S))
            )
        )
    if not result[0] or not out.is_file():
        raise ExportError(
            translate("PdfPrinter", "The PDF could not be written to {path}.").format(path=out)
        )
    return out
