"""invokesim: a deterministic simulator of how Windows hands web downloads to applications.

The package grows by issue; today it holds the virtual registry (:mod:`sim.registry`),
the Windows shell model (:mod:`sim.shell`, :mod:`sim.machine`) and the first pieces of
the scenario engine (:mod:`sim.web`, :mod:`sim.headers`, :mod:`sim.zones`).
"""

from sim.errors import (
    RegImportError,
    RegistryError,
    RegistryKeyNotFound,
    ScenarioError,
    ScenarioProblem,
    SimError,
)

__all__ = [
    "RegImportError",
    "RegistryError",
    "RegistryKeyNotFound",
    "Scenario",
    "ScenarioError",
    "ScenarioProblem",
    "SimError",
    "load_scenario",
    "simulate",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """Import the scenario API on first use: it needs pydantic, the registry does not."""
    if name in ("Scenario", "load_scenario"):
        from sim import scenario

        return getattr(scenario, name)
    if name == "simulate":
        from sim.engine import simulate

        return simulate
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
