"""Big folders: 100,000 posts in one folder and 10,000 images in media/.

    .venv/bin/python benchmarks/bench_big_folders.py [--posts 100000] [--words 200]
        [--images 10000] [--runs 3] [--keep DIR]

Each measurement runs in a fresh child process, which reports its own wall time, CPU time and
peak memory (ru_maxrss): the first index build, a warm reopen (the stat scan of every file),
`blogdesk list` and `blogdesk search` as the author runs them, and a reopen with 10,000 images
added to media/ (the scan must not look into it). Figures in docs/performance.md. The corpus is
`_corpus.py`'s (deterministic); the images are small real PNGs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import vocabulary, write_corpus

SRC = Path(__file__).resolve().parent.parent / "src"

# A child: run `code` (which may call sys.exit), then write {"wall", "cpu", "rss_mb"} to BENCH_FD.
_CHILD = """
import json, os, resource, sys, time
wall, cpu = time.perf_counter(), time.process_time()
try:
    exec(compile(sys.argv[1], "<bench>", "exec"))
except SystemExit:
    pass
finally:
    out = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
           "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    os.write(int(os.environ["BENCH_FD"]), json.dumps(out).encode())
"""

OPEN = "from blogdesk.core.library.library import Library\nLibrary.open(ROOT).close()"
CLI = "from blogdesk.cli import main\nsys.exit(main(ARGS))"


def child(code: str, root: Path, args: list[str] | None = None) -> dict[str, float]:
    code = code.replace("ROOT", repr(str(root))).replace("ARGS", repr(args or []))
    read, write = os.pipe()
    env = {**os.environ, "PYTHONPATH": str(SRC), "BENCH_FD": str(write)}
    with subprocess.Popen(
        [sys.executable, "-c", _CHILD, code],
        pass_fds=(write,),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    ) as proc:
        os.close(write)
        data = os.read(read, 4096)
        proc.wait()
    os.close(read)
    if proc.returncode != 0:
        raise SystemExit(f"the child failed ({proc.returncode}): {code}")
    return json.loads(data)


def measure(label: str, runs: int, code: str, root: Path, args: list[str] | None = None) -> None:
    results = [child(code, root, args) for _ in range(runs)]
    wall = statistics.median(r["wall"] for r in results)
    cpu = statistics.median(r["cpu"] for r in results)
    rss = max(r["rss_mb"] for r in results)
    walls = ", ".join(f"{r['wall']:.2f}" for r in results)
    print(f"{label:<40} median {wall:7.2f} s (runs {walls})  CPU {cpu:6.2f} s  peak {rss:5.0f} MB")


def png(number: int) -> bytes:
    """A small real PNG (8×8 grey), different for each number."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    raw = b"".join(b"\0" + bytes([number % 256]) * 8 for _ in range(8))
    header = (8).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"tEXt", f"Comment\0image {number}".encode())
        + chunk(b"IEND", b"")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=200)
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="reuse/keep the generated library in DIR")
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="blogdesk-big-"))
    posts = root / "posts"
    if not posts.is_dir() or len(os.listdir(posts)) != args.posts:
        shutil.rmtree(posts, ignore_errors=True)
        start = time.perf_counter()
        write_corpus(root, args.posts, words=args.words)
        print(
            f"wrote {args.posts:,} posts of ~{args.words} words in one folder in "
            f"{time.perf_counter() - start:.0f} s ({root})"
        )
    size = sum(e.stat().st_size for e in os.scandir(posts))
    print(f"posts: {size / 1e6:.0f} MB")
    media = root / "media"
    shutil.rmtree(media, ignore_errors=True)
    lib = ["--library", str(root)]
    try:
        builds = max(1, args.runs - 1)
        for _ in range(builds):
            shutil.rmtree(root / ".blogdesk", ignore_errors=True)
            measure(f"build the index, {args.posts:,} posts", 1, OPEN, root)
        index = sum(f.stat().st_size for f in (root / ".blogdesk").glob("index.sqlite3*"))
        print(f"index: {index / 1e6:.0f} MB")
        measure("warm reopen (stat scan)", args.runs, OPEN, root)
        measure("blogdesk list (all, printed)", args.runs, CLI, root, [*lib, "list"])
        measure("blogdesk list --limit 20", args.runs, CLI, root, [*lib, "list", "--limit", "20"])
        words = " ".join(vocabulary()[40:42])  # two common words of the corpus
        measure(f"blogdesk search “{words}”", args.runs, CLI, root, [*lib, "search", words])

        media.mkdir()
        for number in range(args.images):
            (media / f"image-{number:05d}.png").write_bytes(png(number))
        print(f"media/: {args.images:,} images")
        measure("warm reopen with media/", args.runs, OPEN, root)
        measure("blogdesk list with media/", args.runs, CLI, root, [*lib, "list"])
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
