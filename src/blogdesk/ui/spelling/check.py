"""Spell checking as the author types: underlines, and suggestions in the context menu.

The checking itself is `blogdesk.core.spelling` and runs on the window's TaskRunner, never on the
UI thread: after each pause in typing (`DELAY_MS`) the lines on screen are checked first, then the
whole post; results are applied only if no edit came meanwhile (a count of real edits, since
re-highlighting bumps the document's own revision). Loading dictionaries and looking for
suggestions (20-60 ms a word in Hunspell) run there too; the menu shows suggestions prefetched
for the words on screen, or fills them in when they arrive.

The languages: the post's `lang:` front matter, else the blog's (`set_blog_language`), else the
preference, else the system locale (core.spelling.languages). A missing dictionary is said once
(`message`), and the editor works on unchecked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from shiboken6 import isValid

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit

from blogdesk.core.spelling.languages import choose_languages
from blogdesk.core.spelling.wordlist import PersonalWords
from blogdesk.ui.i18n import translate
from blogdesk.ui.spelling.highlight import SpellingHighlighter, Underline
from blogdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from blogdesk.core.spelling.checker import Opened, SpellChecker

__all__ = ["DELAY_MS", "SpellCheck"]

log = logging.getLogger(__name__)
DELAY_MS = 300  # after the last keystroke
PREFETCH_WORDS = 8  # suggestions looked for ahead of time, for misspellings on screen


class _Scan(NamedTuple):
    edits: int  # the edit count the text was taken at
    checker: SpellChecker
    misspelled: dict[str, tuple[Underline, ...]]  # by line text: the highlighter's new map
    changed: set[str]  # the texts of the lines whose underlines changed
    redo: list[int]  # those lines


def _scan(
    text: str,
    checker: SpellChecker,
    lines: Collection[int] | None,
    ignore: Collection[str],
    old: Mapping[str, tuple[Underline, ...]],
) -> tuple[dict[str, tuple[Underline, ...]], set[str], list[int]]:
    """On the worker: the misspellings of `lines` (all if None) by line text, merged into `old`
    for a partial check, and the lines to re-highlight."""
    from blogdesk.core.spelling.tokens import misspellings

    all_lines = text.split("\n")
    found: dict[str, list[Underline]] = {}
    for span in misspellings(text, checker, lines=lines, ignore=ignore):
        line = all_lines[span.line]
        start, length = span.column, len(span.word)
        if not line.isascii():  # Qt counts UTF-16 units: a character beyond U+FFFF is two
            start += sum(1 for ch in line[: span.column] if ord(ch) > 0xFFFF)
            length += sum(1 for ch in span.word if ord(ch) > 0xFFFF)
        found.setdefault(line, []).append((start, length, span.word))
    new = {line: tuple(spans) for line, spans in found.items()}
    if lines is not None:
        checked = {all_lines[n] for n in lines if n < len(all_lines)}
        new = {**{k: v for k, v in old.items() if k not in checked}, **new}
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    redo = [n for n, line in enumerate(all_lines) if line in changed] if changed else []
    return new, changed, redo


class SpellCheck(QObject):
    message = Signal(str)  # for the status bar: a missing dictionary (once), a failed save
    languagesChanged = Signal(str)  # "en_US + de_DE"; "" while nothing can be checked
    checked = Signal()  # a check of the whole post was applied

    def __init__(
        self,
        editor: Any,  # MarkdownEditor (Any: the editor imports nothing of this module)
        runner: TaskRunner,
        words: PersonalWords,
        *,
        preference: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor: QPlainTextEdit = editor
        self.runner = runner
        self.words = words
        self.preference = preference
        old = editor.highlighter
        old.setDocument(None)
        self.highlighter = SpellingHighlighter(editor.document(), dark=old.dark)
        editor.highlighter = self.highlighter
        old.deleteLater()
        editor.context_menu_providers.append(self.add_menu_entries)
        self._blog_language: Callable[[Any], object] = lambda _post: None
        self._key: object = None  # the open post (its path): "Ignore" lasts for it
        self._post: Any = None
        self._wanted: list[str] | None = None
        self.checker: SpellChecker | None = None
        self._ignored: dict[object, set[str]] = {}
        self._told: set[str] = set()
        self._suggestions: dict[str, list[str]] = {}
        self._edits = 0
        self._busy = False
        self._pending = False
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.check_now)
        editor.document().contentsChange.connect(self._contents_changed)

    # -- what to check in ------------------------------------------------------------------------

    @property
    def languages(self) -> tuple[str, ...]:
        return self.checker.languages if self.checker else ()

    def set_post(self, key: object, post: Any = None) -> None:
        """The post now in the editor (None: none); `post.get("lang")` may name its languages."""
        self._key, self._post = key, post
        self._choose_languages()

    def set_preference(self, languages: str) -> None:
        """The author's preferred languages ("" for the system's), e.g. from Preferences."""
        self.preference = languages
        self._choose_languages()

    def set_blog_language(self, lookup: Callable[[Any], object]) -> None:
        """How to find the blog's language of a post (the account option `spell_language`)."""
        self._blog_language = lookup
        self._choose_languages()

    def _choose_languages(self) -> None:
        post = self._post
        try:
            blog = self._blog_language(post) if post is not None else None
        except Exception:  # the account list unreadable: check in the other languages
            log.warning("could not read the blog's spelling language", exc_info=True)
            blog = None
        wanted = choose_languages(
            post.get("lang") if post is not None else None, blog, self.preference
        )
        if wanted == self._wanted:
            self.check_soon(0)
            return
        self._wanted = wanted
        # The dictionaries' module (Enchant): imported on the worker that opens them.
        from blogdesk.core.spelling.checker import Opened, open_checker

        self.runner.run(
            lambda: open_checker(wanted, self.words),
            lambda opened: self._checker_ready(wanted, opened),
            lambda exc: self._checker_ready(wanted, Opened(None, tuple(wanted), str(exc))),
        )

    def _checker_ready(self, wanted: list[str], opened: Opened) -> None:
        if wanted != self._wanted:
            return  # another post (or preference) asked for other languages meanwhile
        self.checker = opened.checker
        self._suggestions.clear()
        if opened.problem:
            self._tell(opened.problem)
        elif opened.missing:
            from blogdesk.core.spelling.checker import install_hint

            missing = ", ".join(opened.missing)
            self._tell(
                translate(
                    "SpellCheck",
                    "No spelling dictionary for {languages}: {hint}. Checking in {used}.",
                ).format(
                    languages=missing,
                    hint=install_hint(opened.missing),
                    used=" + ".join(self.languages),
                )
            )
        self.languagesChanged.emit(" + ".join(self.languages))
        old = set(self.highlighter.misspelled)
        self._set_underlines({}, old, self.highlighter.lines_with(old))
        self.check_soon(0)

    def _tell(self, text: str) -> None:
        if text not in self._told:  # once a session: the editor works on without it
            self._told.add(text)
            self.message.emit(text)

    # -- checking --------------------------------------------------------------------------------

    def _contents_changed(self, _position: int, removed: int, added: int) -> None:
        if removed or added:
            self._edits += 1
            self._timer.start()

    def check_soon(self, delay_ms: int = DELAY_MS) -> None:
        self._timer.start(delay_ms)

    def check_now(self) -> None:
        """Check the lines on screen, then the whole post (on the worker)."""
        self._timer.stop()
        if self.checker is None:
            return
        if self._busy:
            self._pending = True
            return
        self._busy = True
        self._pending = False
        self._run_scan(self._visible_lines())

    def _run_scan(self, lines: Collection[int] | None) -> None:
        checker, text, edits = self.checker, self.editor.toPlainText(), self._edits
        assert checker is not None
        ignore = frozenset(self._ignored.get(self._key, ()))
        old = dict(self.highlighter.misspelled)  # the worker reads its own copy

        def work() -> _Scan:
            return _Scan(edits, checker, *_scan(text, checker, lines, ignore, old))

        self.runner.run(work, lambda scan: self._scanned(scan, lines is None), self._failed)

    def _scanned(self, scan: _Scan, whole: bool) -> None:
        if scan.edits != self._edits or scan.checker is not self.checker:
            self._finish(again=True)  # stale: edited meanwhile, or the languages changed
            return
        self._set_underlines(scan.misspelled, scan.changed, scan.redo)
        if not whole:
            self._run_scan(None)
            return
        self._finish(again=self._pending)
        self.checked.emit()
        self._prefetch_suggestions()

    def _failed(self, exc: BaseException) -> None:
        log.error("spell check failed", exc_info=exc)
        self._finish(again=False)

    def _finish(self, *, again: bool) -> None:
        self._busy = False
        if again:
            self.check_soon()

    def _visible_lines(self) -> range:
        editor = self.editor
        first = editor.firstVisibleBlock().blockNumber()
        bottom = editor.cursorForPosition(QPoint(0, editor.viewport().height() - 1))
        return range(max(0, first), bottom.blockNumber() + 1)

    def _set_underlines(
        self, misspelled: dict[str, tuple[Underline, ...]], changed: set[str], redo: list[int]
    ) -> None:
        self.highlighter.misspelled = misspelled
        self.highlighter.refresh_lines(redo, changed, self._visible_lines())

    def _drop_word(self, accepted: Callable[[str], bool]) -> None:
        """Take the underline off every word `accepted` now accepts, at once."""
        old = self.highlighter.misspelled
        new: dict[str, tuple[Underline, ...]] = {}
        changed = []
        for line, spans in old.items():
            kept = tuple(s for s in spans if not accepted(s[2]))
            if kept != spans:
                changed.append(line)
            if kept:
                new[line] = kept
        self._set_underlines(new, set(changed), self.highlighter.lines_with(changed))

    # -- the author's answers ----------------------------------------------------------------------

    def add_word(self, word: str) -> None:
        """ "Add to dictionary": into the personal word list (a file in the config folder)."""
        try:
            self.words.add(word)
        except OSError as exc:
            self.message.emit(
                translate(
                    "SpellCheck", "Could not save “{word}” in the word list: {reason}"
                ).format(word=word, reason=exc.strerror or exc)
            )
        self._drop_word(lambda w: w in self.words)

    def ignore_word(self, word: str) -> None:
        """ "Ignore": accepted in this post until BlogDesk quits."""
        self._ignored.setdefault(self._key, set()).add(word)
        self._drop_word(lambda w: w == word)

    def replace_word(self, line: int, start: int, word: str, replacement: str) -> None:
        block = self.editor.document().findBlockByNumber(line)
        cursor = QTextCursor(block)
        cursor.setPosition(block.position() + start)
        cursor.setPosition(
            block.position() + start + len(word.encode("utf-16-le")) // 2,
            QTextCursor.MoveMode.KeepAnchor,
        )
        if cursor.selectedText() == word:  # still there (the author may have typed meanwhile)
            cursor.insertText(replacement)

    # -- suggestions and the context menu ----------------------------------------------------------

    def suggest(self, word: str, on_ready: Callable[[list[str]], None]) -> None:
        """Suggestions for `word`, looked for on the worker (or known already)."""
        known = self._suggestions.get(word)
        checker = self.checker
        if known is not None or checker is None:
            on_ready(known or [])
            return

        def ready(found: list[str]) -> None:
            self._suggestions[word] = found
            on_ready(found)

        self.runner.run(lambda: checker.suggest(word), ready, lambda _exc: on_ready([]))

    def _prefetch_suggestions(self) -> None:
        lines = self._visible_lines()
        document = self.editor.document()
        todo: list[str] = []
        for n in lines:
            for _start, _length, word in self.highlighter.misspelled.get(
                document.findBlockByNumber(n).text(), ()
            ):
                if word not in self._suggestions and word not in todo:
                    todo.append(word)
        checker = self.checker
        if not todo or checker is None:
            return
        todo = todo[:PREFETCH_WORDS]

        def work() -> dict[str, list[str]]:
            return {word: checker.suggest(word) for word in todo}

        self.runner.run(work, self._suggestions.update, lambda _exc: None)

    def add_menu_entries(self, menu: QMenu, cursor: QTextCursor) -> None:
        """The editor's context menu hook: suggestions, Add to dictionary, Ignore, on top."""
        block = cursor.block()
        hit = self.highlighter.word_at(block, cursor.positionInBlock())
        if hit is None:
            return
        start, _length, word = hit
        line = block.blockNumber()
        if not menu.actions():
            menu.addSeparator()  # something to put the entries above
        first = menu.actions()[0]
        editable = not self.editor.isReadOnly()
        placeholder = QAction(translate("SpellCheck", "Looking for suggestions…"), menu)
        placeholder.setEnabled(False)
        menu.insertAction(first, placeholder)

        def fill(found: list[str]) -> None:
            if not isValid(placeholder):
                return  # the menu closed before the suggestions came
            for suggestion in found:
                action = QAction(suggestion, menu)
                action.setObjectName("spelling_suggestion")
                action.setEnabled(editable)
                action.triggered.connect(
                    lambda _c=False, s=suggestion: self.replace_word(line, start, word, s)
                )
                menu.insertAction(placeholder, action)
            if found:
                menu.removeAction(placeholder)
                placeholder.deleteLater()
            else:
                placeholder.setText(translate("SpellCheck", "No suggestions"))

        add = QAction(translate("SpellCheck", "Add “{word}” to Dictionary").format(word=word), menu)
        add.setObjectName("spelling_add")
        add.triggered.connect(lambda: self.add_word(word))
        ignore = QAction(
            translate("SpellCheck", "Ignore “{word}” in This Post").format(word=word), menu
        )
        ignore.setObjectName("spelling_ignore")
        ignore.triggered.connect(lambda: self.ignore_word(word))
        # [suggestions…] | Add, Ignore | Qt's own entries (Undo, Cut, Copy…)
        menu.insertSeparator(first)
        menu.insertActions(first, [add, ignore])
        menu.insertSeparator(first)
        self.suggest(word, fill)
