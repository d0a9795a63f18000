r"""The stdlib ``winreg`` module bound to one virtual registry: :class:`WinregFacade`.

``Registry.as_winreg()`` returns a :class:`WinregFacade`: a module object named ``winreg``
whose namespace is exactly ``dir(winreg)`` of CPython 3.11 on 64-bit Windows (23
functions, ``HKEYType``, ``error``, the constants), with the same signatures (positional-only
except ``OpenKey``/``OpenKeyEx``/``CreateKeyEx``/``DeleteKeyEx``), return shapes and errors.
It is placed in ``sys.modules["winreg"]`` only inside :func:`installed_as_winreg` /
:meth:`WinregFacade.installed`, to run code that does ``import winreg`` itself.

Sources: CPython 3.11 ``PC/winreg.c`` (msys2-contrib/cpython-mingw 2f618fcb, the 3.11-era
copy) and ``PC/clinic/winreg.c.h``, typeshed ``stdlib/winreg.pyi``,
``Doc/library/winreg.rst``, ``Lib/test/test_winreg.py`` and Microsoft's registry API
pages, as the project's winreg spec (``docs/winreg-spec.md``) transcribes them; "section N"
below is that spec's. Conversions, names and constants are in
:mod:`sim.registry.winreg_convert`, errors in :mod:`sim.registry.winreg_errors`.

Rules:

1. Errors (section 1): ``OSError`` subclasses with ``winerror``, errno-mapped classes, the
   5-tuple ``args`` and ``"[WinError N] message"``. Missing key or value: 2; access
   refused: 5; closed, detached, stale or unknown handle: 6; non-REG_SZ default in
   ``QueryValue``: 13; ``EnumKey``/``EnumValue`` past the end (or a negative index): 259;
   a handle whose key was deleted: 1018; ``LoadKey``/``SaveKey``: 1314 (the process lacks
   SeRestore/SeBackupPrivilege [inf]); ``ConnectRegistry`` to any computer but None/"":
   53 [inf]. Argument errors are CPython's TypeError/ValueError/OverflowError texts.
2. Handles (section 5): ``PyHKEY`` (``HKEYType``), numbered per facade from 0x100 in
   steps of 4 [inf: kernel handles are multiples of 4]. The predefined ``HKEY_*`` are ints
   sign-extended as on x64 (``HKEY_LOCAL_MACHINE == 0xFFFFFFFF80000002``); ints (also the
   signed 32-bit form) and PyHKEYs are accepted wherever a key is. ``OpenKey``/
   ``CreateKey``/``ConnectRegistry`` of a predefined key with an empty sub_key give a
   PyHKEY holding the same predefined value (MS RegOpenKeyEx; for CreateKeyEx [inf]).
3. Access (section 6): a handle keeps its access mask (GENERIC_* and MAXIMUM_ALLOWED mapped
   to KEY_*). Query/enumerate values and QueryInfoKey need KEY_QUERY_VALUE, EnumKey
   KEY_ENUMERATE_SUB_KEYS, SetValue(Ex)/DeleteValue KEY_SET_VALUE, creating a subkey
   KEY_CREATE_SUB_KEY on the parent; opening needs nothing of the parent; DeleteKey
   ignores the handle's rights. Predefined keys and CreateKey's handles have every right.
   There are no ACLs: every key may be opened for any access, as for an administrator.
4. Keys follow the registry's model (:mod:`sim.registry.core`): case-insensitive names,
   the merged HKEY_CLASSES_ROOT, subkeys in sorted order, values in creation order; a
   sub_key may be a ``a\b\c`` path. HKEY_PERFORMANCE_DATA and HKEY_DYN_DATA are not
   modelled: every call on them but CloseKey raises 6 [inf: CPython 3.12 raises 6 itself
   for HKEY_PERFORMANCE_DATA in QueryValue/SetValue].
5. ``QueryInfoKey``'s last write time is always :data:`LAST_WRITE_TIME`, 2024-01-01
   00:00 UTC as a FILETIME (no clock, so traces stay deterministic).
6. ``ExpandEnvironmentStrings`` reads the environment given to the facade (default
   :data:`~sim.registry.winreg_convert.DEFAULT_ENVIRONMENT`), never ``os.environ``.
7. Reflection functions (64-bit Windows 7+): Disable/Enable return None and
   QueryReflectionKey True for any valid handle.

3.11 versus 3.12+ (section 0), followed as 3.11: ``PyHKEY.__module__`` is ``builtins``;
``SetValue`` stores the string up to its first NUL (``RegSetValueW``; 3.12+ keeps embedded
NULs); the ``type`` argument of ``SetValue(Ex)`` is any int masked to 32 bits (newer
releases refuse negative and oversized ones); ``__exit__`` takes keywords.

Deviations: ``repr(PyHKEY)`` equals ``str()`` (CPython shows the object's address, which
would make traces non-deterministic); arity TypeErrors use Python's wording, not clinic's;
no ``sys.audit`` events; no WOW64 registry redirection (KEY_WOW64_* are kept, ignored);
a handle refers to its key by path, so a key deleted then re-created is seen again by an
old handle (Windows: 1018); a handle whose number was revealed (``int()``, ``handle``,
``Detach()``, ``str()``) stays open until closed, even when its PyHKEY is garbage
collected (CPython closes it then). Not thread-safe.

Speed: ``OpenKey``, ``QueryValueEx`` and ``CloseKey`` have inlined hot paths (a handle of
this facade, default options, an existing key); a handle caches its key's nodes until the
registry's ``_version`` changes, enumerations cache the key's listing the same way, and a
compact string entry (:mod:`sim.registry.packed`) is returned without unpacking.
"""

from __future__ import annotations

import itertools
import sys
import types
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from importlib.machinery import ModuleSpec
from typing import TYPE_CHECKING, Any, Final, NoReturn, cast

from sim.errors import RegistryError
from sim.registry.names import MAX_KEY_NAME, fold, split_path
from sim.registry.packed import unpack
from sim.registry.values import RegValue, decode_sz, encode_sz, reg2py
from sim.registry.winreg_convert import (
    CONSTANTS,
    DEFAULT_ENVIRONMENT,
    FUNCTIONS,
    KEY_ALL_ACCESS,
    KEY_CREATE_SUB_KEY,
    KEY_ENUMERATE_SUB_KEYS,
    KEY_QUERY_VALUE,
    KEY_READ,
    KEY_SET_VALUE,
    KEY_WOW64_64KEY,
    KEY_WRITE,
    PREDEFINED,
    REG_OPTION_OPEN_LINK,
    REG_SZ,
    access_rights,
    bad_options,
    c_int,
    dword,
    expand,
    fold_environment,
    pointer,
    py2reg,
    require_str,
    signed,
    str_arg,
    str_or_none,
)
from sim.registry.winreg_errors import (
    ERROR_ACCESS_DENIED,
    ERROR_BAD_NETPATH,
    ERROR_FILE_NOT_FOUND,
    ERROR_INVALID_DATA,
    ERROR_INVALID_HANDLE,
    ERROR_INVALID_PARAMETER,
    ERROR_KEY_DELETED,
    ERROR_NO_MORE_ITEMS,
    ERROR_PRIVILEGE_NOT_HELD,
    win_error,
)

if TYPE_CHECKING:
    from sim.registry.core import Registry
    from sim.registry.paths import KeyPath
    from sim.registry.tree import Node

__all__ = ["LAST_WRITE_TIME", "PyHKEY", "WinregFacade", "installed_as_winreg"]

LAST_WRITE_TIME: Final = 133_485_408_000_000_000  # 2024-01-01T00:00:00Z, 100 ns since 1601
_MODELLED_ROOTS: Final = ("HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE",
                          "HKEY_USERS", "HKEY_CURRENT_CONFIG")  # fmt: skip
_PREDEFINED_VALUES: Final = frozenset(PREDEFINED.values())
_PREDEFINED_BASE: Final = min(_PREDEFINED_VALUES)
_ZERO: Final = 0  # OpenKey's default: the hot path compares identity with it
_FIRST_HANDLE: Final = 0x100
_HANDLE_STEP: Final = 4

# PyHKEY._state: whether the wrapper shows its number and whether the handle is open.
_OPEN = 0  # shows the number; open; not in the facade's number table
_DETACHED = 1  # shows 0; open, reachable by its number only
_STALE = 2  # shows the number; closed through CloseKey(int)
_CLOSED = 3  # shows 0; closed
_SHARED = 4  # like _OPEN, and its number is in the table (it was revealed)
_USABLE: Final = frozenset({_OPEN, _SHARED})
_SHOWN: Final = frozenset({_OPEN, _SHARED, _STALE})

HKey = Any  # PyHKEY | int, as typeshed's _KeyType; checked at run time
Listing = tuple[list[str], list[RegValue]]


def _walk(node: Node, parts: list[str]) -> Node | None:
    for part in parts:
        child = node.child(part)
        if child is None:
            return None
        node = child
    return node


def _walk_all(nodes: list[Node], parts: list[str]) -> list[Node]:
    """The nodes of a subkey in each tree of a merged key that has it."""
    found = (_walk(node, parts) for node in nodes)
    return [node for node in found if node is not None]


def _find(nodes: list[Node], folded: str) -> RegValue | None:
    for node in nodes:
        value = node.value(folded)
        if value is not None:
            return value
    return None


def _bad_operand(*_: object) -> NoReturn:
    raise TypeError("bad operand type")


class _HKEYType(type):
    """PyHKEY's metaclass: the type is final, immutable and not instantiable (section 5)."""

    def __call__(cls, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError(f"cannot create '{cls.__name__}' instances")

    def __setattr__(cls, name: str, value: object) -> None:
        raise TypeError(f"cannot set {name!r} attribute of immutable type '{cls.__name__}'")

    def __delattr__(cls, name: str) -> None:
        raise TypeError(f"cannot set {name!r} attribute of immutable type '{cls.__name__}'")


class PyHKEY(metaclass=_HKEYType):
    """An open registry key (``winreg.HKEYType``), as CPython 3.11's static ``PyHKEY`` type.

    ``handle`` is the number as a signed 32-bit int (0 once closed or detached), ``int()``
    the unsigned pointer value; ``bool()`` tells whether it is non-zero. ``Close()`` is
    idempotent; ``Detach()`` returns the number and leaves the key open for int use;
    ``with`` closes on exit. Equality and hash are by identity; arithmetic raises
    ``TypeError("bad operand type")``.
    """

    __module__ = "builtins"
    __slots__ = ("_access", "_facade", "_hkey", "_nodes", "_path", "_root", "_state", "_version")
    _access: int
    _facade: WinregFacade
    _hkey: int
    _nodes: list[Node]
    _path: str
    _root: str
    _state: int
    _version: int

    def __init_subclass__(cls, **kwargs: object) -> NoReturn:
        raise TypeError("type 'PyHKEY' is not an acceptable base type")

    def _reveal(self) -> int:
        """Return the number shown, entering an open handle in the facade's table."""
        state = self._state
        if state == _OPEN:
            if self._hkey < _PREDEFINED_BASE:
                self._state = _SHARED
                self._facade._handles[self._hkey] = self
            return self._hkey
        return self._hkey if state in _SHOWN else 0

    @property
    def handle(self) -> int:
        """The handle as a signed C int (``T_INT`` member), 0 once closed or detached."""
        low = self._reveal() & 0xFFFFFFFF
        return low - (1 << 32) if low & 0x80000000 else low

    def Close(self) -> None:
        """Close the key; closing twice does nothing (RegCloseKey errors are raised)."""
        state = self._state
        if state in _SHOWN:
            self._state = _CLOSED
        if state == _SHARED:
            del self._facade._handles[self._hkey]
        elif state == _STALE:
            raise win_error(ERROR_INVALID_HANDLE)

    def Detach(self) -> int:
        """Return the number and set this object's handle to 0, leaving the key open."""
        state = self._state
        if state not in _SHOWN:
            return 0
        number = self._reveal()
        opened = state != _STALE and number < _PREDEFINED_BASE
        self._state = _DETACHED if opened else _CLOSED
        return number

    def __enter__(self) -> PyHKEY:
        return self

    def __exit__(self, exc_type: object, exc_value: object, traceback: object) -> None:
        self.Close()

    def __bool__(self) -> bool:
        return self._state in _SHOWN

    def __int__(self) -> int:
        return self._reveal()

    def __str__(self) -> str:
        return f"<PyHKEY:0x{self._reveal():016X}>"

    __repr__ = __str__
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _bad_operand
    __mod__ = __rmod__ = __divmod__ = __rdivmod__ = __pow__ = __rpow__ = _bad_operand
    __lshift__ = __rlshift__ = __rshift__ = __rrshift__ = _bad_operand
    __and__ = __rand__ = __xor__ = __rxor__ = __or__ = __ror__ = _bad_operand
    __neg__ = __pos__ = __abs__ = __invert__ = __float__ = _bad_operand


_new_hkey = object.__new__


class WinregFacade(types.ModuleType):
    """CPython 3.11's ``winreg`` bound to one :class:`~sim.registry.Registry` (see module doc).

    ``environment`` is what ``ExpandEnvironmentStrings`` expands from (names compare
    case-insensitively); by default a small Windows environment for the user "User".
    """

    __slots__ = ("_env", "_handles", "_listing_version", "_listings", "_numbers", "_reg")

    def __init__(
        self, registry: Registry, *, environment: Mapping[str, str] | None = None
    ) -> None:
        super().__init__("winreg", "winreg bound to an invokesim virtual registry.")
        self._reg = registry
        self._env = fold_environment(DEFAULT_ENVIRONMENT if environment is None else environment)
        self._handles: dict[int, PyHKEY] = {}
        self._numbers = itertools.count(_FIRST_HANDLE, _HANDLE_STEP)
        self._listings: dict[tuple[str, str], Listing] = {}
        self._listing_version = -1
        for name in _MODELLED_ROOTS:
            number = PREDEFINED[name]
            self._handles[number] = self._new(name, "", KEY_ALL_ACCESS, nodes=[], version=-1,
                                              hkey=number)  # fmt: skip
        namespace = self.__dict__
        namespace.update(PREDEFINED, **CONSTANTS, HKEYType=PyHKEY, error=OSError)
        namespace.update(__package__="", __spec__=ModuleSpec("winreg", None, origin="invokesim"))
        namespace.update({name: getattr(self, name) for name in FUNCTIONS})

    @property
    def registry(self) -> Registry:
        """The registry these functions read and write."""
        return self._reg

    def installed(self) -> AbstractContextManager[WinregFacade]:
        """Return a context placing this facade in ``sys.modules["winreg"]``."""
        return installed_as_winreg(self)

    # -- handles ----------------------------------------------------------------------

    def _new(
        self, root: str, path: str, access: int, *, nodes: list[Node], version: int, hkey: int = 0
    ) -> PyHKEY:
        """Return a new PyHKEY for ``root\\path`` (a new number unless ``hkey`` is given)."""
        if not hkey:
            hkey = next(self._numbers)
        key = _new_hkey(PyHKEY)
        key._hkey, key._state, key._facade, key._root = hkey, _OPEN, self, root
        key._path, key._access, key._nodes, key._version = path, access, nodes, version
        return key

    def _same(self, key: PyHKEY, access: int) -> PyHKEY:
        """A handle to the key itself: the same predefined value, else a new number."""
        if key._hkey >= _PREDEFINED_BASE:
            return self._new(key._root, "", KEY_ALL_ACCESS, nodes=key._nodes,
                             version=key._version, hkey=key._hkey)  # fmt: skip
        return self._new(key._root, key._path, access, nodes=key._nodes, version=key._version)

    def _handle(self, key: object) -> PyHKEY | None:
        """Convert a key argument (``clinic_HKEY_converter``); None for an invalid handle."""
        if type(key) is PyHKEY:
            return key if key._state in _USABLE and key._facade is self else None
        if isinstance(key, int):
            return self._handles.get(pointer(key))
        if key is None:
            raise TypeError("None is not a valid HKEY in this context")
        raise TypeError("The object is not a PyHKEY object")

    @staticmethod
    def _check(handle: PyHKEY | None) -> PyHKEY:
        """The handle, or ERROR_INVALID_HANDLE once every argument is converted."""
        if handle is None:
            raise win_error(ERROR_INVALID_HANDLE)
        return handle

    def _valid(self, key: object) -> PyHKEY:
        return self._check(self._handle(key))

    def _close_number(self, number: int) -> None:
        if number in _PREDEFINED_VALUES:
            return  # RegCloseKey on a predefined key succeeds
        key = self._handles.pop(number, None)
        if key is None:
            raise win_error(ERROR_INVALID_HANDLE)
        key._state = _STALE if key._state == _SHARED else _CLOSED

    # -- keys -------------------------------------------------------------------------

    def _keypath(self, key: PyHKEY) -> KeyPath:
        return self._reg.resolve(f"{key._root}\\{key._path}" if key._path else key._root)

    def _subpath(self, key: PyHKEY, sub_key: str) -> KeyPath:
        head = f"{key._root}\\{key._path}" if key._path else key._root
        try:
            return self._reg.resolve(f"{head}\\{sub_key}")
        except RegistryError as error:
            raise win_error(error.winerror) from None

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
        return nodes

    def _child(self, parent: PyHKEY, sub_key: str) -> tuple[list[Node], str]:
        """Return the nodes of an existing subkey and its path below the root."""
        nodes = parent._nodes if parent._version == self._reg._version else self._refresh(parent)
        parts = fold(sub_key).split("\\")
        given = sub_key
        if len(parts) > 1 and not parts[-1]:  # one trailing backslash is tolerated
            parts.pop()
            sub_key = sub_key[:-1]
        if "" in parts or len(sub_key) > MAX_KEY_NAME:
            try:
                split_path(given)
            except RegistryError as error:
                raise win_error(error.winerror) from None
        found = _walk_all(nodes, parts)
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
        except RegistryError as error:
            raise win_error(error.winerror) from None

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
        except RegistryError as error:
            raise win_error(error.winerror) from None

    @staticmethod
    def _require(key: PyHKEY, right: int) -> None:
        if not key._access & right:
            raise win_error(ERROR_ACCESS_DENIED)

    # -- winreg functions (positional-only unless CPython takes keywords) -------------

    def CloseKey(self, hkey: HKey, /) -> None:
        """Close a key: a PyHKEY, an int handle, or None (a no-op)."""
        if type(hkey) is PyHKEY:
            if hkey._state == _OPEN:
                hkey._state = _CLOSED
            else:
                hkey.Close()
        elif isinstance(hkey, int):
            self._close_number(pointer(hkey))
        elif hkey is not None:
            raise TypeError("The object is not a PyHKEY object")

    def ConnectRegistry(self, computer_name: str | None, key: HKey, /) -> PyHKEY:
        """Return a predefined key of the local computer (None or ""); any other is 53."""
        name = str_or_none("ConnectRegistry", "argument 1", computer_name)
        handle = self._handle(key)
        if name:
            raise win_error(ERROR_BAD_NETPATH)
        if handle is None or handle._hkey < _PREDEFINED_BASE:
            raise win_error(ERROR_INVALID_HANDLE)
        return self._same(handle, KEY_ALL_ACCESS)

    def CreateKey(self, key: HKey, sub_key: str | None, /) -> PyHKEY:
        """Open or create ``sub_key`` (and its parents), with every access right."""
        handle = self._handle(key)
        sub_key = str_or_none("CreateKey", "argument 2", sub_key)
        return self._create(self._check(handle), sub_key, KEY_ALL_ACCESS)

    def CreateKeyEx(
        self, key: HKey, sub_key: str | None, reserved: int = 0, access: int = KEY_WRITE
    ) -> PyHKEY:
        """Open or create ``sub_key`` with exactly ``access`` (default KEY_WRITE)."""
        handle = self._handle(key)
        sub_key = str_or_none("CreateKeyEx", "argument 'sub_key'", sub_key)
        reserved, access = c_int(reserved), c_int(access)
        handle = self._check(handle)
        if bad_options(reserved, access, 0):
            raise win_error(ERROR_INVALID_PARAMETER)
        return self._create(handle, sub_key, access_rights(access))

    def DeleteKey(self, key: HKey, sub_key: str, /) -> None:
        """Delete a key without subkeys (5 with subkeys, 2 when missing)."""
        handle = self._handle(key)
        sub_key = require_str("DeleteKey", "argument 2", sub_key)
        self._delete(self._check(handle), sub_key)

    def DeleteKeyEx(
        self, key: HKey, sub_key: str, access: int = KEY_WOW64_64KEY, reserved: int = 0
    ) -> None:
        """DeleteKey with a registry view (``access``) and a reserved 0."""
        handle = self._handle(key)
        sub_key = require_str("DeleteKeyEx", "argument 'sub_key'", sub_key)
        access, reserved = c_int(access), c_int(reserved)
        handle = self._check(handle)
        if bad_options(reserved, access, 0):
            raise win_error(ERROR_INVALID_PARAMETER)
        self._delete(handle, sub_key)

    def DeleteValue(self, key: HKey, value: str | None, /) -> None:
        """Delete a value (None or "" is the default value)."""
        handle = self._handle(key)
        name = str_or_none("DeleteValue", "argument 2", value)
        handle = self._check(handle)
        self._require(handle, KEY_SET_VALUE)
        self._fresh(handle)
        if not self._reg.remove_value(self._keypath(handle), name):
            raise win_error(ERROR_FILE_NOT_FOUND)

    def EnumKey(self, key: HKey, index: int, /) -> str:
        """Return the name of the subkey at ``index`` (259 past the end)."""
        handle = self._handle(key)
        index = c_int(index)
        handle = self._check(handle)
        self._require(handle, KEY_ENUMERATE_SUB_KEYS)
        names = self._listing(handle)[0]
        if not 0 <= index < len(names):
            raise win_error(ERROR_NO_MORE_ITEMS)
        return names[index]

    def EnumValue(self, key: HKey, index: int, /) -> tuple[str, Any, int]:
        """Return ``(name, data, type)`` of the value at ``index`` (259 past the end)."""
        handle = self._handle(key)
        index = c_int(index)
        handle = self._check(handle)
        self._require(handle, KEY_QUERY_VALUE)
        values = self._listing(handle)[1]
        if not 0 <= index < len(values):
            raise win_error(ERROR_NO_MORE_ITEMS)
        value = values[index]
        return value.name, reg2py(value.type, value.raw), signed(value.type)

    def ExpandEnvironmentStrings(self, string: str, /) -> str:
        """Expand ``%NAME%`` from the facade's environment."""
        return expand(require_str("ExpandEnvironmentStrings", "argument", string), self._env)

    def FlushKey(self, key: HKey, /) -> None:
        """Write the key to disk: nothing to do here."""
        self._fresh(self._valid(key))

    def LoadKey(self, key: HKey, sub_key: str, file_name: str, /) -> None:
        """Load a hive file: the process lacks SeRestorePrivilege (1314) [inf]."""
        handle = self._handle(key)
        require_str("LoadKey", "argument 2", sub_key)
        require_str("LoadKey", "argument 3", file_name)
        self._check(handle)
        raise win_error(ERROR_PRIVILEGE_NOT_HELD)

    def OpenKey(
        self, key: HKey, sub_key: str | None, reserved: int = _ZERO, access: int = KEY_READ
    ) -> PyHKEY:
        """Open an existing key with ``access`` (2 when it does not exist)."""
        # The hot path (benchmarked): an open handle or predefined int, a plain str sub_key,
        # default options, an existing key. Everything else goes to _open.
        if type(key) is int:
            parent = self._handles.get(key)
        elif type(key) is PyHKEY and not key._state and key._facade is self:
            parent = key
        else:
            parent = None
        # Identity with the defaults' int objects means exactly int 0 and KEY_READ.
        if (parent is None or reserved is not _ZERO or access is not KEY_READ
                or type(sub_key) is not str or not sub_key or "\0" in sub_key):  # fmt: skip
            return self._open("OpenKey", key, sub_key, reserved, access)
        version = self._reg._version
        nodes = parent._nodes if parent._version == version else self._refresh(parent)
        parts = (sub_key.upper() if sub_key.isascii() else fold(sub_key)).split("\\")
        try:
            if len(nodes) == 1:
                node = nodes[0]
                for part in parts:
                    node = node.subkeys[part]  # type: ignore[index]  # None: TypeError
                found = [node]
            else:  # the HKEY_CLASSES_ROOT merge
                found = _walk_all(nodes, parts)
        except (KeyError, TypeError):  # a missing subkey, or a node without subkeys
            found = []
        if not found:  # missing, or a path to validate: the full treatment
            return self._open("OpenKey", key, sub_key, reserved, access)
        handle = _new_hkey(PyHKEY)
        handle._hkey = next(self._numbers)
        handle._state = _OPEN
        handle._facade = self
        handle._root = parent._root
        handle._path = f"{parent._path}\\{sub_key}" if parent._path else sub_key
        handle._access = KEY_READ
        handle._nodes = found
        handle._version = version
        return handle

    def OpenKeyEx(
        self, key: HKey, sub_key: str | None, reserved: int = 0, access: int = KEY_READ
    ) -> PyHKEY:
        """The same as OpenKey."""
        return self._open("OpenKeyEx", key, sub_key, reserved, access)

    def _open(
        self, func: str, key: HKey, sub_key: object, reserved: object, access: object
    ) -> PyHKEY:
        handle = self._handle(key)
        sub_key = str_or_none(func, "argument 'sub_key'", sub_key)
        options, mask = c_int(reserved), c_int(access)
        parent = self._check(handle)
        if bad_options(options, mask, REG_OPTION_OPEN_LINK):
            raise win_error(ERROR_INVALID_PARAMETER)
        if not sub_key:
            self._fresh(parent)
            return self._same(parent, access_rights(mask))
        nodes, path = self._child(parent, sub_key)
        return self._new(parent._root, path, access_rights(mask), nodes=nodes,
                         version=self._reg._version)  # fmt: skip

    def QueryInfoKey(self, key: HKey, /) -> tuple[int, int, int]:
        """Return ``(subkeys, values, last write time)``; see :data:`LAST_WRITE_TIME`."""
        handle = self._valid(key)
        self._require(handle, KEY_QUERY_VALUE)
        names, values = self._listing(handle)
        return len(names), len(values), LAST_WRITE_TIME

    def QueryValue(self, key: HKey, sub_key: str | None, /) -> str:
        """Return the default value of ``key\\sub_key`` ("" when unset; 13 unless REG_SZ)."""
        handle = self._handle(key)
        sub_key = str_or_none("QueryValue", "argument 2", sub_key)
        handle = self._check(handle)
        if sub_key:
            nodes = self._child(handle, sub_key)[0]
        else:
            self._require(handle, KEY_QUERY_VALUE)
            nodes = self._fresh(handle)
        value = _find(nodes, "")
        if value is None:
            return ""
        if value.type != REG_SZ:
            raise win_error(ERROR_INVALID_DATA)
        return decode_sz(value.raw)

    def QueryValueEx(self, key: HKey, name: str | None, /) -> tuple[Any, int]:
        """Return ``(data, type)`` of a value (None or "" is the default value)."""
        # The hot path (benchmarked): an open handle of this facade with KEY_QUERY_VALUE,
        # fresh nodes, an ASCII name, a value of the key's first node. Else _query.
        if not (type(key) is PyHKEY and not key._state and key._facade is self
                and type(name) is str and key._version == self._reg._version
                and key._access & KEY_QUERY_VALUE and name.isascii() and "\0" not in name):
            return self._query(key, name)  # fmt: skip
        try:
            entry = key._nodes[0].entries[name.upper()]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):  # not there, or no values at all
            return self._query(key, name)
        if type(entry) is str:
            # A compact REG_SZ/REG_EXPAND_SZ (sim.registry.packed): type tag, name, NUL, text
            # without NUL; winreg returns the text as it is.
            return entry.partition("\0")[2], ord(entry[0])
        value = unpack(entry)
        return reg2py(value.type, value.raw), signed(value.type)

    def _query(self, key: HKey, name: object) -> tuple[Any, int]:
        handle = self._handle(key)
        name = str_or_none("QueryValueEx", "argument 2", name)
        handle = self._check(handle)
        self._require(handle, KEY_QUERY_VALUE)
        value = _find(self._fresh(handle), fold(name))
        if value is None:
            raise win_error(ERROR_FILE_NOT_FOUND)
        return reg2py(value.type, value.raw), signed(value.type)

    def SaveKey(self, key: HKey, file_name: str, /) -> None:
        """Save a key to a file: the process lacks SeBackupPrivilege (1314) [inf]."""
        handle = self._handle(key)
        require_str("SaveKey", "argument 2", file_name)
        self._check(handle)
        raise win_error(ERROR_PRIVILEGE_NOT_HELD)

    def SetValue(self, key: HKey, sub_key: str | None, type: int, value: str, /) -> None:
        """Set the default value of ``key\\sub_key`` (created if missing) to a REG_SZ."""
        handle = self._handle(key)
        sub_key = str_or_none("SetValue", "argument 2", sub_key)
        value_type = dword("SetValue", 3, type)
        text = str_arg("SetValue", "argument 4", value)
        if value_type != REG_SZ:
            raise TypeError("type must be winreg.REG_SZ")
        handle = self._check(handle)
        if sub_key:
            handle = self._create(handle, sub_key, KEY_SET_VALUE)
        self._require(handle, KEY_SET_VALUE)
        # 3.11's RegSetValueW stores the string up to its first NUL [inf].
        self._store(handle, RegValue("", REG_SZ, encode_sz(text.split("\0", 1)[0])))

    def SetValueEx(
        self, key: HKey, value_name: str | None, reserved: object, type: int, value: object, /
    ) -> None:
        """Store ``value`` as ``type`` (Py2Reg); an existing value keeps its name's case."""
        handle = self._handle(key)
        name = str_or_none("SetValueEx", "argument 2", value_name)
        value_type = dword("SetValueEx", 4, type)
        raw = py2reg(value, value_type)
        handle = self._check(handle)
        self._require(handle, KEY_SET_VALUE)
        existing = _find(self._fresh(handle), fold(name))
        self._store(handle, RegValue(name if existing is None else existing.name, value_type, raw))

    def DisableReflectionKey(self, key: HKey, /) -> None:
        """A no-op on 64-bit Windows 7 and later."""
        self._valid(key)

    def EnableReflectionKey(self, key: HKey, /) -> None:
        """A no-op on 64-bit Windows 7 and later."""
        self._valid(key)

    def QueryReflectionKey(self, key: HKey, /) -> bool:
        """True: reflection is disabled (64-bit Windows 7 and later)."""
        self._valid(key)
        return True


@contextmanager
def installed_as_winreg(reg_or_facade: Registry | WinregFacade) -> Iterator[WinregFacade]:
    """Place a facade in ``sys.modules["winreg"]`` for the block, then restore the previous
    entry (or its absence), so that code doing ``import winreg`` inside runs on the registry.
    """
    facade = (reg_or_facade if isinstance(reg_or_facade, WinregFacade)
              else reg_or_facade.as_winreg())  # fmt: skip
    had = "winreg" in sys.modules
    previous = sys.modules.get("winreg")  # may be None: an import blocked on purpose
    sys.modules["winreg"] = facade
    try:
        yield facade
    finally:
        if had:
            sys.modules["winreg"] = cast(types.ModuleType, previous)
        else:
            sys.modules.pop("winreg", None)
