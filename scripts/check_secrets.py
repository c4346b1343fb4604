"""No test password, key or token in anything a test run wrote.

The server fixtures record the secrets they hand out (tests/run_record.py: WordPress application
and admin passwords and their Basic auth form, Ghost's Admin API key and its secret half, Micropub
tokens and password) in `<basetemp>/run-record/secrets.json`. This check reads every file under
the run's basetemp (the tests' temporary folders, their config/cache/state/data folders, the
run's output log with every test's captured output), and the log files of the servers' state
folders, and fails naming each file that holds a secret and which one. It never prints a secret.

    python scripts/check_secrets.py [--basetemp DIR ...]
"""

from __future__ import annotations

import argparse
import json
import mmap
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_LENGTH = 8  # shorter values would match by chance
RECORD = "run-record"

sys.path.insert(0, str(ROOT))


def _secrets(bases: list[Path]) -> dict[bytes, str]:
    """secret bytes → label, from every run's record."""
    found: dict[bytes, str] = {}
    for base in bases:
        path = base / RECORD / "secrets.json"
        if path.exists():
            for label, value in json.loads(path.read_text(encoding="utf-8")).items():
                if len(value) >= MIN_LENGTH:
                    found.setdefault(value.encode("utf-8"), label.split(" #")[0])
    return found


def _log_files(state_dir: Path) -> Iterator[Path]:
    """A server's logs; not its credential files or database, which hold secrets by design."""
    for path in state_dir.rglob("*"):
        if path.is_file() and (path.suffix == ".log" or "log" in path.parent.name.lower()):
            yield path


def files_to_scan(bases: list[Path]) -> Iterator[Path]:
    for base in bases:
        for path in base.rglob("*"):
            if path.is_file() and not path.is_symlink() and path.name != "secrets.json":
                yield path
        listed = base / RECORD / "state-dirs.txt"
        if listed.exists():
            for line in sorted(set(listed.read_text(encoding="utf-8").splitlines())):
                if line and Path(line).is_dir():
                    yield from _log_files(Path(line))


def leaks(path: Path, secrets: dict[bytes, str]) -> list[str]:
    try:
        with path.open("rb") as handle:
            if path.stat().st_size == 0:
                return []
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return sorted(
                    {label for secret, label in secrets.items() if data.find(secret) >= 0}
                )
    except (OSError, ValueError):
        return []  # a socket, a file removed meanwhile: nothing written to read


def main() -> int:
    from tests.run_record import pointer_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basetemp", type=Path, action="append", help="a run's basetemp")
    args = parser.parse_args()
    bases = args.basetemp
    if not bases:
        pointer = pointer_file(ROOT)
        if not pointer.exists():
            print("check_secrets: no test run recorded; run the test suite first.")
            return 1
        bases = [Path(json.loads(pointer.read_text(encoding="utf-8"))["basetemp"])]
    secrets = _secrets(bases)
    if not secrets:
        print(
            "check_secrets: no server test ran, so no secrets were handed out: nothing to look for."
        )
        return 0
    scanned = 0
    found: list[tuple[Path, list[str]]] = []
    for path in dict.fromkeys(files_to_scan(bases)):  # a state folder inside a basetemp: once
        scanned += 1
        labels = leaks(path, secrets)
        if labels:
            found.append((path, labels))
    if found:
        print(f"check_secrets: test secrets were written to {len(found)} file(s):")
        for path, labels in found:
            print(f"  {path}: {', '.join(labels)}")
        print("Find what wrote them (a log line, an error message, a saved file) and stop it.")
        return 1
    print(
        f"check_secrets: {len(secrets)} test secrets, {scanned} files the run wrote: none leaked."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
