"""File ▸ Export…: the open post as a web page, a PDF or a Word document.

One save dialog: the file type chosen in it is the format. The page (and the Word document made
from it) is written on a worker thread; the PDF is printed by QtWebEngine on the GUI thread,
which it does asynchronously, so the window never waits. The result or the reason it failed goes
to the status bar.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.export import export_post, write_html
from blogdesk.ui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["FILTERS", "Exporter"]

log = logging.getLogger(__name__)

# (format, the file dialog's filter): the filter chosen is the format. The filters are translated
# where shown (QT_TRANSLATE_NOOP only marks them).
FILTERS = (
    ("html", QT_TRANSLATE_NOOP("Exporter", "Web page (*.html)")),
    ("pdf", QT_TRANSLATE_NOOP("Exporter", "PDF document (*.pdf)")),
    ("docx", QT_TRANSLATE_NOOP("Exporter", "Word document (*.docx)")),
)


class Exporter(QObject):
    """Exports the window's open post; `exported` or `failed` says how it went."""

    exported = Signal(str)  # the file written
    failed = Signal(str)  # what went wrong, for the author

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self._printer: Any = None
        self._page_dir: str | None = None
        self.exported.connect(
            lambda path: self._say(translate("Exporter", "Exported to {path}").format(path=path))
        )
        self.failed.connect(self._say)

    def _say(self, text: str) -> None:
        show = getattr(self.window, "show_message", None)
        if callable(show):
            show(text)

    def ask(self) -> None:
        """The save dialog, then the export."""
        doc = self.window.documents.doc
        if doc is None:
            self.failed.emit(translate("Exporter", "Open a post to export it."))
            return
        start = str(doc.path.with_suffix(".html"))
        filters = [(fmt, translate("Exporter", text)) for fmt, text in FILTERS]
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self.window,
            translate("Exporter", "Export Post"),
            start,
            ";;".join(f for _fmt, f in filters),
        )
        if not chosen:
            return
        fmt = next((fmt for fmt, f in filters if f == chosen_filter), None)
        if fmt is None:
            fmt = Path(chosen).suffix.lstrip(".").lower()
        self.export(Path(chosen), fmt)

    def export(self, out: Path, fmt: str) -> None:
        """Export the open post (as saved now) to `out` in `fmt` ("html", "pdf", "docx")."""
        from blogdesk.sync.media.ledger import resolve_image

        docs = self.window.documents
        if docs.doc is None:
            self.failed.emit(translate("Exporter", "Open a post to export it."))
            return
        docs.save_now()
        post, folder = docs.doc.post, docs.doc.path.parent
        root = self.window.library.root
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}")
        options = self._render_options()

        def resolve(ref: str) -> Path | None:
            return resolve_image(ref, folder, root)

        if fmt == "pdf":
            self._page_dir = tempfile.mkdtemp(prefix="blogdesk-export-")
            page = Path(self._page_dir) / "post.html"
            self.window.runner.run(
                lambda: write_html(post, page, resolve, options=options),
                lambda _p: self._print(page, out),
                self._error,
            )
            return
        self.window.runner.run(
            lambda: export_post(post, fmt, out, resolve, options=options),
            lambda path: self.exported.emit(str(path)),
            self._error,
        )

    def _render_options(self) -> Any:
        from blogdesk.core.settings import render_options

        return render_options(self.window.settings)

    def _print(self, page: Path, out: Path) -> None:
        from blogdesk.ui.export.pdf import PdfPrinter

        if self._printer is None:
            allow = bool(getattr(self.window.library_settings, "allow_remote_content", False))
            self._printer = PdfPrinter(self, allow_remote=allow)
            self._printer.finished.connect(self._printed)
        self._printer.print_page(page, out)

    def _printed(self, path: str, ok: bool) -> None:
        if self._page_dir is not None:
            shutil.rmtree(self._page_dir, ignore_errors=True)
            self._page_dir = None
        if ok:
            self.exported.emit(path)
        else:
            self.failed.emit(
                translate("Exporter", "The PDF could not be written to {path}.").format(path=path)
            )

    def _error(self, exc: BaseException) -> None:
        if self._page_dir is not None:
            shutil.rmtree(self._page_dir, ignore_errors=True)
            self._page_dir = None
        if not isinstance(exc, (BlogDeskError, OSError)):  # a bug: logged with its traceback
            log.error("export failed", exc_info=exc)
        self.failed.emit(translate("Exporter", "Export failed: {reason}").format(reason=exc))
