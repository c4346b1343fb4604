"""Library at scale: index build, warm reopen, refresh, lists and search on generated posts.

    .venv/bin/python benchmarks/bench_library.py [--posts 10000] [--runs 3] [--keep DIR]
        [--cli-only] [--cli-runs N] [--baseline-src DIR]

Prints medians over several runs. Goals (10,000 posts of ~800 words): build ≤ 8 s, warm reopen
≤ 300 ms, search p95 ≤ 10 ms, `blogdesk list` as a cold process ≤ 300 ms. The corpus comes from
`_corpus.py` (deterministic, seeded).

The cold `blogdesk list` runs with the sources this script imported BlogDesk from (PYTHONPATH),
output to /dev/null. `--baseline-src DIR` (e.g. from `git archive main src | tar -x -C DIR`, then
DIR/src) runs the same command with those sources in the same rounds, alternating, on a copy of
the library whose posts are hard links to the same files and whose index that code built itself.
`--cli-only` skips everything else (the library and its index must be there: `--keep DIR`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import vocabulary, write_corpus

import blogdesk
from blogdesk.core.library.library import Library


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds: the machine may be shared, CPU time shows our own cost."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def cold_list(root: Path, runs: int, baseline: tuple[Path, Path] | None) -> dict[str, list[float]]:
    """Wall seconds of `blogdesk --library ROOT list` in new processes: with this checkout's
    sources, and with the baseline's (sources, library) in the same rounds, alternating."""
    here = Path(blogdesk.__file__).resolve().parent.parent
    variants = {"this checkout": (here, root)}
    if baseline is not None:
        variants["baseline"] = baseline
    times: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for run in range(runs):
        for name in names if run % 2 == 0 else names[::-1]:
            src, library = variants[name]
            env = dict(os.environ, PYTHONPATH=str(src))
            command = [sys.executable, "-m", "blogdesk", "--library", str(library), "list"]
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
            times[name].append(time.perf_counter() - start)
    return times


def baseline_library(root: Path, src: Path) -> Path:
    """A library beside `root` with the same posts (hard links: the same files, mtimes and
    sizes) and an index built by the baseline's code (an index another version built or
    upgraded could be faster or slower for reasons of its own)."""
    copy = root.parent / f"{root.name}-baseline"
    posts = copy / "posts"
    if not posts.is_dir() or len(os.listdir(posts)) != len(os.listdir(root / "posts")):
        shutil.rmtree(copy, ignore_errors=True)
        posts.mkdir(parents=True)
        for name in os.listdir(root / "posts"):
            try:
                os.link(root / "posts" / name, posts / name)
            except OSError:
                shutil.copy2(root / "posts" / name, posts / name)
    env = dict(os.environ, PYTHONPATH=str(src))
    command = [sys.executable, "-m", "blogdesk", "--library", str(copy), "list"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)  # builds its index
    return copy


def print_cold_list(times: dict[str, list[float]]) -> None:
    load = os.getloadavg()[0]
    for name, values in times.items():
        print(
            f"`blogdesk list` cold, {name:<14} median {ms(statistics.median(values))}"
            f"  (min {ms(min(values)).strip()}, max {ms(max(values)).strip()}, "
            f"{len(values)} runs, load {load:.2f})"
        )


def queries() -> list[str]:
    vocab = vocabulary()
    picked = [vocab[i] for i in (3, 10, 40, 120, 400, 1000, 2500, 5000)]
    return [
        *picked,  # single words, from very common to rare
        *(w[:3] for w in picked[2:6]),  # a word being typed
        *(w[:n] for n in (1, 2) for w in picked[4:6]),  # its first letters (prefix indexes)
        f"{picked[3]} {picked[5]}",
        f"{picked[4]} {picked[6]} {picked[7][:4]}",
        "markdown editor",
        "wordpress publish",
        "python",
        "привет",
        "日本語",
        "東京",
        '"unbalanced (quote',
        "zzzznotthere",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="reuse/keep the generated library in DIR")
    parser.add_argument("--cli-only", action="store_true", help="only the cold `blogdesk list`")
    parser.add_argument("--cli-runs", type=int, default=0, help="cold `blogdesk list` runs")
    parser.add_argument("--baseline-src", type=Path, help="also run the CLI with these sources")
    args = parser.parse_args()
    cli_runs = args.cli_runs or max(args.runs, 3)
    baseline_src = args.baseline_src.resolve() if args.baseline_src else None

    if args.cli_only:
        if args.keep is None or not (args.keep / ".blogdesk").is_dir():
            parser.error("--cli-only needs --keep DIR with a library indexed before")
        root = args.keep.resolve()
        baseline = (baseline_src, baseline_library(root, baseline_src)) if baseline_src else None
        print_cold_list(cold_list(root, cli_runs, baseline))
        return 0

    root = args.keep or Path(tempfile.mkdtemp(prefix="blogdesk-bench-"))
    if not (root / "posts").is_dir() or len(os.listdir(root / "posts")) != args.posts:
        shutil.rmtree(root / "posts", ignore_errors=True)
        t = timed(lambda: write_corpus(root, args.posts, words=args.words))
        print(f"generated {args.posts} posts of ~{args.words} words in {t:.1f} s ({root})")
    state = root / ".blogdesk"
    try:
        builds = []
        for _ in range(args.runs):
            shutil.rmtree(state, ignore_errors=True)
            builds.append(timed_cpu(lambda: Library.open(root).close()))
        wall = statistics.median(b[0] for b in builds)
        cpu = statistics.median(b[1] for b in builds)
        print(f"build index, {args.posts} posts    median {ms(wall)}  (CPU {ms(cpu).strip()})")
        size = sum(f.stat().st_size for f in state.glob("index.sqlite3*"))
        print(f"index size                       {size / 1e6:8.1f} MB")

        reopen = [timed_cpu(lambda: Library.open(root).close()) for _ in range(max(args.runs, 5))]
        wall = statistics.median(r[0] for r in reopen)
        cpu = statistics.median(r[1] for r in reopen)
        print(f"warm reopen (scan + compare)     median {ms(wall)}  (CPU {ms(cpu).strip()})")

        with Library.open(root) as lib:
            some = sorted((root / "posts").iterdir())[:10]
            refresh = []
            for _ in range(args.runs):
                for path in some:
                    path.write_text(path.read_text(encoding="utf-8") + "\nmore\n", "utf-8")
                refresh.append(timed_cpu(lib.refresh))
            wall = statistics.median(r[0] for r in refresh)
            cpu = statistics.median(r[1] for r in refresh)
            print(f"refresh, 10 files edited         median {ms(wall)}  (CPU {ms(cpu).strip()})")

            lists: list[tuple[str, Callable[[], object]]] = [
                ("list all (date sort)", lambda: lib.posts()),
                ("list first 100 by title", lambda: lib.posts(sort="title", limit=100)),
                ("list tag=python", lambda: lib.posts(tag="python")),
                ("tags with counts", lambda: lib.tags()),
            ]
            if hasattr(lib, "listing"):  # not in sources older than this row (--baseline runs)
                lists.insert(1, ("list all, fields of a line", lambda: lib.listing()))
            for label, call in lists:
                timings = [timed_cpu(call) for _ in range(max(args.runs, 5))]
                wall = statistics.median(t[0] for t in timings)
                cpu = statistics.median(t[1] for t in timings)
                print(f"{label:<32} median {ms(wall)}  (CPU {ms(cpu).strip()})")

            samples: list[float] = []
            cpu_samples: list[float] = []
            per_query: list[tuple[float, str, int]] = []
            for query in queries():
                lib.search(query)  # warm the page cache once
                runs = [timed_cpu(lambda q=query: lib.search(q)) for _ in range(max(args.runs, 5))]
                samples.extend(wall for wall, _ in runs)
                cpu_samples.extend(cpu for _, cpu in runs)
                median = statistics.median(wall for wall, _ in runs)
                per_query.append((median, query, len(lib.search(query))))
            print(
                f"search ({len(per_query)} queries, limit 50)   p50 {ms(percentile(samples, 0.5))}"
                f"  p95 {ms(percentile(samples, 0.95))}  max {ms(max(samples))}"
            )
            print(
                f"search, CPU time                 p50 {ms(percentile(cpu_samples, 0.5))}"
                f"  p95 {ms(percentile(cpu_samples, 0.95))}  max {ms(max(cpu_samples))}"
            )
            for median, query, hits in sorted(per_query, reverse=True)[:5]:
                print(f"    slowest: {query!r:<28} {ms(median)}  ({hits} hits)")

        baseline = (baseline_src, baseline_library(root, baseline_src)) if baseline_src else None
        print_cold_list(cold_list(root, cli_runs, baseline))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
