"""Block-quote attributions: a quote's closing ``— Name`` line becomes its ``<cite>``.

Writers end a quotation with its source on a line of its own::

    > I once informed leaders…
    > — Brian Hioe

Plain Markdown runs that line into the quote's last sentence. Here it becomes the quote's
citation, in the markup WordPress's Quote block saves (``<blockquote><p>…</p><cite>Brian
Hioe</cite></blockquote>``), which themes already style. The rules:

- only the *last* line of a quote, and only when it starts with an em dash ``—``, a horizontal
  bar ``―`` or ``--``/``---`` followed by text (the dash itself is dropped: themes and the
  preview draw it);
- only when the quote holds something else too: a quote that is nothing but ``> — text`` is
  left as a paragraph (it *is* the quotation);
- a line that already holds a ``<cite>`` element is left alone: the author marked the
  attribution up themselves (``— Shakespeare, <cite>Hamlet</cite>``);
- every quote is looked at, nested ones included, and only its own last line counts.

It is a tree-processor that runs before inline parsing, so the citation's text is still
Markdown then and gets links, emphasis and smart punctuation like any other text. Everything
it needs is inside one block quote, which the incremental renderer never splits, so chunked
and whole renders agree.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

__all__ = ["ATTRIBUTION_DASH", "AttributionExtension"]

# The dash that opens an attribution line, and the blanks after it; text must follow.
ATTRIBUTION_DASH = re.compile(r"^(?:\u2014|\u2015|-{2,3}(?!-))[ \t]*(?=\S)")
_CITE_TAG = re.compile(r"<cite\b", re.IGNORECASE)


class _AttributionTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        # A list first: the loop adds <cite> elements to the tree it walks.
        for quote in list(root.iter("blockquote")):
            _cite_last_line(quote)


def _cite_last_line(quote: etree.Element) -> None:
    if len(quote) == 0:
        return
    last = quote[-1]
    # Before inline parsing a Markdown paragraph is an element with only text; anything else
    # (a list, a nested quote, raw HTML) is not an attribution line.
    if last.tag != "p" or len(last) or last.attrib or not last.text:
        return
    head, newline, line = last.text.rpartition("\n")
    if not newline and len(quote) == 1:
        return  # "> — text" alone: the quote is the line, not its source
    dash = ATTRIBUTION_DASH.match(line)
    if dash is None or _CITE_TAG.search(line):
        return
    cite = etree.SubElement(quote, "cite")
    cite.text = line[dash.end() :].rstrip()
    cite.tail = "\n"  # as the block elements before it: </cite> then </blockquote> on its line
    if newline:
        last.text = head.rstrip(" \t")
    else:
        quote.remove(last)


class AttributionExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the block parser (and footnotes, 50; code highlighting, 30), before inline
        # parsing (20), which then parses the citation's text.
        md.treeprocessors.register(_AttributionTreeprocessor(md), "attribution", 25)
