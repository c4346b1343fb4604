"""The installed package: every subpackage listed in pyproject.toml, the bundled files from the
top-level resources/ folder found from a wheel installed into a fresh environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _declared() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["tool"]["setuptools"]


def test_every_package_folder_is_listed_in_pyproject() -> None:
    on_disk = {
        ".".join(init.parent.relative_to(ROOT / "src").parts)
        for init in (ROOT / "src" / "blogdesk").rglob("__init__.py")
    }
    on_disk.add("blogdesk.resources")
    assert set(_declared()["packages"]) == on_disk  # type: ignore[arg-type]


def test_resources_live_at_the_top_of_the_repository() -> None:
    assert _declared()["package-dir"] == {"": "src", "blogdesk.resources": "resources"}
    assert (ROOT / "resources" / "welcome.md").is_file()
    assert not (ROOT / "src" / "blogdesk" / "resources").exists()


@pytest.mark.slow
def test_wheel_in_a_fresh_environment_opens_the_welcome_post(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("blogdesk-*.whl")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # The dependencies (PySide6, Markdown, …) come from this test run's environment through a
    # plain path entry; BlogDesk itself comes only from the wheel (a .pth line adds no finders).
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    library = tmp_path / "library"
    script = (
        "import json, sys; from pathlib import Path\n"
        "import blogdesk, blogdesk.resources as r\n"
        "from blogdesk.core.library.library import Library\n"
        "root = Path(sys.argv[1]); root.mkdir()\n"
        "(root / 'welcome.md').write_bytes(r.read_bytes('welcome.md'))\n"
        "lib = Library.open(root)\n"
        "post = lib.load('welcome.md')\n"
        "print(json.dumps({'package': blogdesk.__file__, 'resources': str(r.FOLDER),"
        " 'title': post.title, 'icon': r.path('icons/blogdesk.svg').stat().st_size,"
        " 'css': len(r.read_text('preview/preview.css')),"
        " 'guide': r.read_text('help/user-guide.md').splitlines()[0],"
        " 'german': r.path('translations/blogdesk_de.qm').stat().st_size}))\n"
        "lib.close()\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    out = subprocess.run(
        [python, "-c", script, str(library)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    found = json.loads(out.stdout)
    assert found["package"].startswith(str(site))
    assert found["resources"] == str(site / "blogdesk" / "resources")
    assert found["title"] == "Welcome to BlogDesk"
    assert found["icon"] > 0 and found["css"] > 0
    assert found["guide"] == "# BlogDesk user guide"  # Help ▸ User Guide works from the wheel
    assert found["german"] > 0  # the compiled translation ships: the user needs no Qt tools


def test_the_type_stub_matches_the_resources_module() -> None:
    import ast
    import inspect

    import blogdesk.resources as module

    stub = ast.parse((ROOT / "src" / "blogdesk" / "resources.pyi").read_text("utf-8"))
    stubbed = {
        node.name: [arg.arg for arg in node.args.args]
        for node in stub.body
        if isinstance(node, ast.FunctionDef)
    }
    real = {
        name: list(inspect.signature(getattr(module, name)).parameters)
        for name in module.__all__
        if callable(getattr(module, name))
    }
    assert stubbed == real
