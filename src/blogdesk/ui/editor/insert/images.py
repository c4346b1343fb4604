"""The editor's images: the Image action, double-click on a reference, dropped and pasted images,
each through the image dialog; the dialog's answer becomes the reference's source text
(core/render/image_markup.py) inserted or replaced as one undo step.

The dialogs are window-modal and open without a nested event loop (`open()`, not `exec()`): a
drop must return to the system before anything is asked, and the caret's QTextCursor keeps its
place while the author fills the dialog in.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QWidget

from blogdesk.ui.editor.insert.image_modes import DialogMode
from blogdesk.ui.i18n import translate

if TYPE_CHECKING:  # these load when an image is first inserted or edited, not at start-up
    from blogdesk.core.render.image_markup import FoundImage, ImageMarkup
    from blogdesk.ui.editor.insert.image_dialog import ImageDialog

__all__ = ["EditorImages", "insert_paragraph", "stored"]

Source = Path | bytes


class ImageEditor(Protocol):
    """What this module needs of the MarkdownEditor (which imports this module, not vice versa)."""

    mediaError: Any  # Signal(str)
    imageInserted: Any  # Signal(str)
    choose_image_file: Callable[[], Path | None]
    image_folder: Callable[[], Path | None]

    def isReadOnly(self) -> bool: ...
    def textCursor(self) -> QTextCursor: ...
    def setTextCursor(self, cursor: QTextCursor) -> None: ...
    def toPlainText(self) -> str: ...
    def document(self) -> QTextDocument: ...
    def ensureCursorVisible(self) -> None: ...
    def insert_image(self, source: Source, name: str, image: ImageMarkup) -> str | None: ...


def _u16len(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


def _index_of(text: str, position: int) -> int:
    """The str index of QTextDocument position `position` (which counts UTF-16 units)."""
    if text.isascii():
        return position
    units = text.encode("utf-16-le")[: 2 * position]
    return len(units.decode("utf-16-le", errors="ignore"))


def insert_paragraph(cursor: QTextCursor, text: str) -> QTextCursor:
    """Insert `text` (an image reference) as a paragraph of its own at `cursor`: the line is split
    around it and a blank line added before and after where text would otherwise touch it
    (Markdown would run the image into the neighbouring paragraph). Returns the cursor after it."""
    cursor = QTextCursor(cursor)
    cursor.beginEditBlock()
    try:
        cursor.removeSelectedText()
        block = cursor.block()
        # Qt counts UTF-16 units (an emoji is two); split the line in those units.
        units, at = block.text().encode("utf-16-le"), cursor.positionInBlock() * 2
        before, after = units[:at].decode("utf-16-le"), units[at:].decode("utf-16-le")
        previous, following = block.previous(), block.next()
        # Spaces beside the image go (whitespace is one UTF-16 unit a character): leading ones
        # would make it a code block, trailing ones a line break.
        start = cursor.position() - (len(before) - len(before.rstrip()))
        end = cursor.position() + (len(after) - len(after.lstrip()))
        if before.strip():
            prefix = "\n\n"
        else:
            prefix = "\n" if previous.isValid() and previous.text().strip() else ""
        if after.strip():
            suffix = "\n\n"
        else:
            suffix = "\n" if following.isValid() and following.text().strip() else ""
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(prefix + text + suffix)
    finally:
        cursor.endEditBlock()
    return cursor


class EditorImages:
    """Owned by the editor; `dialog` is the image dialog on screen, if any (tests fill it in)."""

    def __init__(self, editor: ImageEditor, parent: QWidget) -> None:
        self.editor = editor
        self.parent = parent
        # False after the author ticked "Don't ask for dropped or pasted images" (this session).
        self.ask_for_dropped = True
        self.dialog: ImageDialog | None = None

    # -- the Image action -----------------------------------------------------------------------

    def action(self) -> None:
        """Ctrl+Shift+I: edit the image at the caret, else pick a file and describe it."""
        editor = self.editor
        if editor.isReadOnly() or self.dialog is not None:
            return
        if self.edit_at(editor.textCursor().position()):
            return
        path = editor.choose_image_file()
        if path is None:
            return
        cursor = QTextCursor(editor.textCursor())
        from blogdesk.core.render.image_markup import ImageMarkup

        def done(image: ImageMarkup | None) -> None:
            if image is not None:  # Cancel: nothing inserted, nothing copied into media/
                editor.setTextCursor(cursor)
                editor.insert_image(path, path.name, image)

        self._ask(ImageMarkup(src=path.name), DialogMode.INSERT, path, done)

    # -- editing a reference --------------------------------------------------------------------

    def find_at(self, position: int) -> tuple[FoundImage, str] | None:
        """The image reference at document `position`, and the text it was found in."""
        from blogdesk.core.render.image_markup import find_image_at

        text = self.editor.toPlainText()
        index = _index_of(text, position)
        found = find_image_at(text, index)
        if found is None and index > 0 and text[index - 1 : index] != "\n":
            found = find_image_at(text, index - 1)  # the caret just after the closing ")"/">"
        return (found, text) if found is not None else None

    def edit_at(self, position: int) -> bool:
        """Open the dialog for the reference at `position`; False when there is none."""
        hit = self.find_at(position)
        if hit is None or self.editor.isReadOnly() or self.dialog is not None:
            return hit is not None
        found, text = hit
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(_u16len(text[: found.start]))
        cursor.setPosition(_u16len(text[: found.end]), QTextCursor.MoveMode.KeepAnchor)
        original = text[found.start : found.end]

        def done(image: ImageMarkup | None) -> None:
            if image is not None:
                self._replace(cursor, original, found.image, image)

        self._ask(found.image, DialogMode.EDIT, self._local_file(found.image.src), done)
        return True

    def _replace(
        self, cursor: QTextCursor, original: str, old: ImageMarkup, new: ImageMarkup
    ) -> None:
        editor = self.editor
        # The cursor's anchors moved with any edit made meanwhile; if the reference itself was
        # changed (the file reloaded from disk), replacing it would overwrite someone's text.
        if cursor.selection().toPlainText() != original:  # the same conversion as `original`
            editor.mediaError.emit(
                translate("EditorImages", "The image reference changed while the dialog was open.")
            )
            return
        if new == old:
            return  # no empty undo step
        from blogdesk.core.render.image_markup import serialise

        markup = serialise(new)
        if new.needs_figure and not old.needs_figure:
            # Raw HTML is a block only at the start of its own paragraph.
            done = insert_paragraph(cursor, markup)
        else:
            cursor.insertText(markup)
            done = cursor
        editor.setTextCursor(done)
        editor.ensureCursorVisible()
        editor.imageInserted.emit(markup)

    def _local_file(self, src: str) -> Path | None:
        if "://" in src or src.startswith(("data:", "//")):
            return None
        folder = self.editor.image_folder()
        path = Path(src) if folder is None else folder / src
        return path if path.is_file() else None

    # -- dropped and pasted images --------------------------------------------------------------

    def dropped(self, sources: list[tuple[Source, str]]) -> None:
        """Insert dropped/pasted images where the caret is now, asking about each unless the
        author said not to. Skip (or Esc) inserts that image with no alt text and no caption."""
        editor = self.editor
        cursor = QTextCursor(editor.textCursor())
        from blogdesk.core.render.image_markup import ImageMarkup

        answers: list[ImageMarkup] = []

        def next_one(answer: ImageMarkup | None = None) -> None:
            if answer is not None:
                answers.append(answer)
            while len(answers) < len(sources) and not self.ask_for_dropped:
                answers.append(ImageMarkup(src=sources[len(answers)][1]))
            if len(answers) < len(sources):
                source, name = sources[len(answers)]
                self._ask(ImageMarkup(src=name), DialogMode.DROPPED, source, next_one)
                return
            editor.setTextCursor(cursor)
            block = QTextCursor(cursor)
            block.beginEditBlock()  # several images: one undo step
            try:
                for (source, name), image in zip(sources, answers, strict=True):
                    editor.insert_image(source, name, image)
            finally:
                block.endEditBlock()

        next_one()

    # -- the dialog -----------------------------------------------------------------------------

    def _ask(
        self,
        image: ImageMarkup,
        mode: DialogMode,
        source: Source | None,
        done: Callable[[ImageMarkup | None], None],
    ) -> None:
        from blogdesk.ui.editor.insert.image_dialog import ImageDialog

        dialog = ImageDialog(image, mode=mode, source=source, parent=self.parent)
        self.dialog = dialog

        def finished(code: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if mode is DialogMode.DROPPED:
                self.ask_for_dropped = not dialog.dont_ask.isChecked()
                # Skipped: the image still goes in, without the details (docs/user-guide.md).
                done(dialog.image() if code == QDialog.DialogCode.Accepted else image)
            else:
                done(dialog.image() if code == QDialog.DialogCode.Accepted else None)

        dialog.finished.connect(finished)
        dialog.open()


def stored(image: ImageMarkup, reference: str) -> ImageMarkup:
    """`image` (described before its file was copied) pointing at the stored `reference`; a
    link to "the image file" follows it."""
    link = reference if image.link and image.link == image.src else image.link
    return dataclasses.replace(image, src=reference, link=link)
