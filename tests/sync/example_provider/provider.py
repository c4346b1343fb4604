"""NotebookProvider: a whole BlogDesk provider in one small file.

Its "blog" is a folder of JSON files (one per post), so it needs no server, yet it implements the
full BlogProvider protocol: the service does the rest (rendering, images, conflicts, outbox).
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from blogdesk.sync.provider import (
    CAP_MEDIA,
    CAP_SLUG,
    CAP_TERMS,
    AccountField,
    AccountInfo,
    ApiUnavailableError,
    DiscoveryResult,
    NotFoundError,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    Term,
    TermKind,
)

if TYPE_CHECKING:
    import requests

    from blogdesk.sync.accounts.store import Account


class NotebookProvider:
    id: ClassVar[str] = "notebook"
    display_name: ClassVar[str] = "Notebook folder (example plugin)"
    account_fields: ClassVar[tuple[AccountField, ...]] = (
        AccountField("site_url", "Notebook folder"),
        AccountField("token", "Token", kind="password", secret=True),
    )
    capabilities: ClassVar[frozenset[str]] = frozenset({CAP_MEDIA, CAP_SLUG, CAP_TERMS})

    def __init__(self, account: Account, session: requests.Session, secret: str) -> None:
        self.folder = Path(account.site_url)  # no I/O in the constructor
        self.secret = secret

    @classmethod
    def discover(cls, session: requests.Session, url: str) -> DiscoveryResult:
        folder = Path(url.removeprefix("https://"))
        if not folder.is_dir():
            raise ApiUnavailableError(f"{folder} is not a folder.")
        return DiscoveryResult(site_url=str(folder), api_url=folder.as_uri())

    def verify(self) -> AccountInfo:
        return AccountInfo(user_id="1", user_login="me", site_name=self.folder.name)

    def _file(self, remote_id: str) -> Path:
        return self.folder / f"{remote_id}.json"

    def _save(self, remote_id: str, payload: PostPayload) -> RemotePost:
        data = {
            "title": payload.title,
            "html": payload.html,
            "status": payload.status,
            "slug": payload.slug or "",
            "tags": list(payload.tags),
            "modified": datetime.now(UTC).isoformat(),
        }
        self._file(remote_id).write_text(json.dumps(data), encoding="utf-8")
        return self.get_post(remote_id)

    def create_post(self, payload: PostPayload) -> RemotePost:
        return self._save(uuid.uuid4().hex[:12], payload)

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        self.get_post(remote_id)  # NotFoundError when it is gone
        return self._save(remote_id, payload)

    def get_post(self, remote_id: str) -> RemotePost:
        try:
            data: dict[str, Any] = json.loads(self._file(remote_id).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise NotFoundError(f"The notebook has no post {remote_id}.") from None
        return RemotePost(
            remote_id=remote_id,
            link=self._file(remote_id).as_uri(),
            title=data["title"],
            html=data["html"],
            status=data["status"],
            date_gmt=None,
            modified_gmt=data["modified"],
            slug=data["slug"],
            tags=tuple(data["tags"]),
        )

    def delete_post(self, remote_id: str) -> None:
        self._file(remote_id).unlink(missing_ok=True)

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        posts = self.list_posts().posts
        return next((post for post in posts if post.slug == slug), None)

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        posts = tuple(self.get_post(f.stem) for f in sorted(self.folder.glob("*.json")))
        return RemotePage(posts=posts, page=1, total_pages=1, total=len(posts))

    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        target = self.folder / "media" / filename
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
        return RemoteMedia(remote_id=filename, url=target.as_uri(), mime=mime)

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        return [Term(remote_id=n, name=n, kind=kind) for n in names]

    def list_terms(self, kind: TermKind) -> list[Term]:
        return []
