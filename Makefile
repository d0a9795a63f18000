# The whole set-up: `make run` and `make test` (README.md). Only python3 is needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test lint bench clean gallery-apps

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

test: lint
	$(BIN)/python -m pytest -q

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	touch $@

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/registry_bench.py
	$(BIN)/python benchmarks/engine_bench.py

# Re-publish the ClickOnce apps the gallery serves (real digests; tests check they are current).
gallery-apps: $(VENV)/.installed
	$(BIN)/python tests/gallery_apps.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .pytest_cache .ruff_cache
