#!/usr/bin/env python3
"""Writes packaging/flatpak/python3-deps.json: BlogDesk's Python dependencies as one Flatpak
module of pinned wheels (URL + sha256), installed offline inside the build sandbox.

    python3 scripts/flatpak-pin-deps.py            # re-pin after changing pyproject.toml

pip resolves the dependencies of pyproject.toml (all but PySide6, which the manifest builds
against the runtime's Qt) for the runtime's Python and architecture, without installing
anything (`pip install --dry-run --report`), and the report gives each file's URL and sha256.
Wheels only: a pinned wheel builds the same every time and needs no compiler in the sandbox.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "packaging" / "flatpak" / "python3-deps.json"

# The Python of the Flatpak runtime (org.kde.Platform 6.11 is built on freedesktop 25.08).
RUNTIME_PYTHON = "3.13"
ARCHES = {"x86_64": "manylinux_2_28_x86_64", "aarch64": "manylinux_2_28_aarch64"}
# Built from source by the manifest against the runtime's Qt, so never a wheel.
NOT_FROM_WHEELS = {"pyside6"}


def requirements() -> list[str]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        deps = tomllib.load(handle)["project"]["dependencies"]
    keep = []
    for dep in deps:
        name = re.split(r"[<>=!~;\[ ]", dep, maxsplit=1)[0].strip().lower()
        if name not in NOT_FROM_WHEELS:
            keep.append(dep.split(";")[0].strip())
    return keep


def resolve(platform: str) -> list[dict[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [sys.executable, "-m", "pip", "--isolated", "install", "--quiet", "--dry-run",
             "--index-url", "https://pypi.org/simple", "--ignore-installed",
             "--only-binary=:all:", "--platform", platform, "--python-version", RUNTIME_PYTHON,
             "--implementation", "cp", "--target", str(Path(tmp) / "unused"),
             "--report", str(report), *requirements()],
            check=True,
        )  # fmt: skip
        installs = json.loads(report.read_text())["install"]
    files = []
    for item in installs:
        info = item["download_info"]
        files.append(
            {
                "name": item["metadata"]["name"],
                "url": info["url"],
                "sha256": info["archive_info"]["hashes"]["sha256"],
            }
        )
    return sorted(files, key=lambda f: f["name"].lower())


def module() -> dict[str, object]:
    sources: list[dict[str, object]] = []
    names: set[str] = set()
    per_arch = {arch: resolve(platform) for arch, platform in ARCHES.items()}
    shared = set.intersection(*({f["url"] for f in files} for files in per_arch.values()))
    seen: set[str] = set()
    for arch, files in per_arch.items():
        for file in files:
            names.add(file["name"])
            source: dict[str, object] = {
                "type": "file",
                "url": file["url"],
                "sha256": file["sha256"],
            }
            if file["url"] not in shared:
                source["only-arches"] = [arch]  # a compiled wheel for this architecture only
            elif file["url"] in seen:
                continue
            seen.add(file["url"])
            sources.append(source)
    return {
        "name": "python3-deps",
        "buildsystem": "simple",
        "build-commands": [
            "pip3 install --verbose --exists-action=i --no-index --find-links=file://${PWD}"
            " --prefix=${FLATPAK_DEST} --no-build-isolation " + " ".join(sorted(names))
        ],
        "sources": sources,
    }


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(module(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
