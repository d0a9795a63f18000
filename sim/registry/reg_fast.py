"""The fast path of the .reg importer: regedit's own export forms, read with little work.

Rule: for every line it takes, the fast path stores exactly what the general
parser (:class:`sim.registry.reg_parser.Parser`) would, and it leaves every
other line to that parser (a property test holds the two agree). It takes key
lines, opened from a stack of the previous key's ancestors (exports list keys
depth-first), and value lines in the forms regedit writes: ``"name"="text"`` and
``@="text"`` (with the two escapes of a backslash and a quote), ``dword:`` with
eight digits, and ``hex:``/``hex(N):`` lists of two-digit bytes, continued over
lines indented by two spaces. These are read with string operations rather than
regular expressions, and a key's first plain string value keeps the very line it
was read from (:mod:`sim.registry.packed`). A 1M-line export imports in about a
second (benchmarks/registry_bench.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Final

from sim.registry.names import MAX_DEPTH, MAX_KEY_NAME, fold
from sim.registry.packed import Entry, pack, pack_bytes, pack_text, unpack
from sim.registry.paths import ROOTS, Hive
from sim.registry.reg_parser import Parser
from sim.registry.tree import Node
from sim.registry.values import RegType, RegValue, encode_sz

if TYPE_CHECKING:
    from sim.registry.core import Registry

__all__ = ["FastParser"]

_STRING_TYPES: Final = frozenset({RegType.REG_SZ, RegType.REG_EXPAND_SZ, RegType.REG_MULTI_SZ})

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
_SZ: Final = RegType.REG_SZ
_VALUE_START: Final = frozenset('"@')
_DWORD: Final = RegType.REG_DWORD
_HEX_CHARS: Final = "0123456789abcdefABCDEF"
_BINARY: Final = RegType.REG_BINARY



# Hex bytes as regedit writes them: two digits each, single commas between, none after.
_canonical_hex: Final = re.compile(r"(?:[0-9a-fA-F]{2},)*[0-9a-fA-F]{2}").fullmatch


def _name_and_data(line: str, first: str) -> tuple[str, str] | None:
    """Split ``"name"=data`` or ``@=data`` when the name holds no escape."""
    if first == '"':
        close = line.find('"=', 1)
        name = line[1:close]
        if close < 0 or '"' in name or "\\" in name:
            return None
        return name, line[close + 2 :]
    return ("", line[2:]) if line[1:2] == "=" else None


def _hex_type(data: str) -> tuple[int, str] | None:
    """Split ``hex:..`` or ``hex(N):..`` (N 1-8 hex digits) into (type, the bytes part)."""
    colon = data.find(":")
    if data[:3] != "hex" or colon < 0:
        return None
    kind = data[3:colon]
    if not kind:
        return _BINARY, data[colon + 1 :]
    number = kind[1:-1]
    if kind[0] != "(" or kind[-1] != ")" or not 0 < len(number) <= 8 or number.strip(_HEX_CHARS):
        return None
    return int(number, 16), data[colon + 1 :]


class FastParser(Parser):
    """The parser with fast paths for regedit's export forms."""

    def __init__(self, reg: Registry, chunks: Iterable[str], unicode: bool) -> None:
        super().__init__(reg, chunks, unicode)
        # The open key's ancestors, root first: (path, node, folded index path).
        self._stack: list[tuple[str, Node, str]] = []
        self._index: dict[str, Node] = {}
        self._top_key: Callable[[str], str] = str
        self._depth0 = 0
        self._token: object = reg._token

    def _close(self) -> None:
        super()._close()
        self._stack.clear()  # a general operation may detach the nodes the stack holds

    def run(self) -> None:  # noqa: PLR0912, PLR0915 - the hot loop is inlined for speed
        """Read every line: regedit's own export forms fast, anything else in general.

        Written for speed (a 1M-line export in about a second): the value fast path
        is inlined, and the open key's node and the counters are kept in locals.
        """
        match_value, fast_key = _FAST_VALUE.fullmatch, self.fast_key
        node, lineno, values, keys = self.node, self.lineno, 0, 0
        for line in self.lines:
            lineno += 1
            if not line:
                continue
            first = line[0]
            if first in _VALUE_START and node is not None:
                if "\x00" not in line:
                    # The commonest lines, "name"="text" and @="text", without a regex. An
                    # escaped backslash (\\) stands as NUL meanwhile, which no line holds here.
                    plain = line
                    if "\\" in line and "\x01" in line:  # \x01 marks \" below: not this path
                        plain = ""
                    elif "\\" in line:
                        plain = line.replace("\\\\", "\x00")
                        if '\\"' in plain:  # \" stands as \x01 meanwhile
                            plain = plain.replace('\\"', "\x01")
                        if "\\" in plain:  # another escape: not this path
                            plain = ""
                    end = plain.find('"="', 1) if first == '"' else (
                        0 if plain[1:3] == '="' else -1)  # @="text"
                    if end >= 0 and plain[-1] == '"' and plain.count('"') == (4 if end else 2):
                        values += 1
                        if plain is line and node.entries is None:
                            node.entries = line  # the key's first value: the line is the entry
                            continue
                        name = plain[1:end] if end else ""
                        if plain is line:
                            entry = line
                        else:  # put the escaped backslashes and quotes back
                            name = name.replace("\x00", "\\").replace("\x01", '"')
                            text = plain[end + 3 if end else 3 : -1]
                            text = text.replace("\x00", "\\").replace("\x01", '"')
                            entry = f"\x01{name}\x00{text}"
                        if node.entries is None:
                            node.entries = entry
                        else:
                            folded = name.upper() if name.isascii() else fold(name)
                            if not node.put_new(folded, entry):
                                node.set_value(folded, unpack(entry)._replace(name=name))
                        continue
                self.lineno, self.values = lineno, self.values + values
                values = 0
                typed = self._fast_typed(node, line, first)  # dword: and hex lists, no regex
                lineno = self.lineno
                if typed:
                    continue
                match = match_value(line)
                if match is not None:
                    self._fast_value(node, match.groups())
                    values += 1
                    continue
            elif first == "[" and line[-1] == "]" and fast_key(line[1:-1]):
                node = self.node
                keys += 1
                continue
            self.lineno, self.values = lineno, self.values + values
            self.keys += keys
            values = keys = 0
            self.general_line(line)
            lineno, node = self.lineno, self.node
        self.lineno, self.values = lineno, self.values + values
        self.keys += keys

    def _fast_value(self, node: Node, groups: tuple[str | None, ...]) -> None:
        """Store a value line the fast pattern matched."""
        quoted, _at, text, dword, hex_type, hex_data = groups
        name = quoted or ""
        folded = name.upper() if name.isascii() else fold(name)
        if text is not None:
            # The pattern admits only \\ and \" escapes, paired left to right; NUL is
            # excluded from it, so it can stand in for an escaped backslash.
            text = text.replace("\\\\", "\x00").replace('\\"', '"').replace("\x00", "\\")
            if not node.put_new(folded, pack_text(name, text)):
                node.set_value(folded, RegValue(name, _SZ, encode_sz(text)))
            return
        if dword is not None:
            value = RegValue(name, _DWORD, int(dword, 16).to_bytes(4, "little"))
        else:
            assert hex_data is not None
            value = self._fast_hex(name, hex_type or "", hex_data)
        if not node.put_new(folded, pack(value)):
            node.set_value(folded, value)

    def _fast_typed(self, node: Node, line: str, first: str) -> bool:
        """Store a ``dword:`` or ``hex(N):`` line (and its continuation lines) written in
        regedit's own layout; False leaves the line to the other paths."""
        named = _name_and_data(line, first)
        if named is None:
            return False
        name, data = named
        if data[:6] == "dword:":
            digits = data[6:]
            if len(digits) != 8 or digits.strip(_HEX_CHARS):
                return False
            self._store(node, name, pack_bytes(name, _DWORD, int(digits, 16).to_bytes(4, "little")))
            return True
        typed = _hex_type(data)
        if typed is None:
            return False
        vtype, body = typed
        if not body:  # "hex(N):" with nothing: a value of that type with no data
            self._store(node, name, pack_bytes(name, vtype, b""))
            return True
        continued = body[-2:] == ",\\"
        piece = body[:-2] if continued else body
        if not _canonical_hex(piece):
            return False
        raw = bytearray.fromhex(piece.replace(",", ""))
        start = self.lineno
        while continued:
            following = next(self.lines, None)
            if following is None:  # the file ends: regedit sets what it has
                self.set_value(start, name, vtype, self._finish_hex(vtype, raw))
                return True
            self.lineno += 1
            piece = following[2:] if following[:2] == "  " else ""
            continued = piece[-2:] == ",\\"
            piece = piece[:-2] if continued else piece
            if not _canonical_hex(piece):  # not regedit's layout: the general rules go on
                self.hex_resume(start, name, vtype, raw, following)
                return True
            raw += bytes.fromhex(piece.replace(",", ""))
        data_bytes = self._finish_hex(vtype, raw)
        if vtype in _STRING_TYPES:
            self._store(node, name, pack(RegValue(name, vtype, data_bytes)))
        else:
            self._store(node, name, pack_bytes(name, vtype, data_bytes))
        return True

    def _store(self, node: Node, name: str, entry: Entry) -> None:
        """Store a value entry (a name already there keeps its first spelling)."""
        folded = name.upper() if name.isascii() else fold(name)
        if not node.put_new(folded, entry):
            node.set_value(folded, unpack(entry))
        self.values += 1

    def _fast_hex(self, name: str, hex_type: str, hex_data: str) -> RegValue:
        vtype = int(hex_type, 16) if hex_type else _BINARY
        data = bytes.fromhex(hex_data.replace(",", ""))
        if vtype in _STRING_TYPES:
            data = self._finish_hex(vtype, bytearray(data))
        return RegValue(name, vtype, data)

    def fast_key(self, name: str) -> bool:  # noqa: PLR0912 - one function on the hot path
        """Open ``[name]`` from the stack of open ancestors; False: the general path.

        The caller counts the key.

        Exports list keys depth-first, so a key is almost always one component below
        a key on the stack of the previous key's ancestors: only that is walked.
        """
        stack = self._stack
        parent_name, _sep, part = name.rpartition("\\")
        while stack:
            top = stack[-1]
            if top[0] == parent_name:  # the usual case: a child of an open key
                break
            if name.startswith(top[0]) and name[len(top[0]) : len(top[0]) + 1] == "\\":
                return self._fast_parts(name, name[len(top[0]) + 1 :])  # deeper below it
            stack.pop()
        else:
            root = name.partition("\\")[0]
            if "\x00" in name or not self._fast_root(root):
                return False
            top = stack[-1]
            if name == root:
                self.node, self.key_name = top[1], name
                return True
            if top[0] != parent_name:
                return self._fast_parts(name, name[len(root) + 1 :])
        _path, node, parent_path = top
        if not part or len(part) > MAX_KEY_NAME or "\x00" in part:
            return False
        if len(stack) + self._depth0 > MAX_DEPTH:
            return False
        folded = part.upper() if part.isascii() else fold(part)
        path = f"{parent_path}\\{folded}" if parent_path else self._top_key(folded)
        token = self._token
        new = Node(part, token)
        child = self._index.setdefault(path, new)  # one probe of a large index, not two
        if child is new:
            children = node.children
            if children is None:
                node.children = [new]
            else:
                children.append(new)
            node._order = None
        elif child.owner is not token:
            clone = self._index[path] = child.clone(token)
            node.replace_child(child, clone)
            child = clone
        stack.append((name, child, path))
        self.node, self.key_name = child, name
        return True

    def _fast_parts(self, name: str, rest: str) -> bool:
        """Open a key several components below the stack top, one component at a time."""
        parts = rest.split("\\")
        if (not all(0 < len(p) <= MAX_KEY_NAME for p in parts) or "\x00" in rest
                or len(self._stack) + self._depth0 + len(parts) > MAX_DEPTH + 1):
            return False
        base = self._stack[-1][0] + "\\"
        for index in range(len(parts) - 1):
            if not self.fast_key(base + "\\".join(parts[: index + 1])):
                return False
        return self.fast_key(name)

    def _fast_root(self, root: str) -> bool:
        found = ROOTS.get(root.upper())
        if found is None or found[0] is Hive.HKCR:
            return False
        hive, prefix = found
        parts = [self.reg.user_sid if p == "{sid}" else p for p in prefix]
        base = self.reg._writable(hive, parts, create=True)
        assert base is not None
        tree = self.reg._trees[hive]
        self._stack[:] = [(root, base, tree.key(fold("\\".join(parts))))]
        self._index, self._top_key = tree.index, tree.key
        self._depth0 = len(parts)  # the depth of the stack's first node
        self._token = self.reg._token
        return True

