"""The first-run assistant's pages: library, posts, keyring, done (the blog page: blog_page).

Each page only shows and asks; the work goes through what the assistant hands it (its
TaskRunner, the import dialog, the Blogs dialog), so nothing here blocks the GUI thread and no
flow is written twice.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from blogdesk.core.importers import ImportReport
from blogdesk.core.library.library import Library
from blogdesk.ui.first_run.places import FolderLook, look_at
from blogdesk.ui.i18n import translate
from blogdesk.ui.library.import_dialog import ask_and_import_folder, ask_and_import_wxr
from blogdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from blogdesk.sync.service import SyncService

__all__ = [
    "PENDING",
    "DonePage",
    "Host",
    "KeyringPage",
    "LibraryPage",
    "PostsPage",
    "Workplace",
    "text_label",
]

LOOK_DELAY_MS = 250  # wait for the typing to pause before walking the folder
PENDING = "…"  # `Host.keyring_state` while the keyring check has not answered


@dataclass(frozen=True)
class Workplace:
    """What the pages after the library page work with (given by the host, `blogdesk.app`)."""

    library: Library
    runner: TaskRunner
    sync_service: Callable[[], SyncService]  # builds the sync layer on first use


class Host(Protocol):
    """What the pages use of the assistant (`assistant.FirstRunAssistant`)."""

    BLOG: int
    DONE: int
    runner: TaskRunner
    workplace: Workplace | None
    library_look: FolderLook | None
    keyring_state: str | None
    session_only: bool
    skipping: bool
    imported: int
    fetched: int

    def open_library(self, folder: Path) -> None: ...

    def show_blogs(self) -> object: ...


def text_label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


class LibraryPage(QWizardPage):
    """Where the library lives. A commit page: once the library is open, Back cannot undo it."""

    def __init__(self, assistant: Host, suggestion: Path, why: str) -> None:
        super().__init__()
        self.assistant = assistant
        self.setTitle(translate("LibraryPage", "Where to keep your posts"))
        self.setSubTitle(
            translate(
                "LibraryPage",
                "BlogDesk keeps each post as a Markdown file in one folder, your library.",
            )
        )
        self.setCommitPage(True)
        self.setButtonText(
            QWizard.WizardButton.CommitButton, translate("LibraryPage", "Use This &Folder")
        )
        self.path = QLineEdit(str(suggestion))
        self.path.setObjectName("libraryPath")
        self.path.textChanged.connect(lambda _t: self._look_soon())
        choose = QPushButton(translate("LibraryPage", "&Choose…"))
        choose.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        self.look = text_label("", "folderLook")
        self.status = text_label("", "libraryStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(why, "why"))
        layout.addLayout(row)
        layout.addWidget(self.look)
        layout.addWidget(
            text_label(
                translate(
                    "LibraryPage",
                    "An existing folder of Markdown, a Jekyll site or a Hugo site is used as it "
                    "is. Skip keeps the suggested folder.",
                )
            )
        )
        layout.addStretch(1)
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=LOOK_DELAY_MS)
        self._timer.timeout.connect(self._look_now)
        self.last_look: FolderLook | None = None
        self._busy = False
        self._look_now()

    def folder(self) -> Path:
        return Path(self.path.text().strip() or ".").expanduser()

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, translate("LibraryPage", "Library folder"), str(self.folder())
        )
        if chosen:
            self.path.setText(chosen)

    def _look_soon(self) -> None:
        self._timer.start()

    def _look_now(self) -> None:
        folder = self.folder()
        self.assistant.runner.run(lambda: look_at(folder), self._looked, lambda _exc: None)

    def _looked(self, look: FolderLook) -> None:
        if look.path != self.folder():
            return  # the author typed on meanwhile: a newer look is on its way
        self.last_look = look
        self.look.setText(look.describe(translate))

    def isComplete(self) -> bool:
        return not self._busy and bool(self.path.text().strip())

    def validatePage(self) -> bool:
        """Open the library first (in the background); the assistant moves on when it is."""
        if self.assistant.workplace is not None:
            return True
        if not self._busy:
            self.assistant.open_library(self.folder())
        return False

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.path.setEnabled(not busy)
        self.status.setText(text)
        self.completeChanged.emit()


class PostsPage(QWizardPage):
    """Bring posts in: a WordPress export, a Jekyll/Hugo site copied in, or (later) a pull."""

    def __init__(self, assistant: Host) -> None:
        super().__init__()
        self.assistant = assistant
        self.setTitle(translate("PostsPage", "Bring your posts in"))
        self.setSubTitle(translate("PostsPage", "Everything here is optional; Skip moves on."))
        self.adopted = text_label("", "adoptedPosts")
        wxr = QPushButton(translate("PostsPage", "Import a &WordPress Export…"))
        wxr.clicked.connect(self._import_wxr)
        site = QPushButton(translate("PostsPage", "Copy Posts from a &Jekyll or Hugo Site…"))
        site.clicked.connect(self._import_site)
        self.result = text_label("", "importResult")
        layout = QVBoxLayout(self)
        layout.addWidget(self.adopted)
        layout.addWidget(
            text_label(
                translate(
                    "PostsPage", "From WordPress: export your site (Tools → Export) and import it."
                )
            )
        )
        layout.addWidget(wxr, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(
            text_label(
                translate("PostsPage", "From another folder: copy its posts into the library.")
            )
        )
        layout.addWidget(site, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(
            text_label(
                translate(
                    "PostsPage",
                    "From your blog itself: add it on the next pages, then choose Fetch Posts "
                    "there.",
                )
            )
        )
        layout.addWidget(self.result)
        layout.addStretch(1)

    def initializePage(self) -> None:
        look = self.assistant.library_look
        if look is not None and look.posts:
            if look.posts == 1:
                text = translate(
                    "PostsPage", "Your library holds {count} post already: they stay as they are."
                )
            else:
                text = translate(
                    "PostsPage", "Your library holds {count} posts already: they stay as they are."
                )
            self.adopted.setText(text.format(count=f"{look.posts:,}"))

    def _import_wxr(self) -> None:
        place = self.assistant.workplace
        if place is not None:
            dialog = ask_and_import_wxr(self, place.library, place.runner)
            if dialog is not None:
                dialog.importFinished.connect(self._imported)

    def _import_site(self) -> None:
        place = self.assistant.workplace
        if place is not None:
            dialog = ask_and_import_folder(self, place.library, place.runner)
            if dialog is not None:
                dialog.importFinished.connect(self._imported)

    def _imported(self, report: ImportReport) -> None:
        self.assistant.imported += len(report.imported)
        if self.assistant.imported == 1:
            text = translate("PostsPage", "Imported {count} post so far.")
        else:
            text = translate("PostsPage", "Imported {count} posts so far.")
        self.result.setText(text.format(count=f"{self.assistant.imported:,}"))


class KeyringPage(QWizardPage):
    """No keyring works: say so, and the two ways on, before any password is asked for."""

    def __init__(self, assistant: Host) -> None:
        super().__init__()
        self.assistant = assistant
        self.setTitle(translate("KeyringPage", "Where your blog's password is kept"))
        self.setSubTitle(
            translate(
                "KeyringPage", "Read this before you add a blog: no keyring works on this computer."
            )
        )
        self.explanation = text_label("", "keyringExplanation")
        self.session_only = QRadioButton(
            translate("KeyringPage", "Keep the password for this &session only; add my blog now")
        )
        self.session_only.setObjectName("sessionOnlyChoice")
        self.later = QRadioButton(
            translate("KeyringPage", "I will set up a &keyring first; add my blog later")
        )
        self.later.setObjectName("keyringLaterChoice")
        self.session_only.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.session_only)
        group.addButton(self.later)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.session_only)
        layout.addWidget(self.later)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """The explanation for what the keyring check found (it may answer while shown)."""
        problem = self.assistant.keyring_state
        if problem is None:
            self.explanation.setText(
                translate(
                    "KeyringPage",
                    "A keyring works on this computer after all: your blog's password is kept "
                    "there. Choose Next.",
                )
            )
            return
        if problem == PENDING:
            state = translate(
                "KeyringPage", "BlogDesk is still checking whether a keyring works on this computer"
            )
        else:
            state = translate(
                "KeyringPage", "On this computer no keyring works (keyring said: {problem})"
            ).format(problem=problem)
        if sys.platform.startswith("linux"):
            how = translate(
                "KeyringPage",
                "install a Secret Service keyring such as GNOME Keyring (on Debian or Ubuntu: "
                "<tt>sudo apt install gnome-keyring</tt>) or KWallet, make sure it is unlocked "
                "when you log in to your desktop, then start BlogDesk again",
            )
        else:
            how = translate(
                "KeyringPage",
                "unlock your system's keychain or credential store, then start BlogDesk again",
            )
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setText(
            translate(
                "KeyringPage",
                "<p>BlogDesk keeps your blog's password (or token) in the system keyring and never "
                "writes it to a plain file. {state}.</p>"
                "<p>You can:</p><ul>"
                "<li><b>Set up a keyring</b>: {how}. Add your blog afterwards "
                "(Blog → Blogs…).</li>"
                "<li><b>Keep the password for this session only</b>: add your blog now; BlogDesk "
                "forgets the password when it quits and asks for it again next time.</li></ul>",
            ).format(state=state, how=how)
        )

    def validatePage(self) -> bool:
        self.assistant.session_only = not self.assistant.skipping and self.session_only.isChecked()
        return True

    def nextId(self) -> int:
        if self.later.isChecked() and not self.assistant.skipping:
            return self.assistant.DONE
        return self.assistant.BLOG


class DonePage(QWizardPage):
    """What was set up, and where to find it again."""

    def __init__(self, assistant: Host) -> None:
        super().__init__()
        self.assistant = assistant
        self.setTitle(translate("DonePage", "Ready to write"))
        self.setSubTitle(translate("DonePage", "BlogDesk opens when you choose Finish."))
        self.summary = text_label("", "doneSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        place = self.assistant.workplace
        lines = []
        if place is not None:
            lines.append(
                translate("DonePage", "Your library: {folder}").format(folder=place.library.root)
            )
        if self.assistant.imported or self.assistant.fetched:
            lines.append(
                translate(
                    "DonePage", "Brought in: {imported} imported, {fetched} fetched from your blog."
                ).format(
                    imported=f"{self.assistant.imported:,}", fetched=f"{self.assistant.fetched:,}"
                )
            )
        lines.append(
            translate("DonePage", "A new post: File → New Post. Your blogs: Blog → Blogs…")
        )
        lines.append(
            translate(
                "DonePage", "To see this assistant again, start BlogDesk with: blogdesk --first-run"
            )
        )
        self.summary.setText("\n".join(lines))
