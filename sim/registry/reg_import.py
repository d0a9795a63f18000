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

import gc
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Final

from sim.errors import RegImportError, RegistryError, RegProblem
from sim.registry.names import MAX_DEPTH, MAX_KEY_NAME, fold
from sim.registry.packed import pack_text
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
from sim.registry.tree import Node
from sim.registry.values import RegType, RegValue, encode_sz

if TYPE_CHECKING:
    from sim.registry.core import Registry

__all__ = ["ImportReport", "RegWarning", "chunks_of", "import_chunks", "import_text"]

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


def chunks_of(text: str) -> Iterator[str]:
    """Yield ``text`` as one chunk of whole lines, its line ends (CR, LF, CRLF) as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yield text if text.endswith("\n") else text + "\n"


# The forms regedit itself writes: a fast path that gives the same result as the
# general parser, which takes every line these patterns do not match. A block is
# blank lines, a key line and the value lines after it; each value line is
# matched again by _FAST_VALUE to take it apart (quotes kept, so that an empty
# group means "not this form").
_NAME: Final = r'"([^"\\\x00]*)"|(@)'
_TEXT: Final = r'"((?:[^"\\\x00]|\\[\\"])*)"'
_NUMBER: Final = r"dword:([0-9a-fA-F]{1,8})"
_HEX: Final = r"hex(?:\(([0-9a-fA-F]{1,8})\))?:((?:[0-9a-fA-F]{2},)*[0-9a-fA-F]{2})"
_FAST_VALUE: Final = re.compile(f"(?:{_NAME})=(?:{_TEXT}|{_NUMBER}|{_HEX})")
# The first line of a hex list regedit continues ("name"=hex(2):41,00,\) and the
# continuation lines it writes ("  41,00,\" or the last, "  41,00").
_FAST_HEX_HEAD: Final = re.compile(
    f"(?:{_NAME})=hex(?:\\(([0-9a-fA-F]{{1,8}})\\))?:((?:[0-9a-fA-F]{{2}},)+)\\\\"
)
_FAST_HEX_MORE: Final = re.compile(r"  ((?:[0-9a-fA-F]{2},)*[0-9a-fA-F]{2})(,\\)?")
_SZ: Final = RegType.REG_SZ
_VALUE_START: Final = frozenset('"@')
_DWORD: Final = RegType.REG_DWORD
_BINARY: Final = RegType.REG_BINARY


class _Importer:
    """The state machine: one key open at a time, lines read from an iterator."""

    def __init__(self, reg: Registry, chunks: Iterable[str], unicode: bool) -> None:
        self.reg = reg
        # Chunks of whole lines, each ending in LF: split in C, chained in C.
        self.lines: Iterator[str] = chain.from_iterable(c[:-1].split("\n") for c in chunks)
        self.lineno = 0  # the number of the line last read
        self.unicode = unicode
        self.warnings: list[RegWarning] = []
        self.keys = self.values = self.deleted_keys = self.deleted_values = 0
        # The open key: its stored node (None for HKCR, written through the registry)
        # and its path, resolved only when a general operation needs it.
        self.node: Node | None = None
        self.key_name: str | None = None
        self._kp: KeyPath | None = None
        # The open key's ancestors, root first: their paths + "\\" and their nodes.
        self._paths: list[str] = []
        self._nodes: list[Node] = []
        self._depth0 = 0
        self._token: object = reg._token

    def warn(self, line: int, message: str, *, skipped: bool = True) -> None:
        self.warnings.append(RegWarning(line=line, message=message, skipped=skipped))

    def next_line(self) -> str | None:
        """Return the next line (without its line end), or None at the end."""
        line = next(self.lines, None)
        if line is not None:
            self.lineno += 1
        return line

    @property
    def open(self) -> bool:
        return self.key_name is not None

    def current_kp(self) -> KeyPath:
        if self._kp is None:
            assert self.key_name is not None
            self._kp = resolve(self.key_name, self.reg.user_sid, abbreviations=False)
        return self._kp

    # -- the line loop ---------------------------------------------------------------

    def run(self) -> None:
        """Read every line: regedit's own export forms fast, anything else in general.

        Written for speed (a 1M-line export in about a second): the value fast path
        is inlined, and the open key's node and the counters are kept in locals.
        """
        match_value, match_hex_head, fast_key = (
            _FAST_VALUE.fullmatch, _FAST_HEX_HEAD.fullmatch, self.fast_key
        )
        node, lineno, values = self.node, self.lineno, 0
        for line in self.lines:
            lineno += 1
            if not line:
                continue
            first = line[0]
            if first in _VALUE_START and node is not None:
                # The commonest lines, "name"="text" and @="text", without a regex.
                end = line.find('"="', 1) if first == '"' else (-1 if line[1:3] != '="' else 0)
                if (end >= 0 and line[-1] == '"' and line.count('"') == (4 if end else 2)
                        and "\\" not in line and "\x00" not in line):
                    name = line[1:end] if end else ""
                    entries = node.entries
                    if entries is None:
                        entries = node.entries = {}
                    folded = name.upper() if name.isascii() else fold(name)
                    text = line[end + 3 if end else 3 : -1]
                    if folded in entries:  # a second value of that name keeps the first spelling
                        node.set_value(folded, RegValue(name, _SZ, encode_sz(text)))
                    else:
                        entries[folded] = f"\x01{name}\x00{text}"
                    values += 1
                    continue
            if first in _VALUE_START and node is not None:
                match = match_value(line)
                if match is not None:
                    self._fast_value(node, match.groups())
                    values += 1
                    continue
                head = match_hex_head(line)
                if head is not None:  # a hex list that goes on over the next lines
                    self.lineno, self.values = lineno, self.values + values
                    values = 0
                    self._fast_hex_lines(node, *head.groups())
                    lineno = self.lineno
                    continue
            elif first == "[" and line[-1] == "]" and fast_key(line[1:-1]):
                node = self.node
                continue
            self.lineno, self.values = lineno, self.values + values
            values = 0
            self.general_line(line)
            lineno, node = self.lineno, self.node
        self.lineno, self.values = lineno, self.values + values

    def _fast_value(self, node: Node, groups: tuple[str | None, ...]) -> None:
        """Store a value line the fast pattern matched."""
        quoted, _at, text, dword, hex_type, hex_data = groups
        name = quoted or ""
        folded = name.upper() if name.isascii() else fold(name)
        if text is not None:
            # The pattern admits only \\ and \" escapes, paired left to right; NUL is
            # excluded from it, so it can stand in for an escaped backslash.
            text = text.replace("\\\\", "\x00").replace('\\"', '"').replace("\x00", "\\")
            if node.entries is None:
                node.entries = {}
            if folded in node.entries:
                node.set_value(folded, RegValue(name, _SZ, encode_sz(text)))
            else:
                node.entries[folded] = pack_text(name, text)
            return
        if dword is not None:
            value = RegValue(name, _DWORD, int(dword, 16).to_bytes(4, "little"))
        else:
            assert hex_data is not None
            value = self._fast_hex(name, hex_type or "", hex_data)
        node.set_value(folded, value)

    def _fast_hex_lines(self, node: Node, quoted: str | None, _at: str | None,
                        hex_type: str | None, first: str) -> None:
        """Read a hex list continued over lines in regedit's own layout."""
        name, start = quoted or "", self.lineno
        vtype = int(hex_type, 16) if hex_type else _BINARY
        data = bytearray.fromhex(first.replace(",", ""))
        match_more = _FAST_HEX_MORE.fullmatch
        while True:
            line = self.next_line()
            more = match_more(line) if line is not None else None
            if more is None:
                if line is None:  # the file ends: regedit sets what it has
                    self.set_value(start, name, vtype, self._finish_hex(vtype, data))
                else:
                    self.hex_resume(start, name, vtype, data, line)
                return
            data += bytes.fromhex(more.group(1).replace(",", ""))
            if not more.group(2):
                break
        node.set_value(name.upper() if name.isascii() else fold(name),
                       RegValue(name, vtype, self._finish_hex(vtype, data)))
        self.values += 1

    def _fast_hex(self, name: str, hex_type: str, hex_data: str) -> RegValue:
        vtype = int(hex_type, 16) if hex_type else _BINARY
        data = bytes.fromhex(hex_data.replace(",", ""))
        if vtype in _STRING_TYPES:
            data = self._finish_hex(vtype, bytearray(data))
        return RegValue(name, vtype, data)

    def general_line(self, line: str) -> None:
        """Parse one line as regedit does (every form, every error)."""
        i = self.lineno
        if "\x00" in line:
            line = line.split("\x00", 1)[0]
        line = line.lstrip(WHITESPACE)
        if not line:
            return
        first = line[0]
        if first == '"':
            name = unescape(line[1:])
            if name is None:
                self.warn(i, f"value name: expected a closing quote, found {_show(line)}")
                return
            if name.unknown_escapes:
                self._warn_escapes(i, name.unknown_escapes)
            self.value_line(name.text, name.rest)
        elif first == "[":
            self.key_line(i, line[1:])
        elif first == "@":
            self.value_line("", line[1:])
        elif first not in ";#":
            self.warn(
                i,
                "expected a key line '[...]', a value line ('@=' or '\"name\"='), "
                f"a ';' comment or a blank line, found {_show(line)}",
            )

    def run_win31(self) -> None:
        """Windows 3.1 lines: ``HKEY_CLASSES_ROOT\\path = value`` sets a default value."""
        while (line := self.next_line()) is not None:
            i = self.lineno
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

    # -- fast paths (regedit's own export forms) -------------------------------------

    def fast_key(self, name: str) -> bool:
        """Open ``[name]`` from the stack of open ancestors; False: the general path.

        Exports list keys depth-first, so a key is almost always one component below
        a key on the stack of the previous key's ancestors: only that is walked.
        """
        paths, nodes = self._paths, self._nodes
        while paths and not name.startswith(paths[-1]):
            paths.pop()
            nodes.pop()
        if not paths:
            root = name.partition("\\")[0]
            if "\x00" in name or not self._fast_root(root):
                return False
            if name == root:
                self.node, self.key_name, self._kp = nodes[-1], name, None
                self.keys += 1
                return True
        part = name[len(paths[-1]) :]
        if "\\" in part or not part or len(part) > MAX_KEY_NAME or "\x00" in part:
            return self._fast_parts(name, part)
        if len(nodes) + self._depth0 > MAX_DEPTH:
            return False
        node = nodes[-1]
        folded = part.upper() if part.isascii() else fold(part)
        subkeys = node.subkeys
        if subkeys is None:
            subkeys = node.subkeys = {}
        child = subkeys.get(folded)
        if child is None:
            child = subkeys[folded] = Node(part, self._token)
            node._order = None
        elif child.owner is not self._token:
            child = subkeys[folded] = child.clone(self._token)
        paths.append(name + "\\")
        nodes.append(child)
        self.node, self.key_name, self._kp = child, name, None
        self.keys += 1
        return True

    def _fast_parts(self, name: str, rest: str) -> bool:
        """Open a key several components below the stack top, one component at a time."""
        parts = rest.split("\\")
        if (not all(0 < len(p) <= MAX_KEY_NAME for p in parts) or "\x00" in rest
                or len(self._nodes) + self._depth0 + len(parts) > MAX_DEPTH + 1):
            return False
        base = self._paths[-1]
        for index in range(len(parts) - 1):
            if not self.fast_key(base + "\\".join(parts[: index + 1])):
                return False
            self.keys -= 1  # only the key the line names counts
        return self.fast_key(name)

    def _fast_root(self, root: str) -> bool:
        found = ROOTS.get(root.upper())
        if found is None or found[0] is Hive.HKCR:
            return False
        hive, prefix = found
        parts = [self.reg.user_sid if p == "{sid}" else p for p in prefix]
        base = self.reg._writable(hive, parts, create=True)
        assert base is not None
        self._paths[:], self._nodes[:] = [root + "\\"], [base]
        self._depth0 = len(parts)  # the depth of the stack's first node
        self._token = self.reg._token
        return True

    # -- keys --------------------------------------------------------------------------

    def _close(self) -> None:
        self.node, self.key_name, self._kp = None, None, None
        self._paths.clear()  # a general operation may detach the nodes the stack holds
        self._nodes.clear()

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
        self._close()
        kp = self._resolve(i, name, "key")
        if kp is None:
            return False
        if kp.hive is Hive.HKCR:
            self.reg.create_key(kp.display)
        else:
            self.node = self.reg._writable(kp.hive, kp.parts, create=True)
        self.key_name, self._kp = name, kp
        self.keys += 1
        return True

    def delete_key_line(self, i: int, name: str) -> None:
        self._close()
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

    def value_line(self, name: str, rest: str) -> None:
        """Parse ``= data`` after a value name (continuation lines read as needed)."""
        i = self.lineno
        label = f'"{name}"' if name else "@"
        p = rest.lstrip(WHITESPACE)
        if not p.startswith("="):
            self.warn(i, f"value {label}: expected '=' after the name, found {_show(p)}")
            return
        data = p[1:].strip(WHITESPACE)
        if data.startswith('"'):
            text = unescape(data[1:])
            if text is None or not rest_is_blank(text.rest):
                why = "a closing quote" if text is None else "only a ';' comment after the quote"
                self.warn(i, f"value {label}: expected {why}, found {_show(data)}")
                return
            if text.unknown_escapes:
                self._warn_escapes(i, text.unknown_escapes)
            self.set_value(i, name, RegType.REG_SZ, encode_sz(text.text))
        elif data.startswith("hex:"):
            self.hex_value(name, RegType.REG_BINARY, data[4:])
        elif data.startswith("dword:"):
            number = parse_dword(data[6:])
            if number is None:
                self.warn(
                    i,
                    f"value {label}: expected dword: and 1 to 8 hex digits, found {_show(data)}",
                )
                return
            self.set_value(i, name, RegType.REG_DWORD, number.to_bytes(4, "little"))
        elif data.startswith("hex("):
            typed = parse_hex_type(data[4:])
            if typed is None:
                self.warn(i, f"value {label}: expected hex(N): with N in hex, found {_show(data)}")
                return
            self.hex_value(name, typed[0], typed[1])
        elif data.startswith("-"):
            self.delete_value(i, name, data[1:])
        else:
            self.warn(
                i,
                f'value {label}: expected "string", dword:, hex:, hex(N): or -, '
                f"found {_show(data)}",
            )

    def hex_value(self, name: str, vtype: int, text: str) -> None:
        """Read a hex list and its continuation lines."""
        start = self.lineno
        if not text:  # "hex(N):" with nothing: a value of that type with no data
            self.set_value(start, name, vtype, b"")
            return
        self._hex_from(start, name, vtype, bytearray(), text)

    def hex_resume(self, start: int, name: str, vtype: int, data: bytearray, line: str) -> None:
        """Go on with a hex list at a continuation ``line`` the fast path did not take."""
        if "\x00" in line:
            line = line.split("\x00", 1)[0]
        text: str | None = line.lstrip(WHITESPACE)
        if not text or text[0] == ";":
            text = self._continuation()
        if text is None:  # the file ends: regedit sets what it has
            self.set_value(start, name, vtype, self._finish_hex(vtype, data))
        elif self._hex_line_ok(start, name, text):
            self._hex_from(start, name, vtype, data, text)

    def _hex_line_ok(self, start: int, name: str, text: str) -> bool:
        if text[0] in HEXDIGITS:
            return True
        self.warn(
            self.lineno,
            f"value {_label(name)} (line {start}): expected a continuation line of hex "
            f"bytes, found {_show(text)}; the value and this line are dropped",
        )
        return False

    def _hex_from(self, start: int, name: str, vtype: int, data: bytearray, text: str) -> None:
        """Parse hex list lines from ``text`` on, then set the value."""
        while True:
            piece = parse_hex_csv(text)
            if piece is None:
                self.warn(self.lineno, f"value {_label(name)}: expected comma-separated hex "
                                       f"bytes 00-ff, found {_show(text)}")
                return
            data += piece.data
            if not piece.continued:
                break
            if not rest_is_blank(piece.rest):
                self.warn(self.lineno, f"value {_label(name)}: expected the line to end after '\\'")
                return
            following = self._continuation()
            if following is None:  # the file ends: regedit sets what it has
                break
            if not self._hex_line_ok(start, name, following):
                return
            text = following
        self.set_value(start, name, vtype, self._finish_hex(vtype, data))

    def _continuation(self) -> str | None:
        """The next line that is not blank or a ';' comment, or None at the end."""
        while True:
            line = self.next_line()
            if line is None:
                return None
            if "\x00" in line:
                line = line.split("\x00", 1)[0]
            text = line.lstrip(WHITESPACE)
            if text and text[0] != ";":
                return text

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
        if not self.open:
            label = f'"{name}"' if name else "@"
            self.warn(i, f"value {label}: ignored, no key is open (no valid key line before it)")
            return
        value = RegValue(name, vtype, raw)
        if self.node is not None:
            self.node.set_value(fold(name), value)
        else:
            self.reg.store_value(self.current_kp(), value, create=True)
        self.values += 1

    def delete_value(self, i: int, name: str, after: str) -> None:
        label = f'"{name}"' if name else "@"
        if not rest_is_blank(after):
            self.warn(i, f"value {label}: expected nothing after '-' (a deletion), found "
                      f"{_show('-' + after)}")
            return
        if not self.open:
            self.warn(i, f"value {label}: deletion ignored, no key is open")
            return
        if self.reg.remove_value(self.current_kp(), name):
            self.deleted_values += 1

    def _warn_escapes(self, i: int, escapes: tuple[str, ...]) -> None:
        shown = ", ".join(sorted({"\\" + e for e in escapes}))
        self.warn(
            i,
            f"unknown escape {shown}: regedit drops the backslash; write \\\\ for a backslash",
            skipped=False,
        )


def _label(name: str) -> str:
    return f'"{name}"' if name else "@"


def _show(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _run(importer: _Importer, header: Header, first: str) -> None:
    if header is Header.FUZZY:
        importer.warn(1, f"header {_show(first)}: regedit accepts a 'REGEDIT...' header "
                         "it does not know but imports nothing from the file")
    elif header is Header.WIN31:
        importer.run_win31()
    else:
        importer.run()


def import_text(
    reg: Registry,
    text: str,
    *,
    strict: bool = False,
    source: str = "<string>",
    unicode: bool | None = None,
) -> ImportReport:
    """Import .reg ``text`` into ``reg`` (Rules 1-3 above); a leading U+FEFF is ignored."""
    return import_chunks(reg, chunks_of(text.removeprefix("\ufeff")), strict=strict,
                         source=source, unicode=unicode)


def import_chunks(
    reg: Registry,
    chunks: Iterable[str],
    *,
    strict: bool = False,
    source: str = "<string>",
    unicode: bool | None = None,
) -> ImportReport:
    """Import .reg text given in chunks of whole lines, each line ending in LF.

    Args:
        reg: the registry changed in place when the import is accepted.
        chunks: the file's text, the header first (see :func:`chunks_of`).
        strict: refuse the whole text on any warning.
        source: the file name used in messages.
        unicode: whether hex(1)/hex(2)/hex(7) bytes are UTF-16LE (a UTF-16 file)
            or ANSI; by default, decided by the header (version 5 or REGEDIT4).

    Raises:
        RegImportError: an invalid header, or any problem in strict mode.
    """
    work = reg.fork()
    importer = _Importer(work, chunks, True)
    first = importer.next_line() or ""
    header = parse_header(first.split("\x00", 1)[0])
    if header is Header.INVALID:
        raise RegImportError(source, (RegProblem(line=1, message=(
            f"expected the header {HEADER_V5!r} or {HEADER_V4!r} on the first line, "
            f"found {_show(first)}: regedit refuses the file and imports nothing")),))
    importer.unicode = header is Header.V5 if unicode is None else unicode
    # Building hundreds of thousands of nodes would trigger the cyclic collector
    # again and again (half the import time); nothing here makes cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run(importer, header, first)
    finally:
        if collecting:
            gc.enable()
    if strict and importer.warnings:
        problems = tuple(RegProblem(line=w.line, message=w.message) for w in importer.warnings)
        raise RegImportError(source, problems)
    reg._adopt(work)
    return ImportReport(
        source=source, header=header, keys=importer.keys, values=importer.values,
        deleted_keys=importer.deleted_keys, deleted_values=importer.deleted_values,
        warnings=tuple(importer.warnings),
    )
