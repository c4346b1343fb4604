"""Keeps the comments inside a block list (`- item` lines) with their items when it is rewritten."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml


# Here rather than in yaml_edit (which re-exports it) so that the two modules import one way.
def same_value(a: Any, b: Any) -> bool:
    """Equal and of the same types (so 1 is not True and a date is not its datetime)."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    if isinstance(a, datetime) or isinstance(b, datetime):
        return type(a) is type(b) and a == b and getattr(a, "tzinfo", None) == b.tzinfo
    return type(a) is type(b) and a == b


@dataclass
class ListComments:
    """The comments inside a block list: which item each belongs to, so they can follow it."""

    key_comment: str  # `tags:  # …` on the key's own line
    items: list[tuple[Any, list[str], str]]  # (value, comment lines above it, trailing comment)


def list_comments(root: yaml.MappingNode, lines: list[str], first: int) -> ListComments | None:
    """The comments of the key on line `first` (0-based) when its value is a block list of
    one-line scalars, else None. (The line rather than yaml_edit's entry: this module is below
    yaml_edit and must not import it back.)"""
    import yaml  # here: reading a post (same_value) must not load PyYAML

    node = next((v for k, v in root.value if int(k.start_mark.line) == first), None)
    if not isinstance(node, yaml.SequenceNode) or node.flow_style:
        return None
    children = node.value
    if not all(isinstance(c, yaml.ScalarNode) and not c.style for c in children):
        return None  # quoted or multi-line items: rare; leave them to the emitter alone
    comment_re = re.compile(r"^\s+#")
    found = ""
    head = lines[first].rstrip("\r\n")
    key_end = head.find(":")
    if key_end >= 0 and comment_re.match(head[key_end + 1 :]):
        found = head[key_end + 1 :]
    items: list[tuple[Any, list[str], str]] = []
    above: list[str] = []
    line = first + 1
    for child in children:
        start, end = int(child.start_mark.line), int(child.end_mark.line)
        if start != end:
            return None
        for between in lines[line:start]:
            if between.strip().startswith("#"):
                above.append(between.rstrip("\r\n").strip())
        tail = lines[start][int(child.end_mark.column) :].rstrip("\r\n")
        try:
            value = yaml.safe_load(child.value) if child.value else None
        except yaml.YAMLError:
            return None
        items.append((value, above, tail if comment_re.match(tail) else ""))
        above = []
        line = start + 1
    if not found and not any(comments or tail for _, comments, tail in items):
        return None
    return ListComments(found, items)


def with_list_comments(text: str, value: Any, old: ListComments) -> str:
    """`text` (the new `key:` + `- item` lines) with the old comments put back by their items.

    An item still in the list keeps its trailing comment and the comment lines above it, wherever
    it moves; comment lines above a removed item go with the next item kept (or to the end).
    """
    out = text.splitlines(keepends=True)
    if not isinstance(value, (list, tuple)) or not value or len(out) != len(value) + 1:
        return text  # not a block list any more (`tags: []`, a flow list): nothing to attach to
    if not all(line.lstrip().startswith("- ") for line in out[1:]):
        return text
    if old.key_comment and out[0].rstrip("\n").endswith(":"):
        out[0] = out[0].rstrip("\n") + old.key_comment + "\n"
    used = [False] * len(old.items)
    match: dict[int, int] = {}  # new index -> old index
    for index, item in enumerate(value):
        for old_index, (old_value, _, _) in enumerate(old.items):
            if not used[old_index] and same_value(old_value, item):
                used[old_index] = True
                match[index] = old_index
                break
    above: dict[int, list[str]] = {}  # old index -> the comment lines to write above it
    pending: list[str] = []
    for old_index, (_, comments, _) in enumerate(old.items):
        pending.extend(comments)
        if used[old_index]:
            above[old_index], pending = pending, []
    indent = out[1][: len(out[1]) - len(out[1].lstrip())]
    result = [out[0]]
    for index, line in enumerate(out[1:]):
        if index in match:
            old_index = match[index]
            result.extend(f"{indent}{comment}\n" for comment in above[old_index])
            tail = old.items[old_index][2]
            line = line.rstrip("\n") + tail + "\n" if tail else line
        result.append(line)
    result.extend(f"{indent}{comment}\n" for comment in pending)
    return "".join(result)


__all__ = ["ListComments", "list_comments", "same_value", "with_list_comments"]
