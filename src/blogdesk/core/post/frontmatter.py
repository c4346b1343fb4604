"""Reading a post file's text: the byte checks, the split into front matter and body, and the
fast parsers (libyaml's C loader, tomllib) that turn a front matter block into plain values.

Errors become `PostFormatError` with the file's 1-based line number, so a person can open the file
at the right place.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blogdesk.core.errors import PostFormatError

if TYPE_CHECKING:
    import yaml

MAX_POST_BYTES = 20 * 1024 * 1024

BOM = "\ufeff"


@functools.cache
def _loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, imported when a post's YAML is first read (~25 ms: `blogdesk list`
    and a library with nothing changed read none)."""
    import yaml

    try:
        return yaml.CSafeLoader  # type: ignore[return-value]
    except AttributeError:  # PyYAML built without libyaml: same results, slower
        return yaml.SafeLoader


# The line breaks YAML counts (libyaml and PyYAML agree): marks are in these lines.
YAML_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")

_OPENERS = {"---": "yaml", "+++": "toml"}
_CLOSERS = {"yaml": ("---", "..."), "toml": ("+++",)}
# A closing fence: a line of its own, trailing blanks allowed (searched, not looped, so that a
# 20 MB file with an unclosed block is refused quickly).
_CLOSER_LINE = {
    "yaml": re.compile(r"^(?:---|\.\.\.)[ \t\r\f\v]*$", re.MULTILINE),
    "toml": re.compile(r"^\+\+\+[ \t\r\f\v]*$", re.MULTILINE),
}


@dataclass
class Parts:
    """A post's text cut into pieces that concatenate back to exactly the original text."""

    bom: str  # "\ufeff" or ""
    opener: str  # "---\n" / "+++\n" with its line ending, or "" without front matter
    block: str  # the front matter between the fences, with its line endings
    closer: str  # "---\n", "...\n", "+++\n" (maybe with no line ending at the end of the file)
    gap: str  # blank lines between the closing fence and the body
    body: str
    format: str  # "yaml" | "toml" | "none"
    newline: str  # the file's line ending: "\r\n" or "\n"

    def text(self) -> str:
        closer = self.closer
        if closer and (self.gap or self.body) and not closer.endswith("\n"):
            closer += self.newline
        return self.bom + self.opener + self.block + closer + self.gap + self.body

    @property
    def block_first_line(self) -> int:
        """1-based file line of the first line inside the front matter block."""
        return 2

    @property
    def body_line(self) -> int:
        """0-based file line where the body starts."""
        head = self.opener + self.block + self.closer + self.gap
        return head.count("\n") + (1 if self.closer and not self.closer.endswith("\n") else 0)


def _too_big(size: int) -> str:
    mb = MAX_POST_BYTES // (1024 * 1024)
    return (
        f"the file is over the {mb} MB that BlogDesk opens as a post ({size / 1024 / 1024:.1f} "
        "MB); split it into several posts, or open it in another editor"
    )


def decode_post_bytes(data: bytes, path: Path | str | None = None) -> str:
    """The text of a post file, or a `PostFormatError` saying why it is not a text post."""
    if len(data) > MAX_POST_BYTES:
        raise PostFormatError(_too_big(len(data)), path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PostFormatError(
            f"this is a binary file, not a Markdown post (NUL byte at offset {nul})",
            path,
            data.count(b"\n", 0, nul) + 1,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PostFormatError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start} "
            f"cannot be decoded); save it as UTF-8",
            path,
            line,
        ) from None


def read_post_text(path: Path) -> str:
    """Read a post file's text, refusing oversized, binary and non-UTF-8 files."""
    try:
        size = path.stat().st_size
        if size > MAX_POST_BYTES:
            raise PostFormatError(_too_big(size), path)
        data = path.read_bytes()
    except OSError as exc:
        raise PostFormatError(f"cannot read the file: {exc.strerror or exc}", path) from None
    return decode_post_bytes(data, path)


def _line_end(text: str, start: int) -> int:
    """Index just past the line starting at `start` (past its "\n"), or len(text)."""
    end = text.find("\n", start)
    return len(text) if end < 0 else end + 1


def split(text: str, path: Path | str | None = None) -> Parts:
    """Cut `text` into BOM, fences, front matter block, gap and body (no parsing of the block)."""
    bom = BOM if text.startswith(BOM) else ""
    rest = text[len(bom) :]
    first_nl = rest.find("\n")
    newline = "\r\n" if first_nl > 0 and rest[first_nl - 1] == "\r" else "\n"
    first_end = _line_end(rest, 0)
    fence = rest[:first_end].rstrip()
    fmt = _OPENERS.get(fence)
    if fmt is None or (first_end == len(rest) and not rest.endswith("\n")):
        return Parts(bom, "", "", "", "", rest, "none", newline)
    closers = _CLOSERS[fmt]
    found = _CLOSER_LINE[fmt].search(rest, first_end)
    if found is None:
        raise PostFormatError(
            f"the front matter opened with '{fence}' on line 1 is never closed "
            f"(add a line with just '{closers[0]}' after the last key)",
            path,
            1,
        )
    pos = found.start()
    end = _line_end(rest, pos)
    gap_end = end
    while gap_end < len(rest):
        next_end = _line_end(rest, gap_end)
        line = rest[gap_end:next_end]
        if line.strip() or not line.endswith("\n"):
            break
        gap_end = next_end
    return Parts(
        bom,
        rest[:first_end],
        rest[first_end:pos],
        rest[pos:end],
        rest[end:gap_end],
        rest[gap_end:],
        fmt,
        newline,
    )


def _yaml_error(exc: yaml.YAMLError, block: str, path: Path | str | None) -> PostFormatError:
    import yaml

    line: int | None = None
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            line = mark.line + 2
            lines = YAML_LINE_BREAK.split(block)
            if mark.line >= len(lines) - 1 and not lines[-1].strip():
                # "found end of stream" points at the closing fence; the line where the unclosed
                # [ or " was opened, or else the last line with text, is where to look.
                line = _last_text_line(lines) + 2
                if exc.context_mark is not None and exc.context_mark.line < mark.line:
                    line = exc.context_mark.line + 2
        what = " ".join(part for part in (exc.context, exc.problem) if part)
    elif isinstance(exc, yaml.reader.ReaderError):
        line = len(YAML_LINE_BREAK.findall(block, 0, exc.position)) + 2
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        what = f"character U+{char:04X} is not allowed in YAML"
    else:
        what = str(exc)
    return PostFormatError(f"broken YAML front matter: {what}", path, line)


def _last_text_line(lines: list[str]) -> int:
    index = len(lines) - 1
    while index > 0 and not lines[index].strip():
        index -= 1
    return index


def compose_yaml(block: str, path: Path | str | None = None) -> tuple[yaml.Node | None, Any]:
    """The YAML block's node tree (for line positions) and its plain value."""
    import yaml

    loader = _loader()(block)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        try:
            return node, loader.construct_document(node)
        except ValueError as exc:  # an impossible date such as 2024-02-30
            raise PostFormatError(
                f"broken YAML front matter: {exc}", path, _bad_scalar_line(node)
            ) from None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, block, path) from None
    finally:
        loader.dispose()


def _bad_scalar_line(node: yaml.Node) -> int | None:
    import yaml

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            checker = _loader()("")
            try:
                checker.construct_object(current)
            except (ValueError, yaml.YAMLError):
                return int(current.start_mark.line) + 2
            finally:
                checker.dispose()
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.extend((value, key))
    return None


def not_a_mapping(value: Any, path: Path | str | None) -> PostFormatError:
    kind = "a list" if isinstance(value, list) else f"a single value ({type(value).__name__})"
    return PostFormatError(
        f"the front matter must be a set of 'key: value' lines, but it is {kind}", path, 2
    )


def load_yaml_block(block: str, path: Path | str | None = None) -> dict[str, Any]:
    import yaml

    try:
        value = yaml.load(block, Loader=_loader())
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, block, path) from None
    except ValueError:
        compose_yaml(block, path)  # finds the line of the impossible date and raises
        raise
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise not_a_mapping(value, path)
    return value


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def load_toml_block(block: str, path: Path | str | None = None) -> dict[str, Any]:
    import tomllib  # here, as yaml above: ~4 ms to load, and most posts are YAML

    try:
        return tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_AT.search(message)
        line = int(match[1]) + 1 if match else None
        if line is None and "at end of document" in message:
            # tomllib gives no line when the block ends mid-value (an unclosed array or
            # string): the error is on its last line.
            line = _last_text_line(block.split("\n")) + 2  # 0-based, after the opener
        reason = _TOML_AT.sub("", message).strip()
        raise PostFormatError(f"broken TOML front matter: {reason}", path, line) from None


def load_block(parts: Parts, path: Path | str | None = None) -> dict[str, Any]:
    """The front matter as plain Python values ({} for a post without front matter)."""
    if parts.format == "yaml":
        return load_yaml_block(parts.block, path)
    if parts.format == "toml":
        return load_toml_block(parts.block, path)
    return {}
