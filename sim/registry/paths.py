"""Root keys and full key paths: which stored hive a path names.

The registry stores two hives here: HKEY_LOCAL_MACHINE and HKEY_USERS. The
other roots are views of them, as Windows documents:

- HKEY_CURRENT_USER is the current user's hive, ``HKEY_USERS\\<SID>``
  (https://learn.microsoft.com/windows/win32/sysinfo/hkey-current-user).
  The user's classes hive (``HKEY_USERS\\<SID>_Classes``) is not modelled as a
  separate key: its contents live at ``HKEY_CURRENT_USER\\Software\\Classes``.
- HKEY_CURRENT_CONFIG is ``HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Hardware
  Profiles\\Current`` (https://learn.microsoft.com/windows/win32/sysinfo/predefined-keys).
- HKEY_CLASSES_ROOT is the merged view of ``HKEY_CURRENT_USER\\Software\\Classes``
  over ``HKEY_LOCAL_MACHINE\\Software\\Classes`` (see :mod:`sim.registry.classes`).

Full root names are matched case-insensitively; the Python API also takes the
abbreviations reg.exe takes (HKLM, HKCU, HKCR, HKU, HKCC). .reg files take only
the full names (wine-regedit-tests).
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from typing import Final

from sim.errors import RegistryError
from sim.registry.names import ERROR_BADKEY, MAX_DEPTH, split_path

# A fixed, plausible SID for the simulated user "User" (the machine SID part is
# invented: no real machine is identified) [inf].
DEFAULT_USER_SID: Final = "S-1-5-21-3623811015-3361044348-30300820-1001"


class Hive(enum.Enum):
    """Where a path's data lives."""

    HKLM = "HKEY_LOCAL_MACHINE"
    HKU = "HKEY_USERS"
    HKCR = "HKEY_CLASSES_ROOT"  # merged view, stored in the two above

    # Members are singletons: hash by identity, in C (Enum's own __hash__ is a Python call).
    __hash__ = object.__hash__


# Root name (upper case) -> (hive, path prefix inside it; "{sid}" is the user's SID).
ROOTS: Final = {
    "HKEY_LOCAL_MACHINE": (Hive.HKLM, ()),
    "HKEY_USERS": (Hive.HKU, ()),
    "HKEY_CURRENT_USER": (Hive.HKU, ("{sid}",)),
    "HKEY_CLASSES_ROOT": (Hive.HKCR, ()),
    "HKEY_CURRENT_CONFIG": (
        Hive.HKLM,
        ("SYSTEM", "CurrentControlSet", "Hardware Profiles", "Current"),
    ),
}

# reg.exe's abbreviations, accepted by the Python API and `invokesim reg query`.
ABBREVIATIONS: Final = {
    "HKLM": "HKEY_LOCAL_MACHINE",
    "HKU": "HKEY_USERS",
    "HKCU": "HKEY_CURRENT_USER",
    "HKCR": "HKEY_CLASSES_ROOT",
    "HKCC": "HKEY_CURRENT_CONFIG",
}

# Roots a .reg file may name that this model does not store (Windows 9x
# dynamic data): regedit fails to create keys under them [inf].
UNSTORED_ROOTS: Final = frozenset({"HKEY_DYN_DATA", "HKEY_PERFORMANCE_DATA"})


@dataclass(frozen=True, slots=True)
class KeyPath:
    """A resolved key path: the hive, the components inside it, and how it was named."""

    hive: Hive
    parts: tuple[str, ...]
    root: str  # the full root name the caller used, e.g. HKEY_CURRENT_USER
    relative: tuple[str, ...]  # the components after the root, as given

    @property
    def display(self) -> str:
        """The path as regedit shows it: ``HKEY_CURRENT_USER\\Software``."""
        return "\\".join((self.root, *self.relative))


def split_root(path: str, *, abbreviations: bool = True) -> tuple[str, str] | None:
    """Return (full root name, rest) or None when ``path`` names no known root."""
    head, _sep, rest = path.partition("\\")
    name = head.upper()
    if abbreviations:
        name = ABBREVIATIONS.get(name, name)
    if name in ROOTS:
        return name, rest
    return None


@functools.lru_cache(maxsize=4096)  # pure, and every registry read resolves a path
def resolve(path: str, user_sid: str, *, abbreviations: bool = True) -> KeyPath:
    """Resolve a full key path (``HKEY_...\\a\\b``) to its hive and components.

    Raises:
        RegistryError: unknown root (ERROR_BADKEY), an empty component, a name
            over 256 characters, or a path deeper than 512 levels.
    """
    found = split_root(path, abbreviations=abbreviations)
    if found is None:
        head = path.partition("\\")[0]
        known = ", ".join(ROOTS)
        raise RegistryError(
            f"key path {path!r}: expected a root key ({known}), found {head!r}",
            winerror=ERROR_BADKEY,
        )
    root, rest = found
    hive, prefix = ROOTS[root]
    relative = tuple(split_path(rest))
    parts = tuple(user_sid if p == "{sid}" else p for p in prefix) + relative
    if len(parts) > MAX_DEPTH:
        raise RegistryError(
            f"key path {path[:60]!r}...: expected at most {MAX_DEPTH} levels, found {len(parts)}"
        )
    return KeyPath(hive, parts, root, relative)
