"""invokesim: a deterministic simulator of how Windows hands web downloads to applications.

The public API: :func:`load_scenario`, :class:`Scenario` and :func:`simulate` (the
scenario engine), the errors below, :mod:`sim.registry` (the virtual registry and its
``winreg`` facade), :mod:`sim.shell` (associations, ShellExecute, CommandLineToArgvW),
:mod:`sim.strategies` (hypothesis strategies) and the pytest plugin. The layers are
described in ``docs/architecture.md``; modules that moved there keep importing under
their old names for now (:mod:`sim._moved`).
"""

from sim import _moved
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

_moved.install()


def __getattr__(name: str) -> object:
    """Import the scenario API on first use: ``import sim.registry`` stays light."""
    if name in ("Scenario", "load_scenario"):
        from sim import scenario

        return getattr(scenario, name)
    if name == "simulate":
        from sim.engine import simulate

        return simulate
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
