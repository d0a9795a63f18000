r"""winreg's functions that change the registry or its hive files.

Responsibility: ``CreateKey``, ``CreateKeyEx``, ``DeleteKey``, ``DeleteKeyEx``,
``DeleteValue``, ``SetValue``, ``SetValueEx``, ``LoadKey`` and ``SaveKey``, with CPython
3.11's signatures (positional-only except ``CreateKeyEx``/``DeleteKeyEx``), argument
conversions and errors; :class:`~sim.registry.winreg_facade.WinregFacade` inherits them
with the reading functions. "section N" is the winreg spec's (``docs/winreg-spec.md``).

Rules:

1. Access (section 6): SetValue(Ex)/DeleteValue need KEY_SET_VALUE, creating a subkey
   KEY_CREATE_SUB_KEY on the parent; DeleteKey ignores the handle's rights. CreateKey's
   handles have every right, CreateKeyEx's exactly ``access`` (default KEY_WRITE).
   CreateKey(Ex) of a predefined key with an empty sub_key gives a PyHKEY holding the same
   predefined value (section 5; MS RegOpenKeyEx, for CreateKeyEx [inf]).
2. Errors (section 1, 2.1): DeleteKey of a key with subkeys is 5, of a missing key 2;
   DeleteValue of a missing value 2; ``reserved``/``access`` options out of range 87;
   ``LoadKey``/``SaveKey`` 1314 once their arguments are checked (the process lacks
   SeRestore/SeBackupPrivilege [inf]).
3. 3.11 versus 3.12+ (sections 0, 4), followed as 3.11: ``SetValue`` stores the string up
   to its first NUL (``RegSetValueW``; 3.12+ keeps embedded NULs); the ``type`` argument
   of ``SetValue(Ex)`` is any int masked to 32 bits (newer releases refuse negative and
   oversized ones). ``SetValueEx`` converts with Py2Reg (section 3,
   :func:`~sim.registry.winreg_convert.py2reg`); an existing value keeps its name's case.
"""

from __future__ import annotations

from sim.registry.names import fold
from sim.registry.values import RegValue, encode_sz
from sim.registry.winreg_convert import (
    KEY_ALL_ACCESS,
    KEY_SET_VALUE,
    KEY_WOW64_64KEY,
    KEY_WRITE,
    REG_SZ,
    access_rights,
    bad_options,
    c_int,
    dword,
    py2reg,
    require_str,
    str_arg,
    str_or_none,
)
from sim.registry.winreg_errors import (
    ERROR_FILE_NOT_FOUND,
    ERROR_INVALID_PARAMETER,
    ERROR_PRIVILEGE_NOT_HELD,
    win_error,
)
from sim.registry.winreg_handle import HKey, PyHKEY
from sim.registry.winreg_keys import KeyAccess, _find

__all__ = ["WriteFunctions"]


class WriteFunctions(KeyAccess):
    """The writing half of the winreg functions (positional-only unless CPython takes
    keywords).
    """

    __slots__ = ()

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

    def LoadKey(self, key: HKey, sub_key: str, file_name: str, /) -> None:
        """Load a hive file: the process lacks SeRestorePrivilege (1314) [inf]."""
        handle = self._handle(key)
        require_str("LoadKey", "argument 2", sub_key)
        require_str("LoadKey", "argument 3", file_name)
        self._check(handle)
        raise win_error(ERROR_PRIVILEGE_NOT_HELD)

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
