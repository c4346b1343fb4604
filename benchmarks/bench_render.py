"""Render speed: baseline Python-Markdown vs render() vs IncrementalRenderer after one keystroke.

Run: .venv/bin/python benchmarks/bench_render.py [--runs N]
Prints the median (and min) over N runs for a generated 1,000-word and 10,000-word post with
headings, lists, links, images, quotes, code, tables and footnotes.
"""

from __future__ import annotations

import argparse
import functools
import random
import statistics
import time
from collections.abc import Callable

import markdown

from blogdesk.core.render.rendering import IncrementalRenderer, render

_VOCABULARY = (
    "the writer said that every draft needs a quiet morning and a cup of coffee before the "
    "real work begins while the editor insisted on shorter sentences clearer headings and "
    "fewer adjectives because readers skim on their phones during the commute home"
)
_WORDS = tuple(_VOCABULARY.split())


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        i = rng.randrange(1, n)
        words[i] = f'"{words[i]}"'
    if rng.random() < 0.3:
        words[rng.randrange(n)] += "'s"
    if rng.random() < 0.2:
        words[rng.randrange(n)] = f"[{words[0]}](https://example.com/{rng.randrange(999)})"
    if rng.random() < 0.2:
        words[rng.randrange(n)] = f"*{rng.choice(_WORDS)}*"
    if rng.random() < 0.1:
        words[rng.randrange(n)] = "--"
    return " ".join(words) + rng.choice([".", ".", ".", "...", "?"])


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 5)))


def make_post(target_words: int, seed: int = 1) -> str:
    """A realistic post of about ``target_words`` words."""
    rng = random.Random(seed)
    blocks: list[str] = ["# A day in the life of a blog post", "[TOC]"]
    footnotes: list[str] = []
    section = 0
    while sum(len(b.split()) for b in blocks) < target_words:
        section += 1
        blocks.append(f"## Section {section}: {rng.choice(_WORDS)} {rng.choice(_WORDS)}")
        for _ in range(rng.randint(2, 4)):
            blocks.append(_paragraph(rng))
        kind = section % 6
        if kind == 0:
            blocks.append("\n".join(f"- {_sentence(rng, 6)}" for _ in range(4)))
        elif kind == 1:
            blocks.append(f"> {_paragraph(rng)}\n>\n> — *Someone Famous*")
        elif kind == 2:
            blocks.append(
                '```python\ndef publish(post):\n    """Send it."""\n'
                "    return post.render() + 'done'\n```"
            )
        elif kind == 3:
            rows = "\n".join(f"| {rng.choice(_WORDS)} | {rng.randrange(99)} |" for _ in range(4))
            blocks.append(f"| Name | Count |\n|------|------:|\n{rows}")
        elif kind == 4:
            blocks.append(f"![Figure {section}](media/figure-{section}.png)")
        else:
            n = len(footnotes) + 1
            blocks.append(_paragraph(rng) + f"[^{n}]")
            footnotes.append(f"[^{n}]: {_sentence(rng, 10)}")
        if rng.random() < 0.4:
            blocks.append(
                "1. "
                + _sentence(rng, 7)
                + "\n2. "
                + _sentence(rng, 7)
                + "\n    - nested "
                + _sentence(rng, 4)
            )
    return "\n\n".join([b for b in blocks if b] + footnotes) + "\n"


def _median(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def _keystrokes(text: str, inc: IncrementalRenderer) -> Callable[[], object]:
    """Each call types one more character in the middle of the post, as a user would."""
    inc.render(text)
    pos = text.index(" ", len(text) // 2)
    typed = {"text": text}

    def keystroke() -> object:
        typed["text"] = typed["text"][:pos] + "x" + typed["text"][pos:]
        return inc.render(typed["text"])

    keystroke()
    return keystroke


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    baseline = markdown.Markdown(extensions=["extra", "toc", "codehilite", "smarty", "sane_lists"])

    def run_baseline(text: str) -> None:
        baseline.reset()
        baseline.convert(text)

    for words in (1000, 10000):
        text = make_post(words)
        print(f"post: ~{words} words ({len(text.split())} tokens, {len(text)} chars)")
        results = {
            "baseline extra+toc+codehilite+smarty+sane_lists": _median(
                functools.partial(run_baseline, text), args.runs
            ),
            "render()": _median(functools.partial(render, text), args.runs),
        }
        inc = IncrementalRenderer()
        results["IncrementalRenderer, 1-char edit mid-post"] = _median(
            _keystrokes(text, inc), args.runs
        )
        for name, (med, best) in results.items():
            print(f"  {name:<52} median {med:7.2f} ms   min {best:7.2f} ms")
        print(
            f"  (last keystroke re-rendered {inc.last_rendered_chunks} of "
            f"{inc.last_total_chunks} chunks; full render: {inc.last_was_full})"
        )


if __name__ == "__main__":
    main()
