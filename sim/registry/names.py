"""Registry names: how Windows compares them, and the limits it enforces.

Rule 1: key and value names are case-insensitive and case-preserving. Windows
compares them by upper-casing each UTF-16 code unit with its 1:1 upcase table
(``RtlUpcaseUnicodeChar``) and comparing ordinally; it never case-folds
(``'ß'`` stays ``'ß'``, where Python's ``str.upper`` gives ``'SS'``). :func:`fold`
reproduces that with Python's Unicode database: a character whose upper case is
a single character takes it, any other character (one whose full upper case
expands, or an astral character, whose two surrogates Windows upcases separately)
stays as it is. Windows' table follows an older Unicode version: a character
that gained a case mapping since may compare differently [inf].
Source: https://learn.microsoft.com/windows/win32/sysinfo/structure-of-the-registry
("Key names are not case sensitive"); win32-registry-limits.

Rule 2: enumeration order is deterministic. Subkeys are listed in the order of
their upper-cased names compared as UTF-16 code units, as the hive's sorted
subkey index stores them [inf: the hive format keeps index leaves sorted, and
regedit lists keys in that order]; values keep their creation order, as Windows'
regedit exports them (wine-regedit-tests).

Rule 3: the documented size limits (win32-registry-limits,
https://learn.microsoft.com/windows/win32/sysinfo/registry-element-size-limits):
a key name of at most 255 characters, applied per path component [inf: the doc's
wording says "includes the absolute path", Windows applies it per component],
a value name of at most 16,383 characters, a tree at most 512 levels deep.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from sim.errors import RegistryError

MAX_KEY_NAME: Final = 255
MAX_VALUE_NAME: Final = 16_383
MAX_DEPTH: Final = 512

# Win32 error codes used by the registry (winerror.h).
ERROR_FILE_NOT_FOUND: Final = 2
ERROR_ACCESS_DENIED: Final = 5
ERROR_INVALID_PARAMETER: Final = 87
ERROR_BAD_PATHNAME: Final = 161
ERROR_BADKEY: Final = 1010
ERROR_KEY_DELETED: Final = 1018


@lru_cache(maxsize=65_536)
def _fold_unicode(name: str) -> str:
    out = []
    for ch in name:
        up = ch.upper()
        out.append(up if len(up) == 1 and ord(ch) <= 0xFFFF else ch)
    return "".join(out)


def fold(name: str) -> str:
    """Return the comparison key of a registry name (ordinal upper case, Rule 1)."""
    if name.isascii():
        return name.upper()
    return _fold_unicode(name)


def order_key(folded: str) -> bytes:
    """Return the sort key of a folded name: its UTF-16 code units (Rule 2)."""
    return folded.encode("utf-16-be", "surrogatepass")


def check_key_name(name: str) -> None:
    """Raise :class:`RegistryError` unless ``name`` is a valid single key name."""
    if not name:
        raise RegistryError(
            "key path: expected a key name, found an empty path component "
            "(a doubled or leading backslash)",
            winerror=ERROR_BAD_PATHNAME,
        )
    if len(name) > MAX_KEY_NAME:
        raise RegistryError(
            f"key name: expected at most {MAX_KEY_NAME} characters, "
            f"found {len(name)} ({name[:40]!r}...)",
            winerror=ERROR_INVALID_PARAMETER,
        )


def check_value_name(name: str) -> None:
    """Raise :class:`RegistryError` unless ``name`` is a valid value name."""
    if len(name) > MAX_VALUE_NAME:
        raise RegistryError(
            f"value name: expected at most {MAX_VALUE_NAME} characters, found {len(name)}",
            winerror=ERROR_INVALID_PARAMETER,
        )


def split_path(path: str) -> list[str]:
    """Split a relative key path on backslashes, tolerating trailing backslashes.

    An empty path names the key itself. Trailing backslashes are dropped, as
    RegCreateKeyEx drops them (Wine regedit.c test_key_creation_and_deletion:
    ``[...\\Subkey1f\\\\]`` creates ``Subkey1f``). Empty components inside the path
    (``a\\\\b``, ``\\a``) are refused as a bad path name (ERROR_BAD_PATHNAME) [inf].
    """
    path = path.rstrip("\\")
    if not path:
        return []
    parts = path.split("\\")
    for part in parts:
        check_key_name(part)
    return parts
