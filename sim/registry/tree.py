"""Registry keys as copy-on-write tree nodes, found through a per-hive path index.

Rule 1 (ownership): a node may be changed only by the registry that owns it.
Forking a registry (:meth:`sim.registry.Registry.fork`) gives both registries
new owner tokens, so every existing node becomes shared and read-only; the first
write below a node copies the path from the hive root down to it, leaving the
shared nodes untouched. A machine preset parsed once is therefore shared by any
number of simulations at the cost of the paths each one writes.

Rule 2 (finding keys): each registry keeps, per hive, an index from a key's
folded path (``SOFTWARE\\CLASSES\\.TXT``; ``""`` is the hive's root) to its
node. Finding a key is one dictionary probe however deep it is: a cold lookup
in a 300,000-key registry is bound by memory latency, and walking a tree level
by level costs several cache misses a level. A fork copies the index (a
dictionary copy: about a millisecond for 100,000 keys; presets hold a few
hundred), not the nodes. Invariant: for every node a registry reaches, the
index's entries for the node's children are exactly the node's children.

Rule 3 (storage): a node keeps its children in a list (enumerated sorted by
folded name, the sorted list cached) and its values as compact entries
(:mod:`sim.registry.packed`) in creation order, the order Windows enumerates
them; both containers are created only when first needed.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.registry.names import fold, order_key
from sim.registry.packed import Entry, entry_name, pack, unpack
from sim.registry.values import RegValue

__all__ = ["HiveTree", "Node"]


class Node:
    """One key: its name as created, its children and its value entries."""

    __slots__ = ("_order", "children", "entries", "name", "owner")

    def __init__(self, name: str, owner: object) -> None:
        self.name = name
        self.owner = owner
        self.children: list[Node] | None = None
        self.entries: dict[str, Entry] | Entry | None = None
        self._order: list[Node] | None = None

    def clone(self, owner: object) -> Node:
        """Return a copy owned by ``owner`` that shares this node's children."""
        copy = Node(self.name, owner)
        if self.children:
            copy.children = list(self.children)
        entries = self.entries
        copy.entries = dict(entries) if isinstance(entries, dict) else entries
        copy._order = self._order
        return copy

    # -- children ------------------------------------------------------------------

    def add_child(self, child: Node) -> None:
        """Attach a new child."""
        if self.children is None:
            self.children = []
        self.children.append(child)
        self._order = None

    def replace_child(self, old: Node, new: Node) -> None:
        """Put ``new`` where ``old`` was (a copy-on-write clone)."""
        assert self.children is not None
        for index, child in enumerate(self.children):
            if child is old:
                self.children[index] = new
                break
        self._order = None

    def remove_child(self, child: Node) -> None:
        """Detach a child."""
        assert self.children is not None
        self.children = [c for c in self.children if c is not child]
        self._order = None

    def subkey_count(self) -> int:
        """Return the number of children."""
        return len(self.children) if self.children else 0

    def sorted_children(self) -> list[Node]:
        """Return the children in enumeration order (sorted by folded name)."""
        if self._order is None:
            children = self.children or []
            self._order = sorted(children, key=lambda c: order_key(fold(c.name)))
        return self._order

    # -- values --------------------------------------------------------------------
    # ``entries`` is None (no value), one entry (the commonest case: no dict to build,
    # keep or walk through) or a dict of entries by folded name.

    def entry_map(self) -> dict[str, Entry]:
        """Return the entries by folded name (a new dict for a single entry)."""
        entries = self.entries
        if entries is None:
            return {}
        if isinstance(entries, dict):
            return entries
        return {fold(entry_name(entries)): entries}

    def entry(self, folded: str) -> Entry | None:
        """Return the entry with this folded name, or None."""
        entries = self.entries
        if entries is None:
            return None
        if isinstance(entries, dict):
            return entries.get(folded)
        return entries if fold(entry_name(entries)) == folded else None

    def value(self, folded: str) -> RegValue | None:
        """Return the value with this folded name, or None."""
        entry = self.entry(folded)
        return None if entry is None else unpack(entry)

    def set_entry(self, folded: str, entry: Entry) -> None:
        """Store an entry whose name is new to this key."""
        entries = self.entries
        if entries is None:
            self.entries = entry
        elif isinstance(entries, dict):
            entries[folded] = entry
        else:
            self.entries = {fold(entry_name(entries)): entries, folded: entry}

    def put_new(self, folded: str, entry: Entry) -> bool:
        """Store ``entry`` if the key has no value of that folded name; else return False."""
        entries = self.entries
        if entries is None:
            self.entries = entry
        elif isinstance(entries, dict):
            if folded in entries:
                return False
            entries[folded] = entry
        else:
            first = fold(entry_name(entries))
            if first == folded:
                return False
            self.entries = {first: entries, folded: entry}
        return True

    def set_value(self, folded: str, value: RegValue) -> None:
        """Store a value; replacing one keeps its place in the order and its first
        spelling, as a key keeps its name [inf: RegSetValueEx updates the data of the
        existing value cell]."""
        existing = self.entry(folded)
        if existing is None:
            self.set_entry(folded, pack(value))
            return
        name = entry_name(existing)
        if name != value.name:
            value = value._replace(name=name)
        if isinstance(self.entries, dict):
            self.entries[folded] = pack(value)
        else:
            self.entries = pack(value)

    def remove_value(self, folded: str) -> bool:
        """Delete a value; return False when there was none of that name."""
        if self.entry(folded) is None:
            return False
        entries = self.entries
        if isinstance(entries, dict):
            del entries[folded]
        else:
            self.entries = None
        return True

    def value_list(self) -> list[RegValue]:
        """Return the values in creation order."""
        return [unpack(e) for e in self.entry_map().values()]

    def value_count(self) -> int:
        """Return the number of values."""
        entries = self.entries
        if entries is None:
            return 0
        return len(entries) if isinstance(entries, dict) else 1


class HiveTree:
    """A hive's nodes as one registry sees them: its path index (Rule 2).

    ``alias`` shortens the index keys below one long top-level key: HKEY_USERS keys
    the current user's hive (``S-1-5-21-...``, 45 characters on every path) as a
    single backslash, which no key name can be; lookups hash and compare less.
    """

    __slots__ = ("alias", "index")

    def __init__(self, root: Node, alias: str | None = None) -> None:
        self.index: dict[str, Node] = {"": root}
        self.alias = alias  # a folded top-level key name indexed as "\\"

    def copy(self) -> HiveTree:
        """Return a tree sharing every node, with its own index."""
        twin = HiveTree.__new__(HiveTree)
        twin.index = dict(self.index)
        twin.alias = self.alias
        return twin

    def key(self, folded_path: str) -> str:
        """Return the index key of a folded path."""
        alias = self.alias
        if alias is not None and folded_path.startswith(alias) and (
            len(folded_path) == len(alias) or folded_path[len(alias)] == "\\"
        ):
            return "\\" + folded_path[len(alias) :]
        return folded_path

    @property
    def root(self) -> Node:
        """The hive's root node."""
        return self.index[""]

    def find(self, folded_path: str) -> Node | None:
        """Return the node at a folded path, or None."""
        return self.index.get(self.key(folded_path))

    def writable(self, parts: Sequence[str], token: object, *, create: bool) -> Node | None:
        """Return the node at ``parts``, owned by ``token``: copied where shared, created
        where missing if ``create`` (else None when missing)."""
        index = self.index
        node = index[""]
        if node.owner is not token:
            node = index[""] = node.clone(token)
        path = ""
        for part in parts:
            folded = fold(part)
            child_path = f"{path}\\{folded}" if path else self.key(folded)
            child = index.get(child_path)
            if child is None:
                if not create:
                    return None
                child = index[child_path] = Node(part, token)
                node.add_child(child)
            elif child.owner is not token:
                clone = index[child_path] = child.clone(token)
                node.replace_child(child, clone)
                child = clone
            node, path = child, child_path
        return node

    def remove(self, folded_path: str) -> None:
        """Remove the key at a folded path and its subtree; its parent must be owned."""
        start = self.key(folded_path)
        node = self.index[start]
        stack = [(start, node)]
        while stack:
            path, current = stack.pop()
            del self.index[path]
            for child in current.children or ():
                stack.append((f"{path}\\{fold(child.name)}", child))
        parent = start.rpartition("\\")[0] if start != "\\" else ""
        self.index[parent].remove_child(node)
