"""The publish panel (which blog, which status, when — in three time zones —, tags and categories)
and the publishing part of the status bar (progress, Cancel, the result with its link).

It starts from the post's own settings (its front matter and the blog it was last sent to), so
opening it and pressing Publish does exactly what the toolbar button does. It performs no I/O:
the terms offered for completion are handed in (`set_terms`), and Publish only emits a
`PublishRequest` that the window carries out.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QObject, QStringListModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from blogdesk.core.post.post import Post
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.publish import post_fields as pl
from blogdesk.sync.publish.results import PublishResult
from blogdesk.ui.i18n import translate

__all__ = [
    "STATUS_CHOICES",
    "PublishPanel",
    "PublishRequest",
    "PublishStatus",
    "result_text",
    "split_terms",
]

# (label, the post's status word): what the author may ask the blog for.
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    (str(QT_TRANSLATE_NOOP("PublishPanel", "Draft")), "draft"),
    (str(QT_TRANSLATE_NOOP("PublishPanel", "Publish")), "published"),
    (str(QT_TRANSLATE_NOOP("PublishPanel", "Schedule")), "scheduled"),
    (str(QT_TRANSLATE_NOOP("PublishPanel", "Pending review")), "pending"),
    (str(QT_TRANSLATE_NOOP("PublishPanel", "Private")), "private"),
)


@dataclass(frozen=True)
class PublishRequest:
    account_id: str
    status: str  # the post's word: draft | published | scheduled | pending | private
    date: datetime | None  # aware; None = the blog decides (now, for a publish)
    tags: tuple[str, ...]
    categories: tuple[str, ...]


def split_terms(text: str) -> tuple[str, ...]:
    """ "a, b ,, c" -> ("a", "b", "c"), keeping the first spelling of a repeated name."""
    seen: set[str] = set()
    names: list[str] = []
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return tuple(names)


class TermCompleter(QCompleter):
    """Completes the last name of a comma-separated list, keeping the ones before it."""

    def __init__(self, parent: QWidget) -> None:
        self._names = QStringListModel()
        super().__init__(self._names, parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def set_names(self, names: Sequence[str]) -> None:
        self._names.setStringList(list(names))

    def names(self) -> list[str]:
        return list(self._names.stringList())

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: object) -> str:
        chosen = str(super().pathFromIndex(index))  # type: ignore[arg-type]
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0] + ", " if "," in text else ""
        return head + chosen


class PublishPanel(QFrame):
    publishRequested = Signal(object)  # PublishRequest
    accountsRequested = Signal()  # "Manage blogs…": open the account dialog
    accountChanged = Signal(str)  # account id: the window loads that blog's terms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publishPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._accounts: dict[str, Account] = {}

        self.account = QComboBox(self)
        self.account.setObjectName("publishAccount")
        self.account.currentIndexChanged.connect(self._account_changed)
        manage = QPushButton(translate("PublishPanel", "Manage…"), self)
        manage.clicked.connect(self.accountsRequested.emit)
        account_row = QHBoxLayout()
        account_row.addWidget(self.account, 1)
        account_row.addWidget(manage)

        self.status = QComboBox(self)
        self.status.setObjectName("publishStatus")
        for label, word in STATUS_CHOICES:
            self.status.addItem(translate("PublishPanel", label), word)
        self.status.currentIndexChanged.connect(lambda _i: self._update_times())

        self.use_date = QCheckBox(translate("PublishPanel", "Set the date"), self)
        self.use_date.toggled.connect(self._date_toggled)
        self.date = QDateTimeEdit(self)
        self.date.setObjectName("publishDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.date.setDateTime(QDateTime.currentDateTime())
        self.date.setEnabled(False)
        self.date.dateTimeChanged.connect(lambda _d: self._update_times())
        date_row = QHBoxLayout()
        date_row.addWidget(self.use_date)
        date_row.addWidget(self.date, 1)
        self.times = QLabel(self)
        self.times.setObjectName("publishTimes")
        self.times.setWordWrap(True)
        self.times.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tags = QLineEdit(self, placeholderText=translate("PublishPanel", "tag, another tag"))
        self.tags.setObjectName("publishTags")
        self.tag_completer = TermCompleter(self.tags)
        self.tags.setCompleter(self.tag_completer)
        self.categories = QLineEdit(self, placeholderText=translate("PublishPanel", "category"))
        self.categories.setObjectName("publishCategories")
        self.category_completer = TermCompleter(self.categories)
        self.categories.setCompleter(self.category_completer)

        self.publish_button = QPushButton(translate("PublishPanel", "&Publish"), self)
        self.publish_button.setObjectName("publishButton")
        self.publish_button.setDefault(True)
        self.publish_button.clicked.connect(self._publish)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(translate("PublishPanel", "Blog:"), account_row)
        form.addRow(translate("PublishPanel", "Status:"), self.status)
        form.addRow(translate("PublishPanel", "Date:"), date_row)
        form.addRow("", self.times)
        form.addRow(translate("PublishPanel", "Tags:"), self.tags)
        form.addRow(translate("PublishPanel", "Categories:"), self.categories)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.publish_button, 0, Qt.AlignmentFlag.AlignRight)
        self._update_times()

    def _date_toggled(self, on: bool) -> None:
        self.date.setEnabled(on)
        self._update_times()

    # -- feeding ---------------------------------------------------------------------------------

    def set_accounts(self, accounts: Sequence[Account], current: str | None = None) -> None:
        chosen = current or self.account.currentData()
        self._accounts = {a.id: a for a in accounts}
        self.account.blockSignals(True)
        self.account.clear()
        for account in accounts:
            self.account.addItem(f"{account.name} — {account.site_url}", account.id)
        index = self.account.findData(chosen)
        self.account.setCurrentIndex(max(0, index) if accounts else -1)
        self.account.blockSignals(False)
        has = bool(accounts)
        self.publish_button.setEnabled(has)
        self.hint.setText("" if has else translate("PublishPanel", "Add a blog first (Manage…)."))
        self._account_changed()

    def set_post(self, post: Post, account_id: str | None = None) -> None:
        """Start from the post's own settings."""
        if account_id:
            index = self.account.findData(account_id)
            if index >= 0:
                self.account.setCurrentIndex(index)
        index = self.status.findData(post.status)
        self.status.setCurrentIndex(max(0, index))
        when = post.date
        self.use_date.setChecked(when is not None)
        if when is not None:
            aware = pl.make_aware(when).astimezone()  # shown in the author's time zone
            local = aware.replace(tzinfo=None, microsecond=0)
            self.date.setDateTime(QDateTime.fromString(local.isoformat(), Qt.DateFormat.ISODate))
        self.tags.setText(", ".join(post.tags))
        self.categories.setText(", ".join(post.categories))
        self._update_times()

    def set_terms(self, kind: str, names: Sequence[str]) -> None:
        (self.tag_completer if kind == "tag" else self.category_completer).set_names(names)

    # -- reading ---------------------------------------------------------------------------------

    def current_account(self) -> Account | None:
        return self._accounts.get(str(self.account.currentData() or ""))

    def chosen_date(self) -> datetime | None:
        if not self.use_date.isChecked():
            return None
        value = self.date.dateTime().toPython()
        assert isinstance(value, datetime)
        return pl.make_aware(value)  # the edit shows the author's own time zone

    def request(self) -> PublishRequest | None:
        account = self.current_account()
        if account is None:
            return None
        return PublishRequest(
            account_id=account.id,
            status=str(self.status.currentData()),
            date=self.chosen_date(),
            tags=split_terms(self.tags.text()),
            categories=split_terms(self.categories.text()),
        )

    # -- reacting --------------------------------------------------------------------------------

    def _account_changed(self, _index: int = 0) -> None:
        account = self.current_account()
        self._update_times()
        if account is not None:
            self.accountChanged.emit(account.id)

    def _update_times(self) -> None:
        account = self.current_account()
        blog_tz = str(account.options.get("timezone") or "") if account else ""
        when = self.chosen_date()
        if when is None:
            scheduling = self.status.currentData() == "scheduled"
            self.times.setText(
                translate("PublishPanel", "Choose a date to schedule the post.")
                if scheduling
                else translate("PublishPanel", "No date: the blog uses the moment it publishes.")
            )
            return
        info = pl.schedule_info(when.astimezone(UTC), blog_tz or None)
        self.times.setText(
            translate("PublishPanel", "Blog: {blog}\nYou: {you}\nUTC: {utc}").format(
                blog=info.blog, you=info.author, utc=info.utc
            )
        )

    def _publish(self) -> None:
        request = self.request()
        if request is None:
            self.hint.setText(translate("PublishPanel", "Add a blog first (Manage…)."))
            return
        if request.status == "scheduled" and request.date is None:
            self.hint.setText(translate("PublishPanel", "To schedule the post, set its date."))
            return
        self.publishRequested.emit(request)


class PublishStatus(QObject):
    """The status-bar part of publishing: a progress bar, Cancel, and the last result — a line
    of text whose link opens the post on the blog in the browser (QDesktopServices)."""

    shown = Signal(str)  # the text just shown (rich text)

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.progress = QProgressBar(bar)
        self.progress.setObjectName("publishProgress")
        self.progress.setMaximumWidth(bar.fontMetrics().averageCharWidth() * 24)
        self.cancel_button = QToolButton(bar)
        self.cancel_button.setObjectName("publishCancel")
        self.cancel_button.setText(translate("PublishStatus", "Cancel"))
        self.result_label = QLabel(bar)
        self.result_label.setObjectName("publishResult")
        self.result_label.setOpenExternalLinks(False)  # opened here, so a test can catch it
        self.result_label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        # No stretch: a stretching permanent widget leaves no room for temporary messages
        # ("Could not open …"), which the status bar shows left of the permanent widgets.
        bar.insertPermanentWidget(0, self.result_label)
        bar.insertPermanentWidget(1, self.progress)
        bar.insertPermanentWidget(2, self.cancel_button)
        self._step_message: str | None = None  # the progress line this shows, cleared at the end
        self.busy(False)

    def busy(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)
        if on:
            self.progress.setRange(0, 0)  # "working" until the service says how far it is
        elif self._step_message is not None:
            # Clear only our own progress line: another message (a failed open at start-up, a
            # restored post) stays for the author to read.
            if self.bar.currentMessage() == self._step_message:
                self.bar.clearMessage()
            self._step_message = None

    def step(self, done: int, total: int | None, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(f"{done}/{total}")
        self._step_message = message
        self.bar.showMessage(message, 0)

    def show_plain(self, text: str, tooltip: str = "") -> None:
        self.show_rich(html.escape(text, quote=False), tooltip)

    def show_rich(self, text: str, tooltip: str = "") -> None:
        self.result_label.setText(text)
        self.result_label.setToolTip(tooltip)
        self.shown.emit(text)


_VERBS = {
    "publish": str(QT_TRANSLATE_NOOP("PublishStatus", "Published")),
    "future": str(QT_TRANSLATE_NOOP("PublishStatus", "Scheduled")),
    "draft": str(QT_TRANSLATE_NOOP("PublishStatus", "Saved as a draft on the blog")),
    "pending": str(QT_TRANSLATE_NOOP("PublishStatus", "Submitted for review")),
    "private": str(QT_TRANSLATE_NOOP("PublishStatus", "Published privately")),
}


def result_text(result: PublishResult) -> str:
    """The status-bar line for a publish result (rich text: the link is clickable)."""
    if result.queued:
        return html.escape(
            translate("PublishStatus", "Queued in the outbox, will be sent when the blog answers.")
        )
    known = _VERBS.get(result.status)
    if known is not None:
        verb = translate("PublishStatus", known)
    else:
        verb = translate("PublishStatus", "Sent ({status})").format(status=result.status)
    if result.status == "future" and result.schedule is not None:
        verb = translate("PublishStatus", "{verb} for {when}").format(
            verb=verb, when=result.schedule.blog
        )
    if result.uploaded == 1:
        images = translate("PublishStatus", " ({n} image uploaded)")
    elif result.uploaded:
        images = translate("PublishStatus", " ({n} images uploaded)")
    else:
        images = ""
    images = images.format(n=result.uploaded)
    link = html.escape(result.link, quote=True)
    return f'{html.escape(verb + images)}: <a href="{link}">{link}</a>'
