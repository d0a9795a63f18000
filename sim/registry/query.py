"""Render registry keys as ``reg query`` prints them.

Layout (reg.exe, [inf] from its well-known output): a blank line, the key's full
path, then one line per value indented four spaces, ``name    TYPE    data``
(``(Default)`` for the default value), then the subkeys' full paths, or with
``/s`` each subkey's own block. Data: strings as they are, REG_DWORD/REG_QWORD
as ``0x`` + lowercase hex, REG_MULTI_SZ joined with ``\\0``, other types as
upper-case hex digits.
"""

from __future__ import annotations

from sim.registry import Registry, RegType, RegValue, type_name
from sim.registry.paths import KeyPath

__all__ = ["format_query", "format_query_data"]


def format_query_data(value: RegValue) -> str:
    """Return a value's data as ``reg query`` shows it."""
    data = value.data
    if value.type in (RegType.REG_DWORD, RegType.REG_QWORD):
        return f"0x{data:x}"
    if value.type == RegType.REG_MULTI_SZ:
        assert isinstance(data, list)
        return "\\0".join(data)
    if isinstance(data, str):
        return data
    return value.raw.hex().upper()


def _value_line(value: RegValue) -> str:
    name = value.name or "(Default)"
    return f"    {name}    {type_name(value.type)}    {format_query_data(value)}"


def format_query(
    reg: Registry, kp: KeyPath, *, value: str | None = None, recurse: bool = False
) -> list[str]:
    """Return the lines ``reg query`` prints for a key (optionally one value, or /s)."""
    lines = ["", kp.display]
    values = reg.value_list(kp)
    if value is not None:
        values = [v for v in values if v.name.upper() == value.upper()]
    lines += [_value_line(v) for v in values]
    children = reg.subkey_nodes(kp)
    if value is not None:
        return lines
    if not recurse:
        lines.append("")
        lines += [f"{kp.display}\\{child.name}" for child in children]
        return lines
    for child in children:
        sub = KeyPath(kp.hive, (*kp.parts, child.name), kp.root, (*kp.relative, child.name))
        lines += format_query(reg, sub, recurse=True)
    return lines
