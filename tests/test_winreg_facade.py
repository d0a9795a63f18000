"""The winreg facade: CPython 3.11's winreg on Windows, bound to a virtual registry."""

from __future__ import annotations

import array
import inspect
import pickle
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from sim.registry import Registry
from sim.registry.winreg_facade import (
    LAST_WRITE_TIME,
    PyHKEY,
    WinregFacade,
    installed_as_winreg,
)

HKLM = 0xFFFFFFFF80000002
HKCU = 0xFFFFFFFF80000001
TEST_KEY = r"Software\invokesim test"
EMPTY = inspect.Parameter.empty
POS = inspect.Parameter.POSITIONAL_ONLY
KW = inspect.Parameter.POSITIONAL_OR_KEYWORD

DIR_WINREG_311 = [
    "CloseKey", "ConnectRegistry", "CreateKey", "CreateKeyEx", "DeleteKey", "DeleteKeyEx",
    "DeleteValue", "DisableReflectionKey", "EnableReflectionKey", "EnumKey", "EnumValue",
    "ExpandEnvironmentStrings", "FlushKey", "HKEYType", "HKEY_CLASSES_ROOT",
    "HKEY_CURRENT_CONFIG", "HKEY_CURRENT_USER", "HKEY_DYN_DATA", "HKEY_LOCAL_MACHINE",
    "HKEY_PERFORMANCE_DATA", "HKEY_USERS", "KEY_ALL_ACCESS", "KEY_CREATE_LINK",
    "KEY_CREATE_SUB_KEY", "KEY_ENUMERATE_SUB_KEYS", "KEY_EXECUTE", "KEY_NOTIFY",
    "KEY_QUERY_VALUE", "KEY_READ", "KEY_SET_VALUE", "KEY_WOW64_32KEY", "KEY_WOW64_64KEY",
    "KEY_WRITE", "LoadKey", "OpenKey", "OpenKeyEx", "QueryInfoKey", "QueryReflectionKey",
    "QueryValue", "QueryValueEx", "REG_BINARY", "REG_CREATED_NEW_KEY", "REG_DWORD",
    "REG_DWORD_BIG_ENDIAN", "REG_DWORD_LITTLE_ENDIAN", "REG_EXPAND_SZ",
    "REG_FULL_RESOURCE_DESCRIPTOR", "REG_LEGAL_CHANGE_FILTER", "REG_LEGAL_OPTION", "REG_LINK",
    "REG_MULTI_SZ", "REG_NONE", "REG_NOTIFY_CHANGE_ATTRIBUTES", "REG_NOTIFY_CHANGE_LAST_SET",
    "REG_NOTIFY_CHANGE_NAME", "REG_NOTIFY_CHANGE_SECURITY", "REG_NO_LAZY_FLUSH",
    "REG_OPENED_EXISTING_KEY", "REG_OPTION_BACKUP_RESTORE", "REG_OPTION_CREATE_LINK",
    "REG_OPTION_NON_VOLATILE", "REG_OPTION_OPEN_LINK", "REG_OPTION_RESERVED",
    "REG_OPTION_VOLATILE", "REG_QWORD", "REG_QWORD_LITTLE_ENDIAN", "REG_REFRESH_HIVE",
    "REG_RESOURCE_LIST", "REG_RESOURCE_REQUIREMENTS_LIST", "REG_SZ", "REG_WHOLE_HIVE_VOLATILE",
    "SaveKey", "SetValue", "SetValueEx", "__doc__", "__loader__", "__name__", "__package__",
    "__spec__", "error",
]

# The 3.11 signatures (clinic text signatures; typeshed's shapes): name, kind, default.
SIGNATURES: dict[str, list[tuple[str, Any, Any]]] = {
    "CloseKey": [("hkey", POS, EMPTY)],
    "ConnectRegistry": [("computer_name", POS, EMPTY), ("key", POS, EMPTY)],
    "CreateKey": [("key", POS, EMPTY), ("sub_key", POS, EMPTY)],
    "CreateKeyEx": [("key", KW, EMPTY), ("sub_key", KW, EMPTY), ("reserved", KW, 0),
                    ("access", KW, 131078)],
    "DeleteKey": [("key", POS, EMPTY), ("sub_key", POS, EMPTY)],
    "DeleteKeyEx": [("key", KW, EMPTY), ("sub_key", KW, EMPTY), ("access", KW, 256),
                    ("reserved", KW, 0)],
    "DeleteValue": [("key", POS, EMPTY), ("value", POS, EMPTY)],
    "DisableReflectionKey": [("key", POS, EMPTY)],
    "EnableReflectionKey": [("key", POS, EMPTY)],
    "EnumKey": [("key", POS, EMPTY), ("index", POS, EMPTY)],
    "EnumValue": [("key", POS, EMPTY), ("index", POS, EMPTY)],
    "ExpandEnvironmentStrings": [("string", POS, EMPTY)],
    "FlushKey": [("key", POS, EMPTY)],
    "LoadKey": [("key", POS, EMPTY), ("sub_key", POS, EMPTY), ("file_name", POS, EMPTY)],
    "OpenKey": [("key", KW, EMPTY), ("sub_key", KW, EMPTY), ("reserved", KW, 0),
                ("access", KW, 131097)],
    "OpenKeyEx": [("key", KW, EMPTY), ("sub_key", KW, EMPTY), ("reserved", KW, 0),
                  ("access", KW, 131097)],
    "QueryInfoKey": [("key", POS, EMPTY)],
    "QueryReflectionKey": [("key", POS, EMPTY)],
    "QueryValue": [("key", POS, EMPTY), ("sub_key", POS, EMPTY)],
    "QueryValueEx": [("key", POS, EMPTY), ("name", POS, EMPTY)],
    "SaveKey": [("key", POS, EMPTY), ("file_name", POS, EMPTY)],
    "SetValue": [("key", POS, EMPTY), ("sub_key", POS, EMPTY), ("type", POS, EMPTY),
                 ("value", POS, EMPTY)],
    "SetValueEx": [("key", POS, EMPTY), ("value_name", POS, EMPTY), ("reserved", POS, EMPTY),
                   ("type", POS, EMPTY), ("value", POS, EMPTY)],
}  # fmt: skip


@pytest.fixture
def reg() -> Registry:
    """A fresh registry."""
    return Registry()


@pytest.fixture
def w(reg: Registry) -> WinregFacade:
    """The facade of the fresh registry."""
    return reg.as_winreg()


@pytest.fixture
def key(w: WinregFacade) -> Iterator[PyHKEY]:
    """HKCU\\Software\\invokesim test, created with every right."""
    with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY) as handle:
        yield handle


def winerror_of(info: pytest.ExceptionInfo[BaseException]) -> int:
    """The winerror of a raised OSError."""
    error = info.value
    assert isinstance(error, OSError)
    return int(getattr(error, "winerror", -1))


# -- module shape ---------------------------------------------------------------------


def test_namespace_is_dir_of_winreg_3_11(w: WinregFacade) -> None:
    """dir() of the facade is exactly dir(winreg) of CPython 3.11 on Windows."""
    assert sorted(dir(w)) == sorted(DIR_WINREG_311)


def test_signatures_match_the_stdlib(w: WinregFacade) -> None:
    """Every function has CPython's parameter names, kinds and defaults."""
    for name, expected in SIGNATURES.items():
        params = inspect.signature(getattr(w, name)).parameters.values()
        assert [(p.name, p.kind, p.default) for p in params] == expected, name


def test_constants_are_the_windows_values(w: WinregFacade) -> None:
    """The HKEY_* constants are sign-extended 64-bit ints; the others are the SDK's values."""
    assert w.HKEY_CLASSES_ROOT == 18446744071562067968
    assert w.HKEY_LOCAL_MACHINE == 18446744071562067970
    assert w.HKEY_DYN_DATA == 0xFFFFFFFF80000006
    assert (w.KEY_READ, w.KEY_WRITE, w.KEY_ALL_ACCESS) == (131097, 131078, 983103)
    assert (w.REG_QWORD, w.REG_LEGAL_OPTION, w.REG_LEGAL_CHANGE_FILTER) == (11, 31, 268435471)
    constants = [n for n in DIR_WINREG_311 if n.startswith(("HKEY_", "KEY_", "REG_"))]
    assert all(type(getattr(w, n)) is int for n in constants)
    assert len(constants) == 50


def test_error_is_oserror_and_hkeytype_is_pyhkey(w: WinregFacade) -> None:
    """winreg.error is OSError and HKEYType is the PyHKEY class of 3.11 (module builtins)."""
    assert w.error is OSError
    assert w.HKEYType is PyHKEY
    assert (PyHKEY.__name__, PyHKEY.__module__) == ("PyHKEY", "builtins")


def test_facade_is_a_module_named_winreg(w: WinregFacade) -> None:
    """The facade is a module object named winreg, so it can stand in sys.modules."""
    assert isinstance(w, type(sys))
    assert w.__name__ == "winreg"
    assert w.__spec__ is not None and w.__spec__.name == "winreg"


# -- errors ---------------------------------------------------------------------------


def test_missing_key_is_file_not_found_with_the_windows_shape(w: WinregFacade) -> None:
    """A missing key raises FileNotFoundError(2, msg, None, 2, None) printed as [WinError 2]."""
    with pytest.raises(FileNotFoundError) as info:
        w.OpenKey(w.HKEY_CURRENT_USER, r"Software\nothing here")
    error = info.value
    assert error.args == (2, "The system cannot find the file specified", None, 2, None)
    assert (error.errno, error.winerror, error.strerror) == (  # type: ignore[attr-defined]
        2, 2, "The system cannot find the file specified")  # fmt: skip
    assert error.filename is None and error.filename2 is None
    assert str(error) == "[WinError 2] The system cannot find the file specified"
    assert repr(error) == (
        "FileNotFoundError(2, 'The system cannot find the file specified', None, 2, None)"
    )


def test_errors_pickle_with_their_winerror(w: WinregFacade) -> None:
    """An error survives pickling with its class, winerror and message."""
    with pytest.raises(OSError) as info:
        w.EnumKey(w.HKEY_CURRENT_USER, 10_000)
    copy = pickle.loads(pickle.dumps(info.value))
    assert (type(copy), copy.winerror, str(copy)) == (  # type: ignore[attr-defined]
        type(info.value), 259, "[WinError 259] No more data is available")  # fmt: skip


def test_enumeration_past_the_end_is_plain_oserror_259(w: WinregFacade, key: PyHKEY) -> None:
    """EnumKey/EnumValue past the end (or at a negative index) raise OSError 259, errno 22."""
    w.SetValueEx(key, "v", 0, w.REG_SZ, "x")
    w.CreateKey(key, "sub").Close()
    assert (w.EnumKey(key, 0), w.EnumValue(key, 0)) == ("sub", ("v", "x", 1))
    for call in (lambda: w.EnumKey(key, 1), lambda: w.EnumValue(key, 1),
                 lambda: w.EnumKey(key, -1)):  # fmt: skip
        with pytest.raises(OSError) as info:
            call()
        assert type(info.value).__name__ == "OSError"
        assert info.value.args == (22, "No more data is available", None, 259, None)


def test_delete_key_with_subkeys_is_access_denied(w: WinregFacade, key: PyHKEY) -> None:
    """DeleteKey on a key that has subkeys raises PermissionError 5 (errno 13)."""
    w.CreateKey(key, r"a\b").Close()
    with pytest.raises(PermissionError) as info:
        w.DeleteKey(key, "a")
    assert (info.value.errno, winerror_of(info)) == (13, 5)
    assert str(info.value) == "[WinError 5] Access is denied"


def test_delete_key_removes_a_leaf_once(w: WinregFacade, key: PyHKEY) -> None:
    """DeleteKey deletes a leaf; deleting it again raises FileNotFoundError 2."""
    w.CreateKey(key, r"a\b").Close()
    w.DeleteKey(key, r"a\b")
    assert w.QueryInfoKey(w.OpenKey(key, "a"))[0] == 0
    with pytest.raises(FileNotFoundError):
        w.DeleteKey(key, r"a\b")


def test_delete_value_missing_is_file_not_found(w: WinregFacade, key: PyHKEY) -> None:
    """DeleteValue of a value that does not exist raises FileNotFoundError 2."""
    w.SetValueEx(key, "v", 0, w.REG_DWORD, 1)
    w.DeleteValue(key, "V")
    with pytest.raises(FileNotFoundError):
        w.DeleteValue(key, "v")
    with pytest.raises(FileNotFoundError):
        w.QueryValueEx(key, "v")


def test_closed_handle_is_invalid_handle(w: WinregFacade, key: PyHKEY) -> None:
    """A closed handle, its stale number and unknown numbers raise OSError 6 (errno 9)."""
    number = int(key)
    key.Close()
    for call in (lambda: w.QueryValueEx(key, ""), lambda: w.QueryInfoKey(number),
                 lambda: w.OpenKey(0, "x"), lambda: w.EnumKey(12345, 0)):  # fmt: skip
        with pytest.raises(OSError) as info:
            call()
        assert (info.value.errno, winerror_of(info)) == (9, 6)
        assert str(info.value) == "[WinError 6] The handle is invalid"


def test_handle_of_a_deleted_key_is_key_deleted(w: WinregFacade, key: PyHKEY) -> None:
    """A handle whose key was deleted raises 1018 on use."""
    sub = w.CreateKey(key, "gone")
    w.DeleteKey(key, "gone")
    with pytest.raises(OSError) as info:
        w.QueryInfoKey(sub)
    assert winerror_of(info) == 1018


def test_load_and_save_key_need_a_privilege(w: WinregFacade) -> None:
    """LoadKey and SaveKey raise 1314 (privilege not held)."""
    for call in (lambda: w.LoadKey(w.HKEY_USERS, "x", "file.dat"),
                 lambda: w.SaveKey(w.HKEY_CURRENT_USER, "file.dat")):  # fmt: skip
        with pytest.raises(OSError) as info:
            call()
        assert winerror_of(info) == 1314
        assert "A required privilege is not held by the client" in str(info.value)


def test_unmodelled_predefined_keys_are_invalid_handles(w: WinregFacade) -> None:
    """HKEY_PERFORMANCE_DATA and HKEY_DYN_DATA raise 6, but closing them succeeds."""
    for root in (w.HKEY_PERFORMANCE_DATA, w.HKEY_DYN_DATA):
        with pytest.raises(OSError) as info:
            w.QueryValue(root, None)
        assert winerror_of(info) == 6
        w.CloseKey(root)


def test_remote_registry_is_bad_netpath(w: WinregFacade) -> None:
    """ConnectRegistry to another computer raises 53; None or "" is the local machine."""
    with pytest.raises(FileNotFoundError) as info:
        w.ConnectRegistry(r"\\elsewhere", w.HKEY_LOCAL_MACHINE)
    assert winerror_of(info) == 53
    for name in (None, ""):
        with w.ConnectRegistry(name, w.HKEY_LOCAL_MACHINE) as root:
            assert root.handle != 0
        assert root.handle == 0


def test_connect_registry_needs_a_predefined_key(w: WinregFacade, key: PyHKEY) -> None:
    """ConnectRegistry with an ordinary open key raises 6."""
    with pytest.raises(OSError) as info:
        w.ConnectRegistry(None, key)
    assert winerror_of(info) == 6


def test_invalid_options_are_invalid_parameter(w: WinregFacade) -> None:
    """A reserved value other than 0, or both registry views, raises 87."""
    calls = (
        lambda: w.OpenKey(w.HKEY_CURRENT_USER, "Software", 1),
        lambda: w.CreateKeyEx(w.HKEY_CURRENT_USER, "x", reserved=1),
        lambda: w.OpenKey(w.HKEY_CURRENT_USER, "Software", access=w.KEY_READ | 0x300),
        lambda: w.DeleteKeyEx(w.HKEY_CURRENT_USER, "x", reserved=2),
    )
    for call in calls:
        with pytest.raises(OSError) as info:
            call()
        assert winerror_of(info) == 87


def test_bad_path_components_raise_the_registry_codes(w: WinregFacade) -> None:
    """An empty path component raises 161, a name over 256 characters 87."""
    with pytest.raises(FileNotFoundError) as info:
        w.OpenKey(w.HKEY_CURRENT_USER, "Software\\\\x")
    assert winerror_of(info) == 161
    with pytest.raises(OSError) as info:
        w.OpenKey(w.HKEY_CURRENT_USER, "x" * 300)
    assert winerror_of(info) == 87


# -- access rights --------------------------------------------------------------------


def test_read_handle_cannot_write(w: WinregFacade, key: PyHKEY) -> None:
    """SetValueEx, SetValue, DeleteValue and creating a subkey on a KEY_READ handle raise 5."""
    w.SetValueEx(key, "v", 0, w.REG_SZ, "x")
    w.CreateKey(key, "existing").Close()
    read = w.OpenKey(w.HKEY_CURRENT_USER, TEST_KEY)
    calls = (
        lambda: w.SetValueEx(read, "v", 0, w.REG_SZ, "y"),
        lambda: w.SetValue(read, "", w.REG_SZ, "y"),
        lambda: w.DeleteValue(read, "v"),
        lambda: w.CreateKey(read, "new"),
    )
    for call in calls:
        with pytest.raises(PermissionError) as info:
            call()
        assert winerror_of(info) == 5
    w.CreateKey(read, "existing").Close()  # opening an existing key needs no right
    assert w.QueryValueEx(read, "v") == ("x", 1)


def test_write_handle_cannot_read(w: WinregFacade) -> None:
    """CreateKeyEx's default KEY_WRITE handle cannot query or enumerate (5)."""
    handle = w.CreateKeyEx(w.HKEY_CURRENT_USER, TEST_KEY)
    w.SetValueEx(handle, "v", 0, w.REG_SZ, "x")
    calls = (
        lambda: w.QueryValueEx(handle, "v"),
        lambda: w.QueryValue(handle, None),
        lambda: w.EnumKey(handle, 0),
        lambda: w.EnumValue(handle, 0),
        lambda: w.QueryInfoKey(handle),
    )
    for call in calls:
        with pytest.raises(PermissionError):
            call()


def test_generic_rights_map_to_key_rights(w: WinregFacade, key: PyHKEY) -> None:
    """GENERIC_READ (as a negative C int) grants KEY_READ; MAXIMUM_ALLOWED grants all."""
    generic_read = -0x80000000
    handle = w.OpenKey(w.HKEY_CURRENT_USER, TEST_KEY, 0, generic_read)
    assert w.QueryInfoKey(handle)[:2] == (0, 0)
    with pytest.raises(PermissionError):
        w.SetValueEx(handle, "v", 0, w.REG_SZ, "x")
    full = w.OpenKey(w.HKEY_CURRENT_USER, TEST_KEY, access=0x02000000)
    w.SetValueEx(full, "v", 0, w.REG_SZ, "x")


def test_delete_key_ignores_the_handles_rights(w: WinregFacade, key: PyHKEY) -> None:
    """DeleteKey works through a KEY_READ handle (the rights of the parent do not matter)."""
    w.CreateKey(key, "leaf").Close()
    w.DeleteKey(w.OpenKey(w.HKEY_CURRENT_USER, TEST_KEY), "leaf")
    assert w.QueryInfoKey(key)[0] == 0


# -- argument conversion --------------------------------------------------------------


def test_key_argument_types(w: WinregFacade) -> None:
    """None and non-keys raise TypeError with CPython's texts; huge ints OverflowError."""
    with pytest.raises(TypeError, match=r"^None is not a valid HKEY in this context$"):
        w.QueryValueEx(None, "")
    with pytest.raises(TypeError, match=r"^The object is not a PyHKEY object$"):
        w.OpenKey("HKLM", "Software")
    with pytest.raises(TypeError, match=r"^The object is not a PyHKEY object$"):
        w.CloseKey(1.5)
    with pytest.raises(OverflowError):
        w.QueryInfoKey(1 << 64)
    w.CloseKey(None)


def test_string_argument_errors(w: WinregFacade) -> None:
    """Wrong str arguments raise clinic's TypeError texts; embedded NULs ValueError."""
    cases = [
        (lambda: w.OpenKey(HKCU, 5), TypeError,
         "OpenKey() argument 'sub_key' must be str or None, not int"),
        (lambda: w.OpenKeyEx(HKCU, b"x"), TypeError,
         "OpenKeyEx() argument 'sub_key' must be str or None, not bytes"),
        (lambda: w.QueryValueEx(HKCU, 1), TypeError,
         "QueryValueEx() argument 2 must be str or None, not int"),
        (lambda: w.DeleteKey(HKCU, None), TypeError,
         "DeleteKey() argument 2 must be str, not None"),
        (lambda: w.ExpandEnvironmentStrings(1), TypeError,
         "ExpandEnvironmentStrings() argument must be str, not int"),
        (lambda: w.SetValue(HKCU, "", w.REG_SZ, 5), TypeError,
         "SetValue() argument 4 must be str, not int"),
        (lambda: w.SetValueEx(HKCU, "v", 0, "1", "x"), TypeError,
         "SetValueEx() argument 4 must be int, not str"),
        (lambda: w.OpenKey(HKCU, "a\0b"), ValueError, "embedded null character"),
        (lambda: w.QueryValueEx(HKCU, "a\0b"), ValueError, "embedded null character"),
    ]  # fmt: skip
    for call, kind, message in cases:
        with pytest.raises(kind) as info:
            call()
        assert str(info.value) == message


def test_int_argument_errors(w: WinregFacade) -> None:
    """reserved/access/index take C ints: floats are TypeError, 2**31 is OverflowError."""
    with pytest.raises(TypeError, match="'float' object cannot be interpreted as an integer"):
        w.OpenKey(HKCU, "Software", 0.0)
    with pytest.raises(TypeError, match="'str' object cannot be interpreted as an integer"):
        w.EnumKey(HKCU, "0")
    with pytest.raises(OverflowError, match="Python int too large to convert to C int"):
        w.OpenKey(HKCU, "Software", access=2**31)


def test_conversion_errors_come_before_handle_errors(w: WinregFacade) -> None:
    """Arguments are converted before the handle is used, as clinic does."""
    with pytest.raises(TypeError):
        w.OpenKey(0, 5)
    with pytest.raises(ValueError, match="Could not convert"):
        w.SetValueEx(0, "v", 0, w.REG_DWORD, "x")
    with pytest.raises(OSError):
        w.SetValueEx(0, "v", 0, w.REG_DWORD, 1)


def test_keyword_arguments_where_cpython_takes_them(w: WinregFacade, key: PyHKEY) -> None:
    """OpenKey, CreateKeyEx and DeleteKeyEx take keywords; the others do not."""
    w.CreateKeyEx(key=w.HKEY_CURRENT_USER, sub_key=TEST_KEY + r"\kw", reserved=0,
                  access=w.KEY_ALL_ACCESS).Close()  # fmt: skip
    w.OpenKey(key=w.HKEY_CURRENT_USER, sub_key=TEST_KEY, reserved=0, access=w.KEY_READ).Close()
    w.DeleteKeyEx(key=key, sub_key="kw", access=w.KEY_WOW64_64KEY, reserved=0)
    with pytest.raises(TypeError):
        w.QueryValueEx(key=key, name="")


# -- values ---------------------------------------------------------------------------

ROUND_TRIPS = [
    ("REG_SZ", "text", "text"),
    ("REG_SZ", "A string\0 with a null", "A string"),
    ("REG_SZ", None, ""),
    ("REG_SZ", "\U0001f600 \ud800", "\U0001f600 \ud800"),
    ("REG_EXPAND_SZ", "%windir%\\x", "%windir%\\x"),
    ("REG_DWORD", 0x80000000, 0x80000000),
    ("REG_DWORD", True, 1),
    ("REG_DWORD", None, 0),
    ("REG_DWORD_LITTLE_ENDIAN", 0xFFFFFFFF, 0xFFFFFFFF),
    ("REG_QWORD", 2**64 - 1, 2**64 - 1),
    ("REG_QWORD", None, 0),
    ("REG_MULTI_SZ", ["a", "b"], ["a", "b"]),
    ("REG_MULTI_SZ", [], []),
    ("REG_MULTI_SZ", None, []),
    ("REG_MULTI_SZ", [""], [""]),
    ("REG_MULTI_SZ", ["", "", "", ""], ["", "", "", ""]),
    ("REG_MULTI_SZ", ["a", ""], ["a", ""]),
    ("REG_MULTI_SZ", ["a\0b"], ["a", "b"]),
    ("REG_BINARY", b"\x00\x01", b"\x00\x01"),
    ("REG_BINARY", bytearray(b"ab"), b"ab"),
    ("REG_BINARY", memoryview(b"abc")[1:], b"bc"),
    ("REG_BINARY", array.array("H", [1]), b"\x01\x00"),
    ("REG_BINARY", None, None),
    ("REG_BINARY", b"", None),
    ("REG_NONE", b"\x01", b"\x01"),
    ("REG_DWORD_BIG_ENDIAN", b"\x00\x00\x00\x01", b"\x00\x00\x00\x01"),
    ("REG_LINK", "x".encode("utf-16-le"), b"x\x00"),
]


@pytest.mark.parametrize(("type_name", "data", "expected"), ROUND_TRIPS)
def test_set_then_query_converts_as_cpython(
    w: WinregFacade, key: PyHKEY, type_name: str, data: object, expected: object
) -> None:
    """SetValueEx then QueryValueEx/EnumValue give CPython's Py2Reg/Reg2Py results."""
    value_type = getattr(w, type_name)
    w.SetValueEx(key, "v", 0, value_type, data)
    assert w.QueryValueEx(key, "v") == (expected, value_type)
    assert w.EnumValue(key, 0) == ("v", expected, value_type)


def test_any_type_number_is_kept(w: WinregFacade, key: PyHKEY) -> None:
    """Unnamed types store bytes; -1 is masked to 0xFFFFFFFF and read back as -1."""
    w.SetValueEx(key, "hundred", 0, 100, b"x")
    w.SetValueEx(key, "minus", 0, -1, b"y")
    assert w.QueryValueEx(key, "hundred") == (b"x", 100)
    assert w.QueryValueEx(key, "minus") == (b"y", -1)


CONVERSION_ERRORS = [
    ("REG_DWORD", "1", ValueError, "Could not convert the data to the specified type."),
    ("REG_DWORD", -1, OverflowError, "can't convert negative value to unsigned int"),
    ("REG_DWORD", 2**32, OverflowError, "Python int too large to convert to C unsigned long"),
    ("REG_QWORD", 1.0, ValueError, "Could not convert the data to the specified type."),
    ("REG_QWORD", -1, OverflowError, "can't convert negative int to unsigned"),
    ("REG_QWORD", 2**64, OverflowError, "int too big to convert"),
    ("REG_SZ", 1, ValueError, "Could not convert the data to the specified type."),
    ("REG_EXPAND_SZ", b"x", ValueError, "Could not convert the data to the specified type."),
    ("REG_MULTI_SZ", ("a",), ValueError, "Could not convert the data to the specified type."),
    ("REG_MULTI_SZ", ["a", 1], ValueError, "Could not convert the data to the specified type."),
    ("REG_MULTI_SZ", "ab", ValueError, "Could not convert the data to the specified type."),
    ("REG_BINARY", 1, TypeError,
     "Objects of type 'int' can not be used as binary registry values"),
    ("REG_DWORD_BIG_ENDIAN", 1, TypeError,
     "Objects of type 'int' can not be used as binary registry values"),
    ("REG_NONE", "x", TypeError,
     "Objects of type 'str' can not be used as binary registry values"),
    ("REG_BINARY", memoryview(b"abcd")[::2], BufferError,
     "memoryview: underlying buffer is not C-contiguous"),
]  # fmt: skip


@pytest.mark.parametrize("case", CONVERSION_ERRORS)
def test_py2reg_errors_write_nothing(
    w: WinregFacade, key: PyHKEY, case: tuple[str, object, type[Exception], str]
) -> None:
    """Unconvertible data raises CPython's error and stores nothing."""
    type_name, data, kind, message = case
    with pytest.raises(kind) as info:
        w.SetValueEx(key, "v", 0, getattr(w, type_name), data)
    assert str(info.value) == message
    assert w.QueryInfoKey(key)[1] == 0


RAW_DATA = [
    (4, b"\x01\x02", 0x0201),
    (4, b"", 0),
    (4, b"\x01\x00\x00\x00\xff", 1),
    (11, b"\x01", 1),
    (1, b"a\x00b", "a"),
    (1, b"a\x00b\x00\x00\x00c\x00", "ab"),
    (7, "a\0b\0\0".encode("utf-16-le"), ["a", "b"]),
    (7, "\0".encode("utf-16-le"), []),
    (7, "\0\0".encode("utf-16-le"), [""]),
    (7, "a\0\0\0".encode("utf-16-le"), ["a", ""]),
    (7, "ab".encode("utf-16-le"), ["ab"]),
    (7, "a\0b".encode("utf-16-le"), ["a", "b"]),
    (7, b"", []),
    (3, b"", None),
]


@pytest.mark.parametrize(("value_type", "raw", "expected"), RAW_DATA)
def test_reg2py_of_stored_bytes(
    reg: Registry, w: WinregFacade, value_type: int, raw: bytes, expected: object
) -> None:
    """Raw stored data reads back as CPython's Reg2Py gives it (spec section 3.1)."""
    reg.set_value(r"HKCU\raw", "v", raw, value_type)
    assert w.QueryValueEx(w.OpenKey(w.HKEY_CURRENT_USER, "raw"), "v") == (expected, value_type)


def test_set_value_ex_keeps_the_stored_name_case(w: WinregFacade, key: PyHKEY) -> None:
    """Value names are case-insensitive; overwriting keeps the first spelling."""
    w.SetValueEx(key, "MixedCase", 0, w.REG_SZ, "1")
    w.SetValueEx(key, "MIXEDCASE", 0, w.REG_DWORD, 2)
    assert w.EnumValue(key, 0) == ("MixedCase", 2, w.REG_DWORD)
    assert w.QueryValueEx(key, "mixedcase") == (2, w.REG_DWORD)


def test_default_value_names(w: WinregFacade, key: PyHKEY) -> None:
    """None and "" both name the default value, which enumerates with the name ""."""
    w.SetValueEx(key, None, 0, w.REG_SZ, "default")
    assert w.QueryValueEx(key, "") == ("default", 1)
    assert w.EnumValue(key, 0) == ("", "default", 1)
    w.DeleteValue(key, None)
    assert w.QueryInfoKey(key)[1] == 0


# -- SetValue / QueryValue ------------------------------------------------------------


def test_set_value_creates_the_subkey_and_query_value_reads_it(
    w: WinregFacade, key: PyHKEY
) -> None:
    """SetValue creates key\\sub_key and sets its default; QueryValue reads it back."""
    w.SetValue(key, r"a\b", w.REG_SZ, "text")
    assert w.QueryValue(key, r"A\B") == "text"
    assert w.QueryInfoKey(w.OpenKey(key, r"a\b"))[1] == 1
    w.SetValue(key, None, w.REG_SZ, "own")
    assert w.QueryValue(key, None) == "own"


def test_set_value_3_11_stops_at_nul_and_needs_reg_sz(w: WinregFacade, key: PyHKEY) -> None:
    """3.11's SetValue stores up to the first NUL and raises TypeError for other types."""
    w.SetValue(key, "", w.REG_SZ, "before\0after")
    assert w.QueryValueEx(key, "") == ("before", 1)
    with pytest.raises(TypeError, match=r"^type must be winreg\.REG_SZ$"):
        w.SetValue(key, "", w.REG_EXPAND_SZ, "x")


def test_query_value_defaults_and_errors(w: WinregFacade, key: PyHKEY) -> None:
    """QueryValue gives "" for an unset default, 13 for a non-REG_SZ one, 2 for no subkey."""
    w.CreateKey(key, "plain").Close()
    assert w.QueryValue(key, "plain") == ""
    w.SetValueEx(key, "", 0, w.REG_EXPAND_SZ, "%windir%")
    with pytest.raises(OSError) as info:
        w.QueryValue(key, "")
    assert winerror_of(info) == 13
    assert type(info.value).__name__ == "OSError"
    with pytest.raises(FileNotFoundError):
        w.QueryValue(w.HKEY_CLASSES_ROOT, "some_value_that_does_not_exist")


def test_query_info_key_counts_and_fixed_time(w: WinregFacade, key: PyHKEY) -> None:
    """QueryInfoKey gives direct subkeys, values and the fixed last-write FILETIME."""
    w.CreateKey(key, r"a\deep").Close()
    w.CreateKey(key, "b").Close()
    w.SetValueEx(key, "v", 0, w.REG_SZ, "x")
    assert w.QueryInfoKey(key) == (2, 1, LAST_WRITE_TIME)
    assert LAST_WRITE_TIME == (1_704_067_200 + 11_644_473_600) * 10_000_000


# -- keys, paths and the merged HKEY_CLASSES_ROOT -------------------------------------


def test_hkcr_shows_the_users_classes(w: WinregFacade) -> None:
    """A value set under HKCU\\Software\\Classes is read through HKEY_CLASSES_ROOT."""
    with w.CreateKey(w.HKEY_CURRENT_USER, r"Software\Classes\.fuzzle") as user:
        w.SetValueEx(user, "", 0, w.REG_SZ, "Fuzzle.Doc")
    with w.OpenKey(w.HKEY_CLASSES_ROOT, ".FUZZLE") as merged:
        assert w.QueryValueEx(merged, None) == ("Fuzzle.Doc", w.REG_SZ)
    assert w.QueryValue(w.HKEY_CLASSES_ROOT, ".Fuzzle") == "Fuzzle.Doc"


def test_hkcr_merges_both_trees(w: WinregFacade) -> None:
    """HKCR lists the union of the user's and the machine's subkeys; the user's value wins."""
    w.SetValue(w.HKEY_LOCAL_MACHINE, r"SOFTWARE\Classes\.zz\machine", w.REG_SZ, "m")
    w.SetValue(w.HKEY_CURRENT_USER, r"Software\Classes\.zz\user", w.REG_SZ, "u")
    w.SetValue(w.HKEY_LOCAL_MACHINE, r"SOFTWARE\Classes\.zz", w.REG_SZ, "machine")
    w.SetValue(w.HKEY_CURRENT_USER, r"Software\Classes\.zz", w.REG_SZ, "user")
    with w.OpenKey(w.HKEY_CLASSES_ROOT, ".zz") as merged:
        assert [w.EnumKey(merged, i) for i in range(2)] == ["machine", "user"]
        assert w.QueryValueEx(merged, "") == ("user", 1)
        assert w.QueryInfoKey(merged)[:2] == (2, 1)


def test_writes_through_hkcr_follow_the_merge_rules(reg: Registry, w: WinregFacade) -> None:
    """Through HKCR, new keys go to the machine's tree, values to the user's existing key."""
    w.CreateKey(w.HKEY_CURRENT_USER, r"Software\Classes\.mine").Close()
    w.SetValue(w.HKEY_CLASSES_ROOT, ".mine", w.REG_SZ, "value")
    w.CreateKey(w.HKEY_CLASSES_ROOT, ".new").Close()
    assert reg.get_value(r"HKCU\Software\Classes\.mine") is not None
    assert reg.has_key(r"HKLM\SOFTWARE\Classes\.new")


def test_names_are_case_insensitive_and_case_preserving(w: WinregFacade) -> None:
    """Keys open under any case and enumerate under their first spelling."""
    w.CreateKey(w.HKEY_CURRENT_USER, r"Software\CamelKey").Close()
    with w.OpenKey(w.HKEY_CURRENT_USER, r"SOFTWARE\camelkey") as handle:
        assert w.QueryInfoKey(handle)[:2] == (0, 0)
    with w.OpenKey(w.HKEY_CURRENT_USER, "software") as software:
        names = [w.EnumKey(software, i) for i in range(w.QueryInfoKey(software)[0])]
    assert "CamelKey" in names


def test_subkeys_sort_and_values_keep_creation_order(w: WinregFacade, key: PyHKEY) -> None:
    """EnumKey lists subkeys sorted case-insensitively; EnumValue in creation order."""
    for name in ("b", "A", "c"):
        w.CreateKey(key, name).Close()
        w.SetValueEx(key, name, 0, w.REG_SZ, name)
    assert [w.EnumKey(key, i) for i in range(3)] == ["A", "b", "c"]
    assert [w.EnumValue(key, i)[0] for i in range(3)] == ["b", "A", "c"]


def test_create_key_makes_parents_and_opens_existing(w: WinregFacade) -> None:
    """CreateKey creates every missing parent and opens a key that exists."""
    w.CreateKey(w.HKEY_CURRENT_USER, r"Software\x\y\z").Close()
    with w.CreateKey(w.HKEY_CURRENT_USER, r"software\X") as existing:
        assert w.EnumKey(existing, 0) == "y"
    w.OpenKey(w.HKEY_CURRENT_USER, "Software\\x\\").Close()  # one trailing backslash


def test_predefined_key_with_empty_sub_key_is_the_same_handle(w: WinregFacade) -> None:
    """OpenKey(HKLM, None) holds HKLM's own value: signed handle, unsigned int."""
    handle = w.OpenKey(w.HKEY_LOCAL_MACHINE, None)
    assert handle.handle == -2147483646
    assert int(handle) == 18446744071562067970 == w.HKEY_LOCAL_MACHINE
    assert str(handle) == "<PyHKEY:0xFFFFFFFF80000002>"
    handle.Close()
    w.QueryInfoKey(w.HKEY_LOCAL_MACHINE)  # closing it leaves the predefined key usable


def test_signed_predefined_values_are_accepted(w: WinregFacade) -> None:
    """The signed 32-bit form of a predefined key names the same key."""
    w.CreateKey(w.HKEY_CURRENT_USER, "Signed").Close()
    w.OpenKey(HKCU - 2**64, "Signed").Close()


def test_enumerating_a_changing_key_sees_the_change(w: WinregFacade, key: PyHKEY) -> None:
    """Cached listings are dropped when the registry changes."""
    w.CreateKey(key, "one").Close()
    assert w.QueryInfoKey(key)[0] == 1
    w.CreateKey(key, "two").Close()
    assert w.EnumKey(key, 1) == "two"


def test_flush_and_reflection_functions(w: WinregFacade) -> None:
    """FlushKey is a no-op; reflection is reported disabled and toggling does nothing."""
    with w.OpenKey(w.HKEY_LOCAL_MACHINE, None) as software:
        assert w.FlushKey(software) is None
        assert w.QueryReflectionKey(software) is True
        assert w.EnableReflectionKey(software) is None
        assert w.DisableReflectionKey(software) is None
        assert w.QueryReflectionKey(software) is True
    with pytest.raises(OSError):
        w.FlushKey(0)


# -- PyHKEY ---------------------------------------------------------------------------


def test_handle_numbers_are_deterministic(reg: Registry) -> None:
    """Each facade numbers its handles from 0x100 in steps of 4."""
    for facade in (reg.as_winreg(), reg.as_winreg()):
        first = facade.OpenKey(facade.HKEY_CURRENT_USER, "")
        second = facade.CreateKey(facade.HKEY_CURRENT_USER, "Software")
        assert (str(first), second.handle) == ("<PyHKEY:0xFFFFFFFF80000001>", 0x100)
        assert repr(second) == str(second) == "<PyHKEY:0x0000000000000100>"


def test_close_and_detach(w: WinregFacade) -> None:
    """Close zeroes the handle and is idempotent; Detach returns the number, key left open."""
    handle = w.CreateKey(w.HKEY_CURRENT_USER, "Software")
    assert handle and handle.handle == int(handle) != 0
    number = handle.Detach()
    assert (handle.handle, bool(handle), handle.Detach()) == (0, False, 0)
    assert w.QueryInfoKey(number)[2] == LAST_WRITE_TIME
    handle.Close()
    w.QueryInfoKey(number)  # closing the detached object does not close the key
    w.CloseKey(number)
    with pytest.raises(OSError):
        w.CloseKey(number)


def test_closing_by_number_makes_the_object_stale(w: WinregFacade) -> None:
    """After CloseKey(int(h)), h keeps its number, is unusable, and h.Close() raises 6."""
    handle = w.CreateKey(w.HKEY_CURRENT_USER, "Software")
    w.CloseKey(int(handle))
    assert handle.handle != 0
    with pytest.raises(OSError):
        w.QueryInfoKey(handle)
    with pytest.raises(OSError) as info:
        handle.Close()
    assert winerror_of(info) == 6
    handle.Close()


def test_context_manager_closes(w: WinregFacade) -> None:
    """with closes the key on exit and does not swallow exceptions; __exit__ takes keywords."""
    with pytest.raises(KeyError), w.CreateKey(w.HKEY_CURRENT_USER, "Software") as handle:
        raise KeyError("inside")
    assert handle.handle == 0
    other = w.CreateKey(w.HKEY_CURRENT_USER, "Software")
    assert other.__exit__(exc_type=None, exc_value=None, traceback=None) is None
    assert not other


def test_pyhkey_type_rules(w: WinregFacade) -> None:
    """PyHKEY cannot be created, subclassed or changed, and has no __dict__."""
    with pytest.raises(TypeError, match="cannot create 'PyHKEY' instances"):
        PyHKEY()
    with pytest.raises(TypeError, match="immutable"):
        PyHKEY.foo = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        type("Sub", (PyHKEY,), {})
    handle = w.CreateKey(w.HKEY_CURRENT_USER, "Software")
    assert not hasattr(handle, "__dict__")
    with pytest.raises(AttributeError):
        handle.handle = 5  # type: ignore[misc]


def test_pyhkey_identity_and_arithmetic(w: WinregFacade) -> None:
    """Equality and hash are identity; arithmetic raises 'bad operand type'; no __index__."""
    one = w.OpenKey(w.HKEY_CURRENT_USER, "")
    two = w.OpenKey(w.HKEY_CURRENT_USER, "")
    assert one != two and one == one  # noqa: PLR0124
    assert one != int(one)
    assert len({one, two}) == 2 and hash(one) == object.__hash__(one)
    for operation in (lambda: one + 1, lambda: 1 + one, lambda: -one, lambda: ~one,
                      lambda: float(one), lambda: one | 1):  # fmt: skip
        with pytest.raises(TypeError, match=r"^bad operand type$"):
            operation()
    with pytest.raises(TypeError):
        hex(one)  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        one < two  # type: ignore[operator]  # noqa: B015


def test_handle_of_another_facade_is_invalid(reg: Registry) -> None:
    """A PyHKEY of one facade is an invalid handle for another."""
    first, second = reg.as_winreg(), reg.as_winreg()
    handle = first.CreateKey(first.HKEY_CURRENT_USER, "Software")
    with pytest.raises(OSError):
        second.QueryInfoKey(handle)


# -- ExpandEnvironmentStrings ---------------------------------------------------------


def test_expand_environment_strings_default_environment(w: WinregFacade) -> None:
    """The default environment expands case-insensitively; unknown names stay as written."""
    assert w.ExpandEnvironmentStrings("%windir%") == "C:\\Windows"
    assert w.ExpandEnvironmentStrings("%systemroot%\\%USERPROFILE%") == (
        "C:\\Windows\\C:\\Users\\User"
    )
    assert w.ExpandEnvironmentStrings("hello%bar%world%") == "hello%bar%world%"
    assert w.ExpandEnvironmentStrings("50% %%") == "50% %%"


def test_expand_environment_strings_given_environment(
    reg: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A given environment replaces the default; os.environ is never read."""
    monkeypatch.setenv("INVOKESIM_HOST_ONLY", "host")
    facade = WinregFacade(reg, environment={"Foo": "toto"})
    assert facade.ExpandEnvironmentStrings("a%FOO%b%windir%") == "atotob%windir%"
    assert facade.ExpandEnvironmentStrings("%INVOKESIM_HOST_ONLY%") == "%INVOKESIM_HOST_ONLY%"


# -- sys.modules ----------------------------------------------------------------------


@pytest.fixture
def no_winreg(monkeypatch: pytest.MonkeyPatch) -> None:
    """sys.modules without any winreg entry (restored after the test)."""
    monkeypatch.delitem(sys.modules, "winreg", raising=False)


def _user_code() -> Any:
    """Code that imports winreg itself, as a user's script would."""
    import winreg  # type: ignore[import-not-found, unused-ignore]

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, r"Software\UserApp") as key:
        winreg.SetValueEx(key, "Version", 0, winreg.REG_SZ, "1.0")
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Software\UserApp") as key:
        return winreg.QueryValueEx(key, "Version")


@pytest.mark.usefixtures("no_winreg")
def test_installed_runs_user_code_on_the_registry(reg: Registry) -> None:
    """Under installed(), user code doing `import winreg` reads and writes the registry."""
    facade = reg.as_winreg()
    with facade.installed() as installed:
        assert installed is facade and sys.modules["winreg"] is facade
        assert _user_code() == ("1.0", 1)
    assert reg.get_value(r"HKCU\Software\UserApp", "Version") is not None
    assert "winreg" not in sys.modules


@pytest.mark.usefixtures("no_winreg")
def test_installed_as_winreg_restores_the_previous_entry(reg: Registry) -> None:
    """The previous sys.modules entry comes back, also after an exception."""
    previous = type(sys)("winreg")
    sys.modules["winreg"] = previous
    with pytest.raises(RuntimeError), installed_as_winreg(reg) as facade:
        assert sys.modules["winreg"] is facade
        raise RuntimeError("user code failed")
    assert sys.modules["winreg"] is previous


@pytest.mark.usefixtures("no_winreg")
def test_facade_is_not_installed_unless_asked(reg: Registry) -> None:
    """Creating or using a facade leaves sys.modules alone."""
    facade = reg.as_winreg()
    facade.CreateKey(facade.HKEY_CURRENT_USER, "Software").Close()
    assert "winreg" not in sys.modules
