"""The window's translations: resources/translations/blogdesk_<lang>.ts and their compiled .qm.

    python scripts/translations.py update    # the .ts files from the sources (pyside6-lupdate)
    python scripts/translations.py compile   # the .qm files from the .ts (pyside6-lrelease)
    python scripts/translations.py check     # the .ts in step with the sources, nothing
                                             # unfinished, the committed .qm a fresh compile
    python scripts/translations.py add LANG  # start the translation of a new language
    python scripts/translations.py merge OTHER.ts  # take OTHER's translations for messages
                                             # still unfinished here (after merging branches)

`make translations` runs update then compile. The .qm files are committed: the packaged
application needs no Qt tools. docs/translating.md explains the whole.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
SOURCES = [ROOT / "src" / "blogdesk" / "ui", ROOT / "src" / "blogdesk" / "app.py"]
TOOLS = Path(sys.executable).parent  # the venv's pyside6-lupdate and pyside6-lrelease


def _tool(name: str) -> str:
    found = TOOLS / name
    if found.exists():
        return str(found)
    on_path = shutil.which(name)
    if on_path is None:
        sys.exit(f"translations: {name} not found (pip install PySide6 into this environment)")
    return on_path


def ts_files(folder: Path = FOLDER) -> list[Path]:
    return sorted(folder.glob("blogdesk_*.ts"))


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"translations: {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def update(files: list[Path]) -> None:
    """Bring each .ts in step with the sources: new messages in, vanished ones out."""
    sources = [str(p) for p in SOURCES]
    for ts in files:
        lupdate = _tool("pyside6-lupdate")
        options = ["-extensions", "py", "-no-obsolete", "-locations", "none"]
        _run([lupdate, *options, *sources, "-ts", str(ts)])


def compile_qm(files: list[Path], out_folder: Path | None = None) -> list[Path]:
    made = []
    for ts in files:
        qm = (out_folder or ts.parent) / ts.with_suffix(".qm").name
        _run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)])
        made.append(qm)
    return made


def unfinished(ts: Path) -> list[str]:
    """The source texts of `ts` still untranslated (or marked unfinished)."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None:
            out.append(source)
            continue
        kind = translation.get("type")
        forms = [f.text for f in translation.findall("numerusform")]
        empty = not any(forms) if forms else not (translation.text or "").strip()
        if kind in ("unfinished", "vanished", "obsolete") or empty:
            out.append(source)
    return out


def merge(other: Path, into: Path) -> int:
    """Fill the unfinished messages of `into` from `other` (same context and source text); the
    number filled. `into` is then brought back to lupdate's own layout by `update`."""
    known: dict[tuple[str, str], ET.Element] = {}
    for context in ET.parse(other).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None:
                known[(name, message.findtext("source") or "")] = translation
    tree = ET.parse(into)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            found = known.get((name, message.findtext("source") or ""))
            if translation is None or found is None or translation.get("type") != "unfinished":
                continue
            message.remove(translation)
            message.append(found)
            filled += 1
    tree.write(into, encoding="utf-8", xml_declaration=True)
    update([into])
    return filled


def check() -> list[str]:
    """Problems, as sentences: empty when the translations are in step and complete."""
    problems = []
    files = ts_files()
    if not files:
        return [f"no blogdesk_*.ts in {FOLDER}"]
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for ts in files:
            copy = Path(tmp) / ts.name
            shutil.copyfile(ts, copy)
            copies.append(copy)
        update(copies)
        for ts, copy in zip(files, copies, strict=True):
            if copy.read_bytes() != ts.read_bytes():
                problems.append(
                    f"{ts.name} is not in step with the sources: run `make translations`"
                )
            for source in unfinished(copy):
                problems.append(f"{ts.name}: untranslated: {source!r}")
        for ts, fresh in zip(files, compile_qm(files, Path(tmp)), strict=True):
            qm = ts.with_suffix(".qm")
            if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                problems.append(f"{qm.name} is not the compiled {ts.name}: run `make translations`")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "compile", "check", "add", "merge"])
    parser.add_argument(
        "language", nargs="?", help="add: the language code (de, fr, pt_BR); merge: the other .ts"
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    if args.command == "add":
        if not args.language:
            parser.error("add needs a language code, e.g. `add fr`")
        ts = FOLDER / f"blogdesk_{args.language}.ts"
        if ts.exists():
            sys.exit(f"translations: {ts} exists already")
        FOLDER.mkdir(parents=True, exist_ok=True)
        update([ts])
        print(f"translations: {ts.relative_to(ROOT)} made; translate it with pyside6-linguist")
        return 0
    if args.command == "merge":
        if not args.language:
            parser.error("merge needs the other .ts file, e.g. `merge /tmp/blogdesk_de.ts`")
        other = Path(args.language).resolve()
        into = FOLDER / other.name
        if not into.exists():
            sys.exit(f"translations: no {into.name} here to merge into")
        update([into])  # in step with the sources first: what is still unfinished is known
        filled = merge(other, into)
        compile_qm([into])
        print(f"translations: {filled} message(s) of {into.name} taken from {other}")
        return 0
    if args.command == "update":
        update(ts_files())
    elif args.command == "compile":
        compile_qm(ts_files())
    else:
        problems = check()
        for problem in problems:
            print(f"translations: {problem}")
        if problems:
            return 1
        print(f"translations: {len(ts_files())} translation(s) in step and complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
