"""Shared test set-up: hypothesis profiles (``ci`` is derandomized and bounded), pytester."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=100,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# pytester runs pytest inside the tests (tests/test_pytest_plugin.py).
pytest_plugins = ["pytester"]

# Scenario files under tests/data are fixtures (some deliberately invalid), never tests:
# sim.app.pytest_plugin collects what is under a path given on the command line, so keep
# `pytest tests/` from collecting them.
collect_ignore = ["data"]
