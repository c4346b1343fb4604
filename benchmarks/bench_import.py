"""Import speed and memory: WordPress exports of 1,000 and 10,000 posts, and the converter alone.

    .venv/bin/python benchmarks/bench_import.py [--sizes 1000 10000] [--repeat 3]

Each import runs in a fresh subprocess so its peak memory (ru_maxrss) is its own; the figures
printed are medians. Goals: 10,000 posts in ≤ 30 s, and peak memory flat as the file grows:
the 10,000-post import's peak RSS within 20 MB of the 1,000-post one's (printed). Also printed:
importing the same export again into the library it filled (every post compared, none written),
HTML → Markdown throughput, and the same 1,000 posts written with `Library.save()` one by one,
the alternative to the importer's batched writes + per-batch indexing.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link>
<wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:base_blog_url>https://bench.example</wp:base_blog_url>
<wp:author><wp:author_login><![CDATA[ann]]></wp:author_login>
<wp:author_display_name><![CDATA[Ann Bench]]></wp:author_display_name></wp:author>
"""
WORDS = [
    *("harbour", "tide", "boat", "sail", "wind", "rope", "knot", "anchor", "gull", "mud", "dawn"),
    *("rain", "chart", "compass", "keel", "deck", "mast", "hull", "oar", "buoy", "pier", "quay"),
    *("wave", "salt", "fog"),
]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + "."


def _content(n: int, rng: random.Random) -> str:
    """About 3 KB of post: classic (autop) or block-editor content, like a real blog's mix."""
    paras = [" ".join(_sentence(rng) for _ in range(4)) for _ in range(5)]
    if n % 2:
        return (
            f"{paras[0]}\n\n{paras[1]} <strong>{rng.choice(WORDS)}</strong>\n\n"
            f'[caption id="attachment_{n}" align="aligncenter" width="300"]<img src="https://'
            f'bench.example/wp-content/uploads/2024/01/p{n}.jpg" alt="x" /> A caption[/caption]\n\n'
            f"<!--more-->\n\n{paras[2]}\n<ul>\n<li>{paras[3][:60]}</li>\n<li>two</li>\n</ul>\n"
            f'{paras[4]}\n\n<pre class="brush: python">x = {n}\nprint(x)</pre>'
        )
    blocks = [f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in paras]
    blocks.insert(
        2, '<!-- wp:heading -->\n<h2 class="wp-block-heading">Part two</h2>\n<!-- /wp:heading -->'
    )
    blocks.append(
        '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><p>'
        f"{_sentence(rng)}</p><cite>Someone</cite></blockquote>\n<!-- /wp:quote -->"
    )
    return "\n\n".join(blocks)


def write_export(path: Path, posts: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        for n in range(1, posts + 1):
            comments = "".join(
                f"<wp:comment><wp:comment_id>{n * 10 + c}</wp:comment_id><wp:comment_content>"
                f"<![CDATA[{_sentence(rng)}]]></wp:comment_content><wp:comment_approved>1"
                "</wp:comment_approved></wp:comment>"
                for c in range(n % 4)
            )
            out.write(
                f"<item><title><![CDATA[{_sentence(rng)[:50]} {n}]]></title>"
                f"<link>https://bench.example/?p={n}</link><dc:creator>ann</dc:creator>"
                f'<guid isPermaLink="false">https://bench.example/?p={n}</guid>'
                f"<content:encoded><![CDATA[{_content(n, rng)}]]></content:encoded>"
                "<excerpt:encoded><![CDATA[]]></excerpt:encoded>"
                f"<wp:post_id>{n}</wp:post_id>"
                "<wp:post_date>2024-01-02 03:04:05</wp:post_date>"
                "<wp:post_date_gmt>2024-01-02 03:04:05</wp:post_date_gmt>"
                f"<wp:post_name>post-{n}</wp:post_name><wp:status>publish</wp:status>"
                "<wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>"
                '<category domain="category" nicename="boats"><![CDATA[Boats]]></category>'
                f'<category domain="post_tag" nicename="t{n % 50}"><![CDATA[Tag {n % 50}]]>'
                f"</category>{comments}</item>\n"
            )
        out.write("</channel></rss>\n")


def child(source: str, library_dir: str, mode: str) -> None:
    """Runs in the subprocess: one import, then JSON figures on stdout."""
    from blogdesk.core.importers.wxr import import_wxr
    from blogdesk.core.library.library import Library
    from blogdesk.core.post.post import Post

    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    traced = 0
    with Library.open(Path(library_dir)) as library:
        start = time.perf_counter()
        if mode == "import":
            count = len(import_wxr(library, Path(source)).imported)
        elif mode == "traced":  # Python heap only (SQLite's page cache is C memory, not counted)
            tracemalloc.start()
            count = len(import_wxr(library, Path(source)).imported)
            traced = tracemalloc.get_traced_memory()[1] // 1024
            tracemalloc.stop()
        else:  # the alternative: the same posts through Library.save(), one at a time
            staging = Path(source)
            count = 0
            for file in sorted(staging.glob("*.md")):
                post = Post.parse(file.read_text(encoding="utf-8"))
                post.path = library.root / file.name
                library.save(post)
                count += 1
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_kb": peak,
                "baseline_kb": baseline,
                "n": count,
                "traced_kb": traced,
            }
        )
    )


def run_child(source: Path, mode: str = "import", library: str | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as fresh:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(source), library or fresh, mode],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def converter_throughput(posts: int = 500) -> tuple[float, float]:
    from blogdesk.core.convert.htmltomd import html_to_markdown

    rng = random.Random(2)
    bodies = [_content(n, rng) for n in range(posts)]
    size = sum(len(b.encode()) for b in bodies)
    start = time.perf_counter()
    for body in bodies:
        html_to_markdown(body, wordpress=True)
    seconds = time.perf_counter() - start
    return posts / seconds, size / seconds / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("SOURCE", "LIBRARY", "MODE"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return

    rates = [converter_throughput() for _ in range(args.repeat)]
    print(
        f"converter: {statistics.median(r[0] for r in rates):,.0f} posts/s, "
        f"{statistics.median(r[1] for r in rates):.2f} MB/s of HTML (median of {args.repeat})"
    )
    peaks: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            source = Path(tmp) / f"export-{size}.xml"
            write_export(source, size)
            runs = [run_child(source) for _ in range(args.repeat)]
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = statistics.median(r["peak_kb"] for r in runs) / 1024
            base = statistics.median(r["baseline_kb"] for r in runs) / 1024
            mb = source.stat().st_size / 1e6
            heap = run_child(source, "traced")["traced_kb"] / 1024
            print(
                f"import {size:>6,} posts ({mb:5.1f} MB): {seconds:6.2f} s, "
                f"{size / seconds:5.0f} posts/s, peak RSS {peak:5.0f} MB "
                f"(after start-up {base:.0f} MB; median of {args.repeat}); "
                f"peak Python heap {heap:.1f} MB"
            )
            peaks[size] = peak
            again = Path(tmp) / f"library-{size}"
            run_child(source, library=str(again))
            second = [run_child(source, library=str(again)) for _ in range(args.repeat)]
            print(
                f"  the same export again ({size:,} posts compared, none written): "
                f"{statistics.median(r['seconds'] for r in second):.2f} s, peak RSS "
                f"{statistics.median(r['peak_kb'] for r in second) / 1024:.0f} MB"
            )
        if len(peaks) > 1:
            small, large = min(peaks), max(peaks)
            growth = peaks[large] - peaks[small]
            print(
                f"peak RSS growth {small:,} → {large:,} posts: {growth:+.0f} MB "
                f"(goal: within +20 MB: {'met' if growth <= 20 else 'NOT met'})"
            )
        # The same 1,000 post files saved one by one through the Library API, for comparison.
        staging = Path(tmp) / "staging"
        from blogdesk.core.importers.wxr import import_wxr
        from blogdesk.core.library.library import Library

        source = Path(tmp) / "export-compare.xml"
        write_export(source, 1000)
        with Library.open(staging) as library:
            import_wxr(library, source)
        saves = [run_child(staging, "save") for _ in range(args.repeat)]
        direct = [run_child(source) for _ in range(args.repeat)]
        saved = statistics.median(r["seconds"] for r in saves)
        imported = statistics.median(r["seconds"] for r in direct)
        print(
            f"1,000 posts via Library.save() each: {saved:.2f} s (files only, already converted)"
            f" vs the importer's batched writes: {imported:.2f} s (parse + convert included)"
        )


if __name__ == "__main__":
    main()
