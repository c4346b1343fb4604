"""A provider wrapper that counts API calls per method, for results, benchmarks and tests."""

from __future__ import annotations

from collections import Counter
from typing import Any

from blogdesk.sync.provider import (
    AccountInfo,
    BlogProvider,
    PostPayload,
    RemoteMedia,
    RemotePage,
    RemotePost,
    Term,
    TermKind,
)


class CountingProvider:
    """Delegates to `inner`; `calls` counts the protocol methods called, by name."""

    def __init__(self, inner: BlogProvider) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:  # class attributes: id, capabilities, ...
        return getattr(self.inner, name)

    def snapshot(self) -> dict[str, int]:
        return dict(self.calls)

    def verify(self) -> AccountInfo:
        self.calls["verify"] += 1
        return self.inner.verify()

    def create_post(self, payload: PostPayload) -> RemotePost:
        self.calls["create_post"] += 1
        return self.inner.create_post(payload)

    def update_post(self, remote_id: str, payload: PostPayload) -> RemotePost:
        self.calls["update_post"] += 1
        return self.inner.update_post(remote_id, payload)

    def get_post(self, remote_id: str) -> RemotePost:
        self.calls["get_post"] += 1
        return self.inner.get_post(remote_id)

    def delete_post(self, remote_id: str) -> None:
        self.calls["delete_post"] += 1
        self.inner.delete_post(remote_id)

    def find_post_by_slug(self, slug: str) -> RemotePost | None:
        self.calls["find_post_by_slug"] += 1
        return self.inner.find_post_by_slug(slug)

    def list_posts(self, *, page: int = 1, per_page: int = 100) -> RemotePage:
        self.calls["list_posts"] += 1
        return self.inner.list_posts(page=page, per_page=per_page)

    def upload_media(self, data: bytes, filename: str, mime: str) -> RemoteMedia:
        self.calls["upload_media"] += 1
        return self.inner.upload_media(data, filename, mime)

    def ensure_terms(self, kind: TermKind, names: tuple[str, ...] | list[str]) -> list[Term]:
        self.calls["ensure_terms"] += 1
        return self.inner.ensure_terms(kind, names)

    def list_terms(self, kind: TermKind) -> list[Term]:
        self.calls["list_terms"] += 1
        return self.inner.list_terms(kind)
