"""The image dialog: what an author says about an image when inserting it, dropping it or
double-clicking its reference — alt text, caption, alignment, size and link.

It edits an `ImageMarkup` (core/render/image_markup.py) and shows the source it will write, so
the author sees when an image turns from plain Markdown into a figure.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import (
    QFontDatabase,
    QImage,
    QImageIOHandler,
    QImageReader,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.render.image_markup import Align, ImageMarkup, scaled_height, serialise
from blogdesk.ui.editor.insert.image_modes import DialogMode
from blogdesk.ui.i18n import translate

__all__ = ["DialogMode", "ImageDialog", "natural_size"]

ALT_WARNING = str(
    QT_TRANSLATE_NOOP("ImageDialog", "Describe the image for readers who cannot see it.")
)
_ALIGN_CHOICES = (
    (str(QT_TRANSLATE_NOOP("ImageDialog", "None")), Align.NONE),
    (str(QT_TRANSLATE_NOOP("ImageDialog", "Left")), Align.LEFT),
    (str(QT_TRANSLATE_NOOP("ImageDialog", "Centre")), Align.CENTER),
    (str(QT_TRANSLATE_NOOP("ImageDialog", "Right")), Align.RIGHT),
)
LINK_NONE, LINK_FILE, LINK_URL = 0, 1, 2
_THUMB = 180  # the preview picture's longest side, in pixels


def natural_size(source: Path | bytes | None) -> tuple[int, int] | None:
    """An image's size in pixels as readers will see it (EXIF rotation applied), read from the
    file's header only; None when it cannot be read."""
    if source is None:
        return None
    if isinstance(source, bytes):
        buffer = QBuffer()
        buffer.setData(QByteArray(source))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer)
        return _reader_size(reader)
    return _reader_size(QImageReader(str(source)))


def _reader_size(reader: QImageReader) -> tuple[int, int] | None:
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        return None
    width, height = size.width(), size.height()
    # A phone photo stored landscape and tagged "rotate 90°" is shown portrait.
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        width, height = height, width
    return width, height


def _thumbnail(source: Path | bytes | None) -> QPixmap | None:
    if source is None:
        return None
    image = QImage.fromData(source) if isinstance(source, bytes) else QImage(str(source))
    if image.isNull():
        return None
    return QPixmap.fromImage(
        image.scaled(
            _THUMB,
            _THUMB,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    )


class ImageDialog(QDialog):
    """Edits `image`. `source` (a file or bytes) gives the picture and its real size."""

    def __init__(
        self,
        image: ImageMarkup,
        *,
        mode: DialogMode,
        source: Path | bytes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("image_dialog")
        self.mode = mode
        self._image = image
        self._natural = natural_size(source)
        titles = {
            DialogMode.INSERT: translate("ImageDialog", "Insert image"),
            DialogMode.EDIT: translate("ImageDialog", "Edit image"),
            DialogMode.DROPPED: translate("ImageDialog", "Image details"),
        }
        self.setWindowTitle(titles[mode])

        picture = QLabel()
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = _thumbnail(source)
        if pixmap is not None:
            picture.setPixmap(pixmap)
        else:
            picture.setText(translate("ImageDialog", "(no preview)"))
        name = QLabel(image.src)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        name.setWordWrap(True)

        self.alt = QLineEdit(image.alt)
        self.alt.setObjectName("alt")
        self.alt.setPlaceholderText(
            translate("ImageDialog", "What the image shows, for screen readers")
        )
        self.decorative = QCheckBox(translate("ImageDialog", "&Decorative: nothing to describe"))
        self.decorative.setObjectName("decorative")
        self.alt_warning = QLabel(translate("ImageDialog", ALT_WARNING))
        self.alt_warning.setObjectName("alt_warning")
        self.alt_warning.setWordWrap(True)

        self.caption = QLineEdit(image.caption)
        self.caption.setObjectName("caption")
        self.caption.setPlaceholderText(
            translate("ImageDialog", "Shown under the image (optional)")
        )
        caption_note = QLabel(
            translate("ImageDialog", "This caption holds HTML; it is written as it stands.")
        )
        caption_note.setVisible(image.caption_is_html)

        self.align = QComboBox()
        self.align.setObjectName("align")
        for label, value in _ALIGN_CHOICES:
            self.align.addItem(translate("ImageDialog", label), value)
        self.align.setCurrentIndex(self.align.findData(image.align))

        self.size_original = QRadioButton(self._original_label())
        self.size_original.setObjectName("size_original")
        self.size_width = QRadioButton(translate("ImageDialog", "&Width"))
        self.size_width.setObjectName("size_width")
        sizes = QButtonGroup(self)
        sizes.addButton(self.size_original)
        sizes.addButton(self.size_width)
        self.width_box = QSpinBox()
        self.width_box.setObjectName("width")
        self.width_box.setRange(1, 20_000)
        self.width_box.setSuffix(" px")
        self.width_box.setValue(image.width or (self._natural[0] if self._natural else 640))
        self.height_label = QLabel()
        self.height_label.setObjectName("height_label")
        (self.size_width if image.width else self.size_original).setChecked(True)

        self.link = QComboBox()
        self.link.setObjectName("link")
        self.link.addItems(
            [
                translate("ImageDialog", "No link"),
                translate("ImageDialog", "The image file"),
                translate("ImageDialog", "A web address"),
            ]
        )
        self.url = QLineEdit()
        self.url.setObjectName("url")
        self.url.setPlaceholderText("https://")
        if image.link and image.link == image.src:
            self.link.setCurrentIndex(LINK_FILE)
        elif image.link:
            self.link.setCurrentIndex(LINK_URL)
            self.url.setText(image.link)

        self.markup = QLabel()
        self.markup.setObjectName("markup")
        self.markup.setWordWrap(True)
        self.markup.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.markup.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.markup.setTextFormat(Qt.TextFormat.PlainText)
        self.markup.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.dont_ask = QCheckBox(
            translate("ImageDialog", "Don't ask for dropped or pasted images")
        )
        self.dont_ask.setObjectName("dont_ask")
        self.dont_ask.setVisible(mode is DialogMode.DROPPED)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(
            translate("ImageDialog", "Update")
            if mode is DialogMode.EDIT
            else translate("ImageDialog", "Insert")
        )
        if mode is DialogMode.DROPPED:
            # Esc and Skip still insert: the author already chose the image by dropping it.
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
                translate("ImageDialog", "Skip")
            )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout(picture, name, caption_note)
        for signal in (
            self.alt.textChanged,
            self.decorative.toggled,
            self.caption.textChanged,
            self.align.currentIndexChanged,
            self.size_width.toggled,
            self.width_box.valueChanged,
            self.link.currentIndexChanged,
            self.url.textChanged,
        ):
            signal.connect(self._update)
        self.link.currentIndexChanged.connect(self._link_chosen)
        self._update()
        self.alt.setFocus()

    def _layout(self, picture: QLabel, name: QLabel, caption_note: QLabel) -> None:
        form = QFormLayout()
        form.addRow(picture)
        form.addRow(name)
        form.addRow(translate("ImageDialog", "&Alt text:"), self.alt)
        form.addRow("", self.alt_warning)
        form.addRow("", self.decorative)
        form.addRow(translate("ImageDialog", "&Caption:"), self.caption)
        form.addRow("", caption_note)
        form.addRow(translate("ImageDialog", "Ali&gnment:"), self.align)
        width_row = QHBoxLayout()
        for widget in (self.size_width, self.width_box, self.height_label):
            width_row.addWidget(widget)
        width_row.addStretch(1)
        size_box = QVBoxLayout()
        size_box.addWidget(self.size_original)
        size_box.addLayout(width_row)
        form.addRow(translate("ImageDialog", "Size:"), size_box)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link)
        link_row.addWidget(self.url, 1)
        link_label = QLabel(translate("ImageDialog", "&Link:"))
        link_label.setBuddy(self.link)  # the row is a layout: the label needs its buddy named
        form.addRow(link_label, link_row)
        form.addRow(translate("ImageDialog", "Writes:"), self.markup)
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addWidget(self.dont_ask)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _original_label(self) -> str:
        if self._natural is None:
            return translate("ImageDialog", "&Original size")
        return translate("ImageDialog", "&Original size ({width} × {height} px)").format(
            width=self._natural[0], height=self._natural[1]
        )

    # -- reading the widgets --------------------------------------------------------------------

    def _height(self, width: int) -> int | None:
        if self._natural is not None:
            return scaled_height(width, self._natural)
        old = self._image
        if old.width and old.height:  # no file to read: keep the ratio the reference had
            return scaled_height(width, (old.width, old.height))
        return None

    def image(self) -> ImageMarkup:
        """The image as the widgets describe it."""
        width = height = None
        if self.size_width.isChecked():
            width = self.width_box.value()
            height = self._height(width)
        link = {LINK_NONE: "", LINK_FILE: self._image.src, LINK_URL: self.url.text().strip()}[
            self.link.currentIndex()
        ]
        return dataclasses.replace(
            self._image,
            alt="" if self.decorative.isChecked() else self.alt.text().strip(),
            caption=self.caption.text().strip(),
            align=self.align.currentData(),
            width=width,
            height=height,
            link=link,
        )

    def _update(self) -> None:
        decorative = self.decorative.isChecked()
        self.alt.setEnabled(not decorative)
        self.alt_warning.setVisible(not decorative and not self.alt.text().strip())
        self.width_box.setEnabled(self.size_width.isChecked())
        height = self._height(self.width_box.value())
        self.height_label.setText(
            ""
            if height is None
            else translate("ImageDialog", "× {height} px").format(height=height)
        )
        self.url.setEnabled(self.link.currentIndex() == LINK_URL)
        self.markup.setText(serialise(self.image()))

    def _link_chosen(self, index: int) -> None:
        if index == LINK_URL:
            self.url.setFocus()

    def accept(self) -> None:
        # An empty alt is allowed, but only as a decision: the author ticks "Decorative".
        if not self.alt.text().strip() and not self.decorative.isChecked():
            self.alt_warning.setText(
                translate("ImageDialog", ALT_WARNING)
                + " "
                + translate("ImageDialog", "If it only decorates the post, tick “Decorative”.")
            )
            self.alt_warning.setStyleSheet("font-weight: bold")
            self.alt_warning.show()
            self.alt.setFocus()
            return
        super().accept()
