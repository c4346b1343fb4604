"""Post format speed: `summarize` over a library-sized corpus, and Post load/edit/dump.

Run: .venv/bin/python benchmarks/bench_post.py [--posts N] [--runs R]
Generates N posts of ~800 words (YAML front matter like Jekyll/WordPress exports, a tenth in
TOML) in memory and prints medians over R runs: summarize per post, its front matter part
(split + C YAML load) and word count, the total for N posts, and one Post parse/set/dumps.
The index's goal is 10,000 posts in <= 8 s in total, so summarize must stay well under 0.8 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from blogdesk.core.post.frontmatter import load_block, split
from blogdesk.core.post.post import Post, summarize
from blogdesk.core.post.rules import count_words

_WORDS = [
    "the",
    "writer",
    "said",
    "that",
    "every",
    "draft",
    "needs",
    "a",
    "quiet",
    "morning",
    "and",
    "a",
    "cup",
    "of",
    "coffee",
    "before",
    "the",
    "real",
    "work",
    "begins",
    "while",
    "the",
    "editor",
    "insisted",
    "on",
    "shorter",
    "sentences",
    "clearer",
    "headings",
    "and",
    "fewer",
    "adjectives",
    "because",
    "readers",
    "skim",
    "on",
    "their",
    "phones",
    "during",
    "the",
    "commute",
    "home",
]


def _body(rng: random.Random, words: int) -> str:
    paragraphs: list[str] = []
    count = 0
    while count < words:
        n = rng.randint(40, 90)
        text = " ".join(rng.choice(_WORDS) for _ in range(n))
        if rng.random() < 0.2:
            text = f"## {text[:40]}\n\n{text}"
        if rng.random() < 0.2:
            text += " See [the docs](https://example.com/docs/page) for more."
        paragraphs.append(text)
        count += n
    return "\n\n".join(paragraphs) + "\n"


def _post(rng: random.Random, index: int) -> str:
    body = _body(rng, 800)
    chosen = rng.sample(_WORDS, 3)
    tags = ", ".join(chosen)
    if index % 10 == 0:
        toml_tags = ", ".join(f'"{tag}"' for tag in chosen)
        return (
            f'+++\ntitle = "Post number {index}"\ndate = 2024-05-01T10:00:00+02:00\n'
            f"draft = false\ntags = [{toml_tags}]\n"
            f'[params]\n  hero = "img/{index}.jpg"\n+++\n\n{body}'
        )
    return (
        f'---\nlayout: post\ntitle: "Post number {index}: a title"\n'
        f"date: 2024-05-{index % 28 + 1:02d} 10:00:00 +0200\nstatus: published\n"
        f"categories: [notes]\ntags: [{tags}]\nexcerpt: A short summary of post {index}.\n"
        f"featured_image: media/{index}.jpg\nblogdesk:\n  accounts:\n    wp-1:\n"
        f"      remote_id: {index}\n      url: https://blog.example/{index}/\n---\n\n{body}"
    )


def _median(runs: int, fn: Callable[[], object]) -> float:
    times: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    texts = [_post(rng, index) for index in range(args.posts)]
    n = len(texts)

    total = _median(args.runs, lambda: [summarize(t, f"p/{i}.md") for i, t in enumerate(texts)])
    front = _median(args.runs, lambda: [load_block(split(t)) for t in texts])
    words = _median(args.runs, lambda: [count_words(t) for t in texts])
    print(f"posts: {n}, median of {args.runs} runs")
    print(f"summarize, all posts:        {total:8.3f} s   ({total / n * 1e3:.3f} ms/post)")
    print(f"  front matter (split+load): {front:8.3f} s   ({front / n * 1e3:.3f} ms/post)")
    print(f"  word count:                {words:8.3f} s   ({words / n * 1e3:.3f} ms/post)")

    sample = texts[1]

    def edit() -> None:
        post = Post.parse(sample)
        post.title = "A new title"
        post.tags = ["one", "two"]
        post.set_sync_state("wp-1", {"remote_id": 1})
        post.dumps()

    parse = _median(50, lambda: Post.parse(sample))
    edited = _median(50, edit)
    print(f"Post.parse one post:         {parse * 1e3:8.3f} ms")
    print(f"Post parse + 3 edits + dumps:{edited * 1e3:8.3f} ms")


if __name__ == "__main__":
    main()
