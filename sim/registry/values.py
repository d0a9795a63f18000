"""Registry value types and the conversion of raw value bytes to Python values.

A value is stored as Windows stores it: a type number and raw bytes. Any type
number up to 0xFFFFFFFF is legal (.reg files may write ``hex(N):`` for any N);
the named ones are REG_NONE 0 .. REG_QWORD 11
(https://learn.microsoft.com/windows/win32/sysinfo/registry-value-types,
../shared/facts/windows-facts.md section 7). Types 8-10 (resource lists) and any
unnamed type are kept as raw bytes.

:meth:`RegValue.data` converts the bytes as CPython's ``winreg`` does
(``Reg2Py`` in CPython ``PC/winreg.c``): strings stop at the first NUL, a
REG_MULTI_SZ stops at its empty string, DWORD/QWORD read 4/8 little-endian bytes
(0 when empty), anything else is bytes, or None when empty.
"""

from __future__ import annotations

import enum
from typing import Final, NamedTuple

__all__ = [
    "REG_TYPE_NAMES",
    "RegType",
    "RegValue",
    "decode_multi_sz",
    "decode_sz",
    "encode_multi_sz",
    "encode_sz",
    "type_name",
]


class RegType(enum.IntEnum):
    """The value types winnt.h names."""

    REG_NONE = 0
    REG_SZ = 1
    REG_EXPAND_SZ = 2
    REG_BINARY = 3
    REG_DWORD = 4
    REG_DWORD_BIG_ENDIAN = 5
    REG_LINK = 6
    REG_MULTI_SZ = 7
    REG_RESOURCE_LIST = 8
    REG_FULL_RESOURCE_DESCRIPTOR = 9
    REG_RESOURCE_REQUIREMENTS_LIST = 10
    REG_QWORD = 11


REG_TYPE_NAMES: Final = {t.value: t.name for t in RegType}

MAX_TYPE: Final = 0xFFFFFFFF

STRING_TYPES: Final = frozenset({RegType.REG_SZ, RegType.REG_EXPAND_SZ})


def type_name(value_type: int) -> str:
    """Return ``REG_SZ`` for 1, and ``REG_0x1234`` for a type Windows does not name."""
    return REG_TYPE_NAMES.get(value_type, f"REG_0x{value_type:x}")


def encode_sz(text: str) -> bytes:
    """Return REG_SZ bytes: UTF-16LE with a NUL terminator, as RegSetValueEx stores them."""
    return text.encode("utf-16-le", "surrogatepass") + b"\x00\x00"


def encode_multi_sz(items: list[str] | tuple[str, ...]) -> bytes:
    """Return REG_MULTI_SZ bytes: each string NUL-terminated, then a final NUL."""
    return b"".join(encode_sz(s) for s in items) + b"\x00\x00"


def _wide(raw: bytes) -> str:
    return raw[: len(raw) & ~1].decode("utf-16-le", "surrogatepass")


def decode_sz(raw: bytes) -> str:
    """Return the string of REG_SZ bytes, cut at the first NUL (CPython ``Reg2Py``)."""
    return _wide(raw).split("\x00", 1)[0]


def decode_multi_sz(raw: bytes) -> list[str]:
    """Return the strings of REG_MULTI_SZ bytes, up to the first empty string."""
    out: list[str] = []
    for item in _wide(raw).split("\x00"):
        if not item:
            break
        out.append(item)
    return out


class RegValue(NamedTuple):
    """One registry value: its name as written, its type number, its raw bytes.

    The empty name is the key's default value (``@`` in .reg files). A named
    tuple: immutable, and cheap to create (a registry export holds hundreds of
    thousands).
    """

    name: str
    type: int
    raw: bytes

    @property
    def data(self) -> object:
        """The value as CPython's ``winreg.QueryValueEx`` returns it."""
        t, raw = self.type, self.raw
        if t in STRING_TYPES:
            return decode_sz(raw)
        if t == RegType.REG_DWORD:
            return int.from_bytes(raw[:4].ljust(4, b"\x00"), "little")
        if t == RegType.REG_QWORD:
            return int.from_bytes(raw[:8].ljust(8, b"\x00"), "little")
        if t == RegType.REG_MULTI_SZ:
            return decode_multi_sz(raw)
        return raw if raw else None

    @property
    def text(self) -> str | None:
        """The value as a string when it is REG_SZ or REG_EXPAND_SZ, else None."""
        return decode_sz(self.raw) if self.type in STRING_TYPES else None

    @property
    def number(self) -> int | None:
        """The value as an integer when it is REG_DWORD or REG_QWORD, else None."""
        if self.type in (RegType.REG_DWORD, RegType.REG_QWORD):
            data = self.data
            assert isinstance(data, int)
            return data
        return None
