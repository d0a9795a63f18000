# The whole set-up: `make run` and `make test` (README.md). Only python3 is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench fuzz clean gallery-apps docs docs-generate chromium mermaid

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

test: lint chromium mermaid $(VENV)/.installed-docs
	$(BIN)/python -m pytest -q

# Headless Chromium for the browser tests (tests/test_report_browser.py, test_dialogs_browser.py,
# test_mermaid_browser.py): installed from Debian when missing and we are root; otherwise
# nothing (the tests then skip and say why, or fail under INVOKESIM_REQUIRE_BROWSER=1, as
# .ci/run sets it).
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
	  >/dev/null 2>&1; } || echo "chromium not installed: the real-browser test will skip"

# Mermaid for tests/test_mermaid_browser.py and the docs site (served from the site
# itself, no CDN): the npm package at a pinned version, its tarball checked against npm's
# integrity value, unpacked into .cache/mermaid. Without npm (and not root to install it
# from Debian) nothing is fetched and the Mermaid test skips, unless INVOKESIM_REQUIRE_BROWSER=1.
MERMAID_VERSION   := 11.17.2
MERMAID_INTEGRITY := sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhMRD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg==
MERMAID_DIR       := .cache/mermaid
MERMAID_TGZ       := $(MERMAID_DIR)/mermaid-$(MERMAID_VERSION).tgz
MERMAID_JS        := $(MERMAID_DIR)/package/dist/mermaid.min.js

mermaid:
	@[ -f $(MERMAID_JS) ] || command -v npm >/dev/null 2>&1 || \
	{ [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } \
	  >/dev/null 2>&1; } || true
	@if [ -f $(MERMAID_JS) ]; then :; elif command -v npm >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory $(MERMAID_JS); \
	else echo "npm not installed: the Mermaid test will skip"; fi

$(MERMAID_JS):
	mkdir -p $(MERMAID_DIR)
	cd $(MERMAID_DIR) && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null
	$(PYTHON) -c "import base64, hashlib, sys; \
	  got = 'sha512-' + base64.b64encode(hashlib.sha512(open(sys.argv[1], 'rb').read()).digest()).decode(); \
	  sys.exit(0 if got == sys.argv[2] else f'{sys.argv[1]}: integrity {got}, expected {sys.argv[2]}')" \
	  $(MERMAID_TGZ) $(MERMAID_INTEGRITY)
	tar -xzf $(MERMAID_TGZ) -C $(MERMAID_DIR) --wildcards package/LICENSE package/package.json \
	  package/dist/mermaid.min.js package/dist/mermaid.esm.min.mjs \
	  'package/dist/chunks/mermaid.esm.min/*.mjs'
	rm -f $(MERMAID_TGZ)
	touch $@

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $@

# The generated pages (docs/generated/) are committed; tests/test_docs.py fails when stale.
docs-generate: $(VENV)/.installed-test
	$(BIN)/python -m sim.app.docgen docs/generated

docs: $(VENV)/.installed-docs docs-generate mermaid
	rm -rf docs/_static/mermaid && mkdir -p docs/_static/mermaid
	cp -r $(MERMAID_DIR)/package/LICENSE $(MERMAID_DIR)/package/dist/mermaid.esm.min.mjs \
	  $(MERMAID_DIR)/package/dist/chunks docs/_static/mermaid/
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html
	@echo "docs: docs/_build/html/index.html"

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/registry_bench.py
	$(BIN)/python benchmarks/engine_bench.py
	$(BIN)/python benchmarks/cold_start.py
	$(BIN)/python benchmarks/shared_import_bench.py

# The long fuzz run, outside CI: 100,000 mutated inputs per parser (scenario TOML, .reg,
# manifests, headers, probe's response handling); figures per parser, exit 1 on a finding.
FUZZ_INPUTS ?= 100000
fuzz: $(VENV)/.installed-test
	$(BIN)/python tests/property/fuzz_run.py --inputs $(FUZZ_INPUTS)

# Re-publish the ClickOnce apps the gallery serves (real digests; tests check they are current).
gallery-apps: $(VENV)/.installed
	$(BIN)/python tests/gallery_apps.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache docs/_build \
	  docs/_static/mermaid .cache
