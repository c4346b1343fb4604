"""Exporting a post: a standalone HTML page (the preview's page), and a Word document made from it.

The PDF is printed from the same page by the preview's engine (`blogdesk.ui.export.pdf`): what the
author sees is what prints. See docs/export.md.
"""

from blogdesk.core.export.docx import PandocMissingError, html_to_docx, pandoc_path
from blogdesk.core.export.jobs import export_post
from blogdesk.core.export.page import (
    FORMATS,
    STYLES,
    ExportError,
    Resolver,
    export_file_name,
    standalone_page,
    write_html,
)

__all__ = [
    "FORMATS",
    "STYLES",
    "ExportError",
    "PandocMissingError",
    "Resolver",
    "export_file_name",
    "export_post",
    "html_to_docx",
    "pandoc_path",
    "standalone_page",
    "write_html",
]
