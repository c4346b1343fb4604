"""A post's public page turned into a template: placeholders for the title and the content,
nothing that can run, and every address either pointing at a local copy or gone.

`ThemePage(html, url, title=…, text=…)` parses the page, finds the element holding the post's
content and the one holding its title (the themes' class names first, then the known text of the
post), empties both, and strips scripts, event handlers, frames, forms and `javascript:` URLs.
`references()` lists what the page needs (style sheets, images of the page's frame, `url()`s in
inline styles); the caller downloads them and `render(local)` writes the template with each
address replaced by the local name `local` gives (or removed when it gives None).

The template marks its places with `TITLE_MARK`, `CONTENT_MARK`, `HEAD_MARK` and `DOC_TITLE`, and
prefixes local files with `ASSETS`; `blogdesk.core.theme.page` fills them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.theme.block_styles import wordpress_site
from blogdesk.core.theme.css import css_references, rewrite_css

__all__ = [
    "ASSETS",
    "CONTENT_ID",
    "CONTENT_MARK",
    "DOC_TITLE",
    "HEAD_MARK",
    "TITLE_ID",
    "TITLE_MARK",
    "Reference",
    "TemplateError",
    "ThemePage",
]

ASSETS = "__BLOGDESK_ASSETS__/"
CONTENT_MARK = "<!--blogdesk:content-->"
TITLE_MARK = "<!--blogdesk:title-->"
HEAD_MARK = "<!--blogdesk:head-->"
DOC_TITLE = "__BLOGDESK_DOC_TITLE__"
CONTENT_ID = "blogdesk-content"  # swap.js swaps the post body inside the element with this id
TITLE_ID = "blogdesk-title"

# Where themes put a single post's body and title, most specific first (WordPress block themes,
# classic WordPress themes, Ghost, Hugo/Jekyll themes, microformats, schema.org).
CONTENT_SELECTORS = (
    ".wp-block-post-content",
    ".entry-content",
    ".gh-content",
    ".post-content",
    ".post-body",
    ".article-content",
    ".e-content",
    "[itemprop=articleBody]",
    "article .content",
    "article",
    "main",
)
TITLE_SELECTORS = (
    ".wp-block-post-title",
    ".entry-title",
    ".post-title",
    ".gh-article-title",
    ".article-title",
    ".p-name",
    "article h1",
    "main h1",
    "h1",
)

# Elements that run, embed or submit something: gone with everything inside them.
_DROP_TAGS = (
    "script",
    "noscript",  # the preview runs no script, the blog's readers do: its fallbacks never show
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "template",
    "base",
    "portal",
)
_KEEP_META = frozenset({"charset", "viewport", "color-scheme"})
_DANGEROUS_URL = re.compile(r"^(?:javascript|vbscript|data:text/html)", re.I)
# Attributes that would load, ping or check something we rewrote (SRI fails on a rewritten CSS).
_DROP_ATTRS = frozenset(
    {"srcset", "imagesrcset", "integrity", "nonce", "ping", "formaction", "action", "http-equiv"}
)
_URL_ATTRS = ("href", "src", "poster", "xlink:href", "data", "background", "action", "cite")
_WORD = re.compile(r"\w+")


class TemplateError(BlogDeskError):
    """The page could not be turned into a template (no place for the post's content in it)."""


Reference = tuple[str, str]  # (absolute URL, "css" for a style sheet | "asset" for anything else)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _clean_url(value: str) -> str:
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    return re.sub(r"[\x00-\x20]+", "", value)


class ThemePage:
    """One page, parsed once: find the places, clean it, list and rewrite its addresses."""

    def __init__(self, html: str | bytes, url: str, *, title: str = "", text: str = "") -> None:
        self.url = url
        self.soup = BeautifulSoup(html, "html.parser")
        self.warnings: list[str] = []
        content = self._find_content(_words(text))
        if content is None:
            raise TemplateError(
                "BlogDesk could not find where the post's text goes on the page "
                f"{_short(url)}: it holds no element themes use for a post "
                "(.entry-content, .post-content, article, …) and not the post's text."
            )
        title_el = self._find_title(content, " ".join(_words(title)))
        self.platform = self._platform()
        # Read before cleaning drops them: where the site's REST API and core files are.
        self.wordpress = wordpress_site(self.soup, url) if self.platform == "wordpress" else None
        self.content_selector = self._describe(content)
        self.title_selector = self._describe(title_el) if title_el is not None else ""
        self._sanitize()
        self._place(content, title_el)
        self._absolutize()

    # -- finding the places -----------------------------------------------------------------

    def _find_content(self, words: list[str]) -> Tag | None:
        head = " ".join(words[:8])
        tail = " ".join(words[-8:])

        def holds_post(el: Tag) -> bool:
            text = " ".join(_words(el.get_text(" ")))
            return head in text and tail in text

        first: Tag | None = None
        for selector in CONTENT_SELECTORS:
            for el in self.soup.select(selector):
                if not words or holds_post(el):
                    return el
                first = first or el
        if words:
            # No theme convention around the known text: the innermost element holding it all.
            best: Tag | None = None
            body = self.soup.body or self.soup
            for el in body.find_all(True):
                if el.name not in ("p", "span", "a", "em", "strong") and holds_post(el):
                    best = el  # later in document order = deeper (or a sibling: then stop)
            if best is not None:
                return best
        return first

    def _find_title(self, content: Tag, title: str) -> Tag | None:
        candidates: list[Tag] = []
        for selector in TITLE_SELECTORS:
            for el in self.soup.select(selector):
                if el in candidates or content in el.parents or el is content:
                    continue
                if any(p is content for p in el.parents):
                    continue
                candidates.append(el)
        if title:
            for el in candidates:
                if " ".join(_words(el.get_text(" "))) == title:
                    return _innermost(el)
            body = self.soup.body or self.soup
            for el in body.find_all(True):
                if el.name in ("title", "a") or any(p is content for p in el.parents):
                    continue
                if " ".join(_words(el.get_text(" "))) == title:
                    return _innermost(el)
        if candidates:
            return _innermost(candidates[0])
        self.warnings.append("The page has no post title BlogDesk recognises; one was added.")
        return None

    def _platform(self) -> str:
        """ "wordpress", "ghost", "hugo", "jekyll" or "": from the generator the page names
        (WordPress also by its folders), so the preview can shape the body as that platform
        is sent it (core/theme/page.py: blog_body)."""
        meta = self.soup.find("meta", attrs={"name": re.compile("^generator$", re.I)})
        generator = str(meta.get("content", "")).lower() if meta is not None else ""
        for name in ("wordpress", "ghost", "hugo", "jekyll"):
            if name in generator:
                return name
        if self.soup.find(href=re.compile("/wp-content/|/wp-includes/")):
            return "wordpress"
        return ""

    @staticmethod
    def _describe(el: Tag) -> str:
        classes: list[str] = list(el.get("class") or [])
        return el.name + "".join(f".{c}" for c in list(classes)[:3])

    # -- cleaning ------------------------------------------------------------------------------

    def _sanitize(self) -> None:
        soup = self.soup
        for el in soup.find_all(_DROP_TAGS):
            el.decompose()
        for el in soup.find_all("meta"):
            if not (el.has_attr("charset") or str(el.get("name", "")).lower() in _KEEP_META):
                el.decompose()
        for el in soup.find_all("link"):
            rel = {str(r).lower() for r in (el.get("rel") or [])}
            if "stylesheet" not in rel or "alternate" in rel or not el.get("href"):
                el.decompose()
        for el in soup.find_all(["source", "track"]):
            el.decompose()
        for el in soup.find_all(True):
            for name in list(el.attrs):
                lowered = name.lower()
                value = el.attrs[name]
                text = " ".join(value) if isinstance(value, list) else str(value)
                if (
                    lowered.startswith("on")
                    or lowered in _DROP_ATTRS
                    or _DANGEROUS_URL.match(_clean_url(text))
                ):
                    del el.attrs[name]
        for el in soup.find_all(["a", "area"]):
            href = str(el.get("href", ""))
            if href and not href.startswith("#"):
                scheme = urlsplit(_clean_url(href)).scheme.lower()
                if scheme not in ("", "http", "https", "mailto"):
                    del el.attrs["href"]
            el.attrs.pop("target", None)
        for el in soup.find_all(["video", "audio"]):
            el.attrs.pop("src", None)
        for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
            comment.extract()  # conditional comments, and nothing can fake our markers

    def _place(self, content: Tag, title_el: Tag | None) -> None:
        soup = self.soup
        content.clear()
        content["id"] = CONTENT_ID
        content.append(Comment(CONTENT_MARK[4:-3]))
        if title_el is None:
            title_el = soup.new_tag("h1")
            content.insert_before(title_el)
        title_el.clear()
        title_el["id"] = TITLE_ID
        title_el.append(Comment(TITLE_MARK[4:-3]))
        if soup.head is None:
            head = soup.new_tag("head")
            (soup.html or soup).insert(0, head)
        assert soup.head is not None
        soup.head.insert(0, Comment(HEAD_MARK[4:-3]))
        for old in soup.head.find_all("title"):
            old.decompose()
        doc_title = soup.new_tag("title")
        doc_title.string = DOC_TITLE
        soup.head.append(doc_title)

    def _absolutize(self) -> None:
        for el in self.soup.find_all(True):
            for name in _URL_ATTRS:
                value = el.get(name)
                if isinstance(value, str) and value and not value.startswith(("#", "data:")):
                    el[name] = urljoin(self.url, value.strip())

    # -- addresses -----------------------------------------------------------------------------

    def _styles(self) -> Iterable[Tag]:
        return self.soup.find_all("style")

    def _styled(self) -> Iterable[Tag]:
        return self.soup.find_all(style=True)

    def _images(self) -> Iterable[Tag]:
        yield from self.soup.find_all(["img", "input"], src=True)
        yield from self.soup.find_all("video", poster=True)

    def references(self) -> list[Reference]:
        """What the page needs, as absolute http(s) URLs, each once, style sheets first."""
        found: list[Reference] = []

        def add(url: str, kind: str) -> None:
            if urlsplit(url).scheme in ("http", "https") and (url, kind) not in found:
                found.append((url, kind))

        for link in self.soup.find_all("link"):
            add(str(link["href"]), "css")
        for style in self._styles():
            for value, is_import in css_references(style.get_text()):
                add(urljoin(self.url, value), "css" if is_import else "asset")
        for el in self._styled():
            for value, _imp in css_references(str(el["style"])):
                add(urljoin(self.url, value), "asset")
        for el in self._images():
            add(str(el.get("src") or el.get("poster")), "asset")
        return found

    def render(self, local: Callable[[str], str | None]) -> str:
        """The template, with each reference replaced by `ASSETS + local(url)` (or removed)."""

        def to_local(value: str) -> str | None:
            name = local(urljoin(self.url, value))
            return ASSETS + name if name else None

        for link in self.soup.find_all("link"):
            name = to_local(str(link["href"]))
            if name:
                link["href"] = name
            else:
                link.decompose()
        for style in self._styles():
            style.string = rewrite_css(style.get_text(), to_local)
        for el in self._styled():
            el["style"] = rewrite_css(str(el["style"]), to_local)
        for el in self._images():
            attr = "src" if el.has_attr("src") else "poster"
            name = to_local(str(el[attr]))
            if name:
                el[attr] = name
            else:
                del el.attrs[attr]
                el["data-blogdesk-missing"] = "image"
        return str(self.soup)


def _innermost(el: Tag) -> Tag:
    """The title's innermost element that holds all of its text (the link inside an <h1>), so
    its look (link colour, underline) is kept when the title is replaced."""
    while True:
        children = [c for c in el.children if isinstance(c, Tag)]
        text_outside = "".join(
            str(c) for c in el.children if not isinstance(c, Tag) and str(c).strip()
        )
        if len(children) == 1 and not text_outside and children[0].name in ("a", "span"):
            el = children[0]
            continue
        return el


def _short(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
