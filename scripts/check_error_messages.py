"""Every error message a person can meet is met by some test.

Lists the user-facing messages in src/blogdesk: the message (first argument, a string literal,
f-string or concatenation of them) of every BlogDeskError subclass created anywhere, and the
text of every QMessageBox dialog in the window. A test run (tests/run_record.py) records the
messages of all BlogDeskErrors created while the tests ran and the texts of the message boxes
the `message_boxes` fixture answered. A source message is met when some recorded message
matches its template (the f-string's fixed parts in order, anything in between).

Fails listing the messages no test triggered, unless scripts/untested-errors.txt lists them with
the reason they cannot be triggered here, or as "TODO" (known, not tested yet: the list only
shrinks, since a listed message a test meets must come off it). Run after the whole suite
(`make test` does):

    python scripts/check_error_messages.py [--basetemp DIR] [--list]
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "blogdesk"
ALLOWED = ROOT / "scripts" / "untested-errors.txt"  # cannot be triggered here, and why
TODO = ROOT / "scripts" / "untested-errors-todo.txt"  # not tested yet: the list only shrinks
MESSAGE_BOX = ("warning", "critical", "information", "question", "about")

sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Message:
    where: str  # path:line
    template: str  # the message with {…} for the parts filled in at run time
    pattern: re.Pattern[str]


PLACEHOLDER = re.compile(r"\{\w*\}")  # a hole of a str.format template: {name}, {0}, {}


def _template_parts(text: str) -> list[str | None]:
    """A `str.format` template ("Could not save {path}") as fixed text and holes."""
    out: list[str | None] = []
    for i, piece in enumerate(PLACEHOLDER.split(text)):
        if i:
            out.append(None)
        out.append(piece)
    return out


def _translated(node: ast.expr) -> str | None:
    """The English text of `translate("Context", "text", …)` (ui/i18n.py), else None."""
    if not isinstance(node, ast.Call) or len(node.args) < 2:
        return None
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    text = node.args[1]
    if name == "translate" and isinstance(text, ast.Constant) and isinstance(text.value, str):
        return text.value
    return None


def _parts(node: ast.expr) -> list[str | None] | None:
    """The message as fixed text and holes (None), or None when it is no literal at all.

    A translated message, `translate("Ctx", "text {name}")` with or without `.format(...)`,
    counts as its English text with a hole for each placeholder."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    english = _translated(node)
    if english is not None:
        return _template_parts(english)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        inner = node.func.value
        english = _translated(inner)
        if english is None and isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            english = inner.value
        if english is not None:
            return _template_parts(english)
    if isinstance(node, ast.JoinedStr):
        out: list[str | None] = []
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                out.append(value.value)
            else:
                out.append(None)
        return out
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _parts(node.left), _parts(node.right)
        if left is None and right is None:
            return None
        return (left or [None]) + (right or [None])
    return None


def _message(where: str, node: ast.expr) -> Message | None:
    parts = _parts(node)
    if parts is None or not any(p and p.strip() for p in parts):
        return None  # a message made elsewhere (a variable, str(exc)): checked where it is made
    template = "".join("{…}" if p is None else p for p in parts)
    regex = "".join(".*?" if p is None else re.escape(p) for p in parts)
    return Message(where, template, re.compile(regex, re.S))


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """BlogDeskError and every class deriving from it (by name: class names are unique here)."""
    bases: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                names = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                bases.setdefault(node.name, set()).update(names)
    found = {"BlogDeskError"}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found
        found |= more


def source_messages() -> list[Message]:
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SRC.rglob("*.py"))
    }
    errors = _error_classes(trees)
    messages: list[Message] = []
    for path, tree in trees.items():
        rel = path.relative_to(ROOT).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            arg: ast.expr | None = None
            if name in errors:
                arg = node.args[0] if node.args else None
                for keyword in node.keywords:
                    if keyword.arg == "message":
                        arg = keyword.value
            elif (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "QMessageBox"
                and name in MESSAGE_BOX
                and len(node.args) >= 3
            ):
                arg = node.args[2]
            if arg is not None:
                found = _message(f"{rel}:{node.lineno}", arg)
                if found is not None:
                    messages.append(found)
    return messages


def line_of(template: str) -> str:
    """A template as one line of the lists (a line break written as the two characters \\n)."""
    return template.replace("\n", "\\n")


def allowed() -> dict[str, str]:
    """template → why no test triggers it: `template  # why` lines of the two lists (the
    reason of every entry of the TODO list is "TODO")."""
    out: dict[str, str] = {}
    for path in (ALLOWED, TODO):
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                template, _, why = line.partition("  # ")
                template = template.strip().replace("\\n", "\n")
                out[template] = "TODO" if path == TODO else why.strip()
    return out


def main() -> int:
    from tests.run_record import pointer_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--basetemp",
        type=Path,
        action="append",
        help="a run's basetemp (default: the last run); repeat it to join runs made in parts",
    )
    parser.add_argument("--list", action="store_true", help="print every message and exit")
    parser.add_argument(
        "--write-todo", action="store_true", help=f"write the untested ones to {TODO.name}"
    )
    args = parser.parse_args()
    messages = source_messages()
    if args.list:
        for m in messages:
            print(f"{m.where}: {line_of(m.template)}")
        return 0
    bases = args.basetemp
    if not bases:
        pointer = pointer_file(ROOT)
        if not pointer.exists():
            print("check_error_messages: no test run recorded; run the test suite first.")
            return 1
        bases = [Path(json.loads(pointer.read_text(encoding="utf-8"))["basetemp"])]
    recorded: list[str] = []
    for base in bases:
        recorded_file = base / "run-record" / "messages.json"
        if not recorded_file.exists():
            print(f"check_error_messages: {recorded_file} is missing: the run did not finish.")
            return 1
        recorded += json.loads(recorded_file.read_text(encoding="utf-8"))
    excused = allowed()
    met = {m.template for m in messages if any(m.pattern.fullmatch(r) for r in recorded)}
    missing = [m for m in messages if m.template not in excused and m.template not in met]
    problems = 0
    for template in sorted(set(excused) - {m.template for m in messages}):
        print(
            f"check_error_messages: {ALLOWED.name} lists a message src/ no longer has: {template}"
        )
        problems += 1
    for template in sorted(set(excused) & met):
        # The list only shrinks: a message a test now meets comes off it.
        print(f"check_error_messages: a test meets this now; strike it off: {line_of(template)}")
        problems += 1
    if missing and args.write_todo:
        todo = {line_of(m.template) for m in missing} | {
            line_of(t) for t, why in excused.items() if why == "TODO" and t not in met
        }
        header = [
            line for line in TODO.read_text(encoding="utf-8").splitlines() if line.startswith("#")
        ]
        TODO.write_text("\n".join([*header, *sorted(todo)]) + "\n", encoding="utf-8")
        print(f"check_error_messages: {len(todo)} messages written to {TODO.name}")
        return 0
    if missing:
        print(f"check_error_messages: {len(missing)} of {len(messages)} messages no test triggers:")
        for m in missing:
            print(f"  {m.where}: {m.template}")
        print(
            f"Write a test that meets each, or list it in scripts/{ALLOWED.name} with the reason."
        )
        return 1
    debt = sum(why.startswith("TODO") for why in excused.values())
    print(
        f"check_error_messages: {len(met)} of {len({m.template for m in messages})} user-facing "
        "messages are met by a "
        f"test; {len(excused) - debt} cannot be triggered here ({ALLOWED.name}) and {debt} are "
        f"not tested yet ({TODO.name})."
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
