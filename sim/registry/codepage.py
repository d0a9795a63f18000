"""The ANSI code page of the simulated machine, in one place.

Rule: ANSI text is Windows-1252 (the en-US code page) [inferred: the simulated machine is en-US;
regedit reads a .reg file without a byte-order mark in the ANSI code page,
https://support.microsoft.com/help/310516 "How to add, modify, or delete registry subkeys and
values by using a .reg file"]. The five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
0x90, 0x9D) map to the same code points, as ``MultiByteToWideChar(CP_ACP)`` does
(https://learn.microsoft.com/windows/win32/api/stringapiset/nf-stringapiset-multibytetowidechar).

Decoding is Latin-1 (byte n to code point n) followed by one translation table, so a stream
can be decoded as Latin-1 chunk by chunk (line ends handled by :class:`io.TextIOWrapper`) and
translated afterwards: no Windows-1252 character is a line end.
"""

from __future__ import annotations

from typing import Final

__all__ = ["ANSI_STREAM_ENCODING", "ansi_from_latin1", "ansi_to_unicode"]

# The encoding a byte stream is read with before :func:`ansi_from_latin1`.
ANSI_STREAM_ENCODING: Final = "latin-1"

_CP1252: Final = {b: bytes([b]).decode("cp1252", "replace") for b in range(256)}
_TABLE: Final = {
    b: ch for b, ch in _CP1252.items() if ch != chr(b) and ch != "\ufffd"
}


def ansi_from_latin1(text: str) -> str:
    """Turn text decoded as Latin-1 into what Windows-1252 decoding gives."""
    return text.translate(_TABLE)


def ansi_to_unicode(raw: bytes) -> str:
    """Decode ANSI (Windows-1252) bytes as MultiByteToWideChar(CP_ACP) would."""
    return ansi_from_latin1(raw.decode(ANSI_STREAM_ENCODING))
