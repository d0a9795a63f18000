"""The pieces of .reg syntax, parsed exactly as regedit parses them.

Each function takes one piece of a line and returns what regedit makes of it,
or None where regedit rejects it. The rules are those of Wine's regedit
(``programs/regedit/regproc.c``) as its conformance tests pin them to Windows'
behaviour (``programs/regedit/tests/regedit.c``), summarised in
wine-regedit-tests. Where Wine's tests mark Windows
behaviour Wine does not match (``todo_wine``), Windows' behaviour is used.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Final

WHITESPACE: Final = " \t"
HEXDIGITS: Final = frozenset("0123456789abcdefABCDEF")

HEADER_V5: Final = "Windows Registry Editor Version 5.00"
HEADER_V4: Final = "REGEDIT4"
HEADER_WIN31: Final = "REGEDIT"


class Header(enum.Enum):
    """What regedit makes of a file's first line."""

    WIN31 = 3  # "REGEDIT": Windows 3.1 lines, HKEY_CLASSES_ROOT defaults only
    V4 = 4  # "REGEDIT4"
    V5 = 5  # "Windows Registry Editor Version 5.00"
    FUZZY = 1  # another "REGEDIT..." line: accepted, but nothing is imported
    INVALID = 0  # not a registry file


def parse_header(line: str) -> Header:
    """Classify the first line (leading spaces/tabs skipped, case-sensitive).

    Windows accepts any line starting ``REGEDIT`` ("REGEDIT 4", "REGEDIT9") as a
    registry file but imports nothing from it (Wine regproc.c
    ``parse_file_header``, from Windows' observed behaviour).
    """
    s = line.lstrip(WHITESPACE)
    if s == HEADER_WIN31:
        return Header.WIN31
    if s == HEADER_V4:
        return Header.V4
    if s == HEADER_V5:
        return Header.V5
    if s.startswith(HEADER_WIN31):
        return Header.FUZZY
    return Header.INVALID


@dataclass(frozen=True, slots=True)
class Unescaped:
    """A quoted string's text, what follows its closing quote, and odd escapes met."""

    text: str
    rest: str
    unknown_escapes: tuple[str, ...]


_ESCAPES: Final = {"\\": "\\", '"': '"', "n": "\n", "r": "\r"}


def unescape(s: str) -> Unescaped | None:
    """Read a quoted string's body up to its closing quote (``s`` starts after ``"``).

    ``\\\\`` and ``\\"`` are escapes; ``\\n`` and ``\\r`` give LF and CR (Wine; [inf]
    for Windows); ``\\0`` is refused; any other ``\\x`` gives ``x`` (regedit warns).
    Returns None when the string has no closing quote or holds ``\\0``.
    """
    if "\\" not in s:
        end = s.find('"')
        return None if end < 0 else Unescaped(s[:end], s[end + 1 :], ())
    out: list[str] = []
    odd: list[str] = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch == '"':
            return Unescaped("".join(out), s[i + 1 :], tuple(odd))
        if ch == "\\":
            i += 1
            if i >= n or s[i] == "0":
                return None
            esc = s[i]
            if esc not in _ESCAPES:
                odd.append(esc)
            out.append(_ESCAPES.get(esc, esc))
        else:
            out.append(ch)
        i += 1
    return None


def rest_is_blank(rest: str) -> bool:
    """Tell whether only spaces, tabs and an optional ``;`` comment follow."""
    stripped = rest.lstrip(WHITESPACE)
    return not stripped or stripped[0] == ";"


def parse_dword(s: str) -> int | None:
    """Parse ``dword:`` data: 1-8 hex digits, then nothing but a ``;`` comment.

    Signs, ``0x`` prefixes and more than 8 digits are refused (Wine
    ``convert_hex_to_dword``; tests ``dword:0x1``, ``dword:123456789``).
    """
    s = s.lstrip(WHITESPACE)
    digits = 0
    while digits < len(s) and s[digits] in HEXDIGITS:
        digits += 1
    if digits == 0 or digits > 8 or not rest_is_blank(s[digits:]):
        return None
    return int(s[:digits], 16)


def wcstoul16(s: str, pos: int) -> tuple[int, int]:
    """Return (value, end) as C ``wcstoul(s + pos, &end, 16)`` does.

    Leading spaces and tabs and one sign are skipped, and an ``0x`` prefix is
    accepted; when no digit follows, ``end`` is ``pos`` and the value 0.
    """
    i, n = pos, len(s)
    while i < n and s[i] in WHITESPACE:
        i += 1
    negative = False
    if i < n and s[i] in "+-":
        negative = s[i] == "-"
        i += 1
    if s[i : i + 2] in ("0x", "0X") and i + 2 < n and s[i + 2] in HEXDIGITS:
        i += 2
    start = i
    while i < n and s[i] in HEXDIGITS:
        i += 1
    if i == start:
        return 0, pos
    value = int(s[start:i], 16)
    if value > 0xFFFFFFFF:
        return 0xFFFFFFFF + 1, i  # ERANGE: callers refuse anything over their limit
    return ((-value) & 0xFFFFFFFF if negative else value), i


def parse_hex_type(s: str) -> tuple[int, str] | None:
    """Parse the ``N):`` of ``hex(N):`` (``s`` starts after ``hex(``); return (N, rest).

    N is hexadecimal up to ffffffff; ``hex(0x2)`` is refused (Wine
    ``parse_data_type``; test ``hex(0x2):``).
    """
    if not s or (len(s) > 1 and s[1] in "xX"):
        return None
    value, end = wcstoul16(s, 0)
    if end == 0 or value > 0xFFFFFFFF or s[end : end + 2] != "):":
        return None
    return value, s[end + 2 :]


# The form regedit writes: two-digit bytes separated by commas, perhaps a
# trailing comma and a continuation backslash right after it.
_FAST_HEX: Final = re.compile(r"((?:[0-9a-fA-F]{2},)*[0-9a-fA-F]{2})(,\\?)?")


@dataclass(frozen=True, slots=True)
class HexPiece:
    """The bytes of one line of a hex list, and whether it continues on the next line."""

    data: bytes
    continued: bool
    rest: str  # what follows the continuation backslash


def parse_hex_csv(s: str) -> HexPiece | None:
    """Parse comma-separated hex bytes, as regedit's ``convert_hex_csv_to_hex``.

    Each byte is read like ``wcstoul`` (so ``1`` and ``0x1`` pass); a value over
    ff, an empty item (``01,,02``) or junk after a byte refuses the list; a ``\\``
    after a comma continues it on the next line; a ``;`` ends it.
    """
    fast = _FAST_HEX.fullmatch(s)
    if fast is not None:
        tail = fast.group(2) or ""
        return HexPiece(bytes.fromhex(fast.group(1).replace(",", "")), tail == ",\\", "")
    data = bytearray()
    pos, n = 0, len(s)
    while pos < n:
        value, end = wcstoul16(s, pos)
        if value > 0xFF:
            return None
        if end == pos:
            rest = s[pos:].lstrip(WHITESPACE)
            if rest.startswith("\\"):
                return HexPiece(bytes(data), True, rest[1:])
            if rest.startswith(";"):
                return HexPiece(bytes(data), False, "")
            return None
        data.append(value)
        if end < n and s[end] != ",":
            return HexPiece(bytes(data), False, "") if rest_is_blank(s[end:]) else None
        pos = end + 1 if end < n else end
    return HexPiece(bytes(data), False, "")
