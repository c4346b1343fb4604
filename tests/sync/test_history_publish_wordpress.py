"""Every publish, update and unpublish to the REAL WordPress leaves a marked version in the
library's history, holding the file that was sent."""

from __future__ import annotations

import pytest
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService, unique

from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.history.versions import file_history
from blogdesk.core.history.worddiff import comparable, format_word_diff, word_diff
from blogdesk.core.library.library import Library
from blogdesk.core.post.post import Post
from blogdesk.sync.accounts.store import Account
from blogdesk.sync.library_sync.published import HistorySyncService

pytestmark = pytest.mark.wordpress


def test_publish_update_unpublish_are_marked_versions(
    library: Library, make_service: MakeService, wp_account: Account, wordpress: WordPressServer
) -> None:
    history = LibraryHistory.open(library.root)
    plain = make_service(library)
    service = HistorySyncService(
        library,
        accounts=plain.accounts,
        credentials=plain.credentials,
        cache_dir=plain.cache_dir,
        history=lambda: history,
    )
    try:
        post = library.create(unique("Marked"), "The first text.\n")
        rel = post.path.name
        first = service.publish(rel, wp_account, status="publish")
        post = library.load(rel)
        post.body = "The second text.\n"
        library.save(post)
        service.publish(rel, wp_account)
        service.unpublish(rel, wp_account)
        found = file_history(history, rel)
        marks = [(m.status, m.remote_id) for v in found.versions for m in v.marks]
        assert marks == [
            ("draft", first.remote_id),
            ("publish", first.remote_id),
            ("publish", first.remote_id),
        ]
        live = found.live[wp_account.id]
        assert live is found.versions[0] and live.live_on == (wp_account.id,)
        # The first marked version holds the text the blog got then, with the blog's state.
        oldest_mark = [v for v in found.versions if v.marks][-1]
        sent = Post.parse((history.read(rel, oldest_mark.commit) or b"").decode())
        assert sent.body == "The first text.\n"
        assert sent.sync_state(wp_account.id)["remote_id"] == first.remote_id
        assert wordpress.get_post(first.remote_id)["status"] == "draft"
        # What changed since that first publish, as `blogdesk diff` shows it.
        now = comparable((library.root / rel).read_text())
        then = comparable(history.read(rel, oldest_mark.commit).decode())  # type: ignore[union-attr]
        assert "[-first -]{+second +}" in format_word_diff(word_diff(then, now))
    finally:
        service.close()
        history.close()
