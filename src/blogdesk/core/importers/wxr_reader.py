"""Reading a WordPress export (WXR) safely, as a stream of items, in constant memory.

The file is decoded and cut into tokens (`xml_lexer`), repaired token by token (`xml_repair`),
then framed here: each `<item>` is collected on its own and parsed on its own, so a defect inside
one item fails that item only (named, with its line) and the items after it are still read. What
lies outside the items (the channel: the blog's address, its authors) streams through one more
parser, which is where a file with a document type declaration is refused.

Safety: every parse goes through `defusedxml` with entity declarations forbidden (the "billion
laughs" bomb) and external references forbidden (external-entity attacks); items may not have a
document type declaration at all. Memory: one item's text at a time, whatever the file's size.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser
from xml.sax.saxutils import quoteattr

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from blogdesk.core.errors import BlogDeskError
from blogdesk.core.importers.wxr_model import (
    WxrChannel,
    WxrItem,
    channel_field,
    item_from,
    key,
    salvage,
)
from blogdesk.core.importers.xml_lexer import END, START, Notes, Tok, decode, tokens
from blogdesk.core.importers.xml_repair import Repairer, Survey, describe, survey

__all__ = ["WxrChannel", "WxrError", "WxrItem", "read_wxr", "survey"]


class WxrError(BlogDeskError):
    """The file cannot be imported at all (not an export, or an unsafe one). Nothing is written."""

    def __init__(self, reason: str, path: Path | str | None = None, line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path.name if self.path is not None else ""
        if self.line is not None:
            where = f"{where}, line {self.line}" if where else f"line {self.line}"
        return f"{where}: {self.reason}" if where else self.reason


_UNSAFE = (
    "BlogDesk refuses this file because XML like it can attack the computer reading it, and "
    "WordPress never writes it"
)


class _Channel:
    """Streams everything outside the items through one parser, for the channel's fields."""

    def __init__(self, channel: WxrChannel, source: Path | None) -> None:
        self._channel = channel
        self._source = source
        self._parser = XMLPullParser(
            events=("start", "end"),
            _parser=DefusedXMLParser(forbid_dtd=False, forbid_entities=True, forbid_external=True),
        )
        self._stack: list[str] = []
        self._element: Element | None = None  # <channel>, whose finished children are dropped
        self.alive = True

    def feed(self, text: str) -> None:
        if not self.alive:
            return
        try:
            self._parser.feed(text)
            self._read_events()
        except EntitiesForbidden as exc:
            raise WxrError(
                _UNSAFE + " (it declares XML entities, as entity bombs and external-entity "
                "attacks do)",
                self._source,
            ) from exc
        except DefusedXmlException as exc:
            raise WxrError(_UNSAFE + " (it refers to external resources)", self._source) from exc
        except ParseError as exc:
            # The items are still read (each on its own); only channel fields after this are lost.
            self.alive = False
            line, column = exc.position
            reason = str(exc).split(":", 1)[0]
            self._channel.repairs.append(
                f"the export's channel (outside the items) is damaged at line {line}, column "
                f"{column} ({reason}); blog details after that point were not read"
            )

    def _read_events(self) -> None:
        for pair in self._parser.read_events():
            # Only "start" and "end" were asked for: the event's value is always an element.
            # (defusedxml builds pure-Python elements: not instances of the C `Element` class.)
            event, value = pair[0], pair[-1]
            if value is None or isinstance(value, (tuple, str)):
                continue
            el = cast(Element, value)
            if event == "start":
                name = key(el.tag)
                if name == "channel" and self._element is None:
                    self._element = el
                self._stack.append(name)
                continue
            name = self._stack.pop()
            if self._element is not None and self._stack and self._stack[-1] == "channel":
                channel_field(self._channel, name, el)
                self._element.remove(el)  # keep memory flat: the field is read


def read_wxr(
    stream: IO[bytes],
    channel: WxrChannel,
    found: Survey | None = None,
    source: Path | None = None,
) -> Iterator[WxrItem]:
    """The items of the export in `stream`, in file order, each read or failed (`item.error`).

    `channel` is filled in as its fields are read (before the items in every export WordPress
    writes), and gets the repairs made to the file and where the file is cut short, if it is.
    `found` is the result of `survey` over the same file (made here if not given; the stream
    must then be seekable). Raises WxrError, before the first item, for a file that is unsafe
    or not an export.
    """
    if found is None:
        found = survey(stream)
        stream.seek(0)
    notes = Notes()
    repairer = Repairer(found, notes)
    outside = _Channel(channel, source)
    try:
        yield from _frame(
            repairer(tokens(decode(stream, notes))), repairer, outside, channel, source
        )
    finally:
        channel.repairs[:0] = describe(notes)


def _frame(
    toks: Iterator[Tok],
    repairer: Repairer,
    outside: _Channel,
    channel: WxrChannel,
    source: Path | None,
) -> Iterator[WxrItem]:
    parts: list[str] | None = None  # the text of the item being collected
    start = 0  # the line its <item> tag is on
    line = 1  # the line the file has reached
    seen_root = False

    def finish(error: str | None = None) -> WxrItem:
        assert parts is not None
        text = "".join(parts)
        outside.feed("\n" * text.count("\n"))  # the channel parser's lines stay the file's
        if error is not None:
            return salvage(text, start, error)
        return _parse(text, start, repairer.namespaces)

    for tok in toks:
        line = tok.line + tok.text.count("\n")
        if tok.kind == START and not seen_root:
            seen_root = True
            if tok.name != "rss":
                raise WxrError(
                    f"This is not a WordPress export: its first element is <{tok.name}>, not "
                    "<rss>. Export from WordPress with Tools → Export.",
                    source,
                    tok.line,
                )
        if parts is not None:
            if tok.kind == START and tok.name == "item":
                yield finish(f"it has no </item>; the next item starts at line {tok.line}")
                parts = None
            elif tok.kind == END and tok.name in ("channel", "rss"):
                yield finish(f"it has no </item> before the </{tok.name}> at line {tok.line}")
                parts = None
            else:
                parts.append(tok.text)
                if tok.kind == END and tok.name == "item":
                    yield finish()
                    parts = None
                continue
        if tok.kind == START and tok.name == "item":
            parts, start = [tok.text], tok.line
            if tok.empty:  # <item/>: nothing in it, which the importer reports
                yield finish()
                parts = None
        else:
            outside.feed(tok.text)
    if parts is not None:
        channel.cut_short_at = line
        yield finish(f"the file ends inside this item, at line {line}")
    elif seen_root and not repairer.root_closed:
        channel.cut_short_at = line
    if not seen_root:
        raise WxrError("This file holds no XML element: it is not a WordPress export.", source)


def _parse(text: str, line: int, namespaces: dict[str, str]) -> WxrItem:
    """One item's XML → its data; a broken item gets its line and the parser's reason."""
    declarations = "".join(
        f" xmlns:{prefix}={quoteattr(uri)}" if prefix else f" xmlns={quoteattr(uri)}"
        for prefix, uri in namespaces.items()
    )
    try:
        # On one line with the item's first line, so the parser's line numbers map to the file's.
        wrapper = fromstring(
            f"<wxr{declarations}>{text}</wxr>",
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
    except ParseError as exc:
        reason = str(exc).split(":", 1)[0]
        return salvage(
            text, line, f"its XML is broken at line {line + exc.position[0] - 1} ({reason})"
        )
    except DefusedXmlException:
        return salvage(text, line, "it holds XML constructs BlogDesk refuses for safety")
    element = wrapper.find("item")
    if element is None:
        return salvage(text, line, "it could not be read as an <item>")
    return item_from(element, line)
