"""The history's costs on a 1,000-post library: importing dulwich, the first commit of every
post, one save-burst commit, and listing one post's versions (docs/history.md quotes the figures).

    PYTHONPATH=src python benchmarks/bench_history.py [--posts 1000] [--pygit2]

`--pygit2` times the same two commits with pygit2 (when installed) for the comparison; BlogDesk
itself does not use it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _library(root: Path, posts: int) -> None:
    for n in range(posts):
        body = " ".join(f"word{n}-{k}" for k in range(300))
        text = f"---\ntitle: Post {n}\nstatus: draft\n---\n{body}\n"
        (root / f"post-{n:04d}.md").write_text(text, encoding="utf-8")


def _import_ms(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; "
    code += "print((time.perf_counter() - t) * 1000)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def bench_dulwich(root: Path) -> dict[str, float]:
    from blogdesk.core.history.record import record_saves
    from blogdesk.core.history.store import LibraryHistory
    from blogdesk.core.history.versions import file_history

    t = time.perf_counter()
    history = LibraryHistory.open(root)
    record_saves(history)
    first = time.perf_counter() - t
    (root / "post-0500.md").write_text("---\ntitle: Post 500\n---\nchanged\n", encoding="utf-8")
    t = time.perf_counter()
    record_saves(history, ["post-0500.md"])
    one = time.perf_counter() - t
    t = time.perf_counter()
    record_saves(history)  # a whole-library scan finding nothing new
    scan = time.perf_counter() - t
    t = time.perf_counter()
    file_history(history, "post-0500.md")
    versions = time.perf_counter() - t
    history.close()
    return {
        "import ms": _import_ms("dulwich.repo"),
        "first commit s": first,
        "one-post commit ms": one * 1000,
        "whole-library check ms": scan * 1000,
        "versions of a post ms": versions * 1000,
    }


def bench_pygit2(root: Path) -> dict[str, float]:
    import pygit2

    t = time.perf_counter()
    repo = pygit2.init_repository(str(root))
    repo.index.add_all()
    repo.index.write()
    sig = pygit2.Signature("Bench", "bench@localhost")
    tree = repo.index.write_tree()
    repo.create_commit("HEAD", sig, sig, "first", tree, [])
    first = time.perf_counter() - t
    (root / "post-0500.md").write_text("---\ntitle: Post 500\n---\nchanged\n", encoding="utf-8")
    t = time.perf_counter()
    repo.index.add("post-0500.md")
    repo.index.write()
    tree = repo.index.write_tree()
    repo.create_commit("HEAD", sig, sig, "one", tree, [repo.head.target])
    one = time.perf_counter() - t
    return {
        "import ms": _import_ms("pygit2"),
        "first commit s": first,
        "one-post commit ms": one * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--pygit2", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "lib"
        root.mkdir()
        _library(root, args.posts)
        runner = bench_pygit2 if args.pygit2 else bench_dulwich
        for name, value in runner(root).items():
            print(f"{name:28} {value:10.2f}")


if __name__ == "__main__":
    main()
