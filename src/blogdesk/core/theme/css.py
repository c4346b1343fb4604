"""The addresses inside CSS: `url(...)` and `@import`, found and rewritten without a CSS parser.

A theme's style sheets are copied to the cache with every address pointing at a local copy (or at
nothing): the preview loads nothing remote, so an address we did not copy must not stay remote.
Comments are skipped so a commented-out `url()` is not fetched; strings are read with their
escapes, which is all the CSS syntax an address can hide in.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["css_references", "rewrite_css"]

# `url(...)` (quoted or bare) and `@import "..."` / `@import url(...)`, outside comments.
_TOKEN = re.compile(
    r"""(?P<comment>/\*.*?(?:\*/|\Z))"""
    r"""|(?P<import>@import\s+(?P<iq>["'])(?P<ival>(?:\\.|(?!(?P=iq)).)*)(?P=iq))"""
    r"""|(?P<url>url\(\s*(?:(?P<uq>["'])(?P<qval>(?:\\.|(?!(?P=uq)).)*)(?P=uq)"""
    r"""|(?P<bval>[^)'"\s]*))\s*\))""",
    re.IGNORECASE | re.DOTALL,
)
_IMPORT_BEFORE = re.compile(r"@import\s*$", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6}\s?|.)", re.DOTALL)


def _unescape(value: str) -> str:
    def one(m: re.Match[str]) -> str:
        text = m.group(1)
        if re.fullmatch(r"[0-9a-fA-F]{1,6}\s?", text):
            code = int(text.strip(), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return "" if text == "\n" else text

    return _ESCAPE.sub(one, value).strip()


def _value(m: re.Match[str]) -> str | None:
    if m.group("import"):
        return _unescape(m.group("ival"))
    if m.group("url"):
        raw = m.group("qval") if m.group("uq") else m.group("bval")
        return _unescape(raw or "")
    return None


def _kept_as_is(value: str) -> bool:
    # Inline data, and fragments: `filter: url(#wp-duotone-…)` names an SVG filter in the page.
    return value.lower().startswith("data:") or value.startswith("#")


def css_references(css: str) -> list[tuple[str, bool]]:
    """Every address the style sheet refers to, in order, each once (data: URLs left out), with
    whether it is an `@import` (a style sheet) rather than a `url()` (a font or an image).
    `@import url(x)` counts as an import."""
    found: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for m in _TOKEN.finditer(css):
        value = _value(m)
        is_import = bool(m.group("import")) or (
            bool(m.group("url")) and _IMPORT_BEFORE.search(css[max(0, m.start() - 40) : m.start()])
        )
        if value and not _kept_as_is(value) and value not in seen:
            seen.add(value)
            found.append((value, bool(is_import)))
    return found


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "") + '"'


def rewrite_css(css: str, local: Callable[[str], str | None]) -> str:
    """`css` with each address replaced by `local(address)`; when that is None the reference is
    neutralised (`url("")`, `@import ""`) so nothing can load from where it pointed."""

    def one(m: re.Match[str]) -> str:
        if m.group("comment"):
            return m.group(0)
        value = _value(m) or ""
        if _kept_as_is(value):
            return m.group(0)
        target = local(value) if value else None
        if m.group("import"):
            # An import of nothing rather than no import: the rest of the statement (a media list,
            # the semicolon) stays valid CSS instead of swallowing the rule after it.
            return f"@import {_quote(target or '')}"
        return f"url({_quote(target or '')})"

    return _TOKEN.sub(one, css)
