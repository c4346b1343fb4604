"""The first two stages of the recovering export reader: bytes → text → XML tokens, streaming.

Why not hand the bytes straight to expat: expat stops at the first defect, and real WordPress
exports have defects that are harmless to a person (an HTML entity, a byte in the wrong encoding,
a namespace prefix nobody declared). Splitting the file into tokens first lets `xml_repair` fix
those one token at a time and lets `wxr_reader` give each `<item>` its own parse, so one bad item
costs that item only.

`decode` turns the file into text: it honours a byte order mark and the encoding the XML
declaration names, reads bytes that are not valid UTF-8 as Windows-1252 (what "Latin-1" exports
really hold), drops the characters XML forbids (NUL and other controls), and normalises line
endings as an XML parser would, so every line number below is the line a text editor shows.

`tokens` cuts that text into text, CDATA, comments, processing instructions, declarations and
tags, across chunk boundaries, each with the line it starts on. It never holds more than the
longest token (a post's CDATA content), whatever the size of the file.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, NamedTuple

__all__ = ["Notes", "Tok", "decode", "tokens"]

CHUNK = 1 << 16

TEXT = "text"
CDATA = "cdata"
COMMENT = "comment"
PI = "pi"  # <?…?>, the XML declaration included
DECL = "decl"  # <!DOCTYPE …>
START = "start"  # also <empty/> tags: `empty` says which
END = "end"
STRAY = "stray"  # a "<" that starts no markup ("a < b" in a title)
CUT = "cut"  # markup the file ends in the middle of

# Characters XML 1.0 forbids (tab, newline and carriage return are allowed).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Bytes `surrogateescape` could not decode as UTF-8 show up as lone surrogates.
_UNDECODED = re.compile("[\udc80-\udcff]+")
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_START = re.compile(
    r"""<([A-Za-z_:][-\w.:]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>"""
)
_COMMON = re.compile(
    r"""<(?:([A-Za-z_][-\w.:]*)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>"""
    r"|/([A-Za-z_][-\w.:]*)\s*>|!\[CDATA\[.*?\]\]>|!--.*?-->)",
    re.S,
)
_LOOSE_START = re.compile(r"<([A-Za-z_:][-\w.:]*)[^>]*?(/?)>")
_END = re.compile(r"</\s*([^\s>]*)\s*>")
_DOCTYPE = re.compile(r"<!(?:[^\[>]|\[[^\]]*\])*>")
_MAX_LINES_NOTED = 5


@dataclass
class Notes:
    """Defects worked around, by kind: how many and the first few lines, for one warning each."""

    counts: dict[str, int] = field(default_factory=dict)
    lines: dict[str, list[int]] = field(default_factory=dict)
    details: dict[str, dict[str, int]] = field(default_factory=dict)  # kind → what → how many

    def add(self, kind: str, line: int, times: int = 1, detail: str = "") -> None:
        self.counts[kind] = self.counts.get(kind, 0) + times
        if detail:
            named = self.details.setdefault(kind, {})
            named[detail] = named.get(detail, 0) + times
        seen = self.lines.setdefault(kind, [])
        if len(seen) < _MAX_LINES_NOTED and line not in seen:
            seen.append(line)

    def where(self, kind: str) -> str:
        """ "line 4", "lines 4, 9 and 12", "lines 4, 9, 12, 20, 31, …" for a message."""
        seen = self.lines.get(kind, [])
        if not seen:
            return ""
        more = self.counts.get(kind, 0) > len(seen) and len(seen) == _MAX_LINES_NOTED
        words = [str(n) for n in seen]
        if more:
            return "lines " + ", ".join(words) + ", …"
        if len(words) == 1:
            return f"line {words[0]}"
        return "lines " + ", ".join(words[:-1]) + " and " + words[-1]


class Tok(NamedTuple):
    kind: str
    text: str
    line: int
    name: str = ""  # the tag name of START and END tokens
    empty: bool = False  # a START token that closes itself: <item/>


def _codec(head: bytes, notes: Notes) -> tuple[str, int]:
    """The codec to read the file with and how many bytes of byte order mark to skip."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", 0
    match = _DECLARED.match(head)
    if match is None:
        return "utf-8", 0
    name = match[1].decode("ascii")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        notes.add(f"unknown encoding {name!r}; read as UTF-8", 1)
        return "utf-8", 0
    # ISO-8859-1 in a declaration almost always means Windows-1252 (curly quotes in 0x80–0x9F).
    return ("cp1252" if codec in ("latin-1", "iso8859-1") else codec), 0


def _as_cp1252(match: re.Match[str]) -> str:
    raw = bytes(ord(c) - 0xDC00 for c in match[0])
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw
    )  # cp1252 leaves five bytes undefined: those read as Latin-1


def decode(raw: IO[bytes], notes: Notes) -> Iterator[str]:
    """The file's text in chunks, repaired as the module says; defects go to `notes`."""
    head = raw.read(CHUNK)
    codec, skip = _codec(head, notes)
    decoder = codecs.getincrementaldecoder(codec)(
        errors="surrogateescape" if codec == "utf-8" else "replace"
    )
    line = 1
    carry = ""  # a "\r" at the end of a chunk: its "\n" may start the next one
    chunk = head[skip:]
    while True:
        final = not chunk
        text = carry + decoder.decode(chunk, final=final)
        carry = ""
        if text.endswith("\r") and not final:
            text, carry = text[:-1], "\r"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if codec == "utf-8" and _UNDECODED.search(text):
            for match in _UNDECODED.finditer(text):
                notes.add("not-utf8", line + text.count("\n", 0, match.start()), len(match[0]))
            text = _UNDECODED.sub(_as_cp1252, text)
        if _FORBIDDEN.search(text):
            for match in _FORBIDDEN.finditer(text):
                notes.add("control", line + text.count("\n", 0, match.start()))
            text = _FORBIDDEN.sub("", text)
        if text:
            line += text.count("\n")
            yield text
        if final:
            return
        chunk = raw.read(CHUNK)


class _Tokenizer:
    def __init__(self, chunks: Iterable[str]) -> None:
        self._chunks = iter(chunks)
        self._buf = ""
        self._pos = 0
        self._eof = False
        self.line = 1

    def _fill(self) -> bool:
        """Read one more chunk into the buffer; False at the end of the file."""
        if self._eof:
            return False
        try:
            chunk = next(self._chunks)
        except StopIteration:
            self._eof = True
            return False
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return True

    def _take(self, end: int, kind: str, name: str = "", empty: bool = False) -> Tok:
        text = self._buf[self._pos : end]
        tok = Tok(kind, text, self.line, name, empty)
        self.line += text.count("\n")
        self._pos = end
        return tok

    def __iter__(self) -> Iterator[Tok]:
        while True:
            if self._pos >= len(self._buf) and not self._fill():
                return
            buf, pos = self._buf, self._pos
            lt = buf.find("<", pos)
            if lt > pos:
                yield self._take(lt, TEXT)
            elif lt == -1:
                # Text ends at "<" or at the end of the file, never mid-entity (`&nbs` | `p;`).
                if not self._fill():
                    yield self._take(len(self._buf), TEXT)
            else:
                # The usual tags, CDATA and comments in one regular-expression call; anything
                # else, or markup whose end is not in the buffer yet, the careful way.
                fast = _COMMON.match(buf, pos)
                if fast is not None:
                    if fast[1] is not None:
                        yield self._take(fast.end(), START, fast[1], bool(fast[2]))
                    elif fast[3] is not None:
                        yield self._take(fast.end(), END, fast[3])
                    else:
                        yield self._take(
                            fast.end(),
                            CDATA if buf[pos + 1] == "!" and buf[pos + 2] == "[" else COMMENT,
                        )
                    continue
                tok = self._markup()
                if tok is not None:
                    yield tok
                elif not self._fill():
                    yield self._take(len(self._buf), CUT)

    def _markup(self) -> Tok | None:
        """The markup at the "<" under the cursor, or None when its end is not in the buffer."""
        buf, pos = self._buf, self._pos
        for opener, closer, kind in (
            ("<!--", "-->", COMMENT),
            ("<![CDATA[", "]]>", CDATA),
            ("<?", "?>", PI),
        ):
            if buf.startswith(opener, pos):
                end = buf.find(closer, pos + len(opener))
                return None if end == -1 else self._take(end + len(closer), kind)
            if len(buf) - pos < len(opener) and opener.startswith(buf[pos:]) and not self._eof:
                return None  # "<!-" at the end of a chunk: wait for the rest
        if buf.startswith("<!", pos):
            match = _DOCTYPE.match(buf, pos)
            return None if match is None else self._take(match.end(), DECL)
        if buf.startswith("</", pos):
            match = _END.match(buf, pos)
            return None if match is None else self._take(match.end(), END, match[1])
        if pos + 1 >= len(buf):
            return None if not self._eof else self._take(pos + 1, STRAY)
        if not (buf[pos + 1].isalpha() or buf[pos + 1] in "_:"):
            return self._take(pos + 1, STRAY)
        match = _START.match(buf, pos)
        if match is None:
            if buf.find(">", pos) == -1:
                return None
            # Attributes expat will reject: keep the tag as written, the item's parse says why.
            match = _LOOSE_START.match(buf, pos)
            if match is None:
                return self._take(pos + 1, STRAY)
            return self._take(match.end(), START, match[1], bool(match[2]))
        return self._take(match.end(), START, match[1], bool(match[3]))


def tokens(chunks: Iterable[str]) -> Iterator[Tok]:
    """The tokens of the text in `chunks`; concatenated, their texts are the text itself."""
    return iter(_Tokenizer(chunks))
