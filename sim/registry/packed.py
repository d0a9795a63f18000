"""How a key stores its values: one compact, immutable entry per value.

A registry export holds hundreds of thousands of values, so a key does not
keep :class:`~sim.registry.values.RegValue` objects but one entry each, made
back into a ``RegValue`` when read:

- a REG_SZ or REG_EXPAND_SZ whose bytes are exactly its text plus one NUL (the
  common case) is the str ``TAG + name + "\\0" + text`` (TAG ``"\\x01"`` or
  ``"\\x02"``; neither name nor text holds a NUL);
- a REG_SZ imported from a .reg line with no escape in it may be that very line,
  ``"name"="text"`` or ``@="text"`` (neither holds a quote): the import then
  keeps the line it read instead of building a new string;
- any other value is the bytes ``type (4, LE) + name length (4, LE) + name
  (UTF-16LE) + raw data``.

Entries are plain str or bytes: they cost a fraction of the memory of objects,
and the cyclic garbage collector never needs to visit them or the dicts that
hold them.
"""

from __future__ import annotations

import codecs
import struct
from typing import Final

from sim.registry.values import RegType, RegValue

__all__ = [
    "Entry",
    "entry_data",
    "entry_name",
    "entry_text",
    "entry_type",
    "pack",
    "pack_bytes",
    "pack_text",
    "split_text",
    "unpack",
]

Entry = str | bytes

_HEAD: Final = struct.Struct("<II")
_TAGS: Final[dict[int, str]] = {RegType.REG_SZ: "\x01", RegType.REG_EXPAND_SZ: "\x02"}
_UTF16: Final = "utf-16-le"
# The codec function itself: bytes.decode goes through the codec registry (3x slower).
_decode16: Final = codecs.utf_16_le_decode
_PASS: Final = "surrogatepass"


def pack_text(name: str, text: str, tag: str = "\x01") -> str:
    """Return the entry of a canonical string value (``tag`` "\\x02" for REG_EXPAND_SZ)."""
    return f"{tag}{name}\x00{text}"


def pack(value: RegValue) -> Entry:
    """Return the entry of any value (the compact text form when it is exact)."""
    name, vtype, raw = value
    tag = _TAGS.get(vtype)
    if tag is not None and len(raw) >= 2 and not len(raw) % 2 and raw.endswith(b"\x00\x00"):
        text = _decode16(raw[:-2], _PASS, True)[0]
        if "\x00" not in text and "\x00" not in name:
            return f"{tag}{name}\x00{text}"
    encoded = name.encode(_UTF16, _PASS)
    return _HEAD.pack(vtype, len(encoded)) + encoded + raw


def pack_bytes(name: str, vtype: int, raw: bytes) -> bytes:
    """Return the bytes entry of a value (the form for everything but exact strings)."""
    encoded = name.encode(_UTF16, _PASS)
    return _HEAD.pack(vtype, len(encoded)) + encoded + raw


def split_text(entry: str) -> tuple[int, str, str]:
    """Return (type, name, text) of a str entry, in any of its two forms."""
    first = entry[0]
    if first == '"':
        end = entry.index('"="', 1)
        return RegType.REG_SZ, entry[1:end], entry[end + 3 : -1]
    if first == "@":
        return RegType.REG_SZ, "", entry[3:-1]
    name, _nul, text = entry[1:].partition("\x00")
    return ord(first), name, text


def unpack(entry: Entry) -> RegValue:
    """Return the value an entry stands for."""
    if isinstance(entry, str):
        vtype, name, text = split_text(entry)
        return RegValue(name, vtype, text.encode(_UTF16, _PASS) + b"\x00\x00")
    vtype, size = _HEAD.unpack_from(entry)
    end = _HEAD.size + size
    return RegValue(entry[_HEAD.size : end].decode(_UTF16, _PASS), vtype, entry[end:])


def entry_name(entry: Entry) -> str:
    """Return an entry's value name without unpacking its data."""
    if isinstance(entry, str):
        return split_text(entry)[1]
    size = _HEAD.unpack_from(entry)[1]
    return entry[_HEAD.size : _HEAD.size + size].decode(_UTF16, _PASS)


def entry_data(entry: bytes) -> tuple[int, bytes]:
    """Return a bytes entry's (type, raw data) without decoding its name."""
    vtype, size = _HEAD.unpack_from(entry)
    return vtype, entry[_HEAD.size + size :]


def entry_type(entry: Entry) -> int:
    """Return an entry's value type without unpacking it."""
    if isinstance(entry, str):
        return split_text(entry)[0]
    return int(_HEAD.unpack_from(entry)[0])


def entry_text(entry: Entry) -> str | None:
    """Return the text of a string entry (what winreg returns), else None."""
    return split_text(entry)[2] if isinstance(entry, str) else None
