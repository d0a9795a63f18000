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
below is that spec's.

Responsibility: the module object and the winreg functions that read (``OpenKey(Ex)``,
``QueryValue(Ex)``, ``QueryInfoKey``, ``EnumKey``/``EnumValue``, ``CloseKey``,
``ConnectRegistry``, ``FlushKey``, ``ExpandEnvironmentStrings``, the reflection functions).
The rest is split by concern, each module stating its own rules: handles (``PyHKEY``, the
handle table; section 5) in :mod:`sim.registry.winreg_handle`, handle-to-key access and
caches (section 6) in :mod:`sim.registry.winreg_keys`, the writing functions (sections 0, 4)
in :mod:`sim.registry.winreg_write`, ``sys.modules`` installation in
:mod:`sim.registry.winreg_install`, conversions, names and constants in
:mod:`sim.registry.winreg_convert`, errors in :mod:`sim.registry.winreg_errors`.
``PyHKEY`` and ``installed_as_winreg`` are re-exported here.

Rules:

1. Errors (section 1): ``OSError`` subclasses with ``winerror``, errno-mapped classes, the
   5-tuple ``args`` and ``"[WinError N] message"``. Missing key or value: 2; access
   refused: 5; closed, detached, stale or unknown handle: 6; non-REG_SZ default in
   ``QueryValue``: 13; ``EnumKey``/``EnumValue`` past the end (or a negative index): 259;
   a handle whose key was deleted: 1018; ``LoadKey``/``SaveKey``: 1314 (the process lacks
   SeRestore/SeBackupPrivilege [inf]); ``ConnectRegistry`` to any computer but None/"":
   53 [inf]. Argument errors are CPython's TypeError/ValueError/OverflowError texts.
2. Handles (section 5): PyHKEYs or ints wherever a key is (:mod:`~.winreg_handle`).
   ``OpenKey``/``CreateKey``/``ConnectRegistry`` of a predefined key with an empty sub_key
   give a PyHKEY holding the same predefined value (MS RegOpenKeyEx; for CreateKeyEx [inf]).
3. Access (section 6): Query/enumerate values and QueryInfoKey need KEY_QUERY_VALUE,
   EnumKey KEY_ENUMERATE_SUB_KEYS; opening needs nothing of the parent. Predefined keys
   and CreateKey's handles have every right. No ACLs (:mod:`~.winreg_keys`).
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

3.11 versus 3.12+ (section 0) is followed as 3.11 (``PyHKEY.__module__``, ``__exit__``
keywords; ``SetValue``'s NUL and ``type`` masking: :mod:`~.winreg_write`).

Deviations: ``repr(PyHKEY)`` equals ``str()`` and revealed handles outlive their PyHKEY
(:mod:`~.winreg_handle`); arity TypeErrors use Python's wording, not clinic's; no
``sys.audit`` events; no WOW64 registry redirection (KEY_WOW64_* are kept, ignored); a
handle refers to its key by path, so a key deleted then re-created is seen again by an old
handle (Windows: 1018). Not thread-safe.

Speed: ``OpenKey``, ``QueryValueEx`` and ``CloseKey`` have inlined hot paths (a handle of
this facade, default options, an existing key); a handle caches its key's nodes until the
registry's ``_version`` changes, enumerations cache the key's listing the same way, and a
compact string entry (:mod:`sim.registry.packed`) is returned without unpacking.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from importlib.machinery import ModuleSpec
from typing import TYPE_CHECKING, Any, Final

from sim.registry.names import fold
from sim.registry.packed import entry_data, entry_name
from sim.registry.values import decode_sz, reg2py
from sim.registry.winreg_convert import (
    CONSTANTS,
    DEFAULT_ENVIRONMENT,
    FUNCTIONS,
    KEY_ALL_ACCESS,
    KEY_ENUMERATE_SUB_KEYS,
    KEY_QUERY_VALUE,
    KEY_READ,
    PREDEFINED,
    REG_DWORD,
    REG_OPTION_OPEN_LINK,
    REG_SZ,
    access_rights,
    bad_options,
    c_int,
    expand,
    fold_environment,
    pointer,
    require_str,
    signed,
    str_or_none,
)
from sim.registry.winreg_errors import (
    ERROR_BAD_NETPATH,
    ERROR_FILE_NOT_FOUND,
    ERROR_INVALID_DATA,
    ERROR_INVALID_HANDLE,
    ERROR_INVALID_PARAMETER,
    ERROR_NO_MORE_ITEMS,
    win_error,
)
from sim.registry.winreg_handle import (
    _CLOSED,
    _OPEN,
    _PREDEFINED_BASE,
    HKey,
    PyHKEY,
    _new_hkey,
)
from sim.registry.winreg_install import installed_as_winreg
from sim.registry.winreg_keys import _find
from sim.registry.winreg_write import WriteFunctions

if TYPE_CHECKING:
    from sim.registry.core import Registry

__all__ = ["LAST_WRITE_TIME", "PyHKEY", "WinregFacade", "installed_as_winreg"]

LAST_WRITE_TIME: Final = 133_485_408_000_000_000  # 2024-01-01T00:00:00Z, 100 ns since 1601
_ZERO: Final = 0  # OpenKey's default: the hot path compares identity with it


class WinregFacade(WriteFunctions):
    """CPython 3.11's ``winreg`` bound to one :class:`~sim.registry.Registry` (see module doc).

    ``environment`` is what ``ExpandEnvironmentStrings`` expands from (names compare
    case-insensitively); by default a small Windows environment for the user "User".
    """

    __slots__ = ("_env",)

    def __init__(
        self, registry: Registry, *, environment: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(registry, "winreg", "winreg bound to an invokesim virtual registry.")
        self._env = fold_environment(DEFAULT_ENVIRONMENT if environment is None else environment)
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

    # -- reading winreg functions (positional-only unless CPython takes keywords) -----

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
        if parent._version != version:
            self._refresh(parent)
        folded = sub_key.upper() if sub_key.isascii() else fold(sub_key)
        where = parent._where
        if where is not None:  # a root handle of one hive: one probe of its path index
            index, prefix = where
            node = index.get(f"{prefix}\\{folded}" if prefix else folded)
            found = [node] if node is not None else []
        else:
            if parent._path:
                folded = f"{fold(parent._path)}\\{folded}"
            found = self._reg.nodes_at(parent._root, folded)
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
        handle._where = None
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

    def QueryValueEx(self, key: HKey, name: str | None, /) -> tuple[Any, int]:  # noqa: PLR0912
        """Return ``(data, type)`` of a value (None or "" is the default value)."""
        # The hot path (benchmarked): an open handle of this facade with KEY_QUERY_VALUE,
        # fresh nodes, an ASCII name, a value of the key's first node. Else _query.
        if not (type(key) is PyHKEY and not key._state and key._facade is self
                and type(name) is str and key._version == self._reg._version
                and key._access & KEY_QUERY_VALUE and name.isascii() and "\0" not in name):
            return self._query(key, name)  # fmt: skip
        entries = key._nodes[0].entries if key._nodes else None
        size = len(name)
        if type(entries) is str:  # the key's only value, as a string entry
            first = entries[0]
            if first == "@":
                named = size == 0
            else:
                follows = entries[size + 1 : size + (4 if first == '"' else 2)]
                named = follows in ('"="', "\0") and entries[1 : size + 1].upper() == name.upper()
            if not named:
                return self._query(key, name)
            entry: str | bytes | None = entries
        elif type(entries) is dict:
            entry = entries.get(name.upper())
        elif type(entries) is bytes and entry_name(entries).upper() == name.upper():
            entry = entries  # the key's only value, stored as bytes (not a plain string)
        else:
            entry = None
        if entry is None:  # not there, another form, or no values at all
            return self._query(key, name)
        if isinstance(entry, str):
            # A string entry (sim.registry.packed): the line as imported, or type tag,
            # name, NUL, text; winreg returns the text as it is.
            first = entry[0]
            if first == '"':
                return entry[size + 4 : -1], REG_SZ
            if first == "@":
                return entry[3:-1], REG_SZ
            return entry[size + 2 :], ord(first)
        vtype, raw = entry_data(entry)
        if vtype == REG_DWORD:  # the commonest non-string value, without the generic path
            return int.from_bytes(raw[:4], "little"), vtype
        return reg2py(vtype, raw), signed(vtype)

    def _query(self, key: HKey, name: object) -> tuple[Any, int]:
        handle = self._handle(key)
        name = str_or_none("QueryValueEx", "argument 2", name)
        handle = self._check(handle)
        self._require(handle, KEY_QUERY_VALUE)
        value = _find(self._fresh(handle), fold(name))
        if value is None:
            raise win_error(ERROR_FILE_NOT_FOUND)
        return reg2py(value.type, value.raw), signed(value.type)

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
