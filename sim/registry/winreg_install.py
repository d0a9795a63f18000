"""Placing a winreg facade in ``sys.modules["winreg"]`` for a block: :func:`installed_as_winreg`.

Responsibility: the only place a :class:`~sim.registry.winreg_facade.WinregFacade` enters
``sys.modules``, so that code doing ``import winreg`` itself runs on a virtual registry.
Rule: a facade is never installed except inside this context (also reached as
``WinregFacade.installed()``); on exit the previous entry is restored exactly, including its
absence and a ``None`` entry that blocks the import on purpose. The facade's namespace is
``dir(winreg)`` of CPython 3.11 (winreg spec, ``docs/winreg-spec.md``, sections 2 and 7).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from sim.registry.core import Registry
    from sim.registry.winreg_facade import WinregFacade

__all__ = ["installed_as_winreg"]


@contextmanager
def installed_as_winreg(reg_or_facade: Registry | WinregFacade) -> Iterator[WinregFacade]:
    """Place a facade in ``sys.modules["winreg"]`` for the block, then restore the previous
    entry (or its absence), so that code doing ``import winreg`` inside runs on the registry.
    """
    # A Registry offers as_winreg(); a facade does not. Asked by attribute, not by class,
    # because the facade module re-exports this function (no import back to it).
    as_winreg = getattr(reg_or_facade, "as_winreg", None)
    facade = cast("WinregFacade", as_winreg() if as_winreg is not None else reg_or_facade)
    had = "winreg" in sys.modules
    previous = sys.modules.get("winreg")  # may be None: an import blocked on purpose
    sys.modules["winreg"] = facade
    try:
        yield facade
    finally:
        if had:
            sys.modules["winreg"] = cast(types.ModuleType, previous)
        else:
            sys.modules.pop("winreg", None)
