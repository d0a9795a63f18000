r"""winreg's view of keys through handles: key nodes, paths, listings, access checks.

Responsibility: how a facade's handle reaches its key in the :class:`~sim.registry.Registry`
(resolving, walking and caching the key's nodes, listing subkeys and values, creating,
deleting and storing) and whether the handle's rights allow an operation; the handles
themselves are :mod:`sim.registry.winreg_handle`'s, the functions built on this
:mod:`sim.registry.winreg_facade`'s. "section N" is the winreg spec's
(``docs/winreg-spec.md``).

Rules:

1. Access (section 6): a handle keeps its access mask (GENERIC_* and MAXIMUM_ALLOWED mapped
   to KEY_* by :func:`~sim.registry.winreg_convert.access_rights`); :meth:`_require` raises
   5 when it lacks the right an operation needs, creating a subkey needs KEY_CREATE_SUB_KEY
   on the parent. There are no ACLs: every key may be opened for any access, as for an
   administrator.
2. Keys follow the registry's model (:mod:`sim.registry.core`): case-insensitive names,
   the merged HKEY_CLASSES_ROOT (a key may have a node in each of two trees), subkeys in
   sorted order, values in creation order; a sub_key may be a ``a\b\c`` path (one trailing
   backslash is tolerated). Missing key or value: 2; a handle whose key was deleted: 1018
   (section 1).
3. A handle refers to its key by root and path, so a key deleted then re-created is seen
   again by an old handle (a deviation: Windows gives 1018). It caches the key's nodes until
   the registry's ``_version`` changes; listings are cached per facade the same way.
4. Errors: a registry error becomes winreg's OSError raised outside the ``except`` block
   that caught it, so its ``__context__`` is the caller's own exception being handled (as
   an error raised by CPython's C module has), never the registry's internal one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.errors import RegistryError
from sim.registry.names import MAX_KEY_NAME, fold, split_path
from sim.registry.values import RegValue
from sim.registry.winreg_convert import KEY_CREATE_SUB_KEY
from sim.registry.winreg_errors import (
    ERROR_ACCESS_DENIED,
    ERROR_FILE_NOT_FOUND,
    ERROR_KEY_DELETED,
    win_error,
)
from sim.registry.winreg_handle import HandleTable, PyHKEY

if TYPE_CHECKING:
    from sim.registry.core import Registry
    from sim.registry.paths import KeyPath
    from sim.registry.tree import Node

__all__ = ["KeyAccess", "Listing"]

Listing = tuple[list[str], list[RegValue]]


def _find(nodes: list[Node], folded: str) -> RegValue | None:
    for node in nodes:
        value = node.value(folded)
        if value is not None:
            return value
    return None



def _path_error(path: str) -> int | None:
    """The Win32 error a malformed key path gives, or None when it is well formed."""
    try:
        split_path(path)
    except RegistryError as error:
        return error.winerror
    return None

class KeyAccess(HandleTable):
    """A handle table bound to a registry, with the key operations the functions share."""

    __slots__ = ("_listing_version", "_listings", "_reg")

    def __init__(self, registry: Registry, name: str, doc: str) -> None:
        super().__init__(name, doc)
        self._reg = registry
        self._listings: dict[tuple[str, str], Listing] = {}
        self._listing_version = -1

    def _keypath(self, key: PyHKEY) -> KeyPath:
        return self._reg.resolve(f"{key._root}\\{key._path}" if key._path else key._root)

    def _subpath(self, key: PyHKEY, sub_key: str) -> KeyPath:
        head = f"{key._root}\\{key._path}" if key._path else key._root
        try:
            return self._reg.resolve(f"{head}\\{sub_key}")
        except RegistryError as error:
            code = error.winerror
        raise win_error(code)  # outside the handler: the caller's exception stays the context

    def _fresh(self, key: PyHKEY) -> list[Node]:
        """The key's nodes, re-resolved after any change to the registry."""
        if key._version == self._reg._version:
            return key._nodes
        return self._refresh(key)

    def _refresh(self, key: PyHKEY) -> list[Node]:
        nodes = self._reg.nodes(self._keypath(key))
        if not nodes and key._path:
            raise win_error(ERROR_KEY_DELETED)
        key._nodes, key._version = nodes, self._reg._version
        prefixes = self._reg._prefixes.get(key._root, ())
        if not key._path and len(prefixes) == 1:
            hive, prefix = prefixes[0]
            key._where = (self._reg._trees[hive].index, prefix)
        return nodes

    def _child(self, parent: PyHKEY, sub_key: str) -> tuple[list[Node], str]:
        """Return the nodes of an existing subkey and its path below the root."""
        if parent._version != self._reg._version:
            self._refresh(parent)  # 1018 when the parent was deleted
        parts = fold(sub_key).split("\\")
        given = sub_key
        if len(parts) > 1 and not parts[-1]:  # one trailing backslash is tolerated
            parts.pop()
            sub_key = sub_key[:-1]
        if "" in parts or len(sub_key) > MAX_KEY_NAME:
            code = _path_error(given)
            if code is not None:
                raise win_error(code)
        folded = "\\".join(parts)
        if parent._path:
            folded = f"{fold(parent._path)}\\{folded}"
        found = self._reg.nodes_at(parent._root, folded)
        if not found:
            raise win_error(ERROR_FILE_NOT_FOUND)
        return found, f"{parent._path}\\{sub_key}" if parent._path else sub_key

    def _create(self, parent: PyHKEY, sub_key: str, access: int) -> PyHKEY:
        self._fresh(parent)
        if not sub_key:
            return self._same(parent, access)
        reg = self._reg
        path = self._subpath(parent, sub_key)
        nodes = reg.nodes(path)
        if not nodes:
            if not parent._access & KEY_CREATE_SUB_KEY:
                raise win_error(ERROR_ACCESS_DENIED)
            reg.create_key(path.display)
            nodes = reg.nodes(path)
        return self._new(parent._root, "\\".join(path.relative), access, nodes=nodes,
                         version=reg._version)  # fmt: skip

    def _delete(self, key: PyHKEY, sub_key: str) -> None:
        self._fresh(key)
        path = self._subpath(key, sub_key) if sub_key else self._keypath(key)
        try:
            self._reg.delete_key(path.display)
            return
        except RegistryError as error:
            code = error.winerror
        raise win_error(code)

    def _listing(self, key: PyHKEY) -> Listing:
        """The key's subkey names and values, cached until the registry changes."""
        reg = self._reg
        self._fresh(key)
        if self._listing_version != reg._version:
            self._listings.clear()
            self._listing_version = reg._version
        cache_key = (key._root, fold(key._path))
        listing = self._listings.get(cache_key)
        if listing is None:
            path = self._keypath(key)
            listing = [n.name for n in reg.subkey_nodes(path)], reg.value_list(path)
            self._listings[cache_key] = listing
        return listing

    def _store(self, key: PyHKEY, value: RegValue) -> None:
        self._fresh(key)
        path = self._keypath(key)
        try:
            self._reg.store_value(path, value, create=not path.relative)
            return
        except RegistryError as error:
            code = error.winerror
        raise win_error(code)

    @staticmethod
    def _require(key: PyHKEY, right: int) -> None:
        if not key._access & right:
            raise win_error(ERROR_ACCESS_DENIED)
