"""Big and odd inputs: render() and html_to_markdown() on what no one writes but someone pastes.

Run: .venv/bin/python benchmarks/bench_odd_inputs.py [--runs N]
Prints the median (and min) wall time over N runs of each case, and the peak memory the
process reached (ru_maxrss grows only: read it for the biggest case). The figures and the
"before" times are in docs/performance.md; the bounds in core/render/limits.py.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable

from blogdesk.core.convert.htmltomd import html_to_markdown
from blogdesk.core.render.rendering import RenderError, render

_PARAGRAPH = (
    'A paragraph with *emphasis*, a [link](https://example.com) and `code` -- "quoted".\n\n'
    "- item one\n- item two\n\n## Heading\n\n"
)


def _render(text: str) -> Callable[[], object]:
    def run() -> object:
        try:
            return render(text)
        except RenderError:
            return None

    return run


CASES: dict[str, Callable[[], object]] = {
    "list nested 1,000 levels": _render("".join("    " * i + "- item\n" for i in range(1_000))),
    "list nested 400 levels": _render("".join("    " * i + "- item\n" for i in range(400))),
    "quotes 1,000 lines, one level deeper each": _render(
        "".join(">" * i + " line\n" for i in range(1, 1_000))
    ),
    "quote 5,000 levels on one line": _render(">" * 5_000 + " deep\n"),
    "one 2 MB line of inline Markdown": _render(
        "word *em* [l](http://x) " * (2 * 1024 * 1024 // 25) + "\n"
    ),
    "a 4 MB post": _render(_PARAGRAPH * (4 * 1024 * 1024 // len(_PARAGRAPH))),
    "a 50 MB post (refused)": _render(_PARAGRAPH * (50 * 1024 * 1024 // len(_PARAGRAPH))),
    "HTML → Markdown, a 2 MB paragraph": lambda: html_to_markdown(
        "<p>" + "word <em>em</em> <a href='http://x'>l</a> " * (2 * 1024 * 1024 // 40) + "</p>"
    ),
    "HTML → Markdown, 3,000 nested lists": lambda: html_to_markdown(
        "<ul><li>x" * 3_000 + "</li></ul>" * 3_000
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for name, case in CASES.items():
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            case()
            times.append(time.perf_counter() - start)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(
            f"{name:45s} median {statistics.median(times):7.2f} s  min {min(times):7.2f} s"
            f"  peak RSS so far {peak} MB"
        )


if __name__ == "__main__":
    main()
