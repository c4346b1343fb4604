"""Realistic, deterministic blog posts for benchmarks (the same seed gives the same bytes).

Each post has YAML front matter (title, date with offset, slug, status, tags, categories, excerpt)
and a Markdown body of about `words` words: headings, paragraphs with emphasis and links, lists,
a code block, an image, now and then a table. Words follow a Zipf-like distribution over a fixed
vocabulary, as in real prose; about 3 % of posts are in Russian and 2 % in Japanese.

    from _corpus import generate_posts, write_corpus
    for name, text in generate_posts(100, words=800, seed=1): ...
    write_corpus(folder, 10_000)          # writes folder/posts/<name>.md
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20261128


def _words(text: str) -> list[str]:
    return text.split()


_COMMON = _words(
    "the of and to a in is it you that he was for on are with as I his they be at one have this "
    "from or had by hot word but what some we can out other were all there when up use your how "
    "said an each she which do their time if will way about many then them write would like so "
    "these her long make thing see him two has look more day could go come did number sound no "
    "most people my over know water than call first who may down side been now find"
)
_SYLLABLES = _words(
    "ka lo mi ne ra to su vi den gar pol tri sen mor lex qua zin bel cor dun fen hal jor kel nim "
    "pra ros tul var wen yar zel ost ang ber cil dro emp fir gul hes ion jun kra lum mar nor"
)
_TECH = _words(
    "python markdown editor preview sqlite index search render publish draft wordpress ghost "
    "static site hugo jekyll theme template deploy server cache query thread widget layout "
    "font image gallery feed comment plugin release bug test benchmark keyboard shortcut"
)
_RUSSIAN = _words(
    "привет мир блог запись редактор текст поиск статья время работа город дом книга вопрос "
    "ответ жизнь человек день год слово место дело сторона рука глаз друг"
)
_JAPANESE = _words(
    "日本語 東京 記事 ブログ 編集 検索 文章 写真 旅行 料理 音楽 映画 技術 開発 今日 明日 "
    "天気 友達 学校 仕事 時間 言葉 世界 自然"
)
_TAGS = _words(
    "python rust web design writing travel photography cooking music books productivity linux "
    "macos windows privacy security open-source career health science history art film games"
)
_CATEGORIES = ("Notes", "Tutorials", "Essays", "Reviews", "News", "Travel", "Personal")
_STATUSES = ("published",) * 7 + ("draft", "draft", "scheduled", "private")


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: list[str] = list(dict.fromkeys(_COMMON + _TECH))
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = _vocabulary(self.rng)
        # Zipf: the n-th most common word appears about 1/n as often as the first.
        self.cum = list(itertools.accumulate(1.0 / (n + 1) for n in range(len(self.vocab))))

    def words(self, count: int, vocab: list[str] | None = None) -> list[str]:
        if vocab is not None:
            return self.rng.choices(vocab, k=count)
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=count)

    def sentence(self, vocab: list[str] | None, joiner: str = " ") -> str:
        words = self.words(self.rng.randint(6, 18), vocab)
        if self.rng.random() < 0.3 and len(words) > 4:
            i = self.rng.randrange(len(words))
            words[i] = f"*{words[i]}*" if self.rng.random() < 0.5 else f"**{words[i]}**"
        if self.rng.random() < 0.15:
            i = self.rng.randrange(len(words))
            words[i] = f"[{words[i]}](https://example.com/{words[i]})"
        text = joiner.join(words)
        end = "。" if joiner == "" else "."
        return text[:1].upper() + text[1:] + end

    def paragraph(self, vocab: list[str] | None, joiner: str) -> str:
        sep = "" if joiner == "" else " "
        return sep.join(self.sentence(vocab, joiner) for _ in range(self.rng.randint(3, 6)))

    def post(self, number: int, words: int) -> tuple[str, str]:
        rng = self.rng
        language = rng.random()
        vocab: list[str] | None = None
        joiner = " "
        if language < 0.03:
            vocab = _RUSSIAN
        elif language < 0.05:
            vocab, joiner = _JAPANESE, ""
        title_words = self.words(rng.randint(3, 7), vocab or _TECH + self.vocab[:400])
        title = joiner.join(title_words)
        title = title[:1].upper() + title[1:]
        slug = f"post-{number}"
        zone = timezone(timedelta(hours=rng.choice((0, 1, 2, -5))))
        moment = datetime(2012, 1, 1, 9, tzinfo=zone)
        moment += timedelta(minutes=rng.randrange(14 * 365 * 24 * 60))
        tags = sorted(set(rng.sample(_TAGS, rng.randint(1, 4))))
        category = rng.choice(_CATEGORIES)
        body: list[str] = []
        written = 0
        while written < words:
            kind = rng.random()
            if kind < 0.12:
                block = "## " + joiner.join(self.words(rng.randint(2, 5), vocab)).capitalize()
            elif kind < 0.2:
                items = [self.sentence(vocab, joiner) for _ in range(rng.randint(2, 5))]
                block = "\n".join(f"- {item}" for item in items)
            elif kind < 0.25:
                lines = [f"    {w} = compute({w!r}, {rng.randint(1, 99)})" for w in self.words(4)]
                block = "```python\n" + "\n".join(line.strip() for line in lines) + "\n```"
            elif kind < 0.28:
                block = f"![{self.words(1)[0]}](media/image-{number}-{written}.jpg)"
            elif kind < 0.3:
                cells = self.words(6)
                block = f"| {cells[0]} | {cells[1]} |\n|---|---|\n| {cells[2]} | {cells[3]} |"
            else:
                block = self.paragraph(vocab, joiner)
            body.append(block)
            written += max(len(block.split()), len(block) // 3 if joiner == "" else 0)
        excerpt = self.sentence(vocab, joiner).replace('"', "")
        front = "\n".join(
            [
                "---",
                f'title: "{title}"',
                f"date: {moment.isoformat()}",
                f"slug: {slug}",
                f"status: {rng.choice(_STATUSES)}",
                f"tags: [{', '.join(tags)}]",
                f"categories: [{category}]",
                f'excerpt: "{excerpt}"',
                "---",
            ]
        )
        name = f"{moment:%Y-%m-%d}-{slug}.md"
        return name, front + "\n\n" + "\n\n".join(body) + "\n"


def generate_posts(count: int, *, words: int = 800, seed: int = SEED) -> Iterator[tuple[str, str]]:
    """`count` posts as (file name, file text); file names are unique."""
    writer = _Writer(seed)
    for number in range(1, count + 1):
        yield writer.post(number, words)


def write_corpus(
    root: Path, count: int, *, words: int = 800, seed: int = SEED, folder: str = "posts"
) -> list[Path]:
    """Write `count` posts into `root/folder/`; returns their paths."""
    target = Path(root) / folder
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate_posts(count, words=words, seed=seed):
        path = target / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def vocabulary(seed: int = SEED) -> list[str]:
    """The corpus's words, most frequent first (for benchmark queries)."""
    return _Writer(seed).vocab
