"""Registry value types and the conversion of raw value bytes to Python values.

A value is stored as Windows stores it: a type number and raw bytes. Any type
number up to 0xFFFFFFFF is legal (.reg files may write ``hex(N):`` for any N);
the named ones are REG_NONE 0 .. REG_QWORD 11
(https://learn.microsoft.com/windows/win32/sysinfo/registry-value-types,
win32-registry-limits). Types 8-10 (resource lists) and any
unnamed type are kept as raw bytes.

:meth:`RegValue.data` converts the bytes as CPython's ``winreg`` does
(``Reg2Py`` in CPython ``PC/winreg.c``; docs/winreg-spec.md section 3):
strings stop at the first NUL, a REG_MULTI_SZ loses one final NUL and splits on
the others, DWORD/QWORD read 4/8 little-endian bytes (0 when empty), anything
else is bytes, or None when empty.
"""

from __future__ import annotations

import codecs
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
    "reg2py",
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
    # An odd trailing byte is dropped (size / 2 characters). The codec function itself:
    # bytes.decode("utf-16-le") goes through the codec registry, 300 ns slower.
    return codecs.utf_16_le_decode(raw[: len(raw) & ~1], "surrogatepass", True)[0]


def decode_sz(raw: bytes) -> str:
    """Return the string of REG_SZ bytes, cut at the first NUL (CPython ``Reg2Py``)."""
    return _wide(raw).split("\x00", 1)[0]


def decode_multi_sz(raw: bytes) -> list[str]:
    """Return the strings of REG_MULTI_SZ bytes as CPython's winreg does (3.11-3.13).

    One trailing NUL is dropped, the rest is split on NUL, empty items are kept
    but not the empty remainder after a final NUL (``a\0b\0\0`` -> ``[a, b]``,
    ``\0\0`` -> ``[""]``; docs/winreg-spec.md section 3.1).
    """
    text = _wide(raw)
    if text.endswith("\x00"):
        text = text[:-1]
    if not text:
        return []
    items = text.split("\x00")
    if text.endswith("\x00"):
        items.pop()
    return items


def reg2py(value_type: int, raw: bytes) -> object:
    """Return stored data as CPython's winreg returns it (``Reg2Py``)."""
    if value_type in STRING_TYPES:
        return decode_sz(raw)
    if value_type == RegType.REG_DWORD:
        return int.from_bytes(raw[:4], "little")
    if value_type == RegType.REG_QWORD:
        return int.from_bytes(raw[:8], "little")
    if value_type == RegType.REG_MULTI_SZ:
        return decode_multi_sz(raw)
    return raw if raw else None


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
        return reg2py(self.type, self.raw)

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
