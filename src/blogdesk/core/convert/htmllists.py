"""Lists for the HTML to Markdown converter (`htmltomd`): markers, 4-space nesting, loose items.

Python-Markdown nests a list or a paragraph under an item only with four spaces, whatever the
marker, and gives an item paragraphs when a blank line touches it; a list in a stray `<li>` (one
outside any list) is a list of its own. `ListConversion` is the converter's base class.
"""

from __future__ import annotations

import re

from bs4 import Tag
from markdownify import MarkdownConverter

from blogdesk.core.convert.htmlshape import in_an_item, next_content, paragraphed

__all__ = ["ListConversion"]

_LIST_START = re.compile(r"^(?:[-*+]|\d+[.)])\s", re.M)


class ListConversion(MarkdownConverter):
    """markdownify's converter with BlogDesk's lists (see the module's docstring)."""

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """markdownify's; htmltomd's converter writes a <div> its own way."""
        return str(super().convert_div(el, text, parent_tags))  # type: ignore[misc]

    def convert_list(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "li" not in parent_tags or "_inline" in parent_tags:
            return str(super().convert_list(el, text, parent_tags))  # type: ignore[misc]
        if not in_an_item(el):
            # In a stray <li> (outside any list), which converts as its content: a list of its
            # own, or Markdown reads "text\n- item" as one paragraph.
            return str(super().convert_list(el, text, parent_tags - {"li"}))  # type: ignore[misc]
        nested = str(super().convert_list(el, text, parent_tags))  # type: ignore[misc]
        following = next_content(el)
        # Text after a nested list is its item's own: a paragraph of the item after the list,
        # where without a blank line it would run on in the nested list's last item.
        if following is None or (isinstance(following, Tag) and following.name in ("ul", "ol")):
            return nested
        return nested + "\n\n"

    convert_ul = convert_list
    convert_ol = convert_list

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if "_inline" in parent_tags:
            return " " + text + " "
        if el.parent is None or el.parent.name not in ("ul", "ol"):
            # A stray item: its content, as htmltomd's converter writes a <div>.
            return str(self.convert_div(el, text, parent_tags))
        if not text:
            return "\n"
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start_attr = str(parent.get("start") or "1")
            start = int(start_attr) if start_attr.isdigit() else 1
            bullet = f"{start + len(el.find_previous_siblings('li'))}."
        else:
            bullet = "-"
        first_block, _, rest = text.partition("\n\n")
        if _LIST_START.match(rest) and not _LIST_START.search(first_block):
            # A list right under the item's first line is nested as "b\n    - c": a blank line
            # between them would make the next item a paragraph.
            text = f"{first_block}\n{rest}"
        # Four spaces, whatever the marker: Python-Markdown needs them to nest lists and paragraphs.
        lines = text.split("\n")
        body = "\n".join(("    " + line) if line else "" for line in lines[1:])
        first = f"{bullet} {lines[0]}"
        # Python-Markdown gives an item paragraphs when a blank line touches it: put one
        # between two such items, or after a lone one.
        following = el.find_next_sibling("li")
        # An item of several blocks needs one too, or the next item continues its last block.
        loose = "\n\n" in text or (
            paragraphed(el)
            and (paragraphed(following) or not paragraphed(el.find_previous_sibling("li")))
        )
        end = "\n\n" if loose and following is not None else "\n"
        return f"{first}\n{body}{end}" if body else f"{first}{end}"
