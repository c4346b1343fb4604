"""Post files whose names came from elsewhere (another machine, an import, a pull, a zip): any
script, characters Windows forbids, device names, control characters, macOS's decomposed accents
and names that are not UTF-8 at all. Each is read, indexed, searched and saved without loss."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from blogdesk.core.history.store import LibraryHistory
from blogdesk.core.library.library import Library
from blogdesk.core.library.scan import NAME_NOT_UTF8
from blogdesk.core.post.naming import check_file_name

NFD_CAFE = unicodedata.normalize("NFD", "café")

# Names a Linux file system accepts and another system (or an import) may have written.
ODD_NAMES = [
    "日本語のタイトル.md",
    "مرحبا بالعالم.md",
    "🎉 party 👩‍👩‍👧.md",
    "नमस्ते.md",
    f"{NFD_CAFE} au lait.md",  # decomposed, as a Mac writes it
    'what? a:b "c" <d> |e| *f*.md',  # every character Windows forbids but the slash
    "back\\slash.md",
    "CON.md",
    "lpt1.markdown",
    "trailing dots....md",
    "new\nline.md",
    "tab\tand\x1bescape.md",
    "ж" * 120 + ".md",  # 243 bytes
]


def _post(title: str, body: str) -> bytes:
    return f"---\ntitle: {title}\n---\n\n{body}\n".encode()


@pytest.fixture
def odd_library(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    root.mkdir()
    for number, name in enumerate(ODD_NAMES):
        (root / name).write_bytes(_post(f"Post {number}", f"marker{number}end words"))
    return root


def test_odd_names_are_indexed_searched_loaded_and_saved_in_place(odd_library: Path) -> None:
    with Library.open(odd_library) as lib:
        assert lib.problems() == []
        assert sorted(s.path for s in lib.posts()) == sorted(ODD_NAMES)
        for number, name in enumerate(ODD_NAMES):
            [hit] = lib.search(f"marker{number}end")
            assert hit.summary.path == name
            post = lib.load(hit.summary.path)
            assert post.title == f"Post {number}"
            post.body = f"marker{number}end words\n\nEdited here.\n"
            lib.save(post)
            assert (odd_library / name).read_bytes() == _post(
                f"Post {number}", f"marker{number}end words\n\nEdited here."
            )
        assert sorted(os.listdir(odd_library)) == sorted([*ODD_NAMES, ".blogdesk"])
        lib.rebuild_index()
        assert lib.count() == len(ODD_NAMES) and lib.problems() == []


def test_a_decomposed_name_is_found_by_its_composed_spelling(tmp_path: Path) -> None:
    nfd = f"{NFD_CAFE}.md"
    (tmp_path / nfd).write_bytes(_post("Café", "Coffee."))
    nfc = unicodedata.normalize("NFC", nfd)
    assert nfc != nfd and not (tmp_path / nfc).exists()  # two names to Linux
    with Library.open(tmp_path) as lib:
        post = lib.load(nfc)  # typed on a Linux or Windows keyboard
        assert post.path == tmp_path / nfd
        post.body = "Coffee, saved."
        lib.save(post)
        again = lib.load(tmp_path / nfc)
        again.body = "Coffee, saved again."
        lib.save(again)
        assert sorted(os.listdir(tmp_path)) == [".blogdesk", nfd]  # no NFC twin appeared
        assert lib.summary(nfc) is not None
        # A new post titled the same gets a suffix: macOS and Windows see one name.
        created = lib.create("Café")
        assert created.path is not None and created.path.name == "café-2.md"


def test_a_name_that_is_not_utf8_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    root = os.fsencode(tmp_path)
    latin1 = root + b"/caf\xe9.md"  # Latin-1, from an old Windows zip
    with open(latin1, "wb") as handle:
        handle.write(_post("Old", "From an old machine."))
    os.mkdir(root + b"/\xff folder")
    with open(root + b"/\xff folder/inside.md", "wb") as handle:
        handle.write(_post("Inside", "In a folder with a broken name."))
    (tmp_path / "fine.md").write_bytes(_post("Fine", "A normal post."))
    with Library.open(tmp_path) as lib:
        assert [s.title for s in lib.posts()] == ["Fine"]
        problems = {p.path: p.message for p in lib.problems()}
        assert problems == {"caf\\xe9.md": NAME_NOT_UTF8, "\\xff folder/inside.md": NAME_NOT_UTF8}
        assert NAME_NOT_UTF8.startswith("the file name is not valid UTF-8")
        assert not lib.refresh().changed  # listed once, not again at every refresh
        lib.rebuild_index()
        assert len(lib.problems()) == 2
    with open(latin1, "rb") as handle:
        assert handle.read() == _post("Old", "From an old machine.")  # left alone


def test_colliding_titles_get_suffixes_that_every_system_accepts(tmp_path: Path) -> None:
    titles = ["Hello?", "Hello!", "HELLO", "hello…", "CON", "Con", "日本", "日本!"]
    with Library.open(tmp_path) as lib:
        names = [p.path.name for p in (lib.create(t) for t in titles) if p.path]
    assert names == [
        "hello.md",
        "hello-2.md",
        "hello-3.md",
        "hello-4.md",
        "con-post.md",
        "con-post-2.md",
        "日本.md",
        "日本-2.md",
    ]
    for name in names:
        assert check_file_name(name) == name


def test_the_history_keeps_posts_whatever_their_names(odd_library: Path) -> None:
    root = os.fsencode(odd_library)
    with open(root + b"/caf\xe9.md", "wb") as handle:  # not UTF-8: git stores its bytes
        handle.write(_post("Old", "From an old machine."))
    history = LibraryHistory.open(odd_library)
    try:
        assert history.commit("Everything") is not None
        files = history.files_at(history.commit_object(history.head()).tree)
        assert set(files) == {
            *ODD_NAMES,
            os.fsdecode(root + b"/caf\xe9.md")[len(str(odd_library)) + 1 :],
        }
        for name in files:
            assert history.read(name) == (odd_library / name).read_bytes()
        assert history.commit("Nothing changed") is None
    finally:
        history.close()
