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
    "ScenarioError",
    "ScenarioProblem",
    "SimError",
]

__version__ = "0.1.0"
