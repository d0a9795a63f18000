r"""winreg's names and constants, and its conversions of arguments and of value data.

Sources: CPython 3.11 ``PC/winreg.c`` (``Py2Reg``, ``Reg2Py``, ``countStrings``,
``fixupMultiSZ``) and ``PC/clinic/winreg.c.h`` (argument converters), as the winreg spec
sections 1.3, 3 and 7 transcribe them; ``ExpandEnvironmentStringsW`` as Wine implements it
and Wine's ``dlls/ntdll/tests/env.c`` pins it to Windows.

- Py2Reg (``SetValueEx``): REG_DWORD/REG_QWORD take an int or None (4/8 bytes
  little-endian, None is 0); REG_SZ/REG_EXPAND_SZ a str or None (UTF-16LE plus one NUL,
  embedded NULs kept); REG_MULTI_SZ a list (not a tuple) of str, or None; every other type
  None (no data) or a C-contiguous buffer. A wrong kind of value raises
  ``ValueError("Could not convert the data to the specified type.")``, a non-buffer for a
  binary type ``TypeError("Objects of type 'int' can not be used as binary registry
  values")``, an int out of range the OverflowError of CPython's int converters.
- Reg2Py: strings stop at the first NUL (an odd trailing byte is dropped); DWORD/QWORD
  read up to 4/8 bytes little-endian, zero-padded (CPython reads past short data: [inf]);
  REG_MULTI_SZ drops one final NUL and splits on the others, keeping empty strings; any
  other type is bytes, or None when empty. The type is returned as a signed C int.
- ExpandEnvironmentStrings: ``%NAME%`` is replaced when NAME is set (case-insensitive),
  left as written when not, and scanning resumes after its closing ``%`` (Wine's rule; an
  undefined name followed by another ``%...%`` is where implementations may differ
  [inf]); a lone ``%`` is kept.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Final, NoReturn

from sim.core.session import session_environment
from sim.registry.names import fold
from sim.registry.values import encode_sz

_PREDEFINED_BASE: Final = 0xFFFFFFFF80000000  # (HKEY)(ULONG_PTR)(LONG)0x80000000 on x64

# The HKEY_* constants as ints, sign-extended as on 64-bit Windows (spec section 6).
PREDEFINED: Final[dict[str, int]] = {
    name: _PREDEFINED_BASE + offset
    for offset, name in enumerate((
        "HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE", "HKEY_USERS",
        "HKEY_PERFORMANCE_DATA", "HKEY_CURRENT_CONFIG", "HKEY_DYN_DATA",
    ))
}  # fmt: skip

# Every other module constant of winreg 3.11 (spec section 7; REG_LEGAL_OPTION and
# REG_LEGAL_CHANGE_FILTER as current python.org builds report them).
CONSTANTS: Final[dict[str, int]] = {
    "KEY_QUERY_VALUE": 1, "KEY_SET_VALUE": 2, "KEY_CREATE_SUB_KEY": 4,
    "KEY_ENUMERATE_SUB_KEYS": 8, "KEY_NOTIFY": 16, "KEY_CREATE_LINK": 32,
    "KEY_WOW64_64KEY": 256, "KEY_WOW64_32KEY": 512, "KEY_READ": 131097,
    "KEY_EXECUTE": 131097, "KEY_WRITE": 131078, "KEY_ALL_ACCESS": 983103,
    "REG_NONE": 0, "REG_SZ": 1, "REG_EXPAND_SZ": 2, "REG_BINARY": 3, "REG_DWORD": 4,
    "REG_DWORD_LITTLE_ENDIAN": 4, "REG_DWORD_BIG_ENDIAN": 5, "REG_LINK": 6,
    "REG_MULTI_SZ": 7, "REG_RESOURCE_LIST": 8, "REG_FULL_RESOURCE_DESCRIPTOR": 9,
    "REG_RESOURCE_REQUIREMENTS_LIST": 10, "REG_QWORD": 11, "REG_QWORD_LITTLE_ENDIAN": 11,
    "REG_OPTION_RESERVED": 0, "REG_OPTION_NON_VOLATILE": 0, "REG_OPTION_VOLATILE": 1,
    "REG_OPTION_CREATE_LINK": 2, "REG_OPTION_BACKUP_RESTORE": 4, "REG_OPTION_OPEN_LINK": 8,
    "REG_LEGAL_OPTION": 31, "REG_CREATED_NEW_KEY": 1, "REG_OPENED_EXISTING_KEY": 2,
    "REG_WHOLE_HIVE_VOLATILE": 1, "REG_REFRESH_HIVE": 2, "REG_NO_LAZY_FLUSH": 4,
    "REG_NOTIFY_CHANGE_NAME": 1, "REG_NOTIFY_CHANGE_ATTRIBUTES": 2,
    "REG_NOTIFY_CHANGE_LAST_SET": 4, "REG_NOTIFY_CHANGE_SECURITY": 8,
    "REG_LEGAL_CHANGE_FILTER": 268435471,
}  # fmt: skip

# The winreg functions of CPython 3.11 (dir(winreg), spec section 7).
FUNCTIONS: Final = (
    "CloseKey", "ConnectRegistry", "CreateKey", "CreateKeyEx", "DeleteKey", "DeleteKeyEx",
    "DeleteValue", "DisableReflectionKey", "EnableReflectionKey", "EnumKey", "EnumValue",
    "ExpandEnvironmentStrings", "FlushKey", "LoadKey", "OpenKey", "OpenKeyEx", "QueryInfoKey",
    "QueryReflectionKey", "QueryValue", "QueryValueEx", "SaveKey", "SetValue", "SetValueEx",
)  # fmt: skip

KEY_QUERY_VALUE: Final = CONSTANTS["KEY_QUERY_VALUE"]
KEY_SET_VALUE: Final = CONSTANTS["KEY_SET_VALUE"]
KEY_CREATE_SUB_KEY: Final = CONSTANTS["KEY_CREATE_SUB_KEY"]
KEY_ENUMERATE_SUB_KEYS: Final = CONSTANTS["KEY_ENUMERATE_SUB_KEYS"]
KEY_READ: Final = CONSTANTS["KEY_READ"]
KEY_WRITE: Final = CONSTANTS["KEY_WRITE"]
KEY_ALL_ACCESS: Final = CONSTANTS["KEY_ALL_ACCESS"]
KEY_WOW64_64KEY: Final = CONSTANTS["KEY_WOW64_64KEY"]
REG_OPTION_OPEN_LINK: Final = CONSTANTS["REG_OPTION_OPEN_LINK"]
_WOW64_BOTH: Final = KEY_WOW64_64KEY | CONSTANTS["KEY_WOW64_32KEY"]
# Generic rights and MAXIMUM_ALLOWED -> the key rights they grant (winnt.h; MS "Registry
# Key Security and Access Rights"); no ACLs, so MAXIMUM_ALLOWED grants everything.
_GENERIC: Final[dict[int, int]] = {
    0x80000000: KEY_READ, 0x40000000: KEY_WRITE, 0x20000000: CONSTANTS["KEY_EXECUTE"],
    0x10000000: KEY_ALL_ACCESS, 0x02000000: KEY_ALL_ACCESS,
}  # fmt: skip

# The simulated user's session environment (sim.core.session.session_environment).
DEFAULT_ENVIRONMENT: Final[Mapping[str, str]] = session_environment()

REG_SZ: Final = 1
REG_EXPAND_SZ: Final = 2
REG_DWORD: Final = 4
REG_MULTI_SZ: Final = 7
REG_QWORD: Final = 11
_U32: Final = 0xFFFFFFFF
_HEAPTYPE: Final = 1 << 9  # Py_TPFLAGS_HEAPTYPE


# -- arguments (PC/clinic/winreg.c.h, Python/getargs.c) -----------------------------------


def _type_name(value: object) -> str:
    """``_PyArg_BadArgument``'s name for a value's type ("None" for None)."""
    return "None" if value is None else type(value).__name__


def str_or_none(func: str, arg: str, value: object) -> str:
    """Convert a ``Py_UNICODE(accept={str, NoneType})`` argument; None becomes ""."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{func}() {arg} must be str or None, not {_type_name(value)}")
    if "\0" in value:
        raise ValueError("embedded null character")
    return value


def str_arg(func: str, arg: str, value: object) -> str:
    """Convert a ``unicode`` argument (any str)."""
    if not isinstance(value, str):
        raise TypeError(f"{func}() {arg} must be str, not {_type_name(value)}")
    return value


def require_str(func: str, arg: str, value: object) -> str:
    """Convert a ``Py_UNICODE`` argument (a str without embedded NUL)."""
    text = str_arg(func, arg, value)
    if "\0" in text:
        raise ValueError("embedded null character")
    return text


def c_int(value: object) -> int:
    """Convert an ``int``/``REGSAM`` argument as ``_PyLong_AsInt`` does."""
    number = value if type(value) is int else operator.index(value)  # type: ignore[arg-type]
    if not -0x80000000 <= number <= 0x7FFFFFFF:
        raise OverflowError("Python int too large to convert to C int")
    return number


def dword(func: str, position: int, value: object) -> int:
    """Convert a ``DWORD`` argument (clinic format 'k': any int, masked to 32 bits)."""
    if not isinstance(value, int):
        raise TypeError(f"{func}() argument {position} must be int, not {_type_name(value)}")
    return value & _U32


def access_rights(access: int) -> int:
    """Return a REGSAM with its generic rights mapped to the key rights they grant."""
    mask = access & _U32
    for bit, granted in _GENERIC.items():
        if mask & bit:
            mask |= granted
    return mask


def bad_options(options: int, access: int, allowed: int) -> bool:
    """Options besides ``allowed``, or both registry views at once (ERROR_INVALID_PARAMETER)."""
    return bool(options & ~allowed) or access & _WOW64_BOTH == _WOW64_BOTH


def pointer(value: int) -> int:
    """Return an int HKEY argument as the 64-bit pointer ``PyLong_AsVoidPtr`` makes of it."""
    if -(1 << 63) <= value < 1 << 64:
        return value & 0xFFFFFFFFFFFFFFFF
    raise OverflowError("int too big to convert")


def signed(value_type: int) -> int:
    """Return a value type as ``Py_BuildValue("i")`` gives it (a signed C int)."""
    return value_type - (1 << 32) if value_type & 0x80000000 else value_type


# -- Py2Reg -------------------------------------------------------------------------------


def _cannot_convert() -> NoReturn:
    raise ValueError("Could not convert the data to the specified type.")


def _unsigned(value: object, size: int) -> bytes:
    if value is None:
        return bytes(size)
    if not isinstance(value, int):
        _cannot_convert()
    if value < 0:
        word = "value to unsigned int" if size == 4 else "int to unsigned"
        raise OverflowError(f"can't convert negative {word}")
    if value >> (8 * size):
        raise OverflowError(
            "Python int too large to convert to C unsigned long"
            if size == 4
            else "int too big to convert"
        )
    return value.to_bytes(size, "little")


def _encode_multi_sz(value: object) -> bytes:
    if value is None:
        return b"\0\0"
    if not isinstance(value, list):
        _cannot_convert()
    if not all(isinstance(item, str) for item in value):
        _cannot_convert()
    return b"".join(encode_sz(item) for item in value) + b"\0\0"


def _tp_name(cls: type) -> str:
    """C ``tp_name``: static types outside builtins carry their module."""
    if cls.__flags__ & _HEAPTYPE or cls.__module__ == "builtins":
        return cls.__name__
    return f"{cls.__module__}.{cls.__qualname__}"


def _binary(value: object) -> bytes:
    if value is None:
        return b""
    try:
        view = memoryview(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"Objects of type '{_tp_name(type(value))}' can not be used as binary registry values"
        ) from None
    if not view.c_contiguous:
        raise BufferError("memoryview: underlying buffer is not C-contiguous")
    return view.tobytes()


def py2reg(value: object, value_type: int) -> bytes:
    """Return the bytes ``RegSetValueEx`` receives for ``value`` stored as ``value_type``."""
    if value_type in (REG_SZ, REG_EXPAND_SZ):
        if value is None:
            return b"\0\0"
        if not isinstance(value, str):
            _cannot_convert()
        return encode_sz(value)
    if value_type == REG_DWORD:
        return _unsigned(value, 4)
    if value_type == REG_QWORD:
        return _unsigned(value, 8)
    if value_type == REG_MULTI_SZ:
        return _encode_multi_sz(value)
    return _binary(value)


# -- ExpandEnvironmentStrings -------------------------------------------------------------


def fold_environment(environment: Mapping[str, str]) -> dict[str, str]:
    """Return an environment keyed by folded name (names compare case-insensitively)."""
    return {fold(name): value for name, value in environment.items()}


def expand(text: str, folded_env: Mapping[str, str]) -> str:
    """Expand ``%NAME%`` references as ``ExpandEnvironmentStringsW`` does."""
    out: list[str] = []
    start = 0
    while True:
        opening = text.find("%", start)
        closing = -1 if opening < 0 else text.find("%", opening + 1)
        if closing < 0:
            out.append(text[start:])
            return "".join(out)
        name = text[opening + 1 : closing]
        value = folded_env.get(fold(name)) if name else None
        out.append(text[start:opening])
        out.append(text[opening : closing + 1] if value is None else value)
        start = closing + 1
