# The whole set-up: `make run` and `make test` (README.md). Only python3 is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench fuzz clean gallery-apps docs docs-generate chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/invokesim run scenarios/

lint: $(VENV)/.installed-test
	$(BIN)/ruff check sim tests benchmarks
	$(BIN)/mypy sim

test: lint chromium
	$(BIN)/python -m pytest -q

# Headless Chromium for tests/test_report_browser.py: installed from Debian when missing and
# we are root; otherwise nothing (the test then skips and says why). Never fails the build.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
	  >/dev/null 2>&1; } || echo "chromium not installed: the real-browser test will skip"

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $@

# The generated pages (docs/generated/) are committed; tests/test_docs.py fails when stale.
docs-generate: $(VENV)/.installed-test
	$(BIN)/python -m sim.app.docgen docs/generated

docs: $(VENV)/.installed-docs docs-generate
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	@echo "docs: docs/_build/html/index.html"

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/registry_bench.py
	$(BIN)/python benchmarks/engine_bench.py

# The long fuzz run, outside CI: 100,000 mutated inputs per parser (scenario TOML, .reg,
# manifests, headers, probe's response handling); figures per parser, exit 1 on a finding.
FUZZ_INPUTS ?= 100000
fuzz: $(VENV)/.installed-test
	$(BIN)/python tests/property/fuzz_run.py --inputs $(FUZZ_INPUTS)

# Re-publish the ClickOnce apps the gallery serves (real digests; tests check they are current).
gallery-apps: $(VENV)/.installed
	$(BIN)/python tests/gallery_apps.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache docs/_build
