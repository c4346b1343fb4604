"""Checks of the post's text: alt text, missing local files, local paths, shortcodes, headings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from urllib.parse import unquote, urlsplit

from blogdesk.core.checks.issue import Issue
from blogdesk.core.checks.scan import Locator, elements, prose_lines
from blogdesk.core.render.engine import Heading

__all__ = [
    "heading_issues",
    "image_alt_issues",
    "local_path_issues",
    "missing_file_issues",
    "shortcode_issues",
]


def image_alt_issues(body: str, html: str) -> list[Issue]:
    """Images whose alt attribute is missing or empty: screen readers say nothing (or the file
    name), and the blog shows nothing when the image does not load."""
    issues = []
    locator = Locator(body)
    for element in elements(html):
        if element.tag != "img":
            continue
        line, column = locator.find(element.url)
        if not (element.alt or "").strip():
            name = element.url.rsplit("/", 1)[-1] or element.url
            issues.append(
                Issue(
                    "image-alt",
                    "warning",
                    f"The image {name} has no alt text: describe it for readers who cannot see it.",
                    line=line,
                    column=column,
                )
            )
    return issues


def is_local(url: str) -> bool:
    """A reference to a file on this computer rather than an address on the web or in the page:
    "pic.png", "media/a b.jpg", "file:///…", "C:\\…" (same rule as publishing's images)."""
    url = url.strip()
    if not url or url.startswith(("#", "//", "?")):
        return False
    try:
        scheme = urlsplit(url).scheme
    except ValueError:
        return False
    if scheme and len(scheme) > 1:  # "C:\\..." parses with a one-letter "scheme"
        return scheme.lower() == "file"
    return True


_FILE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def missing_file_issues(body: str, html: str, exists: Callable[[str], bool]) -> list[Issue]:
    """Images, and links to files, that name a local file which is not there.

    Every local image is looked up (publishing uploads it and stops when it is missing). A link is
    looked up only when it names a file ("notes/plan.pdf"): "about/" or "/tags/python/" are
    pages of the blog, not files here.
    """
    issues = []
    locator = Locator(body)
    for element in elements(html):
        url = element.url
        if not is_local(url):
            continue
        line, column = locator.find(url)
        path = unquote(url.split("#", 1)[0].split("?", 1)[0])
        if element.tag == "a" and (
            not _FILE_SUFFIX.search(path) or (path.startswith("/") and not url.startswith("file:"))
        ):
            continue
        if exists(url):
            continue
        what = "image" if element.tag == "img" else "linked file"
        issues.append(
            Issue(
                "missing-file",
                "error",
                f"The {what} {path} is not on this computer (looked beside the post and in the "
                "library's media folder). Fix the path or add the file.",
                line=line,
                column=column,
            )
        )
    return issues


# A local path left in the text: a file:// URL, a Windows drive path, or a home folder on Linux
# or macOS. Not when it continues an address ("https://x.org/home/a/b" is a page of a site).
_LOCAL_PATH = re.compile(
    r"(?<![\w/:.-])(?:file://\S+|[A-Za-z]:\\[^\s)\]>\"']+|/(?:home|Users)/[^\s/)\]>\"']+/?\S*)"
)


def local_path_issues(body: str) -> list[Issue]:
    """Paths of the author's own computer in the text: they mean nothing to readers and tell
    them the author's user name. Code is left alone (a path there is shown on purpose)."""
    issues = []
    for number, line in prose_lines(body):
        for match in _LOCAL_PATH.finditer(line):
            text = match[0].rstrip(".,;:!?")
            issues.append(
                Issue(
                    "local-path",
                    "error",
                    f"A path on your computer is left in the text: {text}. "
                    "Link to the file on the web, or insert it so BlogDesk uploads it.",
                    line=number,
                    column=match.start(),
                )
            )
    return issues


# WordPress shortcodes: [name attr="…"], [/name]; not a link's text ("[text](url)", "[text][r]"),
# not a footnote ("[^1]") nor a reference definition ("[r]: url").
_SHORTCODE = re.compile(r"\[(/?)([A-Za-z][\w-]*)((?:\s[^\]\n]*)?)\](?![(\[:])")
# Hugo's paired shortcodes: {{< name >}} … {{< /name >}} (and {{% … %}}).
_HUGO = re.compile(r"\{\{([<%])\s*(/?)([\w/-]+)([^\n]*?)\s*[>%]\}\}")
# Shortcodes that always wrap content: an opening one without its end is a mistake. Others
# ([gallery], [audio]) stand alone, and are only checked when the post closes them elsewhere.
_ENCLOSING = frozenset({"caption", "wp_caption", "embed", "sourcecode", "code", "spoiler"})


def shortcode_issues(body: str) -> list[Issue]:
    """`[caption]` without `[/caption]`, a `[/x]` with no `[x]` before it, and the same for
    Hugo's `{{< x >}}` … `{{< /x >}}`: the blog would print the shortcode as text."""
    tags: list[tuple[str, bool, str, int, int]] = []  # (name, closing, written, line, column)
    for number, text in prose_lines(body):
        for m in _SHORTCODE.finditer(text):
            if m[3] and not m[1] and "=" not in m[3] and m[2].lower() not in _ENCLOSING:
                continue  # "[two words]" is text (or a shortcut link), not a shortcode
            tags.append((m[2].lower(), bool(m[1]), m[0], number, m.start()))
        for m in _HUGO.finditer(text):
            if m[4].rstrip().endswith("/"):
                continue  # self-closing {{< x />}}
            tags.append(("hugo:" + m[3].lower(), bool(m[2]), m[0], number, m.start()))
    closed = {name for name, closing, *_ in tags if closing}
    issues: list[Issue] = []
    open_tags: dict[str, list[tuple[str, int, int]]] = {}
    for name, closing, written, line, column in tags:
        if not closing:
            if name in _ENCLOSING or name in closed:
                open_tags.setdefault(name, []).append((written, line, column))
            continue
        if open_tags.get(name):
            open_tags[name].pop()
            continue
        issues.append(
            Issue(
                "shortcode",
                "error",
                f"{written} closes a shortcode that was not opened before it.",
                line=line,
                column=column,
            )
        )
    for name, left in open_tags.items():
        end = "{{< /" + name[5:] + " >}}" if name.startswith("hugo:") else f"[/{name}]"
        issues.extend(
            Issue(
                "shortcode",
                "error",
                f"{written} is never closed: add {end} after its content.",
                line=line,
                column=column,
            )
            for written, line, column in left
        )
    return issues


def heading_issues(outline: Sequence[Heading]) -> list[Issue]:
    """A heading more than one level below the one before it (h2 → h4): readers of the outline
    (and screen readers) lose their way. The post's title counts as the h1 above the first."""
    issues = []
    previous = 1
    for heading in outline:
        if heading.level > previous + 1:
            issues.append(
                Issue(
                    "heading-skip",
                    "warning",
                    f"The heading “{heading.text}” is an h{heading.level} after an h{previous}: "
                    f"make it an h{previous + 1}.",
                    line=heading.line,
                )
            )
        previous = heading.level
    return issues
