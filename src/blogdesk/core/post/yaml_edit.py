"""Minimal edits of a YAML front matter block: rewrite one top-level key's lines, keep every other
line byte for byte (comments, quoting, order, indentation, line endings).

Where a key's lines are comes from libyaml's node marks; the new lines for the key come from
ruamel.yaml's round-trip emitter, told to keep the old value's style (quotes, flow or block lists,
the file's list indentation). Re-emitting the whole block with ruamel would reflow lists and
comments that the author wrote by hand, so only the key's own lines are replaced.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RepresenterError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from blogdesk.core.errors import PostFormatError
from blogdesk.core.post.frontmatter import YAML_LINE_BREAK, compose_yaml
from blogdesk.core.post.yaml_lists import list_comments, same_value, with_list_comments

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_FENCE_LINE = re.compile(r"^(---|\.\.\.|\+\+\+)[ \t]*$", re.MULTILINE)
_ANCHOR = re.compile(r"^[^#]*?:[ \t]+&([^\s\[\]{},]+)")
_DATE_ONLY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


@dataclass
class _Style:
    """How the old value was written, so the new one is written the same way."""

    scalar: str | None = None  # '"', "'", '|', '>' or None (plain)
    flow: bool | None = None  # lists/maps: flow `[a, b]` or block
    date_only: bool = False
    seq_offset: int | None = None  # spaces before "- " relative to the key
    comment: str = ""  # a trailing "  # comment" on a one-line value
    anchor: str = ""  # `&name` on the value, which aliases elsewhere (`*name`) refer to


def split_lines(block: str) -> list[str]:
    """The block's lines with their own line endings, cut where YAML counts lines."""
    lines: list[str] = []
    start = 0
    for match in YAML_LINE_BREAK.finditer(block):
        lines.append(block[start : match.end()])
        start = match.end()
    if start < len(block):
        lines.append(block[start:])
    return lines


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _content_end(node: yaml.Node, lo: int, hi: int) -> int:
    """Last line (0-based) holding content of `node`; nodes outside [lo, hi) are aliases."""
    if not lo <= node.start_mark.line < hi:
        return -1
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        mark = node.end_mark
        last = int(mark.line) if mark.column > 0 else int(mark.line) - 1
        return max(min(last, hi - 1), int(node.start_mark.line))
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            children.extend((key, value))
    return max((_content_end(child, lo, hi) for child in children), default=-1)


@dataclass
class _Entry:
    name: str
    first: int  # first line of the key
    stop: int  # one past its last line
    style: _Style


def _entries(root: yaml.MappingNode, lines: list[str]) -> list[_Entry]:
    pairs = root.value
    entries: list[_Entry] = []
    for index, (key, value) in enumerate(pairs):
        first = int(key.start_mark.line)
        limit = int(pairs[index + 1][0].start_mark.line) if index + 1 < len(pairs) else len(lines)
        end = max(first, _content_end(value, first, limit))
        last = limit - 1
        while last > end and _is_blank_or_comment(lines[last]):
            last -= 1
        style = _Style()
        if isinstance(value, yaml.ScalarNode):
            style.scalar = value.style or None
            style.date_only = bool(_DATE_ONLY.match(value.value)) and not value.style
        elif isinstance(value, (yaml.SequenceNode, yaml.MappingNode)):
            style.flow = bool(value.flow_style)
            if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                style.seq_offset = max(0, int(value.start_mark.column) - int(key.start_mark.column))
        anchor = _ANCHOR.match(lines[first])
        if anchor and not isinstance(value, yaml.ScalarNode):
            style.anchor = anchor[1]
        if last == first and value.end_mark.line == first:
            tail = lines[first][int(value.end_mark.column) :].rstrip("\r\n")
            if re.match(r"^\s+#", tail):
                style.comment = tail
        name = key.value if isinstance(key, yaml.ScalarNode) else repr(key.value)
        entries.append(_Entry(name, first, last + 1, style))
    return entries


_RISKY_START = frozenset("-?:,[]{}#&*!|>'\"%@`")


def _needs_quotes(text: str, in_flow: bool = False) -> bool:
    """Whether a plain (unquoted) `text` could be read back differently by a YAML 1.1 reader.

    ruamel follows YAML 1.2, where `:0` or `yes` are plain strings; Jekyll and PyYAML read YAML
    1.1, where `yes` is a boolean, `1_000` a number and `[:0]` an error. Quoting a few more
    strings than strictly needed costs nothing.
    """
    if not text or text[0] in _RISKY_START or text != text.strip():
        return True
    if ": " in text or " #" in text or text.endswith(":"):
        return True
    if in_flow and any(char in text for char in ",[]{}"):
        return True
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return tag != _STR_TAG


def _to_ruamel(value: Any, style: _Style, top: bool) -> Any:
    if isinstance(value, str):
        if "\n" in value:
            if _literal_ok(value):
                return LiteralScalarString(value)
            return DoubleQuotedScalarString(value)
        if top and style.scalar == '"':
            return DoubleQuotedScalarString(value)
        if (top and style.scalar == "'") or _needs_quotes(value, in_flow=not top):
            return SingleQuotedScalarString(value)
        return value
    if isinstance(value, datetime) and top and style.date_only:
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date()
        return value
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[_key(key) if isinstance(key, str) else key] = _to_ruamel(item, style, False)
        if top and style.flow:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq([_to_ruamel(item, style, False) for item in value])
        flow = style.flow if top and style.flow is not None else _short_scalars(value)
        if flow:
            seq.fa.set_flow_style()
        return seq
    return value


def _literal_ok(text: str) -> bool:
    """Whether a `|` block gives back exactly `text`; else it is written double-quoted.

    Blocks that must keep trailing blank lines (`|+`), start with blanks or hold tabs and
    trailing spaces are where emitters and readers disagree (ruamel even ends `|+` blocks with a
    `...` line, which would close the front matter).
    """
    if text.startswith((" ", "\n")) or text.endswith("\n\n") or "\t" in text or "\r" in text:
        return False
    return all(line == line.rstrip() for line in text.split("\n"))


def _key(key: str) -> Any:
    return SingleQuotedScalarString(key) if _needs_quotes(key) else key


def _short_scalars(items: list[Any] | tuple[Any, ...]) -> bool:
    if not all(isinstance(item, (str, int, float)) for item in items):
        return False
    return all("\n" not in str(item) for item in items) and sum(len(str(i)) for i in items) < 60


def _float_text(value: float) -> str:
    if value != value:
        return ".nan"
    if value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    # YAML 1.1 readers (Jekyll, PyYAML) need a dot and a signed exponent: 1e+16 -> 1.0e+16.
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent and exponent[0] not in "+-":
        exponent = "+" + exponent
    return mantissa + ("e" + exponent if exponent else "")


def _represent_float(representer: Any, value: float) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:float", _float_text(value))


def _emit(key: str, value: Any, style: _Style, seq_offset: int, indent: str) -> str | None:
    emitter = YAML(typ="rt")
    emitter.width = 1_000_000  # never fold a long title onto two lines
    emitter.allow_unicode = True
    offset = style.seq_offset if style.seq_offset is not None else seq_offset
    emitter.indent(mapping=2, sequence=offset + 2, offset=offset)
    emitter.representer.add_representer(float, _represent_float)
    buffer = io.StringIO()
    try:
        emitter.dump({_key(key): _to_ruamel(value, style, True)}, buffer)
    except RepresenterError:
        return None
    text = buffer.getvalue()
    if style.anchor:
        # Keep `key: &name` so that `*name` elsewhere still finds the (new) value.
        head, sep, rest = text.partition(":")
        text = f"{head}: &{style.anchor}{rest}" if sep and rest[:1] in (" ", "\n") else text
    if style.comment and text.count("\n") == 1:
        text = text.rstrip("\n") + style.comment + "\n"
    return "".join(indent + line for line in text.splitlines(keepends=True))


def _emit_json(key: str, value: Any, indent: str) -> str | None:
    """A fallback any YAML reader agrees on: JSON is YAML."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return f"{indent}{json.dumps(key, ensure_ascii=False)}: {text}\n"


def _file_seq_offset(root: yaml.MappingNode) -> int:
    for key, value in root.value:
        if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
            return max(0, int(value.start_mark.column) - int(key.start_mark.column))
    return 2


def _with_newline(text: str, newline: str) -> str:
    return text.replace("\n", newline) if newline != "\n" else text


def set_key(block: str, key: str, value: Any, newline: str) -> str:
    """`block` with top-level `key` set to `value` (added at the end when new)."""
    root, _ = compose_yaml(block)
    lines = split_lines(block)
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise ValueError("the front matter is not a mapping")
    if root is not None and root.flow_style:
        return _rewrite_flow_root(block, key, value, newline)
    entries = _entries(root, lines) if root is not None else []
    indent = ""
    if root is not None and root.value:
        indent = " " * int(root.value[0][0].start_mark.column)
    seq_offset = _file_seq_offset(root) if root is not None else 2
    matches = [entry for entry in entries if entry.name == key]
    style = matches[0].style if matches else _Style()
    expected = value.date() if _date_only_value(value, style) else value
    old_comments = list_comments(root, lines, matches[0].first) if matches and root else None
    for attempt in range(2):
        new_text = (
            _emit(key, value, style, seq_offset, indent)
            if attempt == 0
            else (_emit_json(key, value, indent))
        )
        if new_text is None or _FENCE_LINE.search(new_text):
            continue
        if attempt == 0 and old_comments is not None:
            new_text = with_list_comments(new_text, value, old_comments)
        new_lines = _with_newline(new_text, newline)
        if matches:
            result = _replace(lines, matches, new_lines)
        else:
            result = _append(lines, new_lines, newline)
        # Read back what was written: the value must come back exactly, or we do not write it.
        try:
            check = compose_yaml(result)[1]
        except PostFormatError as exc:
            if "alias" in exc.reason:
                raise ValueError(
                    f"{key!r} is used elsewhere in the front matter through an alias (*name); "
                    "change it in the file itself"
                ) from None
            continue
        if isinstance(check, dict) and key in check and same_value(check[key], expected):
            return result
    raise ValueError(f"cannot write this value of {key!r} as YAML: {value!r}")


def _date_only_value(value: Any, style: _Style) -> bool:
    return (
        isinstance(value, datetime)
        and style.date_only
        and value.tzinfo is None
        and value.time() == datetime.min.time()
    )


def _replace(lines: list[str], matches: list[_Entry], new_lines: str) -> str:
    out = list(lines)
    # Later duplicates of the key go; the first place the key was written gets the new value.
    for entry in reversed(matches[1:]):
        del out[entry.first : entry.stop]
    first = matches[0]
    if first.stop == len(lines) and not lines[-1].endswith(("\n", "\r")):
        new_lines = new_lines.rstrip("\r\n")
    out[first.first : first.stop] = [new_lines]
    return "".join(out)


def _append(lines: list[str], new_lines: str, newline: str) -> str:
    out = list(lines)
    at = len(out)
    while at > 0 and not out[at - 1].strip():
        at -= 1
    if at > 0 and not out[at - 1].endswith(("\n", "\r")):
        out[at - 1] += newline
    out.insert(at, new_lines)
    return "".join(out)


def remove_key(block: str, key: str, newline: str) -> str:
    root, _ = compose_yaml(block)
    if not isinstance(root, yaml.MappingNode):
        return block
    lines = split_lines(block)
    if root.flow_style:
        return _rewrite_flow_root(block, key, None, newline, remove=True)
    out = list(lines)
    for entry in reversed(_entries(root, lines)):
        if entry.name == key:
            del out[entry.first : entry.stop]
    result = "".join(out)
    try:
        compose_yaml(result)
    except PostFormatError as exc:
        raise ValueError(
            f"{key!r} cannot be removed: {exc.reason} (it is used elsewhere through an alias)"
        ) from None
    return result


def _rewrite_flow_root(block: str, key: str, value: Any, newline: str, remove: bool = False) -> str:
    # A front matter written as one `{...}` mapping has no lines to keep: write it out as block.
    data = dict(compose_yaml(block)[1] or {})
    if remove:
        data.pop(key, None)
    else:
        data[key] = value
    text = ""
    for name, item in data.items():
        emitted = _emit(str(name), item, _Style(), 2, "") or _emit_json(str(name), item, "")
        if emitted is None:
            raise ValueError(f"cannot write this value of {name!r} as YAML: {item!r}")
        text += emitted
    return _with_newline(text, newline)


def new_block(fields: dict[str, Any], newline: str) -> str:
    block = ""
    for key, value in fields.items():
        block = set_key(block, key, value, newline)
    return block


__all__ = ["new_block", "remove_key", "same_value", "set_key", "split_lines"]
