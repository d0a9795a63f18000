r"""winreg's handles: the ``PyHKEY`` type (``HKEYType``) and each facade's table of handles.

Responsibility: what a handle is and how it is numbered, shown, closed and detached, and
how a key argument becomes a handle; not what the key holds (:mod:`sim.registry.winreg_keys`)
nor the winreg functions (:mod:`sim.registry.winreg_facade`). Sources as in the facade;
"section N" is the winreg spec's (``docs/winreg-spec.md``).

Rule (section 5; predefined keys section 6): handles are ``PyHKEY`` objects numbered per
facade from 0x100 in steps of 4 [inf: kernel handles are multiples of 4]. The predefined
``HKEY_*`` are ints sign-extended as on x64 (``HKEY_LOCAL_MACHINE == 0xFFFFFFFF80000002``);
ints (also the signed 32-bit form) and PyHKEYs are accepted wherever a key is, a closed,
detached, stale or unknown handle is 6 (section 1). ``PyHKEY`` is final, immutable and not
instantiable; ``handle`` is the number as a signed 32-bit int (0 once closed or detached),
``int()`` the unsigned pointer value, ``bool()`` whether it is non-zero; ``Close()`` is
idempotent, ``Detach()`` returns the number and leaves the key open for int use, ``with``
closes on exit (``__exit__`` takes keywords, as in 3.11: section 0); equality and hash are
by identity; arithmetic raises ``TypeError("bad operand type")``. As in 3.11,
``PyHKEY.__module__`` is ``builtins``. HKEY_PERFORMANCE_DATA and HKEY_DYN_DATA have no
entry in the table: every call on them but CloseKey raises 6 [inf: CPython 3.12 raises 6
itself for HKEY_PERFORMANCE_DATA in QueryValue/SetValue].

Deviations: ``repr(PyHKEY)`` equals ``str()`` (CPython shows the object's address, which
would make traces non-deterministic); a handle whose number was revealed (``int()``,
``handle``, ``Detach()``, ``str()``) enters the facade's table and stays open until closed,
even when its PyHKEY is garbage collected (CPython closes it then). Not thread-safe.
"""

from __future__ import annotations

import itertools
import types
from typing import TYPE_CHECKING, Any, Final, NoReturn

from sim.registry.winreg_convert import KEY_ALL_ACCESS, PREDEFINED, pointer
from sim.registry.winreg_errors import ERROR_INVALID_HANDLE, win_error

if TYPE_CHECKING:
    from sim.registry.tree import Node

__all__ = ["HKey", "HandleTable", "PyHKEY"]

_MODELLED_ROOTS: Final = ("HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE",
                          "HKEY_USERS", "HKEY_CURRENT_CONFIG")  # fmt: skip
_PREDEFINED_VALUES: Final = frozenset(PREDEFINED.values())
_PREDEFINED_BASE: Final = min(_PREDEFINED_VALUES)
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
    __slots__ = (
        "_access", "_facade", "_hkey", "_nodes", "_path", "_root", "_state", "_version", "_where",
    )
    _access: int
    _facade: HandleTable
    _hkey: int
    _nodes: list[Node]
    _path: str
    _root: str
    _state: int
    _version: int
    # For a root handle of one hive (all but HKEY_CLASSES_ROOT): that hive's path index and
    # the index key of the root, set when the handle's nodes are refreshed; else None.
    _where: tuple[dict[str, Node], str] | None

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


class HandleTable(types.ModuleType):
    """The facade's handles: numbers handed out, the table of numbers usable as ints (the
    predefined keys and revealed handles), and the conversion of key arguments.
    """

    __slots__ = ("_handles", "_numbers")

    def __init__(self, name: str, doc: str) -> None:
        super().__init__(name, doc)
        self._handles: dict[int, PyHKEY] = {}
        self._numbers = itertools.count(_FIRST_HANDLE, _HANDLE_STEP)
        for root in _MODELLED_ROOTS:
            number = PREDEFINED[root]
            self._handles[number] = self._new(root, "", KEY_ALL_ACCESS, nodes=[], version=-1,
                                              hkey=number)  # fmt: skip

    def _new(
        self, root: str, path: str, access: int, *, nodes: list[Node], version: int, hkey: int = 0
    ) -> PyHKEY:
        """Return a new PyHKEY for ``root\\path`` (a new number unless ``hkey`` is given)."""
        if not hkey:
            hkey = next(self._numbers)
        key = _new_hkey(PyHKEY)
        key._hkey, key._state, key._facade, key._root = hkey, _OPEN, self, root
        key._path, key._access, key._nodes, key._version = path, access, nodes, version
        key._where = None
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
