"""regedit's parser: the state machine that reads .reg lines, every form and every error.

Rule: exactly what Wine's regedit (``programs/regedit/regproc.c``) does, as its
conformance tests pin it to Windows (``programs/regedit/tests/regedit.c``;
wine-regedit-tests): a line regedit skips or rejects
becomes a :class:`RegWarning` with its line number, and so does a line it
accepts with a complaint (an unknown escape). The syntax of each piece lives
in :mod:`sim.registry.reg_syntax`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING, Final

from sim.errors import RegistryError
from sim.registry.codepage import ansi_to_unicode
from sim.registry.names import fold
from sim.registry.paths import ROOTS, UNSTORED_ROOTS, Hive, KeyPath, resolve, split_root
from sim.registry.reg_syntax import (
    HEXDIGITS,
    WHITESPACE,
    parse_dword,
    parse_hex_csv,
    parse_hex_type,
    rest_is_blank,
    unescape,
)
from sim.registry.tree import Node
from sim.registry.values import RegType, RegValue, encode_sz

if TYPE_CHECKING:
    from sim.registry.core import Registry

__all__ = ["Parser", "RegWarning"]

_STRING_TYPES: Final = frozenset({RegType.REG_SZ, RegType.REG_EXPAND_SZ, RegType.REG_MULTI_SZ})
_ROOT_LIST: Final = ", ".join(ROOTS)


@dataclass(frozen=True, slots=True, kw_only=True)
class RegWarning:
    """A line regedit skipped (``skipped``) or accepted with a complaint."""

    line: int
    message: str
    skipped: bool = True


class Parser:
    """regedit's state machine: one key open at a time, lines read one by one.

    Every line goes through :meth:`general_line`; :class:`sim.registry.reg_fast.FastParser`
    adds fast paths for the forms regedit itself exports.
    """

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
        self._kp_name: str | None = None  # the key name _kp was resolved for

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
        """The open key's path, resolved when first needed for the key name now open."""
        name = self.key_name
        assert name is not None
        if self._kp is None or self._kp_name is not name:
            self._kp = resolve(name, self.reg.user_sid, abbreviations=False)
            self._kp_name = name
        return self._kp

    # -- the line loop ---------------------------------------------------------------

    def run(self) -> None:
        """Read every line, each through the general parser."""
        while (line := self.next_line()) is not None:
            self.general_line(line)

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

    # -- keys --------------------------------------------------------------------------

    def _close(self) -> None:
        self.node, self.key_name, self._kp = None, None, None

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
        self.key_name, self._kp, self._kp_name = name, kp, name
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


