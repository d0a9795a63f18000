"""Registry keys as copy-on-write tree nodes.

Rule: a node may be changed only by the registry that owns it. Forking a
registry (:meth:`sim.registry.Registry.fork`) gives both registries new owner
tokens, so every existing node becomes shared and read-only; the first write
below a node copies the path from the hive root down to it (a shallow copy of
each node's two dicts), leaving the shared nodes untouched. A machine preset
parsed once is therefore shared by any number of simulations at the cost of the
paths each one writes.
"""

from __future__ import annotations

from sim.registry.names import order_key
from sim.registry.values import RegValue


class Node:
    """One key: its name as created, its subkeys and values keyed by folded name.

    ``values`` keeps insertion order, which is the creation order Windows
    enumerates values in; ``subkeys`` is listed sorted (see
    :func:`sim.registry.names.order_key`), the sorted list cached until the next
    change.
    """

    __slots__ = ("_order", "name", "owner", "subkeys", "values")

    def __init__(
        self,
        name: str,
        owner: object,
        subkeys: dict[str, Node] | None = None,
        values: dict[str, RegValue] | None = None,
    ) -> None:
        self.name = name
        self.owner = owner
        self.subkeys: dict[str, Node] = {} if subkeys is None else subkeys
        self.values: dict[str, RegValue] = {} if values is None else values
        self._order: list[str] | None = None

    def clone(self, owner: object) -> Node:
        """Return a copy owned by ``owner`` that shares this node's children."""
        copy = Node(self.name, owner, dict(self.subkeys), dict(self.values))
        copy._order = self._order
        return copy

    def add_subkey(self, folded: str, child: Node) -> None:
        """Attach ``child`` under its folded name (a change: drops the sorted cache)."""
        self.subkeys[folded] = child
        self._order = None

    def remove_subkey(self, folded: str) -> None:
        """Detach the subkey with this folded name."""
        del self.subkeys[folded]
        self._order = None

    def sorted_names(self) -> list[str]:
        """Return the folded subkey names in enumeration order."""
        if self._order is None:
            self._order = sorted(self.subkeys, key=order_key)
        return self._order
