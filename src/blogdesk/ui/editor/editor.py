"""The Markdown editor: a QPlainTextEdit with highlighting, formatting actions, list/quote
continuation, find/replace, rich paste and image drop.

Shortcuts (all only while the editor has focus):
    Ctrl+B bold · Ctrl+I italic · Ctrl+K link · Ctrl+Shift+I image · Ctrl+1..6 heading 1..6
    Ctrl+Shift+Q quote · Ctrl+Shift+L bullet list · Ctrl+Shift+O numbered list
    Ctrl+Shift+C inline code · Ctrl+Shift+K code block · Ctrl+F find · Ctrl+H replace
    F3 / Shift+F3 find next / previous · Ctrl+Shift+V paste as plain text
    Enter continues a list or quote (an empty item ends it, leaving a blank line) · a marker
    typed or pasted right after the automatic one replaces it · Shift+Enter plain new line
    Tab / Shift+Tab indent / outdent list items and selected lines
    Ctrl+Shift+I on an image reference, or a double-click on it, opens the image dialog
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QPlainTextEdit, QWidget

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.render.lines import list_item
from blogdesk.ui.editor import continuation, formatting
from blogdesk.ui.editor.highlighter import MarkdownHighlighter, in_code_fence
from blogdesk.ui.editor.insert.images import EditorImages, insert_paragraph, stored
from blogdesk.ui.i18n import translate

if TYPE_CHECKING:  # these load on first use (a paste, drop or image; Ctrl+F), not at start-up
    from blogdesk.core.render.image_markup import ImageMarkup
    from blogdesk.ui.editor.find_replace import Finder, FindReplaceBar
    from blogdesk.ui.editor.insert.paste import MediaHandler

__all__ = ["FIND_COMMANDS", "SHORTCUTS", "MarkdownEditor", "insert_paragraph"]

log = logging.getLogger(__name__)

# name -> (menu text, shortcut). The window may put these actions in its menus and toolbar.
SHORTCUTS: dict[str, tuple[str, str]] = {
    # The texts are marked for translation and translated when the actions are made.
    "bold": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "&Bold")), "Ctrl+B"),
    "italic": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "&Italic")), "Ctrl+I"),
    "link": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "&Link…")), "Ctrl+K"),
    "image": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "I&mage…")), "Ctrl+Shift+I"),
    "heading1": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Heading &1")), "Ctrl+1"),
    "heading2": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Heading &2")), "Ctrl+2"),
    "heading3": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Heading &3")), "Ctrl+3"),
    "heading4": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Heading &4")), "Ctrl+4"),
    "heading5": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Heading &5")), "Ctrl+5"),
    "heading6": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Heading &6")), "Ctrl+6"),
    "quote": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "&Quote")), "Ctrl+Shift+Q"),
    "bullet_list": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "B&ullet list")), "Ctrl+Shift+L"),
    "numbered_list": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "&Numbered list")), "Ctrl+Shift+O"),
    "code": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Inline &code")), "Ctrl+Shift+C"),
    "code_block": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Code bloc&k")), "Ctrl+Shift+K"),
    "find": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "&Find…")), "Ctrl+F"),
    "replace": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "&Replace…")), "Ctrl+H"),
    "find_next": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Find &next")), "F3"),
    "find_previous": (str(QT_TRANSLATE_NOOP("MarkdownEditor", "Find &previous")), "Shift+F3"),
    "paste_plain": (
        str(QT_TRANSLATE_NOOP("MarkdownEditor", "Paste as plain &text")),
        "Ctrl+Shift+V",
    ),
}
# The commands that only search: their keys still work while the find bar has the focus.
FIND_COMMANDS = frozenset({"find", "replace", "find_next", "find_previous"})


class MarkdownEditor(QPlainTextEdit):
    imageInserted = Signal(str)  # the Markdown reference inserted, e.g. "![cat](media/cat.png)"
    mediaError = Signal(str)  # a message for the author when the media handler refused an image

    def __init__(self, parent: QWidget | None = None, *, dark: bool | None = None) -> None:
        super().__init__(parent)
        self._media_handler: MediaHandler | None = None
        # Lets tests and the window replace the file dialog behind the "image" action.
        self.choose_image_file: Callable[[], Path | None] = self._ask_image_file
        # Where the image file dialog starts (the window answers with the post's folder); after
        # the first pick it starts in the folder last used instead.
        self.image_folder: Callable[[], Path | None] = lambda: None
        self._last_image_folder: Path | None = None
        # The image dialog behind the Image action, double-click, drop and paste
        # (ui.editor.insert.images).
        self.images = EditorImages(self, self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self._follow_palette = dark is None
        self.highlighter = MarkdownHighlighter(self.document(), dark=dark)
        # Find and replace: built on first use (Ctrl+F, F3), not before the first frame.
        self._finder: Finder | None = None
        self._find_bar: FindReplaceBar | None = None
        self._actions: dict[str, QAction] = {}
        self._build_actions()
        # The marker Enter put on the current line, while the author has typed nothing else
        # there: what they type next may replace it (ui.editor.continuation). Any other change
        # to the text ends it.
        self._auto: continuation.AutoPrefix | None = None
        self.textChanged.connect(self._forget_auto_prefix)
        # Entries others put at the top of the context menu (spell checking's suggestions):
        # each is called with the menu and a cursor at the clicked point.
        self.context_menu_providers: list[Callable[[QMenu, QTextCursor], None]] = []

    # -- public API -------------------------------------------------------------------------

    def set_media_handler(self, fn: MediaHandler | None) -> None:
        """Who stores dropped/pasted images; without one, images paste as their file names."""
        self._media_handler = fn

    def actions_by_name(self) -> dict[str, QAction]:
        return dict(self._actions)

    def go_to_line(self, line: int) -> None:
        """Move the caret to the start of 0-based `line` (clamped) and show it."""
        block = self.document().findBlockByNumber(max(0, min(line, self.blockCount() - 1)))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def current_source_line(self) -> int:
        """0-based line (block) number of the caret."""
        return self.textCursor().blockNumber()

    def insert_image_file(self, path: Path) -> str | None:
        """Store `path` through the media handler and insert a plain reference to it (no alt
        text: only the dialog asks for one); returns the source text inserted."""
        from blogdesk.core.render.image_markup import ImageMarkup

        return self.insert_image(path, path.name, ImageMarkup(src=path.name))

    def insert_image_bytes(
        self, data: bytes, suggested_name: str = "pasted-image.png"
    ) -> str | None:
        from blogdesk.core.render.image_markup import ImageMarkup

        return self.insert_image(data, suggested_name, ImageMarkup(src=suggested_name))

    def insert_image(self, source: Path | bytes, name: str, image: ImageMarkup) -> str | None:
        """Store `source` through the media handler, then insert `image` pointing at the stored
        file as a paragraph of its own at the caret; returns the source text inserted."""
        if self._media_handler is None:
            return None
        try:
            reference = self._media_handler(source, name)
        except (BlogDeskError, OSError) as exc:
            self.mediaError.emit(str(exc))
            return None
        from blogdesk.core.render.image_markup import serialise

        markup = serialise(stored(image, reference))
        self.setTextCursor(insert_paragraph(self.textCursor(), markup))
        self.ensureCursorVisible()
        self.imageInserted.emit(markup)
        return markup

    # -- actions ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        handlers: dict[str, Callable[[], None]] = {
            "bold": lambda: self._apply(
                lambda c: formatting.toggle_wrap(c, "**", translate("MarkdownEditor", "bold text"))
            ),
            "italic": lambda: self._apply(
                lambda c: formatting.toggle_wrap(c, "*", translate("MarkdownEditor", "italic text"))
            ),
            "link": lambda: self._apply(formatting.insert_link),
            "image": self._image_action,  # edits the image at the caret, or inserts one
            "quote": lambda: self._apply(lambda c: formatting.toggle_line_prefix(c, "quote")),
            "bullet_list": lambda: self._apply(
                lambda c: formatting.toggle_line_prefix(c, "bullet_list")
            ),
            "numbered_list": lambda: self._apply(
                lambda c: formatting.toggle_line_prefix(c, "numbered_list")
            ),
            "code": lambda: self._apply(lambda c: formatting.toggle_wrap(c, "`", "code")),
            "code_block": lambda: self._apply(formatting.toggle_code_block),
            "find": lambda: self.find_bar.open(replace=False),
            "replace": lambda: self.find_bar.open(replace=True),
            "find_next": lambda: self._find_again(backward=False),
            "find_previous": lambda: self._find_again(backward=True),
            "paste_plain": self.paste_plain,
        }
        for n in range(1, 7):
            handlers[f"heading{n}"] = self._heading_command(n)
        for name, (text, keys) in SHORTCUTS.items():
            action = QAction(translate("MarkdownEditor", text), self)
            action.setObjectName(f"action_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handlers[name])
            self.addAction(action)
            self._actions[name] = action
        self._by_shortcut = {a.shortcut().toString(): a for a in self._actions.values()}
        self._editing_keys = {
            a.shortcut().toString() for n, a in self._actions.items() if n not in FIND_COMMANDS
        }

    def _heading_command(self, level: int) -> Callable[[], None]:
        return lambda: self._apply(lambda c: formatting.set_heading(c, level))

    def _apply(self, command: Callable[[QTextCursor], QTextCursor]) -> None:
        if self.isReadOnly():
            return
        self.setTextCursor(command(self.textCursor()))
        self.ensureCursorVisible()

    def _find_again(self, backward: bool) -> None:
        if not self.finder.options.pattern:
            self.find_bar.open(replace=False)
            return
        self.find_bar.find_next(backward)

    def paste_plain(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and mime.hasText():
            self._paste_text(mime.text())

    def _paste_text(self, text: str) -> None:
        """Paste like typing: "* item" pasted at an automatic "* " keeps one marker, and
        pasting over lines of a numbered list renumbers it."""
        cursor = self.textCursor()
        auto = continuation.followed_at(self._auto, cursor)
        replaced_lines = cursor.hasSelection() and "\u2029" in cursor.selectedText()
        self.insertPlainText(text)
        if auto is not None:
            self._auto = continuation.absorb_marker(self.document(), auto)
        if replaced_lines:
            self._renumber_at_caret()

    def _forget_auto_prefix(self) -> None:
        self._auto = None

    def _renumber_at_caret(self) -> None:
        block = self.textCursor().block()
        if not self.isReadOnly() and not in_code_fence(block.userState()):
            continuation.renumber_list(self.document(), block.blockNumber())

    def _image_action(self) -> None:
        if (
            self._media_handler is None
            and self.images.find_at(self.textCursor().position()) is None
        ):
            self._apply(
                lambda c: formatting.insert_image_reference(
                    c, "path/to/image.png", translate("MarkdownEditor", "alt text")
                )
            )
            return
        self.images.action()

    def _ask_image_file(self) -> Path | None:
        from blogdesk.ui.editor.insert.paste import IMAGE_SUFFIXES

        patterns = " ".join(f"*{s}" for s in sorted(IMAGE_SUFFIXES))
        start = self._last_image_folder or self.image_folder()
        if start is None or not start.is_dir():
            start = Path.home()  # never the process's working directory
        name, _ = QFileDialog.getOpenFileName(
            self,
            translate("MarkdownEditor", "Insert image"),
            str(start),
            translate("MarkdownEditor", "Images ({patterns})").format(patterns=patterns),
        )
        if not name:
            return None
        self._last_image_folder = Path(name).parent
        return Path(name)

    # -- Qt overrides -----------------------------------------------------------------------

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent):
            focus = QApplication.focusWidget()
            bar = self._find_bar
            in_bar = bar is not None and focus is not None and bar.isAncestorOf(focus)
            keys = QKeySequence(e.keyCombination()).toString()
            # Claiming the key keeps its shortcut from firing: from the find bar, Ctrl+B & co.
            # would edit the post; Escape closes the bar before any window-wide Escape
            # (leaving focus mode) sees it.
            if (in_bar and keys in self._editing_keys) or (
                e.key() == Qt.Key.Key_Escape and bar is not None and bar.isVisible()
            ):
                e.accept()
                return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key, mods = e.key(), e.modifiers()
        if (
            mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35
        ):
            # A key QPlainTextEdit claimed before the shortcut system saw it (e.g. Ctrl+K is
            # "delete to end of line" on X11): our formatting shortcuts still win.
            action = self._by_shortcut.get(QKeySequence(e.keyCombination()).toString())
            if action is not None and action.isEnabled():
                action.trigger()
                return
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and not self.isReadOnly():
            if not in_code_fence(self.textCursor().block().userState()):
                done = continuation.continue_block(self.textCursor())
                if done is not None:
                    self.setTextCursor(done.cursor)
                    self._auto = done.auto  # after the edits, whose textChanged clears it
                    self.ensureCursorVisible()
                    return
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not self.isReadOnly():
            outdent = key == Qt.Key.Key_Backtab or bool(mods & Qt.KeyboardModifier.ShiftModifier)
            cursor = self.textCursor()
            on_item = list_item(cursor.block().text()) is not None
            if cursor.hasSelection() or on_item or outdent:
                self.setTextCursor(formatting.indent_lines(cursor, outdent))
                return
            self.insertPlainText(formatting.INDENT)
            return
        elif key == Qt.Key.Key_Escape and self._find_bar is not None and self._find_bar.isVisible():
            self._find_bar.close_bar()
            return
        self._edit_key(e)

    def _edit_key(self, e: QKeyEvent) -> None:
        """Qt's own handling of ``e``, then what follows the author (ui.editor.continuation)."""
        typed = e.text()
        inserts = bool(typed) and typed.isprintable()
        auto = continuation.followed_at(self._auto, self.textCursor()) if inserts else None
        lines = self.blockCount()
        super().keyPressEvent(e)
        if auto is not None:
            self._auto = continuation.absorb_marker(self.document(), auto)
        # Lines deleted (Backspace, Delete, Cut, typing over a selection), not taken back.
        undoing = e.matches(QKeySequence.StandardKey.Undo) or e.matches(
            QKeySequence.StandardKey.Redo
        )
        if self.blockCount() < lines and not undoing:
            self._renumber_at_caret()

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The context menu for a click at `pos` (viewport coordinates): Qt's own entries
        (Undo, Cut, Copy, Paste…) below what `context_menu_providers` add."""
        menu = self.createStandardContextMenu(pos)
        cursor = self.cursorForPosition(pos)
        for provide in self.context_menu_providers:
            provide(menu, cursor)
        return menu

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        menu = self.build_context_menu(e.pos())
        menu.exec(e.globalPos())
        menu.deleteLater()

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or source.hasUrls() or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        from blogdesk.ui.editor.insert.paste import plan_paste

        plan = plan_paste(source, rich=True, media=self._media_handler is not None)
        if plan.files:  # each its own paragraph, all in one undo step, after the dialog
            self.images.dropped([(path, path.name) for path in plan.files])
        elif plan.image is not None:
            self.images.dropped([(plan.image, "pasted-image.png")])
        elif plan.text is not None:
            self._paste_text(plan.text)

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        # Double-click on an image reference opens its dialog instead of selecting a word.
        if e.button() == Qt.MouseButton.LeftButton and not self.isReadOnly():
            position = self.cursorForPosition(e.position().toPoint()).position()
            if self.images.edit_at(position):
                e.accept()
                return
        super().mouseDoubleClickEvent(e)

    def changeEvent(self, e: QEvent) -> None:
        # The system switched between light and dark: recolour the highlighting to match.
        if e.type() == QEvent.Type.PaletteChange and self._follow_palette:
            dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
            if dark != self.highlighter.dark:
                self.highlighter.set_dark(dark)
        super().changeEvent(e)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._place_find_bar()

    @property
    def finder(self) -> Finder:
        """The search behind the find bar and F3 (made with the bar, on first use)."""
        if self._finder is None:
            from blogdesk.ui.editor.find_replace import Finder

            self._finder = Finder(self)
        return self._finder

    @property
    def find_bar(self) -> FindReplaceBar:
        """The find and replace bar, built on first use: its module and widgets are not needed
        before the first frame."""
        if self._find_bar is None:
            from blogdesk.ui.editor.find_replace import FindReplaceBar

            self._find_bar = FindReplaceBar(self.finder, self)
            self._find_bar.visibilityChanged.connect(self._place_find_bar)
            self._place_find_bar()
        return self._find_bar

    def _place_find_bar(self, *_: object) -> None:
        # The bar sits below the text inside the editor's frame; the viewport shrinks to make room.
        bar = self._find_bar
        height = bar.sizeHint().height() if bar is not None and bar.isVisible() else 0
        margins = self.viewportMargins()  # the sides belong to the text column (ui.preferences)
        self.setViewportMargins(margins.left(), 0, margins.right(), height)
        if bar is not None:
            rect = self.contentsRect()
            bar.setGeometry(rect.left(), rect.bottom() - height + 1, rect.width(), height)
