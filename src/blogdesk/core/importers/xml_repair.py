"""The third stage of the recovering export reader: repairs to the token stream of `xml_lexer`.

Every repair is one a person would make by hand in a text editor, never a guess about content:

- a namespace prefix used but never declared (WordPress.com writes `atom:`, old WordPress
  `excerpt:`, plugins their own) is declared on the `<rss>` element: WordPress's known prefixes
  with their real namespaces, others with a placeholder namespace (their elements are then
  ignored like any other element BlogDesk does not read);
- HTML entities XML does not define (`&nbsp;`, `&hellip;`, `&eacute;`) become the characters
  they name; an `&` that starts no entity, or a `<` that starts no tag, is read as itself;
- a comment containing `--` (which XML forbids) is kept, with the dashes spaced;
- an XML declaration is dropped (the text is already decoded, and one that is not at the very
  start of the file is an error), as is text outside the `<rss>` element (PHP warnings that a
  broken plugin printed into the export).

A repair never adds or removes a line break, so line numbers stay those of the file. Each kind of
repair becomes one warning naming the lines (`describe`).

`survey` is the quick first pass over the file: how many items it holds (for progress and for
the summary's accounting) and which prefixes it uses without declaring them.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from blogdesk.core.importers.xml_lexer import (
    COMMENT,
    END,
    PI,
    START,
    STRAY,
    TEXT,
    Notes,
    Tok,
    decode,
    tokens,
)

__all__ = ["KNOWN_NAMESPACES", "Repairer", "Survey", "describe", "survey"]

# The prefixes WordPress and WordPress.com write, with the namespaces they stand for.
KNOWN_NAMESPACES = {
    "wp": "http://wordpress.org/export/1.2/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "atom": "http://www.w3.org/2005/Atom",
    "sy": "http://purl.org/rss/1.0/modules/syndication/",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "georss": "http://www.georss.org/georss",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "googleplay": "http://www.google.com/schemas/play-podcasts/1.0",
    "media": "http://search.yahoo.com/mrss/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
PLACEHOLDER_NAMESPACE = "urn:blogdesk:undeclared:"

_ATTRIBUTE_PREFIX = re.compile(r"\s([A-Za-z_][-\w.]*):[-\w.]+\s*=")
_DECLARATION = re.compile(r"""\sxmlns(?::([A-Za-z_][-\w.]*))?\s*=\s*["']([^"']*)["']""")
_AMP = re.compile(r"&(?:#([0-9]+);|#[xX]([0-9a-fA-F]+);|([A-Za-z][A-Za-z0-9]*);)?")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_XML_DECLARATION = re.compile(r"<\?xml[\s?]", re.IGNORECASE)


def _prefix(name: str) -> str | None:
    head, colon, _ = name.partition(":")
    return head if colon and head not in ("xml", "xmlns") else None


@dataclass
class Survey:
    """What the first pass found: items (`<item>` tags outside CDATA and comments) and prefixes."""

    items: int = 0
    used: dict[str, int] = field(default_factory=dict)  # prefix → the line it is first used on
    declared: set[str] = field(default_factory=set)  # declared anywhere
    root_declared: set[str] = field(default_factory=set)  # declared on the root element

    @property
    def undeclared(self) -> dict[str, int]:
        """Prefixes the root element must declare: used, not declared there (line of first use)."""
        return {p: n for p, n in self.used.items() if p not in self.root_declared}


def survey(raw: IO[bytes]) -> Survey:
    """Scan the whole file once, in constant memory (tags only; contents are skipped)."""
    found = Survey()
    seen_root = False
    for tok in tokens(decode(raw, Notes())):
        if tok.kind == END:
            prefix = _prefix(tok.name)
            if prefix is not None:
                found.used.setdefault(prefix, tok.line)
            continue
        if tok.kind != START:
            continue
        if tok.name == "item":
            found.items += 1
        declared = {m[1] for m in _DECLARATION.finditer(tok.text) if m[1]}
        found.declared |= declared
        if not seen_root:
            seen_root = True
            found.root_declared = declared
        prefixes = [_prefix(tok.name)] + [
            _prefix(m[1]) for m in _ATTRIBUTE_PREFIX.finditer(tok.text)
        ]
        for prefix in prefixes:
            if prefix is not None:
                found.used.setdefault(prefix, tok.line)
    return found


class Repairer:
    """Repairs tokens as the module says; `namespaces` are the root's declarations afterwards."""

    def __init__(self, found: Survey, notes: Notes) -> None:
        self._notes = notes
        self._declare = {
            p: KNOWN_NAMESPACES.get(p, PLACEHOLDER_NAMESPACE + p) for p in found.undeclared
        }
        for prefix, line in found.undeclared.items():
            if prefix not in found.declared:
                notes.add(f"prefix:{prefix}", line)
        self.namespaces: dict[str, str] = {}  # prefix ("" for the default) → namespace
        self.root_closed = False

    def __call__(self, toks: Iterator[Tok]) -> Iterator[Tok]:
        depth = 0
        seen_root = False
        for tok in toks:
            kind, text = tok.kind, tok.text
            if kind == TEXT:
                if (not seen_root or self.root_closed) and text.strip():
                    lead = len(text) - len(text.lstrip())
                    self._notes.add("outside", tok.line + text.count("\n", 0, lead))
                    text = "\n" * text.count("\n")
                elif "&" in text:
                    text = self._entities(text, tok.line)
            elif kind == START:
                if not seen_root:
                    seen_root = True
                    text = self._declare_on_root(text)
                if "&" in text:
                    text = self._entities(text, tok.line)
                depth += 0 if tok.empty else 1
            elif kind == END:
                depth -= 1
                self.root_closed = self.root_closed or (seen_root and depth <= 0)
            elif kind == COMMENT:
                text = self._comment(text, tok.line)
            elif kind == PI and _XML_DECLARATION.match(text):
                if tok.line > 1 or seen_root:
                    self._notes.add("late-declaration", tok.line)
                text = "\n" * text.count("\n")
            elif kind == STRAY:
                self._notes.add("stray-lt", tok.line)
                text = "&lt;"
            yield tok if text is tok.text else tok._replace(text=text)

    def _declare_on_root(self, tag: str) -> str:
        if self._declare:
            extra = "".join(f' xmlns:{p}="{uri}"' for p, uri in self._declare.items())
            end = len(tag) - (2 if tag.endswith("/>") else 1)
            tag = tag[:end] + extra + tag[end:]
        self.namespaces = {m[1] or "": m[2] for m in _DECLARATION.finditer(tag)}
        return tag

    def _entities(self, text: str, line: int) -> str:
        def fix(match: re.Match[str]) -> str:
            decimal, hexadecimal, name = match[1], match[2], match[3]
            where = line + text.count("\n", 0, match.start())
            if decimal or hexadecimal:
                code = int(decimal) if decimal else int(hexadecimal, 16)
                if _xml_char(code):
                    return match[0]
                self._notes.add("bad-charref", where)
                return ""
            if name is None:
                self._notes.add("bare-amp", where)
                return "&amp;"
            if name in _XML_ENTITIES:
                return match[0]
            chars = html.entities.html5.get(name + ";")
            if chars is None:
                self._notes.add("unknown-entity", where, detail=name)
                return "&amp;" + name + ";"
            self._notes.add("entity", where, detail=name)
            return "".join(f"&#{ord(c)};" for c in chars)

        return _AMP.sub(fix, text)

    def _comment(self, text: str, line: int) -> str:
        body = text[4:-3]
        if "--" not in body and not body.endswith("-"):
            return text
        self._notes.add("comment", line)
        while "--" in body:
            body = body.replace("--", "- -")
        return "<!--" + body + (" " if body.endswith("-") else "") + "-->"


def _xml_char(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def describe(notes: Notes) -> list[str]:
    """One warning per kind of repair, each saying where in the file."""
    messages: list[str] = []
    for kind, count in notes.counts.items():
        where = notes.where(kind)
        times = f"{count} times, " if count > 1 else ""
        at = f" ({times}{where})" if where else ""
        head, _, arg = kind.partition(":")
        if head == "prefix":
            uri = KNOWN_NAMESPACES.get(arg)
            meaning = f"read as {uri}" if uri else "an unknown namespace; its elements are ignored"
            message = f"the namespace prefix {arg}: is used but never declared{at}; {meaning}"
        elif head == "entity":
            named = ", ".join(_entity(n, k) for n, k in notes.details.get(kind, {}).items())
            message = (
                f"HTML entities XML does not define were read as their characters{at}: {named}"
            )
        elif head == "unknown-entity":
            named = ", ".join(f"&{n};" for n in notes.details.get(kind, {}))
            message = f"entities neither XML nor HTML defines were kept as text{at}: {named}"
        else:
            message = _MESSAGES.get(head, head) + at
        messages.append(message)
    return messages


def _entity(name: str, count: int) -> str:
    chars = html.entities.html5.get(name + ";", "")
    shown = "+".join(f"U+{ord(c):04X}" for c in chars)
    return f"&{name}; → {shown}" + (f" ({count} times)" if count > 1 else "")


_MESSAGES = {
    "not-utf8": "bytes that are not UTF-8, although the file says it is, were read as "
    "Windows-1252 (Latin-1)",
    "control": "control characters XML forbids (NUL and others) were removed",
    "bad-charref": "references to characters XML forbids were removed",
    "bare-amp": 'an "&" that starts no entity was read as a plain "&"',
    "stray-lt": 'a "<" that starts no tag was read as a plain "<"',
    "comment": 'comments containing "--", which XML forbids, were read anyway',
    "outside": "text outside the export's <rss> element was ignored",
    "late-declaration": "an XML declaration that is not at the start of the file was ignored",
}
