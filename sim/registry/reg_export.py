"""Export a registry as regedit writes .reg files.

Rule 1 (layout): version 5 is a U+FEFF byte-order mark, ``Windows Registry
Editor Version 5.00`` and CRLF line ends (written as UTF-16LE); version 4 is
``REGEDIT4`` with CRLF (written as ANSI). A blank line precedes each ``[key]``
and one ends the file. Keys come depth-first in enumeration order, values in
creation order (wine-regedit-tests).

Rule 2 (data): ``"text"`` for REG_SZ with ``\\`` and ``"`` escaped, ``dword:%08x``
for a 4-byte REG_DWORD, and ``hex:`` / ``hex(N):`` byte lists for everything else,
wrapped as regedit wraps them: a line is broken with ``\\`` once it reaches 77
columns, continuation lines start with two spaces (Wine ``export_hex_data``,
MAX_HEX_CHARS 77, the same layout Windows writes).

Rule 3 (lossless): a value whose bytes a string or dword line cannot give back
exactly (a REG_SZ without its NUL, with a NUL inside, with CR or LF, or with an
odd size; a REG_DWORD of another size than 4) is written as ``hex(1):`` /
``hex(4):`` so that export then import restores the same bytes [inf: Windows'
regedit writes such strings as text, which does not round-trip]. One case
cannot round-trip in any form: string-type data (REG_SZ, REG_EXPAND_SZ,
REG_MULTI_SZ) that does not end in a NUL character, because regedit adds one on
import (wine-regedit-tests). In version 4,
strings are ANSI: a string outside Windows-1252 is written as ``hex(1)`` bytes
in version 5 only; version 4 replaces such characters with ``?``, as
WideCharToMultiByte does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from sim.errors import RegistryKeyNotFound
from sim.registry.paths import Hive, KeyPath
from sim.registry.reg_syntax import HEADER_V4, HEADER_V5
from sim.registry.values import RegType, RegValue, encode_sz

if TYPE_CHECKING:
    from sim.registry.core import Registry

__all__ = ["export_bytes", "export_text"]

MAX_HEX_CHARS: Final = 77
CRLF: Final = "\r\n"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _to_ansi(text: str) -> str:
    return text.encode("cp1252", "replace").decode("cp1252")


def _string_form(value: RegValue, version: int) -> str | None:
    """Return the quoted text of a REG_SZ that round-trips as text, else None."""
    raw = value.raw
    if value.type != RegType.REG_SZ or len(raw) < 2 or len(raw) % 2:
        return None
    text = raw[:-2].decode("utf-16-le", "surrogatepass")
    if encode_sz(text) != raw or any(ch in text for ch in "\x00\r\n"):
        return None
    if version == 4:
        text = _to_ansi(text)
    return f'"{_escape(text)}"'


def _hex_bytes(value: RegValue, version: int) -> bytes:
    """The bytes a hex list carries; REGEDIT4 string types are ANSI, one byte a char."""
    if (
        version == 4
        and value.type in (RegType.REG_SZ, RegType.REG_EXPAND_SZ, RegType.REG_MULTI_SZ)
        and len(value.raw) % 2 == 0
    ):
        return value.raw.decode("utf-16-le", "surrogatepass").encode("cp1252", "replace")
    return value.raw


def _hex_form(prefix_len: int, tag: str, data: bytes) -> str:
    """Return ``tag`` and the bytes, wrapped as regedit wraps them (Rule 2)."""
    out = [tag]
    column = prefix_len + len(tag)
    last = len(data) - 1
    for index, byte in enumerate(data):
        out.append(f"{byte:02x}")
        if index == last:
            break
        out.append(",")
        column += 3
        if column >= MAX_HEX_CHARS:
            out.append("\\" + CRLF + "  ")
            column = 2
    return "".join(out)


def format_value(value: RegValue, version: int = 5) -> str:
    """Return one value's line(s) as regedit writes them (without the final CRLF)."""
    name = "@=" if value.name == "" else f'"{_escape(value.name)}"='
    if version == 4:
        name = _to_ansi(name)
    text = _string_form(value, version)
    if text is not None:
        return name + text
    if value.type == RegType.REG_DWORD and len(value.raw) == 4:
        return f"{name}dword:{int.from_bytes(value.raw, 'little'):08x}"
    tag = "hex:" if value.type == RegType.REG_BINARY else f"hex({value.type:x}):"
    return name + _hex_form(len(name), tag, _hex_bytes(value, version))


def _walk(reg: Registry, kp: KeyPath, display: str, out: list[str], version: int) -> None:
    out.append(f"{CRLF}[{display}]{CRLF}")
    for value in reg.value_list(kp):
        out.append(format_value(value, version) + CRLF)
    for child in reg.subkey_nodes(kp):
        sub = KeyPath(kp.hive, (*kp.parts, child.name), kp.root, (*kp.relative, child.name))
        _walk(reg, sub, f"{display}\\{child.name}", out, version)


def export_text(reg: Registry, *, version: int = 5, root: str | None = None) -> str:
    """Return the registry as .reg text (Rules 1-3).

    Args:
        reg: the registry.
        version: 5 (``Windows Registry Editor Version 5.00``) or 4 (``REGEDIT4``).
        root: a key path to export with its subtree; by default the two stored
            hives, HKEY_LOCAL_MACHINE and HKEY_USERS (the other roots are views of
            them, so exporting them too would repeat every key).

    Raises:
        ValueError: an unknown version. RegistryKeyNotFound: ``root`` is missing.
    """
    if version not in (4, 5):
        raise ValueError(f"version: expected 4 or 5, found {version!r}")
    out = [("\ufeff" + HEADER_V5 if version == 5 else HEADER_V4) + CRLF]
    roots = [root] if root is not None else [h.value for h in (Hive.HKLM, Hive.HKU)]
    for path in roots:
        kp = reg.resolve(path)
        if kp.relative and not reg.nodes(kp):
            raise RegistryKeyNotFound(f"{kp.display}: key not found")
        _walk(reg, kp, kp.display, out, version)
    out.append(CRLF)
    return "".join(out)


def export_bytes(reg: Registry, *, version: int = 5, root: str | None = None) -> bytes:
    """Return the export encoded as regedit writes the file (UTF-16LE or ANSI)."""
    text = export_text(reg, version=version, root=root)
    if version == 5:
        return text.encode("utf-16-le", "surrogatepass")
    return text.encode("cp1252", "replace")
