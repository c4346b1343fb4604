"""The packaging recipes, checked without building anything: each file parses, the validators
the distributions use accept it, and the promises docs/install.md makes hold (per-user install,
"Open with" for Markdown but never the default, the same identifier everywhere, every package
smoke-tested on its own system). Building and installing is `make package` / `make test-package`.
"""

from __future__ import annotations

import configparser
import json
import plistlib
import re
import subprocess
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.blogdesk.BlogDesk"
SCRIPTS = ["build-bundle.sh", "build-deb.sh", "test-package.sh", "build-dmg.sh", "check-recipes.sh"]


def _run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_desktop_entry_is_valid_and_offers_markdown_without_claiming_it() -> None:
    path = PACKAGING / "linux" / f"{APP_ID}.desktop"
    result = _run("desktop-file-validate", path)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path)
    section = entry["Desktop Entry"]
    assert section["Exec"] == "blogdesk %F"
    assert section["Icon"] == APP_ID
    assert "text/markdown" in section["MimeType"].split(";")
    # A desktop entry cannot make itself the default; a mimeapps.list would. None is shipped.
    assert not list(PACKAGING.rglob("mimeapps.list"))


def test_metainfo_is_valid_appstream() -> None:
    result = _run(
        "appstreamcli", "validate", "--no-net", PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_shell_scripts_parse_fail_loudly_and_pass_shellcheck() -> None:
    for name in SCRIPTS:
        script = ROOT / "scripts" / name
        text = script.read_text(encoding="utf-8")
        assert "set -euo pipefail" in text, name
        assert _run("bash", "-n", script).returncode == 0, name
    result = _run("shellcheck", "--severity=warning", *(ROOT / "scripts" / n for n in SCRIPTS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_pyinstaller_spec_compiles_and_makes_the_windows_launcher() -> None:
    # What the spec keeps and leaves out is tested in test_bundle_rules.py.
    source = (PACKAGING / "pyinstaller" / "blogdesk.spec").read_text(encoding="utf-8")
    compile(source, "blogdesk.spec", "exec")
    assert 'name="blogdeskw"' in source  # the Windows launcher the installer's shortcuts start


def test_flatpak_manifest_parses_and_pins_every_python_dependency(tmp_path: Path) -> None:
    path = PACKAGING / "flatpak" / f"{APP_ID}.yml"
    manifest = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert manifest["app-id"] == APP_ID
    assert manifest["runtime"] == "org.kde.Platform" and manifest["sdk"] == "org.kde.Sdk"
    assert manifest["base"] == "io.qt.qtwebengine.BaseApp"
    assert manifest["base-version"] == manifest["runtime-version"]
    assert manifest["command"] == "blogdesk"
    pyside = next(m for m in manifest["modules"] if isinstance(m, dict) and m["name"] == "pyside6")
    tag = pyside["sources"][0]["tag"]
    assert tag.startswith(f"v{manifest['runtime-version']}.")  # PySide6 for the runtime's Qt
    # flatpak-builder itself reads the manifest (and the included python3-deps.json).
    # Run in tmp_path: flatpak-builder leaves its .flatpak-builder/ state folder in the cwd.
    shown = subprocess.run(
        ["flatpak-builder", "--show-manifest", str(path)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == APP_ID

    assert "python3-deps.json" in manifest["modules"]
    deps = json.loads((PACKAGING / "flatpak" / "python3-deps.json").read_text(encoding="utf-8"))
    wheels = set()
    for source in deps["sources"]:
        assert source["type"] == "file"
        assert source["url"].startswith("https://files.pythonhosted.org/")
        assert source["url"].endswith(".whl")
        assert re.fullmatch(r"[0-9a-f]{64}", source["sha256"])
        wheels.add(_normalise(Path(source["url"]).name.split("-")[0]))
    with (ROOT / "pyproject.toml").open("rb") as handle:
        required = tomllib.load(handle)["project"]["dependencies"]
    for requirement in required:
        name = _normalise(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0])
        if name != "pyside6":
            assert name in wheels, f"{name} is not pinned: run scripts/flatpak-pin-deps.py"


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_windows_installer_is_per_user_and_offers_markdown_without_claiming_it() -> None:
    script = (PACKAGING / "windows" / "blogdesk.iss").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in script.split("[Setup]")[1].split("\n[")[0].splitlines()
        if "=" in line and not line.startswith(";")
    )  # fmt: skip
    assert settings["PrivilegesRequired"] == "lowest"
    assert settings["ChangesAssociations"] == "yes"
    assert "{autoprograms}" in script  # the Start-menu entry
    assert 'Source: "..\\..\\dist\\blogdesk\\*"' in script  # the same bundle as the .deb
    registry = script.split("[Registry]")[1].split("\n[")[0]
    rows = [line for line in registry.splitlines() if line.startswith("Root:")]
    assert any("\\.md\\OpenWithProgids" in row for row in rows)
    for row in rows:
        # Never the extension's own default value, which would take .md from the user's choice.
        if re.search(r'Subkey: "Software\\Classes\\\.(md|markdown)"', row):
            raise AssertionError(f"the installer sets the default for Markdown: {row}")
        assert row.startswith("Root: HKA;")  # per-user when installed per-user


def test_macos_info_plist() -> None:
    plist = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    assert plist["CFBundleIdentifier"] == APP_ID
    assert plist["NSHighResolutionCapable"] is True
    assert plist["NSRequiresAquaSystemAppearance"] is False  # follows dark mode
    (document,) = plist["CFBundleDocumentTypes"]
    assert document["LSHandlerRank"] == "Alternate"  # offered, not the default
    assert "net.daringfireball.markdown" in document["LSItemContentTypes"]


def test_release_workflow_builds_and_smoke_tests_each_package_on_its_system() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text("utf-8"))
    jobs = workflow["jobs"]
    systems = {"linux": "ubuntu", "windows": "windows", "macos": "macos"}
    for job, runner in systems.items():
        assert jobs[job]["runs-on"].startswith(runner)
        commands = "\n".join(step.get("run", "") for step in jobs[job]["steps"])
        assert "--version" in commands or "test-package" in commands, job
        assert "--self-test" in commands or "test-package" in commands, job
    assert set(jobs["release"]["needs"]) == set(systems)
    assert jobs["release"]["if"].startswith("startsWith(github.ref, 'refs/tags/v')")
    assert workflow["permissions"] == {"contents": "read"}  # write only for the release job


def test_make_test_does_not_build_or_install_packages() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    test_rule = re.search(r"^test:(.*)$", makefile, re.MULTILINE)
    assert test_rule is not None
    assert "package" not in test_rule.group(1)
    assert re.search(r"^package:", makefile, re.MULTILINE)
    assert re.search(r"^test-package:", makefile, re.MULTILINE)
