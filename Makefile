# BlogDesk's two commands: `make run` and `make test`. Both create .venv and install what they need.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test fuzz soak check lint typecheck layers pytest system-deps bench screenshot clean \
	package test-package translations

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "BlogDesk needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
		echo "Could not create a virtual environment. On Debian/Ubuntu: sudo apt-get install -y python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## Launch BlogDesk on the default library (in the user's data directory).
run: $(STAMP)
	$(VENV)/bin/blogdesk $(ARGS)

## The whole test suite: system packages, lint, types, layer contract, tests.
test: $(STAMP) system-deps check pytest

system-deps:
	@bash scripts/system-deps.sh

check: lint typecheck layers

lint: $(STAMP)
	$(VENV)/bin/ruff check src resources tests benchmarks scripts
	$(VENV)/bin/ruff format --check src resources tests benchmarks scripts

typecheck: $(STAMP)
	$(VENV)/bin/mypy

layers: $(STAMP)
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_import_cycles.py

pytest: $(STAMP)
	bash scripts/pytest.sh
	$(PY) scripts/check_error_messages.py
	$(PY) scripts/check_secrets.py

## The property tests only, with new random examples and many more of them (the "fuzz" profile in
## tests/conftest.py; `make test` uses the fixed "ci" examples). A failure prints a
## @reproduce_failure blob to replay it. More: make fuzz ARGS='--hypothesis-seed=1'.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz bash scripts/pytest.sh -m hypothesis $(ARGS)

## Crash soak: the real window killed (SIGKILL) 100 times while typing; prints its seed and figures.
## `make test` runs 5 rounds (tests/ui/test_crash_soak.py). Replay: make soak ARGS='--seed N'.
soak: $(STAMP)
	$(PY) -m tests.ui.crash_soak --rounds 100 $(ARGS)

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

screenshot: $(STAMP)
	$(PY) scripts/screenshot.py docs/screenshot.png

## The window's translations: the .ts files brought in step with the sources, compiled to the
## .qm files the application loads (both committed). docs/translating.md.
translations: $(STAMP)
	$(PY) scripts/translations.py update
	$(PY) scripts/translations.py compile

## The installable packages of this machine's system: the PyInstaller bundle (dist/blogdesk/, in
## its own build/venv-pkg) and, on Debian/Ubuntu, dist/blogdesk_VERSION_ARCH.deb. docs/install.md.
package:
	PYTHON=$(PYTHON) bash scripts/build-bundle.sh
	bash scripts/check-recipes.sh
	bash scripts/build-deb.sh

## Installs the .deb (root), runs /usr/bin/blogdesk --version, --self-test and list, validates the
## desktop entry and metainfo, removes it. Not part of `make test`.
test-package:
	bash scripts/test-package.sh

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
