"""Hostile input: each parser raises only its documented errors, fast enough for CI.

The long run is ``make fuzz`` (``tests/property/fuzz_run.py``); these tests draw a few
hundred mutated inputs per parser from the same targets (``fuzz_targets.py``), so a
regression in any parser's error set fails CI.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.property.fuzz_targets import HEADERS, MANIFEST, PROBE, REG, SCENARIO, Target, mutate

pytestmark = pytest.mark.property

_FAST = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


def _mutated(target: Target) -> st.SearchStrategy[bytes]:
    """A seed of ``target`` mutated from a hypothesis-chosen random seed."""
    return st.builds(lambda seed, number: mutate(seed, random.Random(number), target.tokens),
                     st.sampled_from(target.seeds()), st.integers(0, 2**32))


@_FAST
@given(st.one_of(_mutated(SCENARIO), st.binary(max_size=300)))
def test_scenario_toml_raises_only_scenario_errors(data: bytes) -> None:
    """Loading and simulating any TOML text raises ScenarioError or nothing."""
    SCENARIO.check(data)


@_FAST
@given(st.one_of(_mutated(REG), st.binary(max_size=300)))
def test_reg_files_raise_only_reg_import_errors(data: bytes) -> None:
    """Decoding and importing any .reg bytes raises RegImportError or nothing."""
    REG.check(data)


@_FAST
@given(st.one_of(_mutated(MANIFEST), st.binary(max_size=300)))
def test_manifests_raise_only_manifest_errors(data: bytes) -> None:
    """Parsing any manifest bytes raises ManifestUnreadable, ManifestInvalid, XmlRefused."""
    MANIFEST.check(data)


@_FAST
@given(st.one_of(_mutated(HEADERS), st.binary(max_size=300)))
def test_header_parsers_are_total(data: bytes) -> None:
    """The header parsers return a value for any header text."""
    HEADERS.check(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_mutated(PROBE), st.binary(max_size=200)))
def test_probe_raises_only_probe_errors(data: bytes) -> None:
    """Any bytes a server answers make the probe return or raise ProbeError/ScenarioError."""
    PROBE.check(data)
