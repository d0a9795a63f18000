"""The virtual Windows registry: two stored hives and the views Windows puts on them.

Rule 1 (hives): HKEY_LOCAL_MACHINE and HKEY_USERS hold the data; HKEY_CURRENT_USER,
HKEY_CURRENT_CONFIG and HKEY_CLASSES_ROOT are views (:mod:`sim.registry.paths`).

Rule 2 (HKEY_CLASSES_ROOT), as Microsoft documents the merged view
(https://learn.microsoft.com/windows/win32/sysinfo/merged-view-of-hkey-classes-root,
https://learn.microsoft.com/windows/win32/sysinfo/hkey-classes-root-key):

- a key exists in HKCR when it exists under HKCU\\Software\\Classes or under
  HKLM\\Software\\Classes; its subkeys are the union of both, at every level (the
  current page's example merges ``CLSID\\4``'s subkeys from both trees);
- "the user-specific settings have priority over the default settings": a value
  is read from the user's key when that key has it, else from the machine's key
  [inf: per value; the page does not say whether a machine value shows through
  a user key that lacks it];
- "if you write keys to a key under HKEY_CLASSES_ROOT, the system stores the
  information under HKEY_LOCAL_MACHINE\\Software\\Classes"; "if you write values
  to a key under HKEY_CLASSES_ROOT, and the key already exists under
  HKEY_CURRENT_USER\\Software\\Classes, the system will store the information
  there";
- deleting a key or value through HKCR deletes the user's copy when there is
  one, else the machine's [inf].

Rule 3 (errors): a missing key raises :class:`~sim.errors.RegistryKeyNotFound`
on operations that need it; lookups (:meth:`Registry.get_value`,
:meth:`Registry.has_key`) answer None/False instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sim.errors import RegistryError, RegistryKeyNotFound
from sim.registry.names import (
    ERROR_ACCESS_DENIED,
    ERROR_BAD_PATHNAME,
    ERROR_INVALID_PARAMETER,
    MAX_VALUE_NAME,
    check_value_name,
    fold,
    order_key,
)
from sim.registry.packed import unpack
from sim.registry.paths import DEFAULT_USER_SID, ROOTS, Hive, KeyPath, resolve
from sim.registry.reg_import import ImportReport, import_text
from sim.registry.tree import HiveTree, Node
from sim.registry.values import RegType, RegValue, encode_multi_sz, encode_sz

if TYPE_CHECKING:
    from sim.registry.winreg_facade import WinregFacade

__all__ = ["Registry", "ValueData", "encode_value"]

ValueData = str | int | bytes | Sequence[str] | None

_USER_CLASSES: tuple[str, ...] = ("Software", "Classes")
_MACHINE_CLASSES: tuple[str, ...] = ("SOFTWARE", "Classes")


def encode_value(data: ValueData, value_type: int | None = None) -> tuple[int, bytes]:
    """Return (type, raw bytes) for a Python value, as ``RegSetValueEx`` would store it.

    Without ``value_type``: str -> REG_SZ, int -> REG_DWORD (REG_QWORD above
    32 bits), bytes -> REG_BINARY, a sequence of str -> REG_MULTI_SZ, None ->
    REG_NONE with no data. With a type, bytes are taken as the raw data and
    other values are encoded for that type.
    """
    if value_type is None:
        value_type = _infer_type(data)
    if isinstance(data, bytes | bytearray):
        return value_type, bytes(data)
    if data is None:
        return value_type, b""
    if value_type in (RegType.REG_SZ, RegType.REG_EXPAND_SZ) and isinstance(data, str):
        return value_type, encode_sz(data)
    if value_type == RegType.REG_DWORD and isinstance(data, int):
        return value_type, _int_bytes(data, 4)
    if value_type == RegType.REG_QWORD and isinstance(data, int):
        return value_type, _int_bytes(data, 8)
    if value_type == RegType.REG_MULTI_SZ and not isinstance(data, str | int):
        return value_type, encode_multi_sz(list(data))
    raise RegistryError(
        f"value data: expected data matching type {value_type}, found {type(data).__name__}"
    )


def _infer_type(data: ValueData) -> int:
    if isinstance(data, str):
        return RegType.REG_SZ
    if isinstance(data, bool):
        return RegType.REG_DWORD
    if isinstance(data, int):
        return RegType.REG_DWORD if 0 <= data <= 0xFFFFFFFF else RegType.REG_QWORD
    if isinstance(data, bytes | bytearray):
        return RegType.REG_BINARY
    if data is None:
        return RegType.REG_NONE
    return RegType.REG_MULTI_SZ


def _int_bytes(number: int, size: int) -> bytes:
    if not 0 <= number < 1 << (8 * size):
        raise RegistryError(
            f"value data: expected an integer from 0 to {(1 << (8 * size)) - 1}, found {number}"
        )
    return number.to_bytes(size, "little")


def _root_prefixes(
    user_sid: str, trees: dict[Hive, HiveTree]
) -> dict[str, tuple[tuple[Hive, str], ...]]:
    """Full root name -> the (hive, index key prefix) pairs it reads, HKCR's two."""
    def entry(hive: Hive, parts: Iterable[str]) -> tuple[Hive, str]:
        return hive, trees[hive].key(fold("\\".join(parts)))

    table: dict[str, tuple[tuple[Hive, str], ...]] = {}
    for root, (hive, prefix) in ROOTS.items():
        if hive is not Hive.HKCR:
            table[root] = (entry(hive, [user_sid if p == "{sid}" else p for p in prefix]),)
    table["HKEY_CLASSES_ROOT"] = (
        entry(Hive.HKU, (user_sid, *_USER_CLASSES)),
        entry(Hive.HKLM, _MACHINE_CLASSES),
    )
    return table


class Registry:
    """A virtual Windows registry, independent of every other instance.

    Example:
        >>> reg = Registry()
        >>> reg.set_value(r"HKEY_CURRENT_USER\\Software\\Classes\\.fuzzle", "", "Fuzzle.Doc")
        >>> reg.get_value(r"HKCR\\.FUZZLE").data
        'Fuzzle.Doc'
    """

    __slots__ = ("_prefixes", "_token", "_trees", "_version", "user_sid")

    def __init__(self, *, user_sid: str = DEFAULT_USER_SID) -> None:
        self.user_sid = user_sid
        self._token = object()
        self._version = 0
        self._trees: dict[Hive, HiveTree] = {
            Hive.HKLM: HiveTree(Node("HKEY_LOCAL_MACHINE", self._token)),
            Hive.HKU: HiveTree(Node("HKEY_USERS", self._token), alias=fold(user_sid)),
        }
        self._prefixes = _root_prefixes(user_sid, self._trees)
        # HKEY_USERS holds the default profile and the current user's hive.
        self.create_key(r"HKEY_USERS\.DEFAULT")
        self.create_key(f"HKEY_USERS\\{user_sid}")


    # -- copy-on-write ---------------------------------------------------------------

    def fork(self) -> Registry:
        """Return an independent copy; both copy-on-write from now on.

        The nodes are shared; only the path indexes are copied (see
        :mod:`sim.registry.tree`)."""
        twin = Registry.__new__(Registry)
        twin.user_sid, twin._prefixes = self.user_sid, self._prefixes
        twin._trees = {hive: tree.copy() for hive, tree in self._trees.items()}
        twin._token = object()
        twin._version = 0
        self._token = object()  # every node is now shared: copy before writing
        self._version += 1
        return twin

    def _adopt(self, other: Registry) -> None:
        """Take over ``other``'s state (used to apply an import done on a fork)."""
        self._trees = other._trees
        self._token = other._token
        self._version += 1

    # -- paths and nodes -------------------------------------------------------------

    def resolve(self, path: str) -> KeyPath:
        """Resolve a full key path; HKLM-style abbreviations are accepted."""
        return resolve(path, self.user_sid)

    def _find(self, hive: Hive, parts: Iterable[str]) -> Node | None:
        return self._trees[hive].find(fold("\\".join(parts)))

    def _writable(self, hive: Hive, parts: Sequence[str], *, create: bool) -> Node | None:
        return self._trees[hive].writable(parts, self._token, create=create)

    def nodes_at(self, root: str, folded_path: str) -> list[Node]:
        """Return the nodes of ``root\\folded_path`` (a full root name, an already folded
        relative path): the fast lookup of the winreg facade."""
        found = []
        for hive, prefix in self._prefixes[root]:
            path = f"{prefix}\\{folded_path}" if prefix and folded_path else prefix or folded_path
            node = self._trees[hive].index.get(path)
            if node is not None:
                found.append(node)
        return found

    def _classes(self, parts: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Return the user and machine paths behind an HKCR path (Rule 2)."""
        return (self.user_sid, *_USER_CLASSES, *parts), (*_MACHINE_CLASSES, *parts)

    def nodes(self, kp: KeyPath) -> list[Node]:
        """Return the stored nodes behind a key, the user's first for HKCR."""
        if kp.hive is not Hive.HKCR:
            node = self._find(kp.hive, kp.parts)
            return [] if node is None else [node]
        user, machine = self._classes(kp.parts)
        found = [self._find(Hive.HKU, user), self._find(Hive.HKLM, machine)]
        return [n for n in found if n is not None]

    def _is_root(self, kp: KeyPath) -> bool:
        return not kp.relative

    def _existing(self, kp: KeyPath) -> list[Node]:
        """The key's nodes; a root that stores nothing yet has none; a missing key raises."""
        found = self.nodes(kp)
        if not found and not self._is_root(kp):
            raise RegistryKeyNotFound(f"{kp.display}: key not found")
        return found

    # -- keys --------------------------------------------------------------------------

    def has_key(self, path: str) -> bool:
        """Tell whether the key exists (the roots always do; a path past the limits never:
        see :meth:`get_value`)."""
        kp = self._resolve_query(path)
        return kp is not None and (self._is_root(kp) or bool(self.nodes(kp)))

    def create_key(self, path: str) -> bool:
        """Create the key and its parents; return True when it did not exist."""
        kp = self.resolve(path)
        if self.nodes(kp) or (self._is_root(kp) and kp.hive is Hive.HKCR):
            return False
        hive, parts = kp.hive, kp.parts
        if hive is Hive.HKCR:  # new keys go to HKLM\Software\Classes (Rule 2)
            hive, parts = Hive.HKLM, self._classes(kp.parts)[1]
        self._writable(hive, parts, create=True)
        self._version += 1
        return True

    def delete_key(self, path: str, *, tree: bool = False) -> None:
        """Delete a key; with ``tree`` its whole subtree (RegDeleteTree), else only a leaf.

        Raises:
            RegistryKeyNotFound: the key does not exist.
            RegistryError: a root key, or subkeys present without ``tree``
                (ERROR_ACCESS_DENIED, as RegDeleteKey answers).
        """
        kp = self.resolve(path)
        if self._is_root(kp):
            raise RegistryError(
                f"{kp.display}: expected a key below a root, found a root key",
                winerror=ERROR_ACCESS_DENIED,
            )
        hive, parts = self._stored_location(kp)
        node = self._find(hive, parts)
        if node is None:
            raise RegistryKeyNotFound(f"{kp.display}: key not found")
        if node.subkey_count() and not tree:
            raise RegistryError(
                f"{kp.display}: expected a key without subkeys, found "
                f"{node.subkey_count()} (delete the tree instead)",
                winerror=ERROR_ACCESS_DENIED,
            )
        parent = self._writable(hive, parts[:-1], create=False)
        assert parent is not None
        self._trees[hive].remove(fold("\\".join(parts)))
        self._version += 1

    def _stored_location(self, kp: KeyPath) -> tuple[Hive, tuple[str, ...]]:
        """Where a delete lands: HKCR's user copy when it exists, else the machine's."""
        if kp.hive is not Hive.HKCR:
            return kp.hive, kp.parts
        user, machine = self._classes(kp.parts)
        if self._find(Hive.HKU, user) is not None:
            return Hive.HKU, user
        return Hive.HKLM, machine

    def subkeys(self, path: str) -> list[str]:
        """Return the names of the key's subkeys in enumeration order."""
        return [node.name for node in self.subkey_nodes(self.resolve(path))]

    def subkey_nodes(self, kp: KeyPath) -> list[Node]:
        """Return the subkeys' nodes in enumeration order (HKCR: user's spelling wins)."""
        found = self._existing(kp)
        if len(found) == 1:
            return found[0].sorted_children()
        merged: dict[str, Node] = {}  # nothing for an empty root
        for node in reversed(found):  # machine first, then the user's overrides
            merged.update((fold(child.name), child) for child in node.children or ())
        return [merged[k] for k in sorted(merged, key=order_key)]

    # -- values ------------------------------------------------------------------------

    def values(self, path: str) -> list[RegValue]:
        """Return the key's values in creation order (HKCR: user's first, then machine's)."""
        return self.value_list(self.resolve(path))

    def value_list(self, kp: KeyPath) -> list[RegValue]:
        """Return the values of a resolved key (see :meth:`values`)."""
        found = self._existing(kp)
        if len(found) == 1:
            return found[0].value_list()
        if not found:
            return []
        user, machine = found
        shadowed = user.entry_map()
        return user.value_list() + [
            unpack(e) for k, e in machine.entry_map().items() if k not in shadowed
        ]

    def get_value(self, path: str, name: str = "") -> RegValue | None:
        """Return the named value (``""`` is the default value), or None if absent.

        A path or value name past the registry's limits (a key name over 255
        characters, an empty component, a value name over 16,383) names nothing
        that can exist, so it is absent: RegOpenKeyEx and RegQueryValueEx fail on
        it, and the shell and the browsers read that failure as "no such key"
        (a Content-Type or an extension over 255 characters has no association)
        [inf: the failure's code is not documented; every caller treats any
        failure alike]. An unknown root still raises: that is a caller's bug.
        """
        kp = self._resolve_query(path)
        if kp is None or len(name) > MAX_VALUE_NAME:
            return None
        return self.lookup_value(kp, name)

    def _resolve_query(self, path: str) -> KeyPath | None:
        """``path`` resolved for a query, or None when it names a key that cannot exist
        (past a limit: see :meth:`get_value`); an unknown root raises."""
        try:
            return self.resolve(path)
        except RegistryError as exc:
            if exc.winerror in (ERROR_INVALID_PARAMETER, ERROR_BAD_PATHNAME):
                return None
            raise

    def lookup_value(self, kp: KeyPath, name: str) -> RegValue | None:
        """Return a value of a resolved key, or None (HKCR: the user's wins)."""
        key = fold(name)
        for node in self.nodes(kp):
            value = node.value(key)
            if value is not None:
                return value
        return None

    def set_value(
        self, path: str, name: str, data: ValueData, value_type: int | None = None
    ) -> None:
        """Set a value, creating the key if needed (like ``reg add``).

        ``data`` is a Python value encoded by :func:`encode_value`, or raw bytes
        when ``value_type`` is given.
        """
        kp = self.resolve(path)
        vtype, raw = encode_value(data, value_type)
        self.store_value(kp, RegValue(name, vtype, raw), create=True)

    def store_value(self, kp: KeyPath, value: RegValue, *, create: bool) -> None:
        """Store a value in a resolved key, routed as Windows routes HKCR writes.

        Raises:
            RegistryKeyNotFound: the key does not exist and ``create`` is False.
        """
        check_value_name(value.name)
        node = self._write_node(kp, create=create)
        if node is None:
            raise RegistryKeyNotFound(f"{kp.display}: key not found")
        node.set_value(fold(value.name), value)
        self._version += 1

    def _write_node(self, kp: KeyPath, *, create: bool) -> Node | None:
        if kp.hive is not Hive.HKCR:
            return self._writable(kp.hive, kp.parts, create=create)
        user, machine = self._classes(kp.parts)
        if self._find(Hive.HKU, user) is not None:
            return self._writable(Hive.HKU, user, create=False)
        if not create and self._find(Hive.HKLM, machine) is None and kp.relative:
            return None
        return self._writable(Hive.HKLM, machine, create=True)

    def delete_value(self, path: str, name: str = "") -> None:
        """Delete a value.

        Raises:
            RegistryKeyNotFound: the key or the value does not exist.
        """
        kp = self.resolve(path)
        if not self.remove_value(kp, name):
            raise RegistryKeyNotFound(f"{kp.display}: value {name!r} not found")

    def remove_value(self, kp: KeyPath, name: str) -> bool:
        """Delete a value of a resolved key; return False when it did not exist."""
        key = fold(name)
        locations = [(kp.hive, kp.parts)]
        if kp.hive is Hive.HKCR:
            user, machine = self._classes(kp.parts)
            locations = [(Hive.HKU, user), (Hive.HKLM, machine)]
        for hive, parts in locations:
            node = self._find(hive, parts)
            if node is not None and node.entry(key) is not None:
                writable = self._writable(hive, parts, create=False)
                assert writable is not None
                writable.remove_value(key)
                self._version += 1
                return True
        return False

    # -- .reg files and the winreg facade ----------------------------------------------

    def import_reg(
        self, text: str, *, strict: bool = False, source: str = "<string>"
    ) -> ImportReport:
        """Import .reg text as regedit imports it; see :mod:`sim.registry.reg_import`."""
        return import_text(self, text, strict=strict, source=source)

    def export_reg(self, version: int = 5, root: str | None = None) -> str:
        """Return the registry (or the tree under ``root``) as regedit exports it."""
        # Deferred for start-up time: a scenario run never exports.
        from sim.registry.reg_export import export_text  # noqa: PLC0415

        return export_text(self, version=version, root=root)

    def as_winreg(self) -> WinregFacade:
        """Return the stdlib ``winreg`` functions and constants bound to this registry."""
        # Deferred for start-up time: a scenario run never needs the facade's modules.
        from sim.registry.winreg_facade import WinregFacade  # noqa: PLC0415

        return WinregFacade(self)
