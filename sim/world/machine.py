"""A simulated machine: its OS, registry, disk and the way it fetches URLs.

Windows machines have a registry and a ``C:`` disk; ``macos`` and ``linux``
have neither here (docs/scenarios.md: ``reg``, ``reg_files`` and ``C:\\`` files are
an error there). Machines are built from presets (:mod:`sim.world.presets`), parsed
once per process and forked per simulation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal, get_args

from sim.registry import Registry
from sim.world.disk import VirtualDisk
from sim.world.web import FetchResult

__all__ = ["OS_NAMES", "WINDOWS_VERSIONS", "FetchResult", "Fetcher", "Machine", "OsName"]

# The one list of operating systems a scenario can name (``[machine] os``, the CLI's
# ``--os``, the strategies). Windows oldest first: an index comparison answers "Windows 8
# or later".
OsName = Literal[
    "windows-7", "windows-8", "windows-8.1", "windows-10", "windows-11", "macos", "linux"
]
OS_NAMES: Final[tuple[str, ...]] = get_args(OsName)
WINDOWS_VERSIONS: Final[tuple[str, ...]] = OS_NAMES[:5]


# A client's fetch: URL -> result. The virtual web provides one per client.
Fetcher = Callable[[str], FetchResult]


@dataclass(slots=True)
class Machine:
    """The machine a scenario runs on."""

    os: str
    registry: Registry | None
    disk: VirtualDisk | None
    profiles: tuple[str, ...] = ()
    managed: bool = False

    @property
    def is_windows(self) -> bool:
        """True for the Windows versions."""
        return self.os in WINDOWS_VERSIONS

    def windows_at_least(self, version: str) -> bool:
        """True when this is Windows ``version`` or later."""
        return self.is_windows and WINDOWS_VERSIONS.index(self.os) >= WINDOWS_VERSIONS.index(
            version
        )
