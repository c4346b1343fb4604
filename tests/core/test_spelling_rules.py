"""core.spelling with the real Hunspell dictionaries (en_US, de_DE, fr: spelling.list).

Every skip rule is tested with a misspelled word inside the construct: it must not be reported,
while a misspelled word of the prose beside it must be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from blogdesk.core.spelling import PersonalWords, misspellings, open_checker, words
from blogdesk.core.spelling.checker import SpellChecker
from blogdesk.core.spelling.languages import (
    choose_languages,
    match_dictionary,
    parse_languages,
    system_language,
)


@pytest.fixture(scope="module")
def english() -> SpellChecker:
    opened = open_checker(["en_US"])
    assert opened.checker is not None, opened.problem
    return opened.checker


def wrong(text: str, checker: SpellChecker) -> list[str]:
    return [span.word for span in misspellings(text, checker)]


@pytest.mark.parametrize(
    "text",
    [
        "Inline `codde spann` here.",
        "``a `wrongg` inside`` double quotes.",
        "```\nfencedd\n```",
        "~~~~ python\ndef fnuc(): pass\n~~~~",
        "Before.\n\n    indentedd coode\n\n        more codde\n",
        "Visit https://exampel.org/pathh?qury=1 or www.exmple.com/fooo or <https://xmpl.io>.",
        "Mail jhon.doe@exmaple.com or mailto:someonne@x.org now.",
        'A <span class="xyzzy" data-fooo="barr">tag</span> here.',
        "Some <code>codde</code> and <kbd>Ctrrl</kbd> keys.",
        "<!-- a commment -->",
        "<!-- a commment\nover two lnies -->",
        "<pre>\npreformattedd\n</pre>",
        "---\ntitle: Teh tilte\ntags: [wrngo]\n---\n",
        "+++\ntitle = 'Teh tilte'\n+++\n",
        '[caption id="attachmnt_1" align="alignleft"]',
        "[/captoin]",
        '{{< figur src="x.png" >}}',
        "A [link](http://x.org/targt 'Ttitle') here.",
        "An ![image](media/imgg.png) here.",
        "A [reference][labell] here.",
        "[labell]: http://x.org/referenc",
        "A note[^nte] here.\n\n[^nte]: Footnote text.",
        "## Heading {#custm-id}\n\nText {: .clss}",
        "Files config.yml and src/blogdeskk/maain.py at 10:30.",
        "Names like snake_caes, mp3, h264, API, HTTPS, PySide, iPhoen.",
        "&nbsp;&eacutee; entities.",
    ],
)
def test_not_prose_is_never_checked(text: str, english: SpellChecker) -> None:
    assert wrong(text, english) == []
    assert wrong(f"{text}\n\nA mistaek.", english) == ["mistaek"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# A hedaing", ["hedaing"]),
        ("A [lnik text](http://x.org) here.", ["lnik"]),
        ("An ![alt textt](x.png).", ["textt"]),
        ("- list itme\n- another", ["itme"]),
        ("> a quoet", ["quoet"]),
        ("*emphasiss* and **strnog** and _undrscore_", ["emphasiss", "strnog", "undrscore"]),
        ("A [two wrods] bracket.", ["wrods"]),
        ("- item\n\n    continuation linne of the item", ["linne"]),
        ("Well-knwon and don’t and author’s.", ["knwon"]),
        ("| cell | tabel |\n|---|---|", ["tabel"]),
        ("```\nunclosed fence is tetx", ["tetx"]),  # Python-Markdown: text, not code
    ],
)
def test_prose_is_checked(text: str, expected: list[str], english: SpellChecker) -> None:
    assert wrong(text, english) == expected


def test_spans_point_at_the_words() -> None:
    text = "---\ntitle: x\n---\nFirst line\n\nsecond «wörd» here 😀 tail\n"
    for span in words(text):
        assert text[span.start : span.end] == span.word
        assert text.split("\n")[span.line][span.column :].startswith(span.word)
    assert [s.word for s in words(text, lines={5})] == ["second", "wörd", "here", "tail"]


def test_german_and_french_dictionaries() -> None:
    german = open_checker(["de_DE"]).checker
    french = open_checker(["fr"]).checker
    assert german is not None and french is not None
    assert french.languages == ("fr",)
    assert open_checker(["fr_BE"]).checker.languages == ("fr_BE",)  # type: ignore[union-attr]
    assert wrong("Die Straße ist schön, aber die Strasse nicht.", german) == ["Strasse"]
    # An elided article stays with its word: the French dictionary knows "l'été", not "l'hivre".
    assert wrong("L’été est très chaud, mais l’hivre est froid.", french) == ["l’hivre"]
    assert "Straße" in german.suggest("Strase") or "Strafe" in german.suggest("Strase")


def test_several_languages_accept_a_word_any_of_them_knows() -> None:
    both = open_checker(["en_US", "de_DE"]).checker
    assert both is not None and both.languages == ("en_US", "de_DE")
    assert wrong("The Brücke is schön and the bridgge is old.", both) == ["bridgge"]
    # Suggestions come from both, each one's best first.
    assert "bridge" in both.suggest("bridgge")


def test_missing_dictionary_is_reported_with_how_to_install_it() -> None:
    opened = open_checker(["xx_YY"])
    assert opened.checker is None
    assert opened.problem is not None and "hunspell-xx-yy" in opened.problem
    partly = open_checker(["en_US", "xx_YY"])
    assert partly.checker is not None and partly.checker.languages == ("en_US",)
    assert partly.missing == ("xx_YY",)


def test_personal_words_are_accepted_and_kept_in_a_plain_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "spelling-words.txt"
    personal = PersonalWords(path)
    checker = open_checker(["en_US"], personal).checker
    assert checker is not None
    assert wrong("Blogdeskish and zorgle.", checker) == ["Blogdeskish", "zorgle"]
    personal.add("Blogdeskish")
    personal.add("zorgle")
    personal.add("zorgle")  # once
    assert path.read_text(encoding="utf-8") == "Blogdeskish\nzorgle\n"
    assert wrong("Blogdeskish and zorgle, Zorgle, blogdeskish.", checker) == ["blogdeskish"]
    assert list(tmp_path.joinpath("config").iterdir()) == [path]  # no temporary file left


def test_the_word_list_keeps_what_the_author_wrote(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("# my words\nfoo", encoding="utf-8")
    personal = PersonalWords(path)
    assert "foo" in personal and "# my words" not in personal and len(personal) == 1
    personal.add("bar")
    assert path.read_text(encoding="utf-8") == "# my words\nfoo\nbar\n"


def test_ignored_words_are_not_reported(english: SpellChecker) -> None:
    spans = misspellings("zorgle and Zorgle", english, ignore={"zorgle"})
    assert [s.word for s in spans] == ["Zorgle"]


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        ("de_DE", ["de_DE"]),
        ("en-us", ["en_US"]),
        ("en_US, de_DE", ["en_US", "de_DE"]),
        (["en_US", "de-de", "en_US"], ["en_US", "de_DE"]),
        ("fr", ["fr"]),
        ("", []),
        (None, []),
        (42, []),
        ({"a": 1}, []),
        ("!!", []),
        ("english", []),
    ],
)
def test_parse_languages(value: object, tags: list[str]) -> None:
    assert parse_languages(value) == tags


def test_language_order_post_then_blog_then_preference_then_system() -> None:
    assert choose_languages("de_DE", "fr", "en_GB", "it_IT") == ["de_DE"]
    assert choose_languages(None, "fr", "en_GB", "it_IT") == ["fr"]
    assert choose_languages("", None, "en_GB, de_DE", "it_IT") == ["en_GB", "de_DE"]
    assert choose_languages(None, None, "", "it_IT") == ["it_IT"]


def test_system_language_from_the_environment() -> None:
    assert system_language({"LANG": "de_DE.UTF-8"}) == "de_DE"
    assert system_language({"LC_ALL": "fr_CA.UTF-8", "LANG": "de_DE.UTF-8"}) == "fr_CA"
    assert system_language({"LANG": "C.UTF-8"}) == "en_US"
    assert system_language({}) == "en_US"


def test_match_dictionary() -> None:
    available = ["de_AT", "de_DE", "en_US", "fr", "fr_CA"]
    assert match_dictionary("de_DE", available) == "de_DE"
    assert match_dictionary("de_CH", available) == "de_DE"
    assert match_dictionary("de", available) == "de_DE"
    assert match_dictionary("fr_BE", available) == "fr"
    assert match_dictionary("en_GB", available) == "en_US"
    assert match_dictionary("it_IT", available) is None
