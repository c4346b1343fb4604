"""What a person is told when a publish cannot go ahead: a post outside the library, a schedule
without a date, a text file used as an image, an outbox job this version cannot do, an unknown
answer to a conflict. Published for real to a Hugo site folder (the static provider writes the
post into the site; no server needed) through `blogdesk publish` or the SyncService."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.sync.conftest import MakeService

from blogdesk.cli import main
from blogdesk.core.errors import BlogDeskError
from blogdesk.core.library.library import Library
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.provider import ConflictError
from blogdesk.sync.publish.outbox import Outbox


def hugo_site(root: Path) -> Path:
    (root / "content" / "posts").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Notes"\n')
    return root


@pytest.fixture
def site_account(tmp_path: Path, accounts: AccountStore) -> Account:
    site = hugo_site(tmp_path / "site")
    account = Account.new("notes", "static", str(site), "", git="off")
    accounts.add(account)  # a folder needs no password
    return account


def publish(capsys: pytest.CaptureFixture[str], library: Library, *argv: str) -> str:
    """`blogdesk publish …` that must fail cleanly: its message."""
    code = main(["--library", str(library.root), "publish", *argv, "--account", "notes"])
    _out, err = capsys.readouterr()
    assert code == 1, err
    assert err.startswith("blogdesk: ") and "Traceback" not in err
    return err


def site_posts(account: Account) -> list[Path]:
    return sorted((Path(account.site_url) / "content").rglob("*.md"))


def test_publishing_a_file_outside_the_library(
    tmp_path: Path,
    library: Library,
    site_account: Account,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stray = tmp_path / "desktop" / "idea.md"
    stray.parent.mkdir()
    stray.write_text("---\ntitle: Idea\n---\n\nNot imported yet.\n")
    err = publish(capsys, library, str(stray))
    assert f"{stray} is not in the library {library.root}; only library posts can be " in err
    assert "(import it first)" in err
    assert site_posts(site_account) == []


def test_scheduling_without_a_date(
    library: Library, site_account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    post = library.create("Later", "For next week.\n")
    err = publish(capsys, library, str(post.path), "--status", "future")
    assert "To schedule a post, give it a date (front matter `date:` or --date)." in err
    assert site_posts(site_account) == []


def test_a_document_used_as_an_image(
    library: Library, site_account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    (library.root / "budget.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    post = library.create("Budget", "The figures:\n\n![budget](budget.pdf)\n")
    err = publish(capsys, library, str(post.path))
    assert "budget.pdf is used as an image but is not an image file." in err
    assert site_posts(site_account) == []


def test_an_outbox_job_this_version_cannot_do(
    library: Library,
    site_account: Account,
    make_service: MakeService,
    capsys: pytest.CaptureFixture[str],
) -> None:
    post = library.create("Queued", "Waiting.\n")
    # A newer BlogDesk queued a kind of job this one does not know, then was downgraded.
    Outbox(library.root).enqueue(site_account.id, "schedule", post.path.name)  # type: ignore[arg-type]
    code = main(["--library", str(library.root), "outbox", "flush"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "needs you:" in out and "cannot do the outbox job 'schedule'" in out
    [job] = Outbox(library.root).jobs()
    assert job.needs_attention
    assert job.last_error.startswith("This BlogDesk cannot do the outbox job 'schedule' (a newer")
    assert site_posts(site_account) == []


def test_an_answer_to_a_conflict_that_is_no_choice(
    library: Library, site_account: Account, make_service: MakeService
) -> None:
    service = make_service(library)
    post = library.create("Shared", "Mine.\n", slug="shared")
    first = service.publish(post.path, site_account, status="publish")
    site_file = Path(site_account.site_url) / first.remote_id
    site_file.write_text(site_file.read_text().replace("Mine.", "Edited in the site."))
    loaded = library.load(post.path)
    loaded.body = "Mine, changed.\n"
    library.save(loaded)
    with pytest.raises(ConflictError) as conflict:
        service.publish(post.path, site_account)
    with pytest.raises(BlogDeskError) as caught:
        service.resolve_conflict(conflict.value, "merge")  # type: ignore[arg-type]
    assert str(caught.value) == ("Unknown choice 'merge': use overwrite, take_remote or keep_both.")
    assert "Edited in the site." in site_file.read_text()  # nothing was sent
