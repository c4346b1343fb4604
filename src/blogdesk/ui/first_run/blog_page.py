"""The first-run assistant's blog page: add a blog with the Blogs dialog (`ui.accounts`, the
same add flow as Blog → Blogs…), then fetch its posts into the library with progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QPushButton, QVBoxLayout, QWizardPage

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.progress import Progress
from blogdesk.ui.first_run.pages import Host, text_label
from blogdesk.ui.i18n import translate
from blogdesk.ui.tasks import TaskProgress

if TYPE_CHECKING:
    from blogdesk.sync.publish.results import PullResult

__all__ = ["BlogPage"]


class BlogPage(QWizardPage):
    """Add a blog with the Blogs dialog (its add flow, not a copy), then fetch its posts."""

    def __init__(self, assistant: Host) -> None:
        super().__init__()
        self.assistant = assistant
        self.setTitle(translate("BlogPage", "Add your blog"))
        self.setSubTitle(
            translate(
                "BlogPage", "WordPress, Ghost, Micropub, Blogger, Forem or a static site folder."
            )
        )
        self.add_button = QPushButton(translate("BlogPage", "&Add a Blog…"))
        self.add_button.setObjectName("addBlog")
        self.add_button.clicked.connect(lambda: self.assistant.show_blogs())
        self.blogs = text_label(translate("BlogPage", "No blog added yet."), "addedBlogs")
        self.fetch_button = QPushButton(translate("BlogPage", "&Fetch Posts from the Blog"))
        self.fetch_button.setObjectName("fetchPosts")
        self.fetch_button.setEnabled(False)
        self.fetch_button.clicked.connect(self.fetch)
        self.bar = QProgressBar()
        self.bar.hide()
        self.status = text_label("", "fetchStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.blogs)
        layout.addWidget(self.fetch_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.reload()

    def reload(self) -> None:
        place = self.assistant.workplace
        if place is None:
            return
        try:
            accounts = place.sync_service().accounts.all()
        except BlogDeskError as exc:
            self.status.setText(str(exc))
            return
        if accounts:
            blogs = "; ".join(f"{a.name} ({a.site_url})" for a in accounts)
            self.blogs.setText(translate("BlogPage", "Your blogs: {blogs}").format(blogs=blogs))
        self.fetch_button.setEnabled(bool(accounts))

    def fetch(self) -> None:
        """Pull the first blog's posts into the library, with progress (cancel: Skip or Back)."""
        place = self.assistant.workplace
        if place is None:
            return
        service = place.sync_service()
        accounts = service.accounts.all()
        if not accounts:
            return
        account = accounts[-1]  # the one just added
        self.fetch_button.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        self.status.setText(
            translate("BlogPage", "Fetching the posts of “{name}”…").format(name=account.name)
        )

        def work(progress: TaskProgress) -> PullResult:
            return service.pull(
                account,
                progress=lambda step: progress.report(step.done, step.total, step.message),
                cancel=progress,
            )

        place.runner.run_with_progress(
            work,
            on_progress=self._progress,
            on_done=self._fetched,
            on_error=self._failed,
            on_cancelled=lambda: self._failed(None),
        )

    def _progress(self, step: Progress) -> None:
        if step.total:
            self.bar.setRange(0, step.total)
            self.bar.setValue(min(step.done, step.total))
        if step.message:
            self.status.setText(step.message)

    def _fetched(self, result: PullResult) -> None:
        self.bar.hide()
        self.fetch_button.setEnabled(True)
        self.assistant.fetched += len(result.created)
        self.status.setText(
            translate("BlogPage", "Fetched {created} new posts and updated {updated}.").format(
                created=f"{len(result.created):,}", updated=f"{len(result.updated):,}"
            )
        )

    def _failed(self, exc: BaseException | None) -> None:
        self.bar.hide()
        self.fetch_button.setEnabled(True)
        if exc is None:
            self.status.setText(translate("BlogPage", "Fetching was cancelled."))
        elif isinstance(exc, BlogDeskError):
            self.status.setText(str(exc))
        else:
            self.status.setText(
                translate("BlogPage", "Fetching failed ({kind}).").format(kind=type(exc).__name__)
            )
