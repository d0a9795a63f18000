"""invokesim: a deterministic simulator of how Windows hands web downloads to applications.

The package grows by issue; today it holds the virtual registry (:mod:`sim.registry`).
"""

from sim.errors import RegImportError, RegistryError, RegistryKeyNotFound, SimError

__all__ = ["RegImportError", "RegistryError", "RegistryKeyNotFound", "SimError"]

__version__ = "0.1.0"
