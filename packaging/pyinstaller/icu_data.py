"""A smaller copy of Qt's ICU data library (libicudata.so.NN, 30.6 MB in the PySide6 wheel) for
the Linux bundle: the same library with the parts of ICU's data that Qt never reads removed.

Qt Core calls ICU for four things only (the ICU functions libQt6Core imports, ``nm -D``):
case mapping (u_strToUpper/Lower: code, no data), collation (ucol_*: ``coll/``), text codecs
(ucnv_*: the ``*.cnv`` converters) and time-zone names and IDs (ucal_*: ``zone/``, the zone
tables, the locales' own data). What is dropped serves ICU's formatting and text APIs, none of
which Qt calls: unit, currency, language and region display names, spelled-out numbers,
transliteration, break-iteration rules and dictionaries, Unicode character names.
QtWebEngine is unaffected: Chromium carries its own ICU and reads its own icudtl.dat.

``python icu_data.py probe`` prints what Qt answers through ICU (collation order and sort keys,
decoded legacy encodings, the codec list, time-zone names, case mapping) as JSON; `same_answers`
runs it against the original and the smaller library and lists every difference, so the build
refuses a trimmed library that changes anything Qt can reach.

Needs icupkg and genccode (Debian: icu-devtools) and a C compiler (gcc) on the build machine.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

DROPPED_FOLDERS = ("unit/", "curr/", "lang/", "region/", "rbnf/", "translit/", "brkitr/")
DROPPED_ITEMS = ("unames.icu",)
TOOLS = {"icupkg": "icu-devtools", "genccode": "icu-devtools", "gcc": "gcc"}


class IcuDataError(Exception):
    pass


def _data_symbol(lib: bytes) -> tuple[str, int, int]:
    """(name, file offset, size) of the icudtNN_dat symbol of an ELF64 little-endian library."""
    if lib[:4] != b"\x7fELF" or lib[4] != 2 or lib[5] != 1:
        raise IcuDataError("not a 64-bit little-endian ELF library")
    (shoff,) = struct.unpack_from("<Q", lib, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", lib, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", lib, shoff + i * shentsize) for i in range(shnum)]
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link]
        for at in range(offset, offset + size, entsize):
            name_at, _, _, shndx, value, sym_size = struct.unpack_from("<IBBHQQ", lib, at)
            start = strtab[4] + name_at
            name = lib[start : lib.index(b"\0", start)].decode()
            if re.fullmatch(r"icudt\d+_dat", name):
                section = sections[shndx]
                return name, section[4] + value - section[3], sym_size
    raise IcuDataError("no icudtNN_dat symbol: not an ICU data library")


def _run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, cwd=cwd, check=False
    )
    if result.returncode != 0:
        raise IcuDataError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return result.stdout


def trim(lib: Path, workdir: Path) -> Path:
    """Writes workdir/<lib's name>: `lib` without DROPPED_FOLDERS and DROPPED_ITEMS."""
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        packages = " ".join(sorted({TOOLS[tool] for tool in missing}))
        raise IcuDataError(f"{', '.join(missing)} missing (apt-get install -y {packages})")
    data = lib.read_bytes()
    symbol, offset, size = _data_symbol(data)
    package = symbol.removesuffix("_dat") + ("l" if sys.byteorder == "little" else "b")
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    dat = workdir / f"{package}.dat"
    dat.write_bytes(data[offset : offset + size])
    items = _run("icupkg", "-l", dat, cwd=workdir).split()
    dropped = [i for i in items if i.startswith(DROPPED_FOLDERS) or i in DROPPED_ITEMS]
    if not dropped or len(dropped) == len(items):
        raise IcuDataError(f"unexpected ICU data in {lib.name}: {len(items)} items")
    (workdir / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="utf-8")
    _run("icupkg", "-r", "dropped.txt", dat.name, cwd=workdir)
    _run("genccode", "-a", "gcc", "-e", symbol.removesuffix("_dat"), dat.name, cwd=workdir)
    out = workdir / lib.name
    _run(
        "gcc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-Wl,-z,noexecstack",
        "-o", out, f"{package}_dat.S", cwd=workdir,
    )  # fmt: skip
    if _data_symbol(out.read_bytes())[0] != symbol:
        raise IcuDataError(f"the new {lib.name} does not export {symbol}")
    return out


# What Qt answers through ICU: enough inputs per API that a missing table shows.
COLLATION_LOCALES = ("de_DE", "sv_SE", "es_ES", "cs_CZ", "tr_TR", "ja_JP", "zh_CN", "ko_KR", "ar")
WORDS = ("Äpfel", "apple", "Zebra", "ångström", "ñandú", "chata", "Ölberg", "ıslak", "漢字",
         "かな", "한국", "مرحبا", "Ça", "zoo", "100", "9")  # fmt: skip
ENCODINGS = ("Shift_JIS", "EUC-JP", "ISO-2022-JP", "GB18030", "Big5", "EUC-KR", "KOI8-R",
             "windows-1251", "windows-1252", "ISO-8859-2", "IBM037", "TIS-620")  # fmt: skip
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Adelaide", "Asia/Kolkata")
NAME_LOCALES = ("en_US", "de_DE", "fr_FR", "ja_JP", "ru_RU", "ar_EG", "pt_BR")


def probe() -> dict[str, object]:
    from PySide6.QtCore import (
        QByteArray,
        QCollator,
        QLocale,
        QStringConverter,
        QStringDecoder,
        QStringEncoder,
        QTimeZone,
    )

    answers: dict[str, object] = {}
    for name in COLLATION_LOCALES:
        collator = QCollator(QLocale(name))
        answers[f"sort {name}"] = sorted(WORDS, key=functools.cmp_to_key(collator.compare))
        keys = [collator.sortKey(word) for word in WORDS]
        answers[f"keys {name}"] = [keys[0].compare(key) for key in keys]
        collator.setNumericMode(True)
        answers[f"numeric {name}"] = collator.compare("9", "100")
    for encoding in ENCODINGS:
        # PySide6 does not bind encode/decode of ICU's codecs; opening one (ucnv_open) is what
        # needs its table, and the name it reports is ICU's canonical name.
        encoder, decoder = QStringEncoder(encoding), QStringDecoder(encoding)
        html = QByteArray(f'<meta charset="{encoding}">'.encode())
        answers[f"codec {encoding}"] = [
            encoder.isValid(), encoder.name(), decoder.isValid(), decoder.requiredSpace(10),
            QStringDecoder.decoderForHtml(html).name(),
        ]  # fmt: skip
    answers["codecs"] = sorted(QStringConverter.availableCodecs())
    for zone in ZONES:
        tz = QTimeZone(zone.encode())
        for locale in NAME_LOCALES:
            answers[f"zone {zone} {locale}"] = [
                tz.displayName(kind, style, QLocale(locale))
                for kind in (QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.DaylightTime)
                for style in (QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName)
            ]
    for locale, text in (("tr_TR", "istanbul"), ("de_DE", "straße"), ("el_GR", "Όσο"), ("lt", "i̇")):
        answers[f"case {locale}"] = [QLocale(locale).toUpper(text), QLocale(locale).toLower(text)]
    maps = Path("/proc/self/maps").read_text(encoding="utf-8").split()
    answers["library"] = next((m for m in maps if "libicudata" in m), None)
    return answers


def _probe_with(python: str, libdir: Path | None) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if libdir is not None:
        # Ahead of the libraries' RUNPATH ($ORIGIN), so this libicudata replaces Qt's own.
        env["LD_LIBRARY_PATH"] = str(libdir)
    result = subprocess.run(
        [python, __file__, "probe"], capture_output=True, text=True, env=env, check=False
    )
    if result.returncode != 0:
        raise IcuDataError(f"the ICU probe failed: {result.stderr.strip()[-2000:]}")
    answers: dict[str, object] = json.loads(result.stdout)
    return answers


def same_answers(python: str, trimmed: Path) -> list[str]:
    """Differences between what Qt (the PySide6 of `python`) answers with its own ICU data and
    with `trimmed`; empty when there are none."""
    before = _probe_with(python, None)
    after = _probe_with(python, trimmed.parent)
    if after.pop("library") != str(trimmed.resolve()) or before.pop("library") is None:
        return [f"the probe did not load {trimmed}"]
    return [f"{key}: {before[key]!r} became {after.get(key)!r}" for key in before
            if before[key] != after.get(key)]  # fmt: skip


if __name__ == "__main__":
    if sys.argv[1:] == ["probe"]:
        print(json.dumps(probe(), ensure_ascii=False))
    elif len(sys.argv) == 3:
        # python icu_data.py LIB WORKDIR: trim and compare, as the spec does
        new = trim(Path(sys.argv[1]), Path(sys.argv[2]))
        problems = same_answers(sys.executable, new)
        print("\n".join(problems) or f"{new}: {new.stat().st_size / 2**20:.1f} MB, same answers")
        sys.exit(1 if problems else 0)
    else:
        sys.exit("usage: icu_data.py probe | icu_data.py LIBICUDATA WORKDIR")
