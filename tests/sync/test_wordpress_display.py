"""What WordPress's readers get equals the preview: checked on the page the real WordPress serves.

WordPress stores the HTML as sent, but shows it through `the_content`: for content without block
markup, `wpautop` turns every newline inside a paragraph into `<br />`. BlogDesk sends blocks
(core/convert/wp_blocks.py), so the page keeps the preview's text and structure. Checked over the
REST API and XML-RPC, on the public page and on the REST API's `content.rendered`.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image
from tests.servers.wordpress_fixture import WordPressServer
from tests.sync.conftest import MakeService, unique

from blogdesk.cli import main
from blogdesk.core.library.library import Library
from blogdesk.core.render.rendering import render
from blogdesk.sync.accounts.credentials import LayeredStore
from blogdesk.sync.accounts.store import Account, AccountStore
from blogdesk.sync.http import make_session
from blogdesk.sync.providers.wordpress.provider import WordPressProvider

pytestmark = pytest.mark.wordpress

BODY = """\
A paragraph whose source lines are wrapped at about sixty
columns, the way a text editor wraps prose, so that WordPress
would break it at every line if it filtered the post.

This line ends with two spaces\x20\x20
so the author asked for this break, and only this one.

## Where it came from

> The first paragraph of a quotation that is long enough to
> be wrapped across two source lines.
>
> Its second paragraph, also
> wrapped.
> — Ada Lovelace

- a first item that is wrapped
  onto a second line
- a second item
    - and a nested one

| Leg | Minutes |
|:----|--------:|
| Tokyo to Kyoto | 135 |

```python
def fare(minutes):
    return minutes < 150
```

<figure>
  <img src="pic.png" alt="A test image">
  <figcaption>The caption, with
  <em>emphasis</em></figcaption>
</figure>

A claim that needs a source.[^src]

[^src]: The source, wrapped
    over two lines.
"""

# Elements whose place and text make the structure compared; wrappers (div, figure, span) and
# attributes are left out: those are where WordPress's own additions go (wp-block-* classes,
# the Table block's <figure>, the Code block's class on <pre>, loading/decoding on images).
_STRUCTURE = frozenset(
    re.findall(
        r"\w+",
        "p h1 h2 h3 h4 h5 h6 ul ol li blockquote cite figcaption img table thead tbody tr th td"
        " pre code hr dl dt dd br sup a em strong",
    )
)


class _Structure(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _STRUCTURE:
            self.tokens.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in _STRUCTURE and tag not in ("br", "img", "hr"):
            self.tokens.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.tokens.append(text)


def structure(html: str) -> list[str]:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser.tokens


def breaks_in_paragraphs(html: str) -> int:
    soup = BeautifulSoup(html, "html.parser")
    return sum(len(p.find_all("br")) for p in soup.find_all("p"))


def page_content(url: str) -> str:
    """The post's content on its public page (the theme's `.entry-content`)."""
    answer = requests.get(url, timeout=60)
    answer.raise_for_status()
    content = BeautifulSoup(answer.text, "html.parser").select_one(".entry-content")
    assert content is not None, "no .entry-content on the post's page"
    return content.decode_contents()


def rest_rendered(wordpress: WordPressServer, remote_id: str) -> str:
    answer = requests.get(
        f"{wordpress.api_url}wp/v2/posts/{remote_id}", params={"context": "view"}, timeout=60
    )
    answer.raise_for_status()
    return str(answer.json()["content"]["rendered"])


# WordPress's block delimiter, as its parser (class-wp-block-parser.php) reads it.
_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<name>[a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+"
    r"(?P<attrs>\{(?:(?:[^}]+|}+(?=})|(?!}\s+/?-->).)*+)?}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)


def parsed_blocks(content: str) -> tuple[list[str], list[str]]:
    """(names of every block, text outside any block: WordPress's freeform/Classic blocks)."""
    names: list[str] = []
    freeform: list[str] = []
    stack: list[str] = []
    pos = 0
    for m in _DELIMITER.finditer(content):
        if not stack and content[pos : m.start()].strip():
            freeform.append(content[pos : m.start()])
        name = m["name"] if "/" in m["name"] else "core/" + m["name"]
        if m["closer"]:
            assert stack and stack.pop() == name, f"{m[0]} closes nothing open"
        elif not m["void"]:
            stack.append(name)
            names.append(name)
        pos = m.end()
    assert not stack, f"never closed: {stack}"
    if content[pos:].strip():
        freeform.append(content[pos:])
    return names, freeform


def registered_blocks(wordpress: WordPressServer) -> set[str]:
    answer = requests.get(
        f"{wordpress.api_url}wp/v2/block-types",
        params={"context": "edit", "per_page": 100},
        auth=(wordpress.user, wordpress.app_password),
        timeout=60,
    )
    answer.raise_for_status()
    return {str(block["name"]) for block in answer.json()}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 24), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(params=["wordpress", "xmlrpc"])
def blog_account(
    request: pytest.FixtureRequest,
    wordpress: WordPressServer,
    accounts: AccountStore,
    credentials: LayeredStore,
) -> Account:
    """The test WordPress as a REST account and as an XML-RPC account."""
    if request.param == "wordpress":
        options = {"api_url": wordpress.api_url}
    else:
        options = {"xmlrpc_url": f"{wordpress.url}/xmlrpc.php", "blog_id": "1"}
    account = Account.new(
        unique(request.param), request.param, wordpress.url, wordpress.user, **options
    )
    accounts.add(account)
    credentials.set(account.id, wordpress.app_password)
    return account


def test_readers_see_the_preview_not_wpautops_line_breaks(
    wordpress: WordPressServer,
    library: Library,
    make_service: MakeService,
    blog_account: Account,
) -> None:
    post = library.create(unique("As previewed"), BODY)
    assert post.path is not None
    (post.path.parent / "pic.png").write_bytes(_png())
    with make_service(library) as service:
        result = service.publish(post.path, blog_account, status="publish")
    assert result.uploaded == 1 and result.status == "publish"
    assert not result.notices  # the read-back found the post stored as sent
    preview = render(BODY).html
    assert breaks_in_paragraphs(preview) == 1  # the author's one hard break

    # The stored content is blocks from start to end: no Classic block, only known blocks.
    raw = wordpress.get_post(result.remote_id)["content"]
    names, freeform = parsed_blocks(raw)
    assert freeform == []
    assert set(names) <= registered_blocks(wordpress)
    assert {"core/paragraph", "core/heading", "core/quote", "core/list", "core/list-item"} <= (
        set(names)
    )
    assert {"core/table", "core/code", "core/image", "core/html"} <= set(names)

    uploaded = re.search(r'<img src="([^"]+)"', raw)
    assert uploaded is not None and uploaded[1].startswith(wordpress.url)
    expected = structure(preview.replace('src="pic.png"', f'src="{uploaded[1]}"'))
    for shown in (page_content(result.link), rest_rendered(wordpress, result.remote_id)):
        assert breaks_in_paragraphs(shown) == 1
        assert structure(shown) == expected
        assert 'class="wp-block-quote"' in shown and "<cite>Ada Lovelace</cite>" in shown
        assert '<span class="k">def</span>' in shown  # the highlighting survives
        assert '<div class="footnote">' in shown


def test_the_same_html_without_blocks_is_what_readers_got_before(
    wordpress: WordPressServer, session_provider: WordPressProvider
) -> None:
    """The check above can fail: the same body sent as classic HTML is broken at every line."""
    from blogdesk.sync.provider import PostPayload

    preview = render(BODY.replace("pic.png", "https://example.com/pic.png")).html
    made = session_provider.create_post(
        PostPayload(title=unique("Classic"), html=preview, status="publish")
    )
    shown = page_content(made.link)
    assert breaks_in_paragraphs(shown) > breaks_in_paragraphs(preview) + 3
    assert structure(shown) != structure(preview)


@pytest.fixture
def session_provider(wordpress: WordPressServer) -> WordPressProvider:
    account = Account.new(
        "classic", "wordpress", wordpress.url, wordpress.user, api_url=wordpress.api_url
    )
    return WordPressProvider(account, make_session(), wordpress.app_password)


def test_cli_render_for_an_account_prints_exactly_what_is_sent(
    wordpress: WordPressServer,
    library: Library,
    make_service: MakeService,
    blog_account: Account,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    body = BODY.replace("pic.png", "https://example.com/pic.png")
    post = library.create(unique("CLI"), body)
    with make_service(library) as service:
        result = service.publish(post.path, blog_account, status="draft")
    assert main(["render", str(post.path), "--account", blog_account.name]) == 0
    printed = capsys.readouterr().out
    assert printed == wordpress.get_post(result.remote_id)["content"]
    assert printed.startswith("<!-- wp:paragraph -->")
    assert main(["render", str(post.path)]) == 0
    assert capsys.readouterr().out == render(body).html  # without --account: the generic HTML
