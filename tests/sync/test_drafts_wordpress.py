"""Keep the draft on the blog, against the REAL WordPress on loopback: saves update one draft on
the server, never publish it, never create it twice, and an edit on the blog stops the update."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService, unique

from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.history.versions import file_history
from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.drafts import POST_KEY, keep_drafts, queue_drafts
from blogdesk.sync.library_sync.published import HistorySyncService

pytestmark = pytest.mark.wordpress


def _keep_on(library: Library, rel: str, account: Account) -> None:
    post = library.load(rel)
    post.set("blogdesk", {POST_KEY: [account.id]})
    library.save(post)


def test_saves_keep_one_draft_up_to_date_on_the_blog(
    library: Library,
    make_service: MakeService,
    wp_account: Account,
    wordpress: WordPressServer,
    tmp_path: Path,
) -> None:
    history = LibraryHistory.open(library.root)
    service = make_service(library)
    recording = HistorySyncService(
        library,
        accounts=service.accounts,
        credentials=service.credentials,
        cache_dir=service.cache_dir,
        history=lambda: history,
    )
    try:
        title = unique("Kept draft")
        post = library.create(title, "First words.\n")
        rel = post.path.name
        assert queue_drafts(recording.context, rel) == []  # off by default
        _keep_on(library, rel, wp_account)
        run = keep_drafts(recording, rel)
        assert len(run.sent) == 1 and not run.failed
        remote_id = library.load(rel).sync_state(wp_account.id)["remote_id"]
        for n in range(3):  # three save bursts
            post = library.load(rel)
            post.body = f"First words.\n\nEdit number {n}.\n"
            library.save(post)
            assert keep_drafts(recording, rel).sent
        server = wordpress.get_post(remote_id)
        assert server["status"] == "draft"
        assert "Edit number 2." in server["content"]
        state = library.load(rel).sync_state(wp_account.id)
        assert state["remote_id"] == remote_id  # the same post all along
        assert library.load(rel).status == "draft"
        assert recording.outbox.jobs() == []
        # One post on the blog with this title, not four.
        answer = requests.get(
            f"{wordpress.api_url}wp/v2/posts",
            params={"search": title, "status": "any", "context": "edit"},
            auth=(wordpress.user, wordpress.app_password),
            timeout=30,
        )
        found = [p for p in answer.json() if p["title"]["raw"] == title]
        assert len(found) == 1
        # Every update is a marked version in the history.
        marks = [v for v in file_history(history, rel).versions if v.marks]
        assert len(marks) == 4 and all(v.marks[0].status == "draft" for v in marks)

        # An editor changes the draft in WordPress: the next save does not overwrite it.
        wordpress.edit_post(remote_id, content="<p>The editor's version.</p>")
        post = library.load(rel)
        post.body = "My newer words.\n"
        library.save(post)
        run = keep_drafts(recording, rel)
        assert run.failed and "changed on the blog" in run.failed[0]
        assert "editor's version" in wordpress.get_post(remote_id)["content"]
        [job] = recording.outbox.jobs()
        assert job.needs_attention  # the usual conflict flow takes it from here
    finally:
        recording.close()
        history.close()


def test_a_published_post_is_never_turned_back_into_a_draft(
    library: Library,
    make_service: MakeService,
    wp_account: Account,
    accounts: AccountStore,
    wordpress: WordPressServer,
) -> None:
    service = make_service(library)
    post = library.create(unique("Live"), "Out there.\n")
    rel = post.path.name
    result = service.publish(rel, wp_account, status="publish")
    accounts.update(wp_account.with_options(keep_draft=True))  # per account now
    post = library.load(rel)
    post.body = "Out there, edited.\n"
    library.save(post)
    assert queue_drafts(service.context, rel) == []  # published here: not a draft to keep
    assert wordpress.get_post(result.remote_id)["status"] == "publish"
