"""Edits of a TOML (Hugo `+++`) front matter block through tomlkit, which keeps comments, key
order and formatting of everything it is not asked to change."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import tomlkit
import tomlkit.exceptions

from blogdesk.core.errors import PostFormatError


def _plain_for_toml(key: str, value: Any) -> Any:
    if value is None:
        raise ValueError(f"TOML has no empty value; remove {key!r} instead of setting it to None")
    if isinstance(value, dict):
        return {str(k): _plain_for_toml(key, v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_plain_for_toml(key, item) for item in value]
    if isinstance(value, (str, bool, int, float, datetime, date, time)):
        return value
    raise ValueError(f"{key!r}: TOML cannot store a {type(value).__name__}")


def _parse(block: str) -> tomlkit.TOMLDocument:
    try:
        return tomlkit.parse(block)
    except tomlkit.exceptions.ParseError as exc:  # tomllib accepted it; tomlkit did not
        raise PostFormatError(f"broken TOML front matter: {exc}", None, exc.line + 1) from None


def _crlf_only(block: str) -> bool:
    return "\r\n" in block and block.count("\n") == block.count("\r\n")


def _edit(block: str, key: str, value: Any, remove: bool) -> str:
    # tomlkit writes new lines with "\n": edit a "\n" copy of an all-CRLF block, then convert back.
    crlf = _crlf_only(block)
    doc = _parse(block.replace("\r\n", "\n") if crlf else block)
    if remove:
        if key in doc:
            del doc[key]
    else:
        # tomlkit puts a new plain key before the first [table], where it still belongs to the root.
        doc[key] = _plain_for_toml(key, value)
    text = doc.as_string()
    if block and not text.endswith("\n"):
        text += "\n"
    return text.replace("\n", "\r\n") if crlf else text


def set_key(block: str, key: str, value: Any) -> str:
    return _edit(block, key, value, remove=False)


def remove_key(block: str, key: str) -> str:
    return _edit(block, key, None, remove=True)


def new_block(fields: dict[str, Any]) -> str:
    block = ""
    for key, value in fields.items():
        block = set_key(block, key, value)
    return block
