"""Every error of the WordPress REST provider an author can meet that the other WordPress tests
do not, against the real WordPress on loopback (tests/servers/wordpress.sh)."""

from __future__ import annotations

import json

import pytest
from tests.servers.proxy import FaultProxy
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.test_wordpress_provider import proxied, proxy  # noqa: F401  (fixture)

from blogdesk.sync.http import make_session
from blogdesk.sync.provider import ApiUnavailableError
from blogdesk.sync.providers.wordpress.provider import WordPressProvider

pytestmark = pytest.mark.wordpress


# WordPress's answer when a plugin or the site's policy allows application passwords to some users
# only (wp_authenticate_application_password, wp-includes/user.php). The WordPress 6.1 of the test
# server runs a refused application password as an anonymous visitor under `php -S` (the answer
# is rest_not_logged_in), so a proxy in front of it gives WordPress's own answer.
DISABLED_FOR_USER = json.dumps(
    {
        "code": "application_passwords_disabled_for_user",
        "message": "Application passwords are not available for your account. Please contact "
        "the site administrator for assistance.",
        "data": {"status": 401},
    }
)


def test_application_passwords_turned_off_for_the_user(
    wordpress: WordPressServer,
    proxy: FaultProxy,  # noqa: F811
) -> None:
    provider = proxied(wordpress, proxy)
    assert provider.verify().user_login == wordpress.user  # through the proxy, it works
    proxy.respond(401, DISABLED_FOR_USER, {"Content-Type": "application/json; charset=UTF-8"})
    with pytest.raises(ApiUnavailableError) as caught:
        provider.verify()
    assert str(caught.value) == (
        f"Application passwords are turned off on 127.0.0.1:{proxy.port} (for this user or the "
        "whole site). Ask the site's administrator to allow them. WordPress said: "
        '"Application passwords are not available for your account. Please contact the site '
        'administrator for assistance."'
    )


@pytest.mark.parametrize("typed", ["", "   "])
def test_no_address_typed(typed: str) -> None:
    with pytest.raises(ApiUnavailableError) as caught:
        WordPressProvider.discover(make_session(), typed)
    assert str(caught.value) == "Type the address of your blog, for example https://example.com."


@pytest.mark.parametrize("typed", ["ftp://example.com/blog", "https://"])
def test_an_address_that_is_not_a_web_address(typed: str) -> None:
    with pytest.raises(ApiUnavailableError) as caught:
        WordPressProvider.discover(make_session(), typed)
    assert str(caught.value) == (f"{typed!r} is not a web address (it should start with https://).")
