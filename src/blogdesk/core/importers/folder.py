"""`blogdesk import folder DIR`: a Jekyll or Hugo site's posts → the library, unchanged.

Jekyll keeps posts in `_posts/` (drafts in `_drafts/`), Hugo in `content/`, where a folder with an
`index.md` is a page bundle: the post and its images. Files are copied byte for byte (BlogDesk reads
YAML and TOML front matter as it is) and bundles stay together. The one exception: a Jekyll draft
whose front matter would otherwise make it count as published gets `status: draft` (or its
`published:` flag set to false), a one-line edit, so that importing never publishes a draft.
A name already taken in the library gets `-2`, `-3`…; a file or bundle already there with the same
bytes is left alone, so importing the same folder twice changes nothing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from blogdesk.core.errors import BlogDeskError, PostFormatError
from blogdesk.core.fsutil import atomic_write, fsync_dir
from blogdesk.core.importers.report import ImportReport
from blogdesk.core.library.library import Library
from blogdesk.core.post.frontmatter import decode_post_bytes
from blogdesk.core.post.naming import MARKDOWN_SUFFIXES
from blogdesk.core.post.post import Post
from blogdesk.core.progress import CancelToken, Progress, ProgressCallback

__all__ = ["import_folder"]

_BUNDLE_INDEX = ("index.md", "index.markdown")
_SECTION_INDEX = ("_index.md", "_index.markdown")


@dataclass(frozen=True)
class _Unit:
    """One post to import: a Markdown file, or a bundle folder holding `index.md`."""

    source: Path
    target: PurePosixPath  # where it goes, relative to the library root
    bundle: bool
    label: str  # the source path relative to the site folder, for progress and the report
    draft: bool = False  # from Jekyll's `_drafts/`: must come in as a draft


@dataclass(frozen=True)
class _Root:
    folder: Path
    prefix: PurePosixPath  # where its posts go in the library
    site: Path  # the folder being imported: report names are relative to it
    draft: bool = False


def _roots(source: Path) -> list[_Root]:
    """The post folders of a site and where their posts go in the library."""
    if (source / "_posts").is_dir():  # Jekyll
        roots = [_Root(source / "_posts", PurePosixPath("."), source)]
        if (source / "_drafts").is_dir():
            roots.append(_Root(source / "_drafts", PurePosixPath("drafts"), source, True))
        return roots
    if (source / "content").is_dir():  # Hugo
        return [_Root(source / "content", PurePosixPath("."), source)]
    return [_Root(source, PurePosixPath("."), source)]


def _units(source: Path, report: ImportReport) -> list[_Unit]:
    units: list[_Unit] = []
    for root in _roots(source):
        units.extend(_walk(root.folder, root, report))
    return units


def _walk(folder: Path, root: _Root, report: ImportReport) -> Iterator[_Unit]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        report.warn(str(folder), f"cannot read this folder: {exc.strerror}")
        return
    names = {e.name.lower() for e in entries}
    rel = PurePosixPath(folder.relative_to(root.folder).as_posix())
    if folder != root.folder and any(n in names for n in _BUNDLE_INDEX):
        yield _Unit(folder, root.prefix / rel, True, _label(folder, root), root.draft)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        item = _label(Path(entry.path), root)
        if entry.is_symlink():
            report.skip(item, "a symbolic link (only real files are copied)")
        elif entry.is_dir():
            yield from _walk(Path(entry.path), root, report)
        elif entry.name.lower() in _SECTION_INDEX:
            report.skip(item, "a Hugo section page (_index.md), not a post")
        elif entry.name.lower().endswith(MARKDOWN_SUFFIXES):
            yield _Unit(Path(entry.path), root.prefix / rel / entry.name, False, item, root.draft)
        else:
            report.skip(item, "not a Markdown post (images belong in a page bundle)")


def _label(path: Path, root: _Root) -> str:
    return path.relative_to(root.site).as_posix()


def import_folder(
    library: Library,
    source: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Copy the posts of the Jekyll/Hugo site (or plain folder) `source` into `library`."""
    source = Path(source).expanduser().resolve()
    report = report if report is not None else ImportReport()
    report.source = str(source)
    if not source.is_dir():
        raise BlogDeskError(f"There is no folder at {source}.")
    if source == library.root or library.root in source.parents:
        raise BlogDeskError("That folder is inside the library already; choose another one.")
    units = _units(source, report)
    try:
        for done, unit in enumerate(units, start=1):
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                break
            if progress is not None:
                progress(Progress(message=unit.label, done=done, total=len(units)))
            try:
                _import_unit(library.root, unit, report)
            except OSError as exc:
                report.skip(unit.label, f"could not be copied: {exc.strerror or exc}")
    finally:
        library.refresh()
    return report


def _import_unit(root: Path, unit: _Unit, report: ImportReport) -> None:
    post_file = _bundle_index(unit.source) if unit.bundle else unit.source
    data = post_file.read_bytes()
    try:
        post = Post.parse(decode_post_bytes(data, post_file), post_file)
    except PostFormatError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        report.skip(unit.label, f"not imported: {exc.reason}{where}")
        return
    if unit.draft and post.status != "draft":
        # Jekyll never publishes `_drafts/`, but front matter without a status reads as
        # published here: mark it, changing only that line.
        post.status = "draft"
        data = post.dumps().encode("utf-8")
    contents = _contents(unit, post_file, data)
    target = root / unit.target
    for candidate in _candidates(target, unit.bundle):
        if not candidate.exists() and not _taken_ignoring_case(candidate):
            _copy(unit, contents, candidate)
            report.imported.append(_rel(root, candidate, unit.bundle))
            return
        if _same(unit, contents, candidate):
            rel = _rel(root, candidate, unit.bundle)
            report.unchanged.append(rel)
            # Named with the rest of the skips, so the summary accounts for every file.
            report.skip(f"{unit.label} → {rel}", "already in the library, unchanged")
            return


def _contents(unit: _Unit, post_file: Path, data: bytes) -> dict[str, bytes]:
    """What to write: relative path → bytes (`""` for a single file), the post as `data`."""
    if not unit.bundle:
        return {"": data}
    files = _files(unit.source)
    files[post_file.relative_to(unit.source).as_posix()] = data
    return files


def _rel(root: Path, target: Path, bundle: bool) -> str:
    post = _bundle_index(target) if bundle else target
    return post.relative_to(root).as_posix()


def _bundle_index(folder: Path) -> Path:
    for name in _BUNDLE_INDEX:
        for entry in folder.iterdir():
            if entry.name.lower() == name:
                return entry
    return folder / "index.md"


def _candidates(target: Path, bundle: bool) -> Iterator[Path]:
    yield target
    stem, suffix = (target.name, "") if bundle else (target.stem, target.suffix)
    number = 2
    while True:
        yield target.with_name(f"{stem}-{number}{suffix}")
        number += 1


def _taken_ignoring_case(candidate: Path) -> bool:
    """Another entry whose name differs only in case: the same on macOS and Windows."""
    try:
        names = os.listdir(candidate.parent)
    except FileNotFoundError:
        return False
    wanted = candidate.name.casefold()
    return any(name.casefold() == wanted for name in names)


def _files(folder: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for current, dirs, files in os.walk(folder):
        dirs.sort()
        for name in files:
            path = Path(current) / name
            if not path.is_symlink():
                found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def _same(unit: _Unit, contents: dict[str, bytes], candidate: Path) -> bool:
    """True when `candidate` in the library already holds exactly what `unit` would copy."""
    try:
        if unit.bundle:
            return candidate.is_dir() and _files(candidate) == contents
        return candidate.is_file() and candidate.read_bytes() == contents[""]
    except OSError:
        return False


def _copy(unit: _Unit, contents: dict[str, bytes], target: Path) -> None:
    """Write a file atomically, or a bundle into a hidden folder renamed into place at the end, so
    a cancelled or failed import never leaves half a bundle."""
    if not unit.bundle:
        atomic_write(target, contents[""])
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.importing")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for rel, data in contents.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    fsync_dir(target.parent)
