"""The fast path of the .reg importer: regedit's own export forms, read with little work.

Rule: for every line it takes, the fast path stores exactly what the general
parser (:class:`sim.registry.reg_parser.Parser`) would, and it leaves every
other line to that parser. It takes key lines, which it opens from a stack of
the previous key's ancestors (exports list keys depth-first), and value lines
in the forms regedit writes: ``"name"="text"`` and ``@="text"`` (with the two
escapes of a backslash and a quote), ``dword:`` and ``hex(N):`` lists, continued
over lines in regedit's layout. A 1M-line export imports in about a second and
a half (benchmarks/registry_bench.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Final

from sim.registry.names import MAX_DEPTH, MAX_KEY_NAME, fold
from sim.registry.packed import pack, pack_text, unpack
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
# The first line of a hex list regedit continues ("name"=hex(2):41,00,\) and the
# continuation lines it writes ("  41,00,\" or the last, "  41,00").
_FAST_HEX_HEAD: Final = re.compile(
    f"(?:{_NAME})=hex(?:\\(([0-9a-fA-F]{{1,8}})\\))?:((?:[0-9a-fA-F]{{2}},)+)\\\\"
)
_FAST_HEX_MORE: Final = re.compile(r"  ((?:[0-9a-fA-F]{2},)*[0-9a-fA-F]{2})(,\\)?")
_SZ: Final = RegType.REG_SZ
_VALUE_START: Final = frozenset('"@')
_DWORD: Final = RegType.REG_DWORD
_HEX_CHARS: Final = "0123456789abcdefABCDEF"
_BINARY: Final = RegType.REG_BINARY



class FastParser(Parser):
    """The parser with fast paths for regedit's export forms."""

    def __init__(self, reg: Registry, chunks: Iterable[str], unicode: bool) -> None:
        super().__init__(reg, chunks, unicode)
        # The open key's ancestors, root first: (path + "\\", node, folded index path).
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
        match_value, match_hex_head, fast_key = (
            _FAST_VALUE.fullmatch, _FAST_HEX_HEAD.fullmatch, self.fast_key
        )
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
                    plain = line.replace("\\\\", "\x00") if "\\" in line else line
                    at = 0 if plain[1:3] == '="' else -1
                    end = plain.find('"="', 1) if first == '"' else at
                    if (end >= 0 and plain[-1] == '"' and "\\" not in plain
                            and plain.count('"') == (4 if end else 2)):
                        values += 1
                        if plain is line and node.entries is None:
                            node.entries = line  # the key's first value: the line is the entry
                            continue
                        name = plain[1:end] if end else ""
                        if plain is line:
                            entry = line
                        else:  # put the escaped backslashes back
                            name = name.replace("\x00", "\\")
                            text = plain[end + 3 if end else 3 : -1].replace("\x00", "\\")
                            entry = f"\x01{name}\x00{text}"
                        if node.entries is None:
                            node.entries = entry
                        else:
                            folded = name.upper() if name.isascii() else fold(name)
                            if not node.put_new(folded, entry):
                                node.set_value(folded, unpack(entry)._replace(name=name))
                        continue
                if first == '"':
                    at = line.find('"=dword:') + 1
                else:
                    at = 1 if line[1:8] == "=dword:" else 0
                digits = line[at + 7 :] if at else ""
                if len(digits) == 8 and not digits.strip(_HEX_CHARS) and (
                        first == "@" or not any(c in line[1 : at - 1] for c in '"\\\x00')):
                    # "name"=dword:0000002a, the form regedit writes, without a regex.
                    name = line[1 : at - 1] if first == '"' else ""
                    value = RegValue(name, _DWORD, int(digits, 16).to_bytes(4, "little"))
                    folded = name.upper() if name.isascii() else fold(name)
                    if not node.put_new(folded, pack(value)):
                        node.set_value(folded, value)
                    values += 1
                    continue
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

    def _fast_hex_lines(self, node: Node, quoted: str | None, _at: str | None,
                        hex_type: str | None, first: str) -> None:
        """Read a hex list continued over lines in regedit's own layout."""
        name, start = quoted or "", self.lineno
        vtype = int(hex_type, 16) if hex_type else _BINARY
        data = bytearray.fromhex(first.replace(",", ""))
        match_more, lines = _FAST_HEX_MORE.fullmatch, self.lines
        while True:
            line = next(lines, None)
            if line is None:  # the file ends: regedit sets what it has
                self.set_value(start, name, vtype, self._finish_hex(vtype, data))
                return
            self.lineno += 1
            more = match_more(line)
            if more is None:
                self.hex_resume(start, name, vtype, data, line)
                return
            piece, goes_on = more.groups()
            data += bytes.fromhex(piece.replace(",", ""))
            if not goes_on:
                break
        value = RegValue(name, vtype, self._finish_hex(vtype, data))
        folded = name.upper() if name.isascii() else fold(name)
        if not node.put_new(folded, pack(value)):
            node.set_value(folded, value)
        self.values += 1

    def _fast_hex(self, name: str, hex_type: str, hex_data: str) -> RegValue:
        vtype = int(hex_type, 16) if hex_type else _BINARY
        data = bytes.fromhex(hex_data.replace(",", ""))
        if vtype in _STRING_TYPES:
            data = self._finish_hex(vtype, bytearray(data))
        return RegValue(name, vtype, data)

    def fast_key(self, name: str) -> bool:
        """Open ``[name]`` from the stack of open ancestors; False: the general path.

        The caller counts the key.

        Exports list keys depth-first, so a key is almost always one component below
        a key on the stack of the previous key's ancestors: only that is walked.
        """
        stack = self._stack
        top = stack[-1] if stack else None
        while top is not None and not name.startswith(top[0]):
            stack.pop()
            top = stack[-1] if stack else None
        if top is None:
            root = name.partition("\\")[0]
            if "\x00" in name or not self._fast_root(root):
                return False
            top = stack[-1]
            if name == root:
                self.node, self.key_name, self._kp = top[1], name, None
                return True
        path_bs, node, parent_path = top
        part = name[len(path_bs) :]
        if "\\" in part or not part or len(part) > MAX_KEY_NAME or "\x00" in part:
            return self._fast_parts(name, part)
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
        stack.append((name + "\\", child, path))
        self.node, self.key_name, self._kp = child, name, None
        return True

    def _fast_parts(self, name: str, rest: str) -> bool:
        """Open a key several components below the stack top, one component at a time."""
        parts = rest.split("\\")
        if (not all(0 < len(p) <= MAX_KEY_NAME for p in parts) or "\x00" in rest
                or len(self._stack) + self._depth0 + len(parts) > MAX_DEPTH + 1):
            return False
        base = self._stack[-1][0]
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
        self._stack[:] = [(root + "\\", base, tree.key(fold("\\".join(parts))))]
        self._index, self._top_key = tree.index, tree.key
        self._depth0 = len(parts)  # the depth of the stack's first node
        self._token = self.reg._token
        return True

