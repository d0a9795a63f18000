"""Laws every simulation obeys, over whole scenarios drawn by sim.strategies.scenarios()."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given, settings

from sim.engine import simulate
from sim.scenario import Scenario
from sim.scenario.dump import scenario_toml
from sim.scenario.schema import OutcomeName, RouteName, ScenarioFile
from sim.strategies import scenario_files, scenarios

pytestmark = pytest.mark.property

# The documented routes and outcomes (docs/scenarios.md), as the schema spells them.
ROUTES = frozenset(get_args(RouteName))
OUTCOMES = frozenset(get_args(OutcomeName))
# Outcomes in which no handler process was started (docs/scenarios.md).
NOTHING_STARTED = frozenset({"rendered", "saved", "nothing"})


@settings(max_examples=150)
@given(scenarios())
def test_a_scenario_simulates_to_the_same_trace_every_time(scenario: Scenario) -> None:
    """Simulating a scenario twice, or its text loaded again, gives the same trace bytes."""
    first = simulate(scenario).to_json_line()
    assert simulate(scenario).to_json_line() == first
    again = Scenario.from_toml(scenario_toml(scenario.file))
    assert simulate(again).to_json_line() == first


@settings(max_examples=150)
@given(scenarios())
def test_every_trace_ends_in_exactly_one_outcome(scenario: Scenario) -> None:
    """A trace has one route and one outcome from docs/scenarios.md sets, consistent with its
    launches, and every step cites a source."""
    trace = simulate(scenario)
    assert trace.route in ROUTES and trace.outcome in OUTCOMES
    if trace.outcome == "launched":
        assert trace.launches
    if trace.outcome in NOTHING_STARTED:
        assert not trace.launches
    assert all(event.source for event in trace.events)
    assert trace.expect.passed  # drawn scenarios pin no [expect]


@given(scenario_files())
def test_a_scenario_written_as_toml_loads_back_unchanged(file: ScenarioFile) -> None:
    """scenario_toml(f) loads to a model equal to f (sim.scenario.dump)."""
    assert Scenario.from_toml(scenario_toml(file)).file.model_dump() == file.model_dump()
