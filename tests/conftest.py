"""Fixtures shared by every test package.

Qt's environment must be set before PySide6 is imported anywhere.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

# The real window runs offscreen. CI runs as root, where QtWebEngine's sandbox refuses to start and
# the process exits before pytest can print a summary; --disable-gpu makes offscreen start leaner.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu")
# Tests never touch the developer's real keyring: tests that need one install an in-memory backend.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
# The window speaks English in tests whatever the machine's locale (tests compare its English text);
# also for the processes tests start. tests/ui/test_translations.py loads German on purpose.
os.environ["BLOGDESK_LANGUAGE"] = "en"

# Hypothesis draws the same examples on every run and every machine unless asked otherwise: a red
# `make test` must be red again on the next run and on a fresh clone, not only on the machine
# that happened to draw the bad value. "ci" is the default everywhere, CI or not; `make fuzz`
# (HYPOTHESIS_PROFILE=fuzz) explores new random examples, many more of them. A failure prints
# the `@reproduce_failure` blob (print_blob) so it can be replayed exactly.
settings.register_profile(
    "ci",
    derandomize=True,  # examples from the test's own name: the same set on every run
    max_examples=100,
    deadline=None,  # the machine is shared: wall-clock limits would make results depend on load
    print_blob=True,
    database=None,  # derandomized runs have nothing to replay from a database
    # Timing is not determinism: "too slow" depends on the machine's load, not on the code.
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    max_examples=2_000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_finish(session: pytest.Session) -> None:
    """Derandomized is not yet deterministic: Hypothesis also draws from a pool of constants it
    reads from the project's modules *imported so far*, and BlogDesk imports many modules
    lazily, so which tests ran first (random order) changed the examples a test got — a CI run
    went red on an example other orders never drew. In the "ci" profile every BlogDesk module
    is imported once here and the pool is frozen: the same examples whatever the order."""
    if os.environ.get("HYPOTHESIS_PROFILE", "ci") != "ci":
        return
    import importlib
    import pkgutil

    import blogdesk

    for module in pkgutil.walk_packages(blogdesk.__path__, "blogdesk."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # a Hypothesis without the pool: nothing to freeze
        return
    collect = getattr(providers, "_get_local_constants", None)
    if collect is not None:
        pool = collect()
        providers._get_local_constants = lambda: pool  # type: ignore[attr-defined]


# Shared fixtures: an in-memory keyring backend, and the real servers on loopback (WordPress,
# Ghost, Micropub) as session fixtures.
pytest_plugins = [
    "tests.memory_keyring",
    "tests.run_record",  # error messages met and secrets handed out, for the checks after pytest
    "tests.servers.wordpress_fixture",
    "tests.servers.ghost_fixture",
    "tests.servers.micropub_fixture",
    "tests.sign_in_site",  # `site`: a loopback IndieAuth/OAuth sign-in site
]


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test gets its own data/config/cache/state folders instead of the user's."""
    base = tmp_path_factory.mktemp("userdirs")
    for name in ("DATA", "CONFIG", "CACHE", "STATE"):
        monkeypatch.setenv(f"BLOGDESK_{name}_DIR", str(base / name.lower()))
    monkeypatch.delenv("BLOGDESK_LIBRARY", raising=False)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """Repeat the test order's seed and the Hypothesis profile at the end, next to the result, so
    a failure that depends on the order or the examples can be replayed (pytest-randomly prints
    the seed in the header too, but -q hides the header and long logs bury it)."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int):
        terminalreporter.write_line(
            f"Test order: --randomly-seed={seed} (add it to the command to replay this order; "
            "-p no:randomly runs in file order)"
        )
    terminalreporter.write_line(f"Hypothesis profile: {settings.get_current_profile_name()}")
