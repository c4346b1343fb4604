"""BlogDesk as a user installs it, for the start-up benchmarks: the wheel built from this checkout
and installed into a fresh environment, with its own `blogdesk` script.

A development checkout runs through setuptools' editable install, whose import finder (a `.pth`
file run at every interpreter start) costs 16-25 ms of each launch that a wheel, the .deb and the
bundle do not have. The dependencies (PySide6, Markdown, …) come from this environment through a
plain path entry: a path line in a `.pth` file runs no code and adds no finder.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """#!{python}
import sys
from blogdesk.__main__ import main
sys.exit(main())
"""


def install_wheel(work: Path) -> list[str]:
    """The command that runs the `blogdesk` script of a wheel installed under `work`."""
    wheels = work / "wheels"
    build = ["wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)]
    subprocess.run(
        [sys.executable, "-m", "pip", *build],
        check=True,
        capture_output=True,
        cwd=work,
    )
    (wheel,) = wheels.glob("blogdesk-*.whl")
    env_dir = work / "installed"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # pip compiles the bytecode at install, as it does for a user.
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, str(wheel)],
        check=True,
        capture_output=True,
    )
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    script = env_dir / "bin" / "blogdesk"
    script.write_text(SCRIPT.format(python=python))
    script.chmod(0o755)
    return [str(script)]
