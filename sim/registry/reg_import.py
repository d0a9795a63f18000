"""Import .reg text into a registry, as regedit imports it.

Rule 1 (lenient, the default): apply exactly what regedit applies; every line
regedit skips or rejects is reported as a :class:`RegWarning` with its line
number, and so is anything regedit accepts with a complaint (an unknown escape).
Rule 2 (strict): any such line is an error; every problem is reported at once
in a :class:`~sim.errors.RegImportError` and nothing is applied.
Rule 3: a first line that is not a registry header makes regedit refuse the
file; that raises in both modes and applies nothing. A ``REGEDIT...`` header
other than the three known ones is accepted by regedit, which then imports
nothing (a warning; an error in strict mode).

The line syntax lives in :mod:`sim.registry.reg_syntax`; the import runs on a
fork of the registry that replaces it only when the import is accepted, so an
import applies whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from sim.errors import RegImportError, RegistryError, RegProblem
from sim.registry.names import fold
from sim.registry.paths import ROOTS, UNSTORED_ROOTS, Hive, KeyPath, resolve, split_root
from sim.registry.reg_syntax import (
    HEADER_V4,
    HEADER_V5,
    HEXDIGITS,
    WHITESPACE,
    Header,
    parse_dword,
    parse_header,
    parse_hex_csv,
    parse_hex_type,
    rest_is_blank,
    unescape,
)
from sim.registry.values import RegType, RegValue, encode_sz

if TYPE_CHECKING:
    from sim.registry.core import Registry
    from sim.registry.tree import Node

__all__ = ["ImportReport", "RegWarning", "import_text", "split_lines"]

_STRING_TYPES: Final = frozenset({RegType.REG_SZ, RegType.REG_EXPAND_SZ, RegType.REG_MULTI_SZ})
_ROOT_LIST: Final = ", ".join(ROOTS)

# ANSI code page of the simulated machine: Windows-1252 (en-US) [inf]. The five
# bytes it leaves undefined map to the same code points, as MultiByteToWideChar does.
_ANSI: Final = {b: bytes([b]).decode("cp1252", "replace") for b in range(256)}
_ANSI_TABLE: Final = "".join(ch if ch != "\ufffd" else chr(b) for b, ch in _ANSI.items())


def ansi_to_unicode(raw: bytes) -> str:
    """Decode ANSI (Windows-1252) bytes as MultiByteToWideChar(CP_ACP) would."""
    return raw.decode("latin-1").translate(dict(enumerate(_ANSI_TABLE)))


@dataclass(frozen=True, slots=True, kw_only=True)
class RegWarning:
    """A line regedit skipped (``skipped``) or accepted with a complaint."""

    line: int
    message: str
    skipped: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """What an import did: counts, the header seen, and every warning in line order."""

    source: str
    header: Header
    keys: int = 0
    values: int = 0
    deleted_keys: int = 0
    deleted_values: int = 0
    warnings: tuple[RegWarning, ...] = ()


def split_lines(text: str) -> list[str]:
    """Split on CR, LF or CRLF only (regedit's line ends), cutting each line at a NUL."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "\x00" in text:
        lines = [line.split("\x00", 1)[0] for line in lines]
    return lines


@dataclass(slots=True)
class _Target:
    kp: KeyPath
    node: Node | None  # the stored node, for direct writes outside HKCR


@dataclass(slots=True)
class _Importer:
    reg: Registry
    lines: list[str]
    unicode: bool
    current: _Target | None = None
    warnings: list[RegWarning] = field(default_factory=list)
    keys: int = 0
    values: int = 0
    deleted_keys: int = 0
    deleted_values: int = 0

    def warn(self, line: int, message: str, *, skipped: bool = True) -> None:
        self.warnings.append(RegWarning(line=line, message=message, skipped=skipped))

    # -- the line loop ---------------------------------------------------------------

    def run(self) -> None:
        lines, n, i = self.lines, len(self.lines), 1
        while i < n:
            line = lines[i]
            i += 1
            if not line:
                continue
            if line[0] in WHITESPACE:
                line = line.lstrip(WHITESPACE)
                if not line:
                    continue
            first = line[0]
            if first == '"':
                name = unescape(line[1:])
                if name is None:
                    self.warn(i, f"value name: expected a closing quote, found {_show(line)}")
                    continue
                if name.unknown_escapes:
                    self._warn_escapes(i, name.unknown_escapes)
                i = self.value_line(i, name.text, name.rest)
            elif first == "[":
                self.key_line(i, line[1:])
            elif first == "@":
                i = self.value_line(i, "", line[1:])
            elif first not in ";#":
                self.warn(
                    i,
                    "expected a key line '[...]', a value line ('@=' or '\"name\"='), "
                    f"a ';' comment or a blank line, found {_show(line)}",
                )

    def run_win31(self) -> None:
        """Windows 3.1 lines: ``HKEY_CLASSES_ROOT\\path = value`` sets a default value."""
        for i, line in enumerate(self.lines[1:], start=2):
            if not line.startswith("HKEY_CLASSES_ROOT"):
                if line.strip(WHITESPACE):
                    self.warn(i, f"expected 'HKEY_CLASSES_ROOT\\path = value', found {_show(line)}")
                continue
            end = next((k for k, ch in enumerate(line) if ch.isspace()), len(line))
            value = line[end:].lstrip(WHITESPACE)
            value = value[1:] if value.startswith("=") else value
            value = value[1:] if value.startswith(" ") else value  # one space at most
            if self.open_key(i, line[:end]):
                self.set_value(i, "", RegType.REG_SZ, encode_sz(value))

    # -- keys --------------------------------------------------------------------------

    def key_line(self, i: int, body: str) -> None:
        end = body.rfind("]")
        if not body or body[0] in WHITESPACE or end < 0:
            why = "a space after '['" if body[:1] in (" ", "\t") else "a closing ']'"
            self.warn(i, f"key line: expected {why}, found {_show('[' + body)}; line ignored")
            return
        name = body[:end]
        if name.startswith("-"):
            self.delete_key_line(i, name[1:])
        else:
            self.open_key(i, name)

    def open_key(self, i: int, name: str) -> bool:
        self.current = None
        kp = self._resolve(i, name, "key")
        if kp is None:
            return False
        if kp.hive is Hive.HKCR:
            self.reg.create_key(kp.display)
            self.current = _Target(kp, None)
        else:
            self.current = _Target(kp, self.reg._writable(kp.hive, kp.parts, create=True))
        self.keys += 1
        return True

    def delete_key_line(self, i: int, name: str) -> None:
        self.current = None
        if not name or name[0] not in "Hh":
            self.warn(i, f"key deletion: expected '[-HKEY_...\\path]', found {_show(name)}")
            return
        kp = self._resolve(i, name, "key deletion")
        if kp is None:
            return
        if not kp.relative:
            self.warn(i, f"key deletion: expected a key below a root, found root {kp.root}")
            return
        if self.reg.nodes(kp):
            self.reg.delete_key(kp.display, tree=True)
            self.deleted_keys += 1

    def _resolve(self, i: int, name: str, what: str) -> KeyPath | None:
        if split_root(name, abbreviations=False) is None:
            head = name.partition("\\")[0]
            if head.upper() in UNSTORED_ROOTS:
                self.warn(i, f"{what} [{name}]: {head} does not exist on Windows NT; ignored")
            else:
                self.warn(
                    i,
                    f"{what} [{name}]: expected a root key ({_ROOT_LIST}), found {head!r}; "
                    "the values that follow are ignored",
                )
            return None
        try:
            return resolve(name, self.reg.user_sid, abbreviations=False)
        except RegistryError as exc:
            self.warn(i, f"{what} [{name}]: {exc}; the values that follow are ignored")
            return None

    # -- values ------------------------------------------------------------------------

    def value_line(self, i: int, name: str, rest: str) -> int:
        """Parse ``= data`` after a value name; return the index of the next line."""
        label = f'"{name}"' if name else "@"
        p = rest.lstrip(WHITESPACE)
        if not p.startswith("="):
            self.warn(i, f"value {label}: expected '=' after the name, found {_show(p)}")
            return i
        data = p[1:].strip(WHITESPACE)
        if data.startswith('"'):
            text = unescape(data[1:])
            if text is None or not rest_is_blank(text.rest):
                why = "a closing quote" if text is None else "only a ';' comment after the quote"
                self.warn(i, f"value {label}: expected {why}, found {_show(data)}")
                return i
            if text.unknown_escapes:
                self._warn_escapes(i, text.unknown_escapes)
            self.set_value(i, name, RegType.REG_SZ, encode_sz(text.text))
        elif data.startswith("hex:"):
            return self.hex_value(i, name, RegType.REG_BINARY, data[4:])
        elif data.startswith("dword:"):
            number = parse_dword(data[6:])
            if number is None:
                self.warn(
                    i,
                    f"value {label}: expected dword: and 1 to 8 hex digits, found {_show(data)}",
                )
                return i
            self.set_value(i, name, RegType.REG_DWORD, number.to_bytes(4, "little"))
        elif data.startswith("hex("):
            typed = parse_hex_type(data[4:])
            if typed is None:
                self.warn(i, f"value {label}: expected hex(N): with N in hex, found {_show(data)}")
                return i
            return self.hex_value(i, name, typed[0], typed[1])
        elif data.startswith("-"):
            self.delete_value(i, name, data[1:])
        else:
            self.warn(
                i,
                f'value {label}: expected "string", dword:, hex:, hex(N): or -, '
                f"found {_show(data)}",
            )
        return i

    def hex_value(self, start: int, name: str, vtype: int, text: str) -> int:
        """Read a hex list and its continuation lines; return the next line's index."""
        lines, n, i = self.lines, len(self.lines), start
        label = f'"{name}"' if name else "@"
        if not text:  # "hex(N):" with nothing: a value of that type with no data
            self.set_value(start, name, vtype, b"")
            return i
        data = bytearray()
        while True:
            piece = parse_hex_csv(text)
            if piece is None:
                self.warn(
                    i,
                    f"value {label}: expected comma-separated hex bytes 00-ff, found {_show(text)}",
                )
                return i
            data += piece.data
            if not piece.continued:
                break
            if not rest_is_blank(piece.rest):
                self.warn(i, f"value {label}: expected the line to end after '\\'")
                return i
            while True:  # blank and ';' lines between continuation lines are skipped
                if i >= n:
                    self.set_value(start, name, vtype, self._finish_hex(vtype, data))
                    return i
                text = lines[i].lstrip(WHITESPACE)
                i += 1
                if text and text[0] != ";":
                    break
            if text[0] not in HEXDIGITS:
                self.warn(
                    i,
                    f"value {label} (line {start}): expected a continuation line of hex "
                    f"bytes, found {_show(text)}; the value and this line are dropped",
                )
                return i
        self.set_value(start, name, vtype, self._finish_hex(vtype, data))
        return i

    def _finish_hex(self, vtype: int, data: bytearray) -> bytes:
        """Terminate string types given as hex, and convert ANSI ones to UTF-16."""
        if vtype not in _STRING_TYPES or not data:
            return bytes(data)
        if not self.unicode:
            if data[-1] != 0:
                data.append(0)
            return ansi_to_unicode(bytes(data)).encode("utf-16-le", "surrogatepass")
        even = len(data) & ~1
        if even == 0 or data[even - 2 : even] != b"\x00\x00":
            # The last whole character gets a NUL after it; an odd last byte is
            # overwritten by that NUL and one zero byte follows [inf: Wine].
            return bytes(data[:even]) + b"\x00\x00" + (b"\x00" if len(data) % 2 else b"")
        return bytes(data)

    def set_value(self, i: int, name: str, vtype: int, raw: bytes) -> None:
        target = self.current
        if target is None:
            label = f'"{name}"' if name else "@"
            self.warn(i, f"value {label}: ignored, no key is open (no valid key line before it)")
            return
        value = RegValue(name, vtype, raw)
        if target.node is not None:
            target.node.values[fold(name)] = value
        else:
            self.reg.store_value(target.kp, value, create=True)
        self.values += 1

    def delete_value(self, i: int, name: str, after: str) -> None:
        label = f'"{name}"' if name else "@"
        if not rest_is_blank(after):
            self.warn(
                i,
                f"value {label}: expected nothing after '-' (a deletion), found "
                f"{_show('-' + after)}",
            )
            return
        if self.current is None:
            self.warn(i, f"value {label}: deletion ignored, no key is open")
            return
        if self.reg.remove_value(self.current.kp, name):
            self.deleted_values += 1

    def _warn_escapes(self, i: int, escapes: tuple[str, ...]) -> None:
        shown = ", ".join(sorted({"\\" + e for e in escapes}))
        self.warn(
            i,
            f"unknown escape {shown}: regedit drops the backslash; write \\\\ for a backslash",
            skipped=False,
        )


def _show(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def import_text(
    reg: Registry,
    text: str,
    *,
    strict: bool = False,
    source: str = "<string>",
    unicode: bool | None = None,
) -> ImportReport:
    """Import .reg ``text`` into ``reg`` (Rules 1-3 above).

    Args:
        reg: the registry changed in place when the import is accepted.
        text: the file's text; a leading U+FEFF is ignored.
        strict: refuse the whole text on any warning.
        source: the file name used in messages.
        unicode: whether hex(1)/hex(2)/hex(7) bytes are UTF-16LE (a UTF-16 file)
            or ANSI; by default, decided by the header (version 5 or REGEDIT4).

    Raises:
        RegImportError: an invalid header, or any problem in strict mode.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = split_lines(text)
    header = parse_header(lines[0])
    if header is Header.INVALID:
        found = _show(lines[0])
        raise RegImportError(
            source,
            (
                RegProblem(
                    line=1,
                    message=(
                        f"expected the header {HEADER_V5!r} or {HEADER_V4!r} on the first line, "
                        f"found {found}: regedit refuses the file and imports nothing"
                    ),
                ),
            ),
        )
    if unicode is None:
        unicode = header is Header.V5
    work = reg.fork()
    importer = _Importer(work, lines, unicode)
    if header is Header.FUZZY:
        importer.warn(
            1,
            f"header {_show(lines[0])}: regedit accepts a 'REGEDIT...' header "
            "it does not know but imports nothing from the file",
        )
    elif header is Header.WIN31:
        importer.run_win31()
    else:
        importer.run()
    if strict and importer.warnings:
        problems = tuple(RegProblem(line=w.line, message=w.message) for w in importer.warnings)
        raise RegImportError(source, problems)
    work._version += 1
    reg._adopt(work)
    return ImportReport(
        source=source,
        header=header,
        keys=importer.keys,
        values=importer.values,
        deleted_keys=importer.deleted_keys,
        deleted_values=importer.deleted_values,
        warnings=tuple(importer.warnings),
    )
