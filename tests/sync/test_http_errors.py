"""The one HTTP status ladder every provider uses (sync/providers/http_errors.py), and the
helpers it stands on in sync/http.py (the exception-chain walk, host_of)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
import urllib3.exceptions as u3

from blogdesk.sync.http import exception_chain, host_of
from blogdesk.sync.provider import (
    AuthenticationError,
    ChangedOnServerError,
    ForbiddenFileTypeError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RequestRejectedError,
    ServerError,
    SyncError,
)
from blogdesk.sync.providers.http_errors import (
    ErrorKind,
    ErrorWording,
    error_for_status,
    kind_of_status,
)

# Every kind worded, each message naming its kind, so a test sees which template was used.
FULL = ErrorWording(
    auth="auth {host} {doing}",
    forbidden="forbidden {host}{said}",
    not_found="not_found {host}{said}",
    conflict="conflict {host}{said}",
    too_large="too_large {host}",
    file_type="file_type {host}{said}",
    rate_limited="rate_limited {host}.{when}",
    server="server {host} HTTP {status}{said}",
    rejected="rejected {host}{said}",
    other="other {host} HTTP {status}",
)


def answer(status: int, headers: dict[str, str] | None = None) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response.url = "https://blog.example:8443/api?token=SECRET"
    response.headers.update(headers or {})
    return response


def error(
    status: int,
    wording: ErrorWording = FULL,
    *,
    hints: Collection[ErrorKind] = (),
    kind: ErrorKind | None = None,
    **values: object,
) -> SyncError:
    return error_for_status(
        answer(status),
        wording,
        hints=hints,
        kind=kind,
        host="blog.example",
        doing="saving",
        **values,
    )


@pytest.mark.parametrize(
    ("status", "cls", "kind"),
    [
        (401, AuthenticationError, "auth"),
        (403, PermissionDeniedError, "forbidden"),
        (404, NotFoundError, "not_found"),
        (410, NotFoundError, "not_found"),
        (409, ChangedOnServerError, "conflict"),
        (412, ChangedOnServerError, "conflict"),
        (413, RequestRejectedError, "too_large"),
        (415, ForbiddenFileTypeError, "file_type"),
        (429, RateLimitedError, "rate_limited"),
        (400, RequestRejectedError, "rejected"),
        (422, RequestRejectedError, "rejected"),
        (405, RequestRejectedError, "rejected"),
        (500, ServerError, "server"),
        (502, ServerError, "server"),
        (503, ServerError, "server"),
        (302, ServerError, "other"),
    ],
)
def test_the_standard_ladder(status: int, cls: type[SyncError], kind: str) -> None:
    found = error(status)
    assert type(found) is cls
    assert str(found).startswith(f"{kind} blog.example")


def test_server_errors_keep_their_status() -> None:
    found = error(503)
    assert isinstance(found, ServerError) and found.status == 503
    assert "HTTP 503" in str(found)


def test_a_kind_without_words_falls_back_to_client_errors_then_other() -> None:
    few = ErrorWording(rejected="rejected {host}", other="other {host} HTTP {status}")
    assert isinstance(error(409, few), RequestRejectedError)  # no conflict words: refused
    assert isinstance(error(401, few), RequestRejectedError)
    assert str(error(500, few)) == "other blog.example HTTP 500"
    bare = ErrorWording(other="other {host} HTTP {status}", client_errors="other")
    found = error(404, bare)
    assert type(found) is ServerError and found.status == 404


def test_a_platform_files_some_statuses_its_own_way() -> None:
    forem_like = ErrorWording(
        rejected="rejected {host}",
        server="server {host} HTTP {status}",
        other="other {host}",
        client_errors="server",
        statuses={410: "server", 422: "rejected"},
    )
    assert kind_of_status(400, forem_like) == "server"
    assert kind_of_status(410, forem_like) == "server"
    assert kind_of_status(422, forem_like) == "rejected"
    assert type(error(400, forem_like)) is ServerError


def test_body_hints_are_weighed_with_the_status() -> None:
    # Ghost: a 400 whose body says NotFoundError is not found; a 500 saying ValidationError is
    # still the server failing (server outranks rejected); a conflict outranks everything.
    assert isinstance(error(400, hints={"not_found"}), NotFoundError)
    assert isinstance(error(500, hints={"rejected"}), ServerError)
    assert isinstance(error(401, hints={"conflict"}), ChangedOnServerError)
    assert isinstance(error(429, hints={"rejected"}), RateLimitedError)


def test_a_hint_the_platform_has_no_words_for_is_ignored() -> None:
    no_conflict = ErrorWording(rejected="rejected {host}", other="other {host}")
    assert isinstance(error(400, no_conflict, hints={"conflict"}), RequestRejectedError)


def test_a_forced_kind_overrides_the_status() -> None:
    # Blogger: a 403 whose reasons say the quota is used up is rate limiting.
    assert isinstance(error(403, kind="rate_limited"), RateLimitedError)
    assert isinstance(error(500, kind="auth"), AuthenticationError)


def test_retry_after_in_seconds() -> None:
    response = answer(429, {"Retry-After": "120"})
    found = error_for_status(response, FULL, host="blog.example", doing="saving")
    assert isinstance(found, RateLimitedError) and found.retry_after == 120.0
    assert str(found).endswith("Try again in 120 seconds.")


def test_retry_after_as_an_http_date() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    response = answer(429, {"Retry-After": later})
    found = error_for_status(response, FULL, host="blog.example", doing="saving")
    assert isinstance(found, RateLimitedError)
    assert found.retry_after is not None and 80 <= found.retry_after <= 90


def test_rate_limited_without_retry_after() -> None:
    found = error(429)
    assert isinstance(found, RateLimitedError) and found.retry_after is None
    assert str(found) == "rate_limited blog.example."


def test_said_and_extra_values_fill_the_template() -> None:
    wording = ErrorWording(auth="{host} refused {user!r}.{said}", other="other")
    found = error(401, wording, said=' It said: "no"', user="ann")
    assert str(found) == "blog.example refused 'ann'. It said: \"no\""


def test_no_message_carries_the_address_query() -> None:
    for status in (302, 400, 401, 403, 404, 409, 413, 415, 429, 500):
        assert "SECRET" not in str(error(status))


# ------------------------------------------------------------------------- sync/http.py helpers


def test_exception_chain_follows_args_cause_context_and_retry_reason() -> None:
    timeout = TimeoutError("stalled")
    protocol = u3.ProtocolError("Connection aborted.", timeout)
    wrapped = requests.ConnectionError(protocol)
    assert timeout in list(exception_chain(wrapped))

    refused = ConnectionRefusedError("refused")
    new_conn = u3.NewConnectionError(None, "failed")  # type: ignore[arg-type]
    new_conn.__context__ = refused
    retries = u3.MaxRetryError(None, "/x", reason=new_conn)  # type: ignore[arg-type]
    chain = list(exception_chain(requests.ConnectionError(retries)))
    assert new_conn in chain and refused in chain


def test_exception_chain_visits_each_once_even_in_a_cycle() -> None:
    first, second = ValueError("a"), KeyError("b")
    first.__cause__, second.__context__ = second, first
    chain = list(exception_chain(first))
    assert chain == [first, second]


def test_host_of_keeps_the_port_and_drops_the_rest() -> None:
    assert host_of("https://user:pw@blog.example:8443/wp-json/?x=1") == "blog.example:8443"
    assert host_of("https://blog.example/") == "blog.example"
