"""Registry keys as copy-on-write tree nodes.

Rule 1 (ownership): a node may be changed only by the registry that owns it.
Forking a registry (:meth:`sim.registry.Registry.fork`) gives both registries
new owner tokens, so every existing node becomes shared and read-only; the first
write below a node copies the path from the hive root down to it (a shallow copy
of each node's two maps), leaving the shared nodes untouched. A machine preset
parsed once is therefore shared by any number of simulations at the cost of the
paths each one writes.

Rule 2 (storage): subkeys are kept by folded name; values are kept as compact
entries (:mod:`sim.registry.packed`) in creation order, the order Windows
enumerates them. Both maps are created only when a node gets its first subkey
or value: most keys of a real export are leaves, and many hold no value.
"""

from __future__ import annotations

from sim.registry.names import order_key
from sim.registry.packed import Entry, pack, unpack
from sim.registry.values import RegValue

__all__ = ["Node"]


class Node:
    """One key: its name as created, its subkeys and its value entries."""

    __slots__ = ("_order", "entries", "name", "owner", "subkeys")

    def __init__(self, name: str, owner: object) -> None:
        self.name = name
        self.owner = owner
        self.subkeys: dict[str, Node] | None = None
        self.entries: dict[str, Entry] | None = None
        self._order: list[str] | None = None

    def clone(self, owner: object) -> Node:
        """Return a copy owned by ``owner`` that shares this node's children."""
        copy = Node(self.name, owner)
        if self.subkeys:
            copy.subkeys = dict(self.subkeys)
        if self.entries:
            copy.entries = dict(self.entries)
        copy._order = self._order
        return copy

    # -- subkeys -------------------------------------------------------------------

    def child(self, folded: str) -> Node | None:
        """Return the subkey with this folded name, or None."""
        return self.subkeys.get(folded) if self.subkeys else None

    def add_subkey(self, folded: str, child: Node) -> None:
        """Attach (or replace) ``child`` under its folded name."""
        if self.subkeys is None:
            self.subkeys = {}
        if folded not in self.subkeys:
            self._order = None
        self.subkeys[folded] = child

    def remove_subkey(self, folded: str) -> None:
        """Detach the subkey with this folded name."""
        assert self.subkeys is not None
        del self.subkeys[folded]
        self._order = None

    def subkey_count(self) -> int:
        """Return the number of subkeys."""
        return len(self.subkeys) if self.subkeys else 0

    def sorted_names(self) -> list[str]:
        """Return the folded subkey names in enumeration order."""
        if self._order is None:
            self._order = sorted(self.subkeys, key=order_key) if self.subkeys else []
        return self._order

    def children(self) -> list[Node]:
        """Return the subkeys in enumeration order."""
        subkeys = self.subkeys
        return [subkeys[k] for k in self.sorted_names()] if subkeys else []

    # -- values --------------------------------------------------------------------

    def value(self, folded: str) -> RegValue | None:
        """Return the value with this folded name, or None."""
        entry = self.entries.get(folded) if self.entries else None
        return None if entry is None else unpack(entry)

    def set_value(self, folded: str, value: RegValue) -> None:
        """Store a value; replacing one keeps its place in the order and its first
        spelling, as a key keeps its name [inf: RegSetValueEx updates the data of the
        existing value cell]."""
        if self.entries is None:
            self.entries = {}
        existing = self.entries.get(folded)
        if existing is not None:
            name = unpack(existing).name
            if name != value.name:
                value = value._replace(name=name)
        self.entries[folded] = pack(value)

    def remove_value(self, folded: str) -> bool:
        """Delete a value; return False when there was none of that name."""
        if not self.entries or folded not in self.entries:
            return False
        del self.entries[folded]
        return True

    def value_list(self) -> list[RegValue]:
        """Return the values in creation order."""
        return [unpack(e) for e in self.entries.values()] if self.entries else []

    def value_count(self) -> int:
        """Return the number of values."""
        return len(self.entries) if self.entries else 0
