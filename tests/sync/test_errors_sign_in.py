"""What a person is told when signing in through the browser goes wrong: IndieAuth (Micropub
sites) and the OAuth loopback sign-in (Blogger's Google sign-in). A small sign-in site on
loopback plays the blog and its authorization and token endpoints, and a "browser" follows the
sign-in page's redirect back to BlogDesk's own loopback listener, as the author's browser does.
Each case is one way real servers answer wrongly."""

from __future__ import annotations

import json

import pytest
from tests.sign_in_site import SignInSite, browser

from blogdesk.core.errors import BlogDeskError
from blogdesk.sync.accounts import indieauth
from blogdesk.sync.accounts.oauth_loopback import OAuthClient, authorize
from blogdesk.sync.http import make_session


def indie_sign_in(site: SignInSite, path: str = "/") -> BlogDeskError:
    with pytest.raises(BlogDeskError) as caught:
        indieauth.sign_in(site.url + path, open_url=browser, timeout=10)
    return caught.value


# ------------------------------------------------------------------------------- IndieAuth


def test_an_address_with_no_page(site: SignInSite) -> None:
    error = indie_sign_in(site, "/missing/")
    assert str(error) == f"{site.url}/missing/ answered HTTP 404; check the address."


def test_a_site_without_sign_in_endpoints(site: SignInSite) -> None:
    site.links = ("micropub",)
    assert str(indie_sign_in(site)) == (
        "The site names no IndieAuth authorization or token endpoint: sign in with a token "
        "instead (Micro.blog: Account → App tokens)."
    )


def test_a_sign_in_server_without_pkce(site: SignInSite) -> None:
    site.metadata = {
        "authorization_endpoint": f"{site.url}/auth",
        "token_endpoint": f"{site.url}/token",
        "code_challenge_methods_supported": ["plain"],
    }
    assert str(indie_sign_in(site)) == "The site's IndieAuth server does not offer PKCE (S256)."


def test_the_author_says_no(site: SignInSite) -> None:
    site.back = {"error": "access_denied", "error_description": "The author said no"}
    assert str(indie_sign_in(site)) == "The site refused the sign-in (The author said no)."


def test_an_answer_from_another_sign_in_server(site: SignInSite) -> None:
    site.metadata = {
        "issuer": f"{site.url}/",
        "authorization_endpoint": f"{site.url}/auth",
        "token_endpoint": f"{site.url}/token",
        "code_challenge_methods_supported": ["S256"],
    }
    site.back = {"code": "the-code", "iss": "https://other.example/"}
    assert str(indie_sign_in(site)) == "The sign-in answer came from another server (iss)."


def test_a_token_answer_in_an_unexpected_form(site: SignInSite) -> None:
    site.token = (200, json.dumps({"access_token": "t0k", "me": site.url, "expires_in": "soon"}))
    error = indie_sign_in(site)
    assert str(error) == "The site's token endpoint answered in an unexpected form."
    assert "t0k" not in str(error)


# ----------------------------------------------------------------- OAuth (Blogger's Google)


def google_sign_in(site: SignInSite) -> BlogDeskError:
    client = OAuthClient(
        client_id="blogdesk-test.apps",
        auth_url=f"{site.url}/auth",
        token_url=f"{site.url}/token",
        scope="https://www.googleapis.com/auth/blogger",
    )
    with make_session() as session, pytest.raises(BlogDeskError) as caught:
        authorize(session, client, open_browser=browser, timeout=10)
    return caught.value


def test_an_answer_to_another_sign_in(site: SignInSite) -> None:
    site.echo_state = False
    assert str(google_sign_in(site)) == (
        "The sign-in answer did not match the request (state mismatch); it was ignored. Try again."
    )


def test_a_token_endpoint_that_is_no_sign_in_server(site: SignInSite) -> None:
    site.token, site.token_type = (502, "<h1>Bad gateway</h1>"), "text/html"
    assert str(google_sign_in(site)) == (
        f"{site.url}/token did not answer like a sign-in server (HTTP 502)."
    )


def test_a_token_answer_without_a_token(site: SignInSite) -> None:
    site.token = (200, json.dumps({"token_type": "Bearer", "expires_in": 3599}))
    assert str(google_sign_in(site)) == "The sign-in server sent no access token."


def test_a_client_id_the_server_does_not_know(site: SignInSite) -> None:
    body = {"error": "invalid_client", "error_description": "The OAuth client was not found."}
    site.token = (401, json.dumps(body))
    assert str(google_sign_in(site)) == (
        "The sign-in server does not accept BlogDesk's client id (The OAuth client was not found.)."
    )


def test_a_sign_in_server_that_fails(site: SignInSite) -> None:
    site.token = (503, json.dumps({"error": "backend_error"}))
    assert str(google_sign_in(site)) == "The sign-in server failed (HTTP 503). Try again later."


def test_a_sign_in_refused_for_another_reason(site: SignInSite) -> None:
    site.token = (400, json.dumps({"error": "invalid_request", "error_description": "Bad scope"}))
    assert str(google_sign_in(site)) == "Signing in failed: invalid_request (Bad scope)."
