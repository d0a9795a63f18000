"""Hypothesis's ``from_type`` for invokesim's types, registered through its entry point.

Rule: :func:`register_types` registers :class:`sim.Scenario`,
:class:`sim.scenario.ScenarioFile`, :class:`sim.registry.Registry` and
:class:`~sim.registry.values.RegValue` with ``st.register_type_strategy`` (as
``st.deferred`` strategies, built on the first draw). ``pyproject.toml`` names it
as the ``hypothesis`` entry point, which Hypothesis calls when it is imported
("Registering strategies via setuptools entry points",
https://hypothesis.readthedocs.io/en/latest/strategies.html#registering-strategies-via-setuptools-entry-points),
so ``st.from_type(sim.Scenario)`` works without importing :mod:`sim.strategies`.
Registering twice is harmless.
"""

from __future__ import annotations

from hypothesis import strategies as st

from sim.registry import Registry
from sim.registry.values import RegValue
from sim.scenario import Scenario, ScenarioFile
from sim.strategies.registry import reg_values, registries
from sim.strategies.scenarios import scenario_files, scenarios

__all__ = ["register_types"]


def register_types() -> None:
    """The Rule."""
    st.register_type_strategy(Scenario, st.deferred(scenarios))
    st.register_type_strategy(ScenarioFile, st.deferred(scenario_files))
    st.register_type_strategy(Registry, st.deferred(registries))
    st.register_type_strategy(RegValue, st.deferred(reg_values))
