"""One export, whatever the format: the page, then a Word document or a PDF made from it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from blogdesk.core.export.docx import html_to_docx
from blogdesk.core.export.page import FORMATS, ExportError, Resolver, write_html
from blogdesk.core.post.post import Post
from blogdesk.core.render.rendering import RenderOptions

__all__ = ["PdfPrinter", "export_post"]

# Prints an exported page (HTML file, images beside it) to a PDF file: the preview's engine,
# given by the caller (blogdesk.ui.export.pdf.print_pdf), since core has no Qt.
PdfPrinter = Callable[[Path, Path], Path]


def export_post(
    post: Post,
    fmt: str,
    out: Path,
    resolve: Resolver,
    *,
    inline: bool = False,
    options: RenderOptions | None = None,
    style: str = "plain",
    print_pdf: PdfPrinter | None = None,
) -> Path:
    """Export `post` as `fmt` ("html", "pdf", "docx") to the file `out`."""
    if fmt not in FORMATS:
        raise ExportError(f"BlogDesk cannot export to {fmt!r} (formats: {', '.join(FORMATS)}).")
    if fmt == "html":
        return write_html(post, out, resolve, inline=inline, options=options, style=style)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    # The page the PDF or the document is made from lives only as long as the conversion.
    with tempfile.TemporaryDirectory(prefix="blogdesk-export-") as folder:
        page = write_html(post, Path(folder) / "post.html", resolve, options=options, style=style)
        if fmt == "docx":
            return html_to_docx(page, out)
        if print_pdf is None:
            raise ExportError("PDF export needs the preview's engine (Qt WebEngine).")
        return print_pdf(page, out)
