"""The dialogs in German: resources/translations/blogdesk_de.ts compiled with pyside6-lrelease,
installed as a QTranslator on the running application (with Qt's own qtbase_de for its standard
buttons), then the real Preferences dialog, Blogs dialog (its add form for every platform), publish
panel, Blog menu, first-run assistant, find bar, image dialog, Properties panel and disk-conflict
dialog are opened and every visible text is checked: it is German (one of the catalogue's
translations, or one filled in from them), never an English source text, except the few words that
are the same in both languages (ALLOWED_SAME). The translators are removed after each test, so the
other tests stay English."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
    QWizard,
)

from blogdesk.core.render.image_markup import ImageMarkup
from blogdesk.core.settings import LibrarySettings, Settings
from blogdesk.services import Services
from blogdesk.sync import registry
from blogdesk.ui.accounts.blogs_dialog import AccountDialog
from blogdesk.ui.editor.disk_conflict_dialog import ConflictDialog
from blogdesk.ui.editor.insert.image_dialog import DialogMode, ImageDialog
from blogdesk.ui.first_run.pages import PENDING
from blogdesk.ui.first_run.places import FolderLook
from blogdesk.ui.i18n import translate
from blogdesk.ui.preferences.dialog import PreferencesDialog, open_preferences
from blogdesk.ui.preferences.form import option_fields
from blogdesk.ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "blogdesk_de.ts"
TIMEOUT = 15_000

# Messages whose German is the English text: names, technical words, and templates made only of
# placeholders and punctuation. Anything else left as the English source is a missing translation.
ALLOWED_SAME = {
    "Blogs",  # the dialog's title ("Blogs" is German too)
    "Name",
    "Blogger",
    "&Link…",  # the Format menu's "Link" (German says Link too)
    "&Link:",  # the image dialog's (the window's catalogue may keep it)
    "Name:",
    "Generator",
    "Git",
    "Token",
    "DEV / Forem",
    "XML-RPC (WordPress, MetaWeblog, Movable Type, Blogger)",
    "Rege&x",  # "Regex" is the word German programmers use too
    "Blog:",
    "Status:",
    "{field}:",
    "{title}:",
    "{where}: {message}",
    "{severity}: {check}",
    "{system_font}: {family}",
    "{name} (in BlogDesk)",
    "× {height} px",
}
# The contexts of the dialogs' texts (ui/editor, publishing, accounts, preferences, first_run).
DIALOG_CONTEXTS = {
    "AccountDialog",
    "AddBlogForm",
    "BlogPage",
    "BrowserSignIn",
    "ChecklistDialog",
    "ConflictDialog",
    "DocumentController",
    "DonePage",
    "EditorImages",
    "FindReplaceBar",
    "FirstRunAssistant",
    "FolderLook",
    "ImageDialog",
    "KeepDraftSwitch",
    "KeyringPage",
    "LibraryPage",
    "LivePreferences",
    "MarkdownEditor",
    "MetadataPanel",
    "OutlinePanel",
    "PostsPage",
    "PreferencesDialog",
    "PublishChecks",
    "PublishController",
    "PublishFeedback",
    "PublishPanel",
    "PublishStatus",
    "Publishing",
    "SyncConflictDialog",
}
# Choices of the platforms' fields that are names (shown as the account option stores them).
CHOICE_NAMES = ("wordpress", "movabletype", "metaweblog", "blogger", "hugo", "jekyll")
_PLACEHOLDER = re.compile(r"\{\w*\}")


@dataclass
class Catalogue:
    english: set[str]  # sources, as shown (accelerator and trailing colon removed)
    german: set[str]
    patterns: list[re.Pattern[str]]  # translations with placeholders, as filled in at run time
    same: set[str]  # sources whose translation is the source itself


def shown(text: str) -> str:
    """A text as compared: the accelerator "&" and a trailing colon removed (form labels add
    one), whitespace trimmed."""
    return re.sub(r"&(?!&)", "", text).strip().removesuffix(":").strip()


def read_catalogue() -> Catalogue:
    english: set[str] = set()
    german: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    same: set[str] = set()
    for context_element in ET.parse(TS).getroot().iter("context"):
        context = context_element.findtext("name") or ""
        for message in context_element.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None and translation.get("type") != "unfinished", source
            if message.get("numerus") == "yes":  # the dialogs use none (see ui/i18n.py)
                assert all(form.text for form in translation.iter("numerusform")), source
                continue
            text = translation.text or ""
            assert text, f"no German for {source!r}"
            assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source))
            if text == source and context in DIALOG_CONTEXTS:
                same.add(source)
            english.add(shown(source))
            german.add(shown(text))
            fixed = _PLACEHOLDER.sub("", shown(text))
            if _PLACEHOLDER.search(text) and len(fixed.strip(" :()—–-;,.")) >= 4:
                parts = [re.escape(part) for part in _PLACEHOLDER.split(shown(text))]
                patterns.append(re.compile("(?s)" + ".+".join(parts)))
    return Catalogue(english, german, patterns, same)


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    if not Path(found).exists():
        pytest.fail("pyside6-lrelease is missing (it comes with PySide6)")
    return found


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return read_catalogue()


@pytest.fixture
def german(qapp: QApplication, tmp_path: Path) -> Iterator[set[str]]:
    """German installed on the application for the test; yields the texts Qt's own catalogue
    (qtbase_de) gives its standard buttons, which ours does not hold."""
    qm = tmp_path / "blogdesk_de.qm"
    run = subprocess.run(
        [lrelease(), str(TS), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 unfinished" in run.stdout, run.stdout
    ours = QTranslator()
    assert ours.load(str(qm))
    qt = QTranslator()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    has_qt = qt.load("qtbase_de", qt_dir)
    qapp.installTranslator(ours)
    if has_qt:
        qapp.installTranslator(qt)
    try:
        qt_texts: set[str] = set()
        if has_qt:
            for context, text in (
                ("QWizard", "&Next >"),
                ("QWizard", "< &Back"),
                ("QWizard", "&Finish"),
                ("QWizard", "Commit"),
                ("QWizard", "Cancel"),
                ("QPlatformTheme", "Close"),
                ("QPlatformTheme", "OK"),
                ("QPlatformTheme", "Cancel"),
            ):
                qt_texts.add(shown(QCoreApplication.translate(context, text)))
        yield qt_texts
    finally:
        qapp.removeTranslator(ours)
        if has_qt:
            qapp.removeTranslator(qt)
    assert translate("FindReplaceBar", "Not found") == "Not found"  # English again


# -- looking at a window ---------------------------------------------------------------------------


def visible_texts(
    top: QWidget, *, data: tuple[str, ...] = (), values: tuple[str, ...] = ()
) -> list[tuple[str, str]]:
    """(where, text) of every visible label, button, check box, group box, tab and list entry
    under `top`. Widgets named in `data`, and texts in `values`, show the author's data (blog
    names, fonts, an image's file name): skipped."""
    found: list[tuple[str, str]] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisibleTo(top) or widget.objectName() in data:
            continue
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        is_label = isinstance(widget, QLabel) and widget.pixmap().isNull()
        if is_label or isinstance(widget, QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QTabWidget):
            found.extend((where, widget.tabText(i)) for i in range(widget.count()))
        elif isinstance(widget, QComboBox):
            found.extend((where, widget.itemText(i)) for i in range(widget.count()))
    skipped = {"", "✕", *values}
    return [(where, text) for where, text in found if shown(text) not in skipped]


def untranslated(
    texts: list[tuple[str, str]], catalogue: Catalogue, qt_texts: set[str]
) -> list[tuple[str, str]]:
    """The texts that are not German: an English source (not allowed to stay the same), or
    text that matches no translation at all (a string never marked for translation)."""
    same = {shown(s) for s in ALLOWED_SAME}
    bad = []
    for where, text in texts:
        value = shown(text)
        if value in qt_texts or value in same:
            continue
        english = value in catalogue.english and value not in catalogue.german
        unknown = value not in catalogue.german and not any(
            p.fullmatch(value) for p in catalogue.patterns
        )
        if english or unknown:
            bad.append((where, text))
    return bad


def assert_german(
    top: QWidget,
    catalogue: Catalogue,
    qt_texts: set[str],
    *,
    data: tuple[str, ...] = (),
    values: tuple[str, ...] = (),
) -> list[tuple[str, str]]:
    texts = visible_texts(top, data=data, values=values)
    assert texts, f"nothing visible in {top!r}"
    assert untranslated(texts, catalogue, qt_texts) == []
    return texts


def assert_unique_accelerators(top: QWidget) -> None:
    keys = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            match = re.search(r"&([^&\s])", widget.text())
            if match:
                keys.append(match.group(1).lower())
    twice = [key for key, n in Counter(keys).items() if n > 1]
    assert twice == [], f"accelerators used twice in {type(top).__name__}: {twice}"


# -- the catalogue itself --------------------------------------------------------------------------


def test_every_message_has_german_and_only_names_stay_english(catalogue: Catalogue) -> None:
    assert len(catalogue.english) > 300
    # Within the dialogs' contexts (the file also holds the rest of the window's, merged in).
    assert catalogue.same <= ALLOWED_SAME
    assert catalogue.same >= ALLOWED_SAME - {"&Link:"}


def test_every_setting_and_platform_word_is_in_the_catalogue(catalogue: Catalogue) -> None:
    """The settings' and providers' English words come from blogdesk.core / blogdesk.sync (no
    Qt): they reach the catalogue through setting_words.py / provider_words.py, by hand."""
    missing = []
    for cls in (Settings, LibrarySettings):
        for option in option_fields(cls):
            meta = option.metadata
            words = [option.title, option.section, meta.get("tooltip"), meta.get("zero_text")]
            words += [str(c).capitalize() for c in meta.get("choices", ())]
            missing += [w for w in words if w and shown(w) not in catalogue.english]
    for cls in registry.available().values():
        words = [cls.display_name]
        words += [w for field in cls.account_fields for w in (field.label, field.help) if w]
        missing += [w for w in words if shown(w) not in catalogue.english]
    assert missing == []


# -- the dialogs -----------------------------------------------------------------------------------


def test_preferences_and_the_blog_menu_are_german(
    qtbot: Any,
    german: set[str],
    catalogue: Catalogue,
    make_desk: Callable[..., Any],
    tmp_path: Path,
) -> None:
    desk = make_desk(tmp_path / "library")
    dialog = open_preferences(desk.window)
    assert isinstance(dialog, PreferencesDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.blog_combo.isEnabled() or dialog.blog_combo.count() == 1)
    assert dialog.windowTitle() == "Einstellungen"
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["Darstellung", "Schreiben", "Bibliothek", "Veröffentlichen"]
    for i in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(i)
        assert_german(dialog, catalogue, german, data=("option_editor_font_family", "libraryNote"))
        assert_unique_accelerators(dialog)
    assert dialog.library_note.text().startswith("Dieses Fenster zeigt")
    theme = dialog.rows["theme"].control
    assert isinstance(theme, QComboBox)
    assert [theme.itemText(i) for i in range(theme.count())] == ["Wie das System", "Hell", "Dunkel"]
    assert [theme.itemData(i) for i in range(theme.count())] == ["system", "light", "dark"]

    actions = {
        name: action.text()
        for name, action in desk.window.menu_actions.items()
        if name.startswith("blog_")
    }
    assert actions["blog_publish"] == "&Veröffentlichen"
    bad = [t for t in actions.values() if shown(t) in catalogue.english - catalogue.german]
    assert bad == []
    menu = desk.window.publishing.menu
    letters = [
        m.group(1).lower()
        for a in menu.actions()
        if (m := re.search(r"&([^&\s])", a.text())) is not None
    ]
    assert len(letters) == len(set(letters)), letters
    dialog.close()


def test_the_publish_panel_find_bar_properties_and_image_dialog_are_german(
    qtbot: Any,
    german: set[str],
    catalogue: Catalogue,
    make_desk: Callable[..., Any],
    tmp_path: Path,
) -> None:
    desk = make_desk(tmp_path / "library")
    window = desk.window

    panel = window.publishing.show_panel()
    qtbot.waitExposed(panel)
    texts = [text for _, text in assert_german(panel, catalogue, german, data=("publishAccount",))]
    status = panel.status
    assert [status.itemText(i) for i in range(status.count())][:2] == ["Entwurf", "Veröffentlichen"]
    assert status.itemData(1) == "published"
    assert "Fügen Sie zuerst ein Blog hinzu (Verwalten…)." in texts
    panel.hide()

    bar = window.editor.find_bar
    bar.open(replace=True)
    qtbot.waitUntil(bar.isVisible)
    assert_german(bar, catalogue, german)
    assert_unique_accelerators(bar)

    window.menus.set_panel_visible("metadata", True)
    qtbot.waitUntil(window.metadata.isVisible)
    assert_german(window.metadata, catalogue, german, data=("metaStatus",))
    assert_unique_accelerators(window.metadata)

    image = ImageMarkup(src="media/cat.png", alt="")
    for mode in (DialogMode.INSERT, DialogMode.EDIT, DialogMode.DROPPED):
        dialog = ImageDialog(image, mode=mode, parent=window)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert_german(dialog, catalogue, german, data=("markup",), values=(image.src,))
        assert_unique_accelerators(dialog)
        dialog.close()
        dialog.deleteLater()
    assert dialog.windowTitle() == "Bilddetails"

    conflict = ConflictDialog("post.md", "on disk\n", "mine\n", window)
    conflict.show()
    qtbot.waitExposed(conflict)
    assert_german(conflict, catalogue, german)
    assert_unique_accelerators(conflict)
    conflict.close()


def test_counts_use_the_singular_for_one_and_the_plural_for_three(
    qtbot: Any, german: set[str], make_desk: Callable[..., Any], tmp_path: Path
) -> None:
    desk = make_desk(tmp_path / "library")
    editor = desk.window.editor
    bar = editor.find_bar
    for count, expected in ((1, "1 Ersetzung"), (3, "3 Ersetzungen")):
        editor.setPlainText("Katze " * count + "Hund")
        bar.open(replace=True)
        bar.find_edit.setText("Katze")
        bar.replace_edit.setText("Maus")
        assert bar.replace_all() == count
        assert bar.status.text() == expected
        assert editor.toPlainText() == "Maus " * count + "Hund"
    one = FolderLook(tmp_path, "library", 1).describe(translate)
    three = FolderLook(tmp_path, "library", 3).describe(translate)
    assert one == "Hier ist bereits eine BlogDesk-Bibliothek (1 Beitrag): BlogDesk öffnet sie."
    assert three == "Hier ist bereits eine BlogDesk-Bibliothek (3 Beiträge): BlogDesk öffnet sie."
    assert FolderLook(tmp_path, "library", 3).describe() == (
        "A BlogDesk library is already here (3 posts): BlogDesk opens it."
    )


@pytest.fixture
def account_dialog(
    qtbot: Any, german: set[str], tmp_path: Path, services: Services, task_runner: TaskRunner
) -> Iterator[AccountDialog]:
    library = services.open_library(tmp_path / "library")
    dialog = AccountDialog(services.sync_service(), task_runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    dialog.close()
    services.close()
    library.close()


def test_the_blogs_dialog_and_its_add_form_are_german_for_every_platform(
    qtbot: Any, german: set[str], catalogue: Catalogue, account_dialog: AccountDialog
) -> None:
    form = account_dialog.add_form
    assert form.title() == "Blog hinzufügen"
    platforms = form.provider
    assert platforms.count() == len(registry.available()) > 1
    for index in range(platforms.count()):
        platforms.setCurrentIndex(index)
        QApplication.processEvents()  # the new rows' widgets are shown by a queued call
        assert platforms.currentData() in registry.available()  # the key, not the shown name
        assert_german(account_dialog, catalogue, german, values=CHOICE_NAMES)
        assert_unique_accelerators(account_dialog)
    platforms.setCurrentIndex(platforms.findData("wordpress"))
    QApplication.processEvents()
    labels = {label.text() for label in form.findChildren(QLabel) if label.isVisible()}
    assert {"Plattform:", "Adresse des Blogs:", "Benutzername:", "Anwendungspasswort:"} <= labels

    assert form.inputs["site_url"].toolTip() == "Die Adresse der Startseite des Blogs."

    form.add_account()  # nothing filled in: the message names the fields in German
    assert account_dialog.message.text() == (
        "Bitte ausfüllen: Name, Adresse des Blogs, Benutzername, Anwendungspasswort."
    )


def test_the_first_run_assistant_is_german_on_every_page(
    qtbot: Any,
    german: set[str],
    catalogue: Catalogue,
    close_desk: Callable[[Any], None],
) -> None:
    from blogdesk.app import launch
    from blogdesk.services import Folders

    services = Services(Folders.of_user())
    startup = launch(
        services.folders.default_library, [], services, first_run=True, start_preview=False
    )
    assistant = startup.assistant
    assert assistant is not None
    qtbot.addWidget(assistant)
    try:
        qtbot.waitExposed(assistant)
        assert assistant.windowTitle() == "Willkommen bei BlogDesk"
        library_page = assistant.library_page
        qtbot.waitUntil(lambda: library_page.look.text() != "", timeout=TIMEOUT)
        qtbot.waitUntil(lambda: assistant.keyring_state != PENDING, timeout=TIMEOUT)
        pages = []
        while assistant.currentId() != assistant.DONE:
            page = assistant.currentId()
            pages.append(page)
            assert_german(assistant, catalogue, german, data=("libraryPath",))
            assert_unique_accelerators(assistant)
            qtbot.mouseClick(
                assistant.button(QWizard.WizardButton.CustomButton1), Qt.MouseButton.LeftButton
            )
            qtbot.waitUntil(lambda p=page: assistant.currentId() != p, timeout=TIMEOUT)
        assert pages[:2] == [assistant.LIBRARY, assistant.POSTS] and assistant.BLOG in pages
        assert_german(assistant, catalogue, german, data=("doneSummary",))
        assert assistant.currentPage().title() == "Bereit zum Schreiben"
        summary = assistant.done_page.summary.text()
        assert summary.startswith("Ihre Bibliothek: ") and "blogdesk --first-run" in summary
    finally:
        assistant.runner.shutdown()
        if assistant.blogs_dialog is not None:
            assistant.blogs_dialog.close()
        assistant.close()
        qtbot.waitUntil(lambda: startup.started or startup.desk is None, timeout=TIMEOUT)
        if startup.desk is not None:
            close_desk(startup.desk)
        services.close()


@pytest.mark.parametrize("width", [470, 900])
def test_the_german_find_bar_fits_without_cutting_anything(
    qtbot: Any, german: set[str], width: int, tmp_path: Path
) -> None:
    """As tests/ui/test_find_bar.py checks in English: the German words are longer."""
    from PySide6.QtWidgets import QToolButton

    from blogdesk.ui.editor.editor import MarkdownEditor

    editor = MarkdownEditor(dark=False)
    qtbot.addWidget(editor)
    editor.resize(width, 300)
    editor.show()
    qtbot.waitExposed(editor)
    bar = editor.find_bar
    bar.open(replace=True)
    qtbot.waitUntil(bar.isVisible)
    bar.status.setText("Ungültiger Ausdruck: missing ), unterminated subpattern at position 0")
    QApplication.processEvents()
    bar.grab().save(str(tmp_path / f"find-bar-de-{width}.png"))  # to look at when this fails
    assert bar.case_box.text() == translate("FindReplaceBar", "Match &case") != "Match &case"
    assert bar.width() >= bar.minimumSizeHint().width()
    inside = bar.rect()
    for widget in (
        bar.find_edit,
        bar.replace_edit,
        *bar.findChildren(QToolButton),
        bar.regex_box,
        bar.case_box,
        bar.word_box,
    ):
        assert widget.isVisible()
        assert widget.width() >= widget.sizeHint().width(), widget
        assert inside.contains(widget.geometry()), widget


def test_the_checklist_counts_its_problems_and_warnings_in_german(
    qtbot: Any, german: set[str], catalogue: Catalogue
) -> None:
    from blogdesk.core.checks import Issue, Report
    from blogdesk.ui.publishing.checklist_view import ChecklistDialog

    error = Issue("title", "error", "The post has no title.", field="title")
    warnings = tuple(
        Issue("image-alt", "warning", f"Image {n} has no alt text.", line=n) for n in range(3)
    )
    blocking = ChecklistDialog(Report((error, *warnings), body_line=4), "Zugfahrt")
    qtbot.addWidget(blocking)
    blocking.show()
    qtbot.waitExposed(blocking)
    assert blocking.windowTitle() == "Vor dem Veröffentlichen von „Zugfahrt“"
    assert blocking.summary.text().startswith(
        "<b>1 Problem vor dem Veröffentlichen zu beheben</b> und 3 Warnungen."
    )
    rows = [blocking.items.item(i).text() for i in range(blocking.items.count())]
    assert rows[0] == "Eigenschaften ▸ Titel: The post has no title."  # the check's own words
    assert rows[1] == "Zeile 5, Spalte 1: Image 0 has no alt text."
    assert_german(blocking, catalogue, german)
    assert_unique_accelerators(blocking)
    assert blocking.publish_button.text() == "&Trotzdem veröffentlichen"

    one = ChecklistDialog(Report(warnings[:1]), "")
    qtbot.addWidget(one)
    assert one.summary.text().startswith("<b>1 Hinweis zum Ansehen</b>")
    three = ChecklistDialog(Report(warnings), "")
    qtbot.addWidget(three)
    assert three.summary.text().startswith("<b>3 Hinweise zum Ansehen</b>")


def test_the_blog_conflict_dialog_is_german(
    qtbot: Any, german: set[str], catalogue: Catalogue
) -> None:
    from tests.ui.test_sync_conflict_dialog import make_error

    from blogdesk.ui.publishing.blog_conflict_dialog import SyncConflictDialog

    error = make_error()
    dialog = SyncConflictDialog(error)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Im Blog geändert"
    # The error's own sentence comes from the sync layer (English, not this catalogue's).
    assert_german(dialog, catalogue, german, data=("conflictMessage",))
    assert_unique_accelerators(dialog)
    headers = [dialog.fields.horizontalHeaderItem(i).text() for i in range(3)]
    assert headers == ["Feld", "Auf diesem Computer", "Im Blog"]
    assert dialog.buttons["keep_both"].text() == "Beide be&halten"
    assert dialog.buttons["keep_both"].toolTip().startswith("Die Fassung aus dem Blog")
