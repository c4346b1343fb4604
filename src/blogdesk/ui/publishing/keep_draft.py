"""Blog → Keep Draft on the Blog: the window's switch for the sync layer's kept drafts.

Checked, the open post's front matter asks for its draft copy on the blog it goes to to be
updated after each save burst (`blogdesk: {keep_draft_on: [account id]}`, read by
`sync.drafts`); unchecked, the request is removed. The menu works it out when it opens (not at
start-up, which must not load the sync layer); an account whose option keeps every draft shows
the item checked and disabled, since the post cannot turn that off.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from blogdesk.core.post.post import RESERVED_KEY
from blogdesk.ui.i18n import translate

__all__ = ["KeepDraftSwitch"]

POST_KEY = "keep_draft_on"  # sync.drafts.POST_KEY; not imported, to keep Qt-side imports light
ACCOUNT_OPTION = "keep_draft"  # sync.drafts.ACCOUNT_OPTION


class KeepDraftSwitch:
    """The checkable menu item and what it changes (through the document's field setter)."""

    def __init__(
        self,
        menu: QMenu,
        document: Callable[[], Any],
        account_for: Callable[[Any], Any],
        set_field: Callable[[str, Any], None],
    ) -> None:
        self._document = document
        self._account_for = account_for
        self._set_field = set_field
        self.action = QAction(translate("KeepDraftSwitch", "&Keep Draft on the Blog"), menu)
        self.action.setObjectName("keepDraftOnBlog")
        self.action.setCheckable(True)
        self.action.setToolTip(
            translate(
                "KeepDraftSwitch",
                "After each pause in typing, update this draft's copy on the blog "
                "(never published)",
            )
        )
        self.action.triggered.connect(self._toggled)
        menu.aboutToShow.connect(self.refresh)
        menu.addAction(self.action)

    def _wanted(self, post: Any) -> list[str]:
        reserved = post.get(RESERVED_KEY)
        wanted = reserved.get(POST_KEY) if isinstance(reserved, dict) else None
        if isinstance(wanted, str):
            return [wanted]
        return [str(a) for a in wanted] if isinstance(wanted, list) else []

    def refresh(self) -> None:
        """Show the open post's state for the blog it would be published to."""
        doc = self._document()
        account = self._account_for(doc.post) if doc is not None else None
        if account is None:
            self.action.setEnabled(False)
            self.action.setChecked(False)
            self.action.setStatusTip(
                translate("KeepDraftSwitch", "Open a post and add a blog first (Blog → Blogs…)")
            )
            return
        by_account = bool(account.options.get(ACCOUNT_OPTION))
        self.action.setText(
            translate("KeepDraftSwitch", "&Keep Draft on {blog}").format(blog=account.name)
        )
        self.action.setChecked(by_account or account.id in self._wanted(doc.post))
        self.action.setEnabled(not by_account)

    def _toggled(self, on: bool) -> None:
        doc = self._document()
        account = self._account_for(doc.post) if doc is not None else None
        if account is None:
            return
        reserved = doc.post.get(RESERVED_KEY)
        reserved = copy.deepcopy(reserved) if isinstance(reserved, dict) else {}
        wanted = [a for a in self._wanted(doc.post) if a != account.id]
        if on:
            wanted.append(account.id)
        if wanted:
            reserved[POST_KEY] = wanted
        else:
            reserved.pop(POST_KEY, None)
        # Saved like any edit of the post (autosave), which ends a save burst: the draft goes out.
        self._set_field(RESERVED_KEY, reserved)
