"""`blogdesk --version` and `blogdesk --self-test`, run as a user runs them: in a new process."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from blogdesk import __version__

ROOT = Path(__file__).resolve().parents[2]


def _blogdesk(
    *args: str, code: str | None = None, python: tuple[str, ...] = (), timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """`python [PYTHON] -m blogdesk ARGS` (or `python -c CODE`), this checkout's src first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    command = (
        [sys.executable, "-c", code] if code else [sys.executable, *python, "-m", "blogdesk", *args]
    )
    return subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=timeout, cwd=ROOT, check=False
    )


def test_version_prints_the_package_version_without_loading_qt() -> None:
    # -X importtime lists every module imported on stderr: the fast path must not load Qt.
    result = _blogdesk("--version", python=("-X", "importtime"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"BlogDesk {__version__}"
    assert "PySide6" not in result.stderr
    assert "blogdesk.self_test" not in result.stderr


def test_the_version_has_one_source_of_truth() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+([ab]\d+|rc\d+)?", __version__)
    with (ROOT / "pyproject.toml").open("rb") as handle:
        pyproject = tomllib.load(handle)
    assert "version" not in pyproject["project"]  # no second copy to forget
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "blogdesk.__version__"}
    # The AppStream metadata (and so the .deb, the Flatpak and the software centres) names the
    # release: the newest <release> must be this version.
    metainfo = ET.parse(ROOT / "packaging/linux/io.github.blogdesk.BlogDesk.metainfo.xml")
    newest = metainfo.getroot().find("releases/release")
    assert newest is not None and newest.get("version") == __version__


@pytest.mark.slow
def test_self_test_opens_the_window_renders_a_post_and_exits_0() -> None:
    result = _blogdesk("--self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "blogdesk --self-test: all checks passed"
    checked = "\n".join(lines)
    for what in (
        f"BlogDesk {__version__}",
        "application icon renders",
        "window shown",
        "web preview painted the post",
        "preview shows: heading, table, highlighted code",
        "window closed, post saved",
    ):
        assert what in checked
    assert all(line.startswith(("ok    ", "blogdesk --self-test:")) for line in lines)


@pytest.mark.slow
def test_self_test_fails_with_the_reason_when_a_check_fails() -> None:
    # The same self-test, told to expect another heading than the one the preview shows.
    code = (
        "import sys\n"
        "from blogdesk import self_test\n"
        "checks = list(self_test.PAGE_CHECKS)\n"
        "what, script, _ = checks[0]\n"
        "checks[0] = (what, script, 'Another heading')\n"
        "self_test.PAGE_CHECKS = tuple(checks)\n"
        "sys.exit(self_test.main())\n"
    )
    result = _blogdesk(code=code)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "blogdesk --self-test: FAILED: the preview shows the wrong heading: "
        "'Self-test heading', expected 'Another heading'" in result.stderr
    )
    assert "all checks passed" not in result.stdout


def test_self_test_is_listed_in_help() -> None:
    result = _blogdesk("--help")
    assert result.returncode == 0
    assert "--self-test" in result.stdout and "--version" in result.stdout
