"""Ghost shows readers what the preview showed: the body goes in one HTML card, kept verbatim.

Against the real Ghost 5 on loopback (tests/servers/ghost.sh). Without the card (the account
option `exact_html` off) Ghost converts the HTML into its own cards and renders them again,
which changes a multi-paragraph quote and highlighted code; the second test shows that, so the
first one can fail.
"""

from __future__ import annotations

import re

import pytest
from tests.servers.ghost_fixture import GhostServer
from tests.sync.conftest import MakeService, unique

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.library.library import Library
from blogdesk.core.render.rendering import render
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.providers.ghost.provider import CARD_BEGIN, CARD_END
from blogdesk.sync.publish.changes import normalize_html

pytestmark = pytest.mark.timeout(1500)  # the first Ghost test on a machine installs Ghost

BODY = """\
> The first paragraph of a quotation, long enough to be
> wrapped across two source lines.
>
> Its second paragraph.
> — Ada Lovelace

```python
def fare(minutes):
    return minutes < 150
```

A claim that needs a source.[^src]

[^src]: The source.
"""


def _account(
    ghost: GhostServer, accounts: AccountStore, credentials: LayeredStore, **options: object
) -> Account:
    account = Account.new(unique("ghost"), "ghost", ghost.url, "", **options)
    accounts.add(account)
    credentials.set(account.id, ghost.admin_key)
    return account


def _without_card(html: str) -> str:
    return re.sub(r"<!--kg-card-(?:begin|end): html-->", "", html)


def test_the_html_ghost_serves_is_the_html_blogdesk_sent(
    ghost: GhostServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(ghost, accounts, credentials)  # the option's default: exact
    post = library.create(unique("Exact"), BODY)
    with make_service(library) as service:
        result = service.publish(post.path, account, status="publish")
    assert not result.notices  # the read-back found nothing changed
    served = ghost.get_post(result.remote_id)["html"]
    assert served.strip().startswith(CARD_BEGIN) and served.strip().endswith(CARD_END)
    preview = render(BODY).html
    assert normalize_html(_without_card(served)) == normalize_html(preview)
    assert "<p>Its second paragraph.</p>" in served  # two paragraphs, not one with <br><br>
    assert '<span class="k">def</span>' in served and '<div class="footnote">' in served
    # Pulled back, the card's markers are not text of the post.
    assert "kg-card" not in html_to_markdown(served)


def test_without_the_card_ghost_renders_its_own_cards(
    ghost: GhostServer,
    library: Library,
    credentials: LayeredStore,
    make_service: MakeService,
    accounts: AccountStore,
) -> None:
    account = _account(ghost, accounts, credentials, exact_html=False)
    post = library.create(unique("Native"), BODY)
    with make_service(library) as service:
        result = service.publish(post.path, account, status="publish")
    served = ghost.get_post(result.remote_id)["html"]
    assert "kg-card-begin: html" not in served
    assert normalize_html(served) != normalize_html(render(BODY).html)
