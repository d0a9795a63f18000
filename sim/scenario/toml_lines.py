"""Where each key of a TOML document is written: dotted key path -> line number.

tomli returns plain dicts and lists, which have lost their line numbers. Scenario
errors must read ``<file>:<line>: <dotted.key>: expected ..., found ...``
(docs/scenarios.md), so this module reads the same
text again and records the line each key, table header and array element starts on.

Rule: it runs only on text tomli has already accepted, so it reads the TOML 1.0
grammar (https://toml.io/en/v1.0.0) without re-checking it: tables ``[a.b]``,
arrays of tables ``[[a]]`` (numbered from 0 per parent element), dotted, bare and
quoted keys, inline tables, arrays spanning lines, the four string forms and
comments. Scalars other than strings are skipped up to their delimiter.
A path is a tuple of ``str`` keys and ``int`` array indexes; a key defined more
than once keeps its first line (tomli has refused true redefinitions already).

Bounds: arrays and inline tables nested more than :data:`MAX_DEPTH` levels raise
:class:`TomlTooDeep` at the line where the limit is passed (a scenario needs five
levels; the reader recurses once per level). Strings, comments, bare keys and
scalars are skipped with one regular-expression match or ``str.find`` each, so a
16 MiB document is read in time linear in its length.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["MAX_DEPTH", "KeyPath", "TomlTooDeep", "key_lines", "line_of"]

MAX_DEPTH: Final = 64


class TomlTooDeep(ValueError):
    """Arrays or inline tables nested deeper than :data:`MAX_DEPTH`; ``line`` is where."""

    def __init__(self, line: int) -> None:
        super().__init__(f"expected arrays, inline tables and dotted keys nested at most "
                         f"{MAX_DEPTH} levels deep, found deeper nesting")
        self.line = line

KeyPath = tuple[str | int, ...]

_SCALAR: Final = re.compile(r"[^,\]}\n#]*")
_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]*")
# The body of each string form, up to (not including) its closing quote.
_BODIES: Final = {
    '"': re.compile(r'(?:[^"\\\n]+|\\.)*', re.DOTALL),
    "'": re.compile(r"[^'\n]*"),
    '"""': re.compile(r'(?:[^"\\]+|\\.|"(?!""))*', re.DOTALL),
    "'''": re.compile(r"(?:[^']+|'(?!''))*"),
}


_ESCAPES: Final = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE: Final = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)


def _unescape(text: str) -> str:
    """Decode a basic string's escapes.

    TOML 1.0: ``\\b \\t \\n \\f \\r \\" \\\\``, ``\\u`` with 4 hex digits and
    ``\\U`` with 8.
    """

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "uU" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, text)


class _Reader:
    """A cursor over the text that counts lines as it moves."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.lines: dict[KeyPath, int] = {}

    # -- characters -------------------------------------------------------
    def peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    def startswith(self, token: str) -> bool:
        return self.text.startswith(token, self.pos)

    def advance(self, count: int = 1) -> None:
        end = min(self.pos + count, len(self.text))
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def skip_blank(self, *, newlines: bool) -> None:
        """Skip spaces and tabs, and with ``newlines`` also line ends and comments."""
        while True:
            char = self.peek()
            if char in (" ", "\t", "\r") or (newlines and char == "\n"):
                self.advance()
            elif newlines and char == "#":
                self.skip_comment()
            else:
                return

    def skip_comment(self) -> None:
        end = self.text.find("\n", self.pos)
        self.advance((len(self.text) if end < 0 else end) - self.pos)

    def record(self, path: KeyPath, line: int) -> None:
        self.lines.setdefault(path, line)

    # -- strings and keys -------------------------------------------------
    def read_string(self) -> str:
        """Read any of the four string forms; return the text between its quotes.

        Escapes are left as written; ``read_key`` decodes them for keys.
        """
        for quote in ('"""', "'''"):
            if self.startswith(quote):
                self.advance(3)
                return self._read_until(quote, escapes=quote == '"""', multiline=True)
        quote = self.peek()
        self.advance()
        return self._read_until(quote, escapes=quote == '"', multiline=False)

    def _read_until(self, quote: str, *, escapes: bool, multiline: bool) -> str:
        start = self.pos
        body = _BODIES[quote].match(self.text, self.pos)
        assert body is not None  # each pattern matches the empty string
        self.advance(body.end() - self.pos)
        if not self.startswith(quote):  # unterminated (tomli refused it already)
            self.advance(len(self.text) - self.pos)
            return self.text[start:]
        # A multi-line string may end with up to two extra quotes: """a"""""
        while multiline and self.text.startswith(quote, self.pos + 1):
            self.advance()
        value = self.text[start : self.pos]
        self.advance(len(quote))
        return value

    def read_key(self) -> list[str]:
        """Read a dotted key (``a."b.c".d``) into its parts (at most :data:`MAX_DEPTH`)."""
        parts: list[str] = []
        while True:
            if len(parts) > MAX_DEPTH:
                raise TomlTooDeep(self.line)
            self.skip_blank(newlines=False)
            if self.peek() == '"':
                parts.append(_unescape(self.read_string()))
            elif self.peek() == "'":
                parts.append(self.read_string())
            else:
                start = self.pos
                bare = _BARE_KEY.match(self.text, self.pos)
                assert bare is not None
                self.advance(bare.end() - start)
                parts.append(self.text[start : self.pos])
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return parts
            self.advance()

    # -- values -----------------------------------------------------------
    def read_value(self, path: KeyPath) -> None:
        """Read one value, recording the lines of everything nested in it."""
        char = self.peek()
        if char in ('"', "'"):
            self.read_string()
        elif char == "{":
            self._read_inline_table(path)
        elif char == "[":
            self._read_array(path)
        else:
            scalar = _SCALAR.match(self.text, self.pos)
            assert scalar is not None
            self.advance(scalar.end() - self.pos)

    def _nest(self, path: KeyPath) -> None:
        if len(path) > MAX_DEPTH:
            raise TomlTooDeep(self.line)

    def _read_inline_table(self, path: KeyPath) -> None:
        self._nest(path)
        self.advance()  # {
        while True:
            self.skip_blank(newlines=True)  # TOML 1.1 lets inline tables span lines
            if self.peek() in ("}", ""):
                self.advance()
                return
            if self.peek() == ",":
                self.advance()
                continue
            self.read_pair(path)

    def _read_array(self, path: KeyPath) -> None:
        self._nest(path)
        self.advance()  # [
        index = 0
        while True:
            self.skip_blank(newlines=True)
            char = self.peek()
            if char in ("]", ""):
                self.advance()
                return
            if char == ",":
                self.advance()
                continue
            element = (*path, index)
            self.record(element, self.line)
            self.read_value(element)
            index += 1

    def read_pair(self, table: KeyPath) -> None:
        """Read ``key = value`` inside ``table`` (always moving on, even over junk)."""
        start, line = self.pos, self.line
        parts = self.read_key()
        for depth in range(1, len(parts) + 1):
            self.record((*table, *parts[:depth]), line)
        self.skip_blank(newlines=False)
        if self.peek() == "=":
            self.advance()
        self.skip_blank(newlines=False)
        self.read_value((*table, *parts))
        if self.pos == start:
            self.advance()


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map every key path of a tomli-accepted TOML document to its first line (1-based).

    Raises:
        TomlTooDeep: values nested more than :data:`MAX_DEPTH` levels.
    """
    reader = _Reader(text)
    table: KeyPath = ()
    # Last index of each array of tables, by its resolved path (parent indexes included).
    array_tables: dict[KeyPath, int] = {}

    def resolve(parts: list[str]) -> list[str | int]:
        resolved: list[str | int] = []
        for part in parts:
            resolved.append(part)
            index = array_tables.get(tuple(resolved))
            if index is not None:
                resolved.append(index)
        return resolved

    while True:
        reader.skip_blank(newlines=True)
        if not reader.peek():
            return reader.lines
        line = reader.line
        if reader.startswith("[["):
            reader.advance(2)
            parts = reader.read_key()
            reader.advance(2)  # ]]
            parent = resolve(parts[:-1])
            array_path: KeyPath = (*parent, parts[-1])
            index = array_tables.get(array_path, -1) + 1
            array_tables[array_path] = index
            table = (*array_path, index)
            for depth in range(1, len(table) + 1):
                reader.record(table[:depth], line)
        elif reader.peek() == "[":
            reader.advance()
            parts = reader.read_key()
            reader.advance()  # ]
            table = tuple(resolve(parts))
            for depth in range(1, len(table) + 1):
                reader.record(table[:depth], line)
        else:
            reader.read_pair(table)


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int | None:
    """The line of ``path``, else of its nearest recorded parent, else ``None``.

    A missing required key is reported at the table that should hold it.
    """
    for depth in range(len(path), 0, -1):
        line = lines.get(path[:depth])
        if line is not None:
            return line
    return None
