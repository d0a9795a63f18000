"""Loading a scenario is total: any text gives a Scenario or a ScenarioError, nothing else."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.errors import ScenarioError
from sim.scenario import Scenario
from sim.strategies import scenario_texts

pytestmark = pytest.mark.property

_KEYS = ["scenario", "title", "machine", "os", "browser", "name", "version", "web", "url",
         "status", "headers", "expect", "route", "zones", "policies", "tittle", "launch", "argv"]
_scalars = st.one_of(st.integers(-2, 700), st.booleans(), st.sampled_from(
    ["edge", "windows-10", "ie", "x", "", "intranet", "direct-invoke", "87"]))
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.sampled_from(_KEYS), inner, max_size=4)),
    max_leaves=10,
)


def _inline(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_inline(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def _outcome(text: str) -> None:
    try:
        Scenario.from_toml(text)
    except ScenarioError as error:
        assert error.problems and all(p.message for p in error.problems)


@given(st.dictionaries(st.sampled_from(_KEYS), _values, max_size=5))
def test_any_document_loads_or_lists_its_problems(document: dict[str, object]) -> None:
    """Any TOML document loads or raises ScenarioError with at least one problem."""
    _outcome("\n".join(f"{json.dumps(k)} = {_inline(v)}" for k, v in document.items()))


@given(st.text(st.sampled_from(list('[]="\'{},.\n #abc=1')), max_size=60))
def test_any_text_loads_or_lists_its_problems(text: str) -> None:
    """Any text, valid TOML or not, loads or raises ScenarioError."""
    _outcome(text)


@given(scenario_texts(), st.data())
def test_a_mangled_scenario_loads_or_lists_its_problems(text: str, data: st.DataObject) -> None:
    """A valid scenario with lines dropped or characters changed still loads or raises
    ScenarioError, never anything else."""
    lines = text.splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        index = data.draw(st.integers(0, len(lines) - 1))
        if data.draw(st.booleans()):
            del lines[index]
            if not lines:
                break
        else:
            column = data.draw(st.integers(0, len(lines[index])))
            char = data.draw(st.sampled_from(list('"[]={}.\\\'x1 ')))
            lines[index] = lines[index][:column] + char + lines[index][column + 1:]
    _outcome("\n".join(lines))
