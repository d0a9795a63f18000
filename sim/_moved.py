"""Old module paths that still import: each is an alias of the module's new home.

Rule: a module moved when the top level was grouped into layer packages
(``docs/architecture.md``) stays importable under its old name for now, with a
:class:`DeprecationWarning` naming the new one. The table is the whole mechanism: a
meta-path finder (installed by :mod:`sim`) answers only these names and hands back the
new module object itself, so ``sim.machine.Machine is sim.world.machine.Machine``.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Mapping, Sequence
from importlib.machinery import ModuleSpec
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Final, cast

if TYPE_CHECKING:
    from importlib.abc import Loader

__all__ = ["MOVED", "install"]

MOVED: Final[Mapping[str, str]] = MappingProxyType({
    "sim.browsers": "sim.models.browsers",
    "sim.browsers.sources": "sim.core.sources",
    "sim.clickonce": "sim.models.clickonce",
    "sim.cli": "sim.app.cli",
    "sim.dialogs": "sim.models.dialogs",
    "sim.disk": "sim.world.disk",
    "sim.docgen": "sim.app.docgen",
    "sim.handlers": "sim.models.handlers",
    "sim.handlers.clickonce_log": "sim.models.clickonce.log",
    "sim.handlers.clickonce_store": "sim.models.clickonce.store",
    "sim.handlers.clickonce_trust": "sim.models.clickonce.trust",
    "sim.handlers.dfshim": "sim.models.clickonce.dfshim",
    "sim.headers": "sim.world.headers",
    "sim.machine": "sim.world.machine",
    "sim.matrix": "sim.engine.matrix",
    "sim.outputs": "sim.app.outputs",
    "sim.parallel": "sim.app.parallel",
    "sim.profiles": "sim.world.presets",
    "sim.pytest_plugin": "sim.app.pytest_plugin",
    "sim.reg_query": "sim.registry.query",
    "sim.render_text": "sim.render.text",
    "sim.rules": "sim.core.rules",
    "sim.toml_lines": "sim.scenario.toml_lines",
    "sim.trace": "sim.engine.trace",
    "sim.web": "sim.world.web",
    "sim.zones": "sim.world.zones",
})


def _new_name(old: str) -> str | None:
    """``sim.clickonce.manifest`` -> ``sim.models.clickonce.manifest``; None if not moved."""
    for length in range(old.count(".") + 1, 1, -1):
        prefix = ".".join(old.split(".")[:length])
        if prefix in MOVED:
            return MOVED[prefix] + old[len(prefix):]
    return None


class _Alias:
    """Loads an old name as the already-imported module of its new name (a loader by the
    protocol of :mod:`importlib`; not an ``importlib.abc`` subclass, which costs start-up)."""

    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: ModuleSpec) -> ModuleType:
        warnings.warn(f"{spec.name} moved to {self.new}; import it from there",
                      DeprecationWarning, stacklevel=2)
        return importlib.import_module(self.new)

    def exec_module(self, module: ModuleType) -> None:
        """Nothing to run: the module is the new one, already executed."""


class _MovedFinder:
    """Answers the old names of :data:`MOVED` (and their submodules), nothing else."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        new = _new_name(fullname)
        if new is None:
            return None
        return ModuleSpec(fullname, cast("Loader", _Alias(new)))


def install() -> None:
    """Put the finder on ``sys.meta_path`` once."""
    if not any(isinstance(finder, _MovedFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _MovedFinder())  # before PathFinder, which would load twice
