"""CPython's own winreg tests, run against the facade.

Each test re-expresses one test of CPython's ``Lib/test/test_winreg.py``
(https://github.com/python/cpython/blob/main/Lib/test/test_winreg.py, classes
``LocalWinregTests`` and ``Win64WinregTests``) with the facade of a fresh virtual
registry in place of the real ``winreg``: the same calls, data and expectations.
Tests that need the host (``%windir%`` of the host environment, HKEY_PERFORMANCE_DATA)
keep their call and check what the facade is specified to do instead, as each
docstring says. Not transcribed: ``RemoteWinregTests`` (it runs only with
``--remote``), ``test_reflection_unsupported`` (Windows XP only) and
``test_reflection``/``test_disable_reflection`` (registry reflection, which ended
with Windows 7: CPython skips them there too).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sim.registry import Registry
from sim.registry.winreg_facade import WinregFacade
from sim.registry.winreg_handle import PyHKEY

TEST_KEY_NAME = "SOFTWARE\\Python Test Key [1234] - Delete Me"

TEST_DATA: list[tuple[str, Any, int]] = [
    ("Int Value", 45, 4),
    ("Qword Value", 0x1122334455667788, 11),
    ("String Val", "A string value", 1),
    ("StringExpand", "The path is %path%", 2),
    ("Multi-string", ["Lots", "of", "string", "values"], 7),
    ("Multi-nul", ["", "", "", ""], 7),
    ("Raw Data", b"binary\x00data", 3),
    ("Big String", "x" * (2**14 - 1), 1),
    ("Big Binary", b"x" * (2**14), 3),
    ("Japanese \u65e5\u672c", "\u65e5\u672c\u8a9e", 1),
]


@pytest.fixture
def w() -> WinregFacade:
    """The facade of a fresh registry."""
    return Registry().as_winreg()


def test_have_gc(w: WinregFacade) -> None:
    """HeapTypeTests.test_have_gc: HKEYType is tracked by the garbage collector."""
    assert gc.is_tracked(w.HKEYType)


def test_immutable(w: WinregFacade) -> None:
    """HeapTypeTests.test_immutable: HKEYType's attributes cannot be set."""
    with pytest.raises(TypeError, match="immutable"):
        w.HKEYType.foo = "bar"


def _delete_tree(w: WinregFacade, root: Any, subkey: str) -> None:
    try:
        hkey = w.OpenKey(root, subkey, 0, w.KEY_ALL_ACCESS)
    except OSError:
        return
    while True:
        try:
            subsubkey = w.EnumKey(hkey, 0)
        except OSError:
            break
        _delete_tree(w, hkey, subsubkey)
    w.CloseKey(hkey)
    w.DeleteKey(root, subkey)


def _write(w: WinregFacade, root: Any, subkeystr: str = "sub_key",
           create: Callable[[Any, str], PyHKEY] | None = None) -> None:
    create_key = create or w.CreateKey
    w.SetValue(root, TEST_KEY_NAME, w.REG_SZ, "Default value")
    key = create_key(root, TEST_KEY_NAME)
    assert key.handle != 0
    sub_key = create_key(key, subkeystr)
    for value_name, value_data, value_type in TEST_DATA:
        w.SetValueEx(sub_key, value_name, 0, value_type, value_data)
    nkeys, nvalues, _since_mod = w.QueryInfoKey(key)
    assert (nkeys, nvalues) == (1, 1)
    nkeys, nvalues, _since_mod = w.QueryInfoKey(sub_key)
    assert (nkeys, nvalues) == (0, len(TEST_DATA))
    int_sub_key = int(sub_key)
    w.CloseKey(sub_key)
    with pytest.raises(OSError):
        w.QueryInfoKey(int_sub_key)
    int_key = int(key)
    key.Close()
    with pytest.raises(OSError):
        w.QueryInfoKey(int_key)


def _read(w: WinregFacade, root: Any, subkeystr: str = "sub_key",
          open_key: Callable[[Any, str], PyHKEY] | None = None) -> None:
    opener = open_key or w.OpenKey
    assert w.QueryValue(root, TEST_KEY_NAME) == "Default value"
    key = opener(root, TEST_KEY_NAME)
    with opener(key, subkeystr) as sub_key:
        index = 0
        while True:
            try:
                data = w.EnumValue(sub_key, index)
            except OSError:
                break
            assert data in TEST_DATA
            index += 1
        assert index == len(TEST_DATA)
        for value_name, value_data, value_type in TEST_DATA:
            assert w.QueryValueEx(sub_key, value_name) == (value_data, value_type)
    assert w.EnumKey(key, 0) == subkeystr
    with pytest.raises(OSError):
        w.EnumKey(key, 1)
    key.Close()


def _delete(w: WinregFacade, root: Any, subkeystr: str = "sub_key") -> None:
    key = w.OpenKey(root, TEST_KEY_NAME, 0, w.KEY_ALL_ACCESS)
    sub_key = w.OpenKey(key, subkeystr, 0, w.KEY_ALL_ACCESS)
    for value_name, _data, _type in TEST_DATA:
        w.DeleteValue(sub_key, value_name)
    nkeys, nvalues, _since_mod = w.QueryInfoKey(sub_key)
    assert (nkeys, nvalues) == (0, 0)
    sub_key.Close()
    w.DeleteKey(key, subkeystr)
    with pytest.raises(OSError):
        w.DeleteKey(key, subkeystr)
    key.Close()
    w.DeleteKey(root, TEST_KEY_NAME)
    with pytest.raises(OSError):
        w.OpenKey(root, TEST_KEY_NAME)


def _test_all(w: WinregFacade, root: Any, subkeystr: str = "sub_key") -> None:
    _delete_tree(w, root, TEST_KEY_NAME)
    _write(w, root, subkeystr)
    _read(w, root, subkeystr)
    _delete(w, root, subkeystr)


def test_registry_works(w: WinregFacade) -> None:
    """test_registry_works: write, read back and delete every test value, twice."""
    _test_all(w, w.HKEY_CURRENT_USER)
    _test_all(w, w.HKEY_CURRENT_USER, "\u65e5\u672c-subkey")


def test_registry_works_extended_functions(w: WinregFacade) -> None:
    """test_registry_works_extended_functions: the same through CreateKeyEx and OpenKeyEx."""
    _write(w, w.HKEY_CURRENT_USER,
           create=lambda key, sub_key: w.CreateKeyEx(key, sub_key, 0, w.KEY_ALL_ACCESS))
    _read(w, w.HKEY_CURRENT_USER,
          open_key=lambda key, sub_key: w.OpenKeyEx(key, sub_key, 0, w.KEY_READ))
    _delete(w, w.HKEY_CURRENT_USER)


def _named_args(w: WinregFacade, key: Any, sub_key: str) -> None:
    with w.CreateKeyEx(key=key, sub_key=sub_key, reserved=0, access=w.KEY_ALL_ACCESS) as ckey:
        assert ckey.handle != 0
    with w.OpenKeyEx(key=key, sub_key=sub_key, reserved=0, access=w.KEY_ALL_ACCESS) as okey:
        assert okey.handle != 0


def test_named_arguments(w: WinregFacade) -> None:
    """test_named_arguments: CreateKeyEx and OpenKeyEx take keyword arguments."""
    _named_args(w, w.HKEY_CURRENT_USER, TEST_KEY_NAME)
    w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_named_arguments_win64(w: WinregFacade) -> None:
    """Win64WinregTests.test_named_arguments: DeleteKeyEx takes keyword arguments too."""
    _named_args(w, w.HKEY_CURRENT_USER, TEST_KEY_NAME)
    w.DeleteKeyEx(key=w.HKEY_CURRENT_USER, sub_key=TEST_KEY_NAME, access=w.KEY_ALL_ACCESS,
                  reserved=0)
    with pytest.raises(OSError):
        w.OpenKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_connect_registry_to_local_machine_works(w: WinregFacade) -> None:
    """test_connect_registry_to_local_machine_works: a handle that Close() zeroes."""
    h = w.ConnectRegistry(None, w.HKEY_LOCAL_MACHINE)
    assert h.handle != 0
    h.Close()
    assert h.handle == 0


def test_nonexistent_remote_registry(w: WinregFacade) -> None:
    """test_nonexistent_remote_registry: a remote computer name raises OSError."""
    with pytest.raises(OSError):
        w.ConnectRegistry("abcdefghijkl", w.HKEY_CURRENT_USER)


def test_expand_environment_strings(w: WinregFacade) -> None:
    """testExpandEnvironmentStrings: %windir% expands (here from the virtual session)."""
    r = w.ExpandEnvironmentStrings("%windir%\\test")
    assert type(r) is str
    assert r == w.ExpandEnvironmentStrings("%windir%") + "\\test"
    assert "%" not in r


def test_context_manager(w: WinregFacade) -> None:
    """test_context_manager: leaving a with block by an exception closes the handle."""
    with pytest.raises(OSError), w.ConnectRegistry(None, w.HKEY_LOCAL_MACHINE) as h:
        assert h.handle != 0
        raise OSError
    assert h.handle == 0


def test_changing_value(w: WinregFacade) -> None:
    """test_changing_value: values changing in another thread never fail a read."""
    done = False

    def run() -> None:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as key:
            use_short = True
            long_string = "x" * 2000
            while not done:
                w.SetValue(key, "changing_value", w.REG_SZ, "x" if use_short else long_string)
                use_short = not use_short

    thread = threading.Thread(target=run)
    thread.start()
    try:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME + "\\changing_value") as key:
            for _ in range(200):
                _nkeys, num_values, _t = w.QueryInfoKey(key)
                for i in range(num_values):
                    name = w.EnumValue(key, i)
                    w.QueryValue(key, name[0])
    finally:
        done = True
        thread.join()
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME + "\\changing_value")
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_long_key(w: WinregFacade) -> None:
    """test_long_key: a 256-character key name is created, counted and enumerated."""
    name = "x" * 256
    try:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as key:
            w.SetValue(key, name, w.REG_SZ, "x")
            num_subkeys, _num_values, _t = w.QueryInfoKey(key)
            assert num_subkeys == 1
            assert w.EnumKey(key, 0) == name
    finally:
        w.DeleteKey(w.HKEY_CURRENT_USER, "\\".join((TEST_KEY_NAME, name)))
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_key_name_over_256_is_refused(w: WinregFacade) -> None:
    """One character past test_long_key's name (257) is refused, as RegCreateKeyEx does."""
    with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as key, pytest.raises(OSError) as info:
        w.CreateKey(key, "x" * 257)
    assert info.value.winerror == 87  # type: ignore[attr-defined]


def test_dynamic_key(w: WinregFacade) -> None:
    """test_dynamic_key: EnumValue and QueryValueEx on HKEY_PERFORMANCE_DATA do not fail
    with "More data is available"; the virtual registry's performance key is empty."""
    with pytest.raises(OSError) as info:
        w.EnumValue(w.HKEY_PERFORMANCE_DATA, 0)
    assert info.value.winerror != 234  # type: ignore[attr-defined]  # ERROR_MORE_DATA
    try:
        w.QueryValueEx(w.HKEY_PERFORMANCE_DATA, "")
    except OSError as error:
        assert error.winerror != 234  # type: ignore[attr-defined]


def test_setvalueex_value_range(w: WinregFacade) -> None:
    """test_setvalueex_value_range: a DWORD takes 0x80000000 (unsigned)."""
    try:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as ck:
            assert ck.handle != 0
            w.SetValueEx(ck, "test_name", None, w.REG_DWORD, 0x80000000)
    finally:
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_setvalueex_negative_one_check(w: WinregFacade) -> None:
    """test_setvalueex_negative_one_check: -1 raises OverflowError and writes nothing."""
    try:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as ck:
            with pytest.raises(OverflowError):
                w.SetValueEx(ck, "test_name_dword", None, w.REG_DWORD, -1)
            with pytest.raises(OverflowError):
                w.SetValueEx(ck, "test_name_qword", None, w.REG_QWORD, -1)
            with pytest.raises(FileNotFoundError):
                w.QueryValueEx(ck, "test_name_dword")
            with pytest.raises(FileNotFoundError):
                w.QueryValueEx(ck, "test_name_qword")
    finally:
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_queryvalueex_return_value(w: WinregFacade) -> None:
    """test_queryvalueex_return_value: a DWORD reads back unsigned."""
    try:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as ck:
            w.SetValueEx(ck, "test_name", None, w.REG_DWORD, 0x80000000)
            assert w.QueryValueEx(ck, "test_name") == (0x80000000, w.REG_DWORD)
    finally:
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_setvalueex_crash_with_none_arg(w: WinregFacade) -> None:
    """test_setvalueex_crash_with_none_arg: REG_BINARY None reads back None."""
    try:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as ck:
            w.SetValueEx(ck, "test_name", 0, w.REG_BINARY, None)
            assert w.QueryValueEx(ck, "test_name") == (None, w.REG_BINARY)
    finally:
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_read_string_containing_null(w: WinregFacade) -> None:
    """test_read_string_containing_null: a REG_SZ reads back up to its first NUL."""
    try:
        with w.CreateKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME) as ck:
            w.SetValueEx(ck, "test_name", 0, w.REG_SZ, "A string\x00 with a null")
            assert w.QueryValueEx(ck, "test_name") == ("A string", w.REG_SZ)
    finally:
        w.DeleteKey(w.HKEY_CURRENT_USER, TEST_KEY_NAME)


def test_reflection_functions(w: WinregFacade) -> None:
    """Win64 test_reflection_functions: HKLM\\Software reports reflection disabled."""
    with w.CreateKey(w.HKEY_LOCAL_MACHINE, "Software"):
        pass
    with w.OpenKey(w.HKEY_LOCAL_MACHINE, "Software") as key:
        assert w.QueryReflectionKey(key)
        assert w.EnableReflectionKey(key) is None  # type: ignore[func-returns-value]
        assert w.DisableReflectionKey(key) is None  # type: ignore[func-returns-value]
        assert w.QueryReflectionKey(key)


def test_exception_numbers(w: WinregFacade) -> None:
    """Win64 test_exception_numbers: a missing key raises FileNotFoundError."""
    with pytest.raises(FileNotFoundError):
        w.QueryValue(w.HKEY_CLASSES_ROOT, "some_value_that_does_not_exist")


def test_error_keeps_the_callers_exception_as_context(w: WinregFacade) -> None:
    """An OSError raised while handling another exception chains to it, as the C module's
    errors do; the registry's internal error is not shown."""
    with pytest.raises(OSError) as info:
        try:
            raise KeyError("caller")
        except KeyError:
            w.OpenKey(w.HKEY_CURRENT_USER, "Software\\missing\\\\bad")
    assert isinstance(info.value.__context__, KeyError)
    assert not info.value.__suppress_context__


@pytest.fixture(autouse=True)
def _no_leftovers(w: WinregFacade) -> Iterator[None]:
    yield
    _delete_tree(w, w.HKEY_CURRENT_USER, TEST_KEY_NAME)
