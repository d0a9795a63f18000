"""Edge policies read from the registry as Chromium's Windows policy loader reads them."""

from __future__ import annotations

import pytest

from sim.models.browsers.edge_policies import (
    EDGE_POLICY_KEY,
    read_edge_policies,
    write_edge_policies,
)
from sim.registry import Registry
from sim.registry.values import RegType

HKLM = rf"HKEY_LOCAL_MACHINE\{EDGE_POLICY_KEY}"
HKCU = rf"HKEY_CURRENT_USER\{EDGE_POLICY_KEY}"


@pytest.mark.parametrize(("data", "value_type", "expected"), [
    (0, RegType.REG_DWORD, False),
    (1, RegType.REG_DWORD, True),
    (2, RegType.REG_DWORD, True),
    ("1", RegType.REG_SZ, True),       # a string holding an integer converts
    ("0", RegType.REG_SZ, False),
    ("true", RegType.REG_SZ, None),    # not an integer: ignored
    (1, RegType.REG_QWORD, None),      # REG_QWORD is not read
    (b"\x01\x00\x00\x00", RegType.REG_BINARY, None),
])
def test_boolean_policy_types(data: object, value_type: int, expected: bool | None) -> None:
    """REG_DWORD, and strings holding integers, are booleans; other types are ignored."""
    registry = Registry()
    registry.set_value(HKLM, "ClickOnceEnabled", data, value_type)  # type: ignore[arg-type]
    read = read_edge_policies(registry)
    assert read.values.get("ClickOnceEnabled") == expected
    if expected is None:
        assert [s.rule for s in read.steps] == ["edge.policy_ignored"]


def test_machine_mandatory_beats_user_and_recommended() -> None:
    """HKLM wins over HKCU; a policy that cannot be recommended is ignored under Recommended."""
    registry = Registry()
    registry.set_value(HKCU, "DirectInvokeEnabled", 1, RegType.REG_DWORD)
    registry.set_value(HKLM, "DirectInvokeEnabled", 0, RegType.REG_DWORD)
    registry.set_value(rf"{HKLM}\Recommended", "ClickOnceEnabled", 0, RegType.REG_DWORD)
    read = read_edge_policies(registry)
    assert read.values == {"DirectInvokeEnabled": False}
    rules = [s.rule for s in read.steps]
    assert "edge.policy_overridden" in rules and "edge.policy_ignored" in rules
    read_step = next(s for s in read.steps if s.rule == "edge.policy_read")
    assert "HKEY_LOCAL_MACHINE" in read_step.detail and "mandatory, machine" in read_step.detail


def test_user_policy_applies_when_the_machine_sets_none() -> None:
    """A policy only under HKCU applies (user scope)."""
    registry = Registry()
    registry.set_value(HKCU, "ClickOnceEnabled", 0, RegType.REG_DWORD)
    assert read_edge_policies(registry).values == {"ClickOnceEnabled": False}


def test_list_policy_from_numbered_values() -> None:
    """A list is the numbered values of its subkey; other names and non-strings are dropped,
    and AutoOpenFileTypes entries with a leading dot are skipped."""
    registry = Registry()
    key = rf"{HKLM}\AutoOpenFileTypes"
    registry.set_value(key, "1", "application")
    registry.set_value(key, "2", ".exe")
    registry.set_value(key, "note", "pdf")
    registry.set_value(key, "3", 5, RegType.REG_DWORD)
    registry.set_value(key, "4", "")
    read = read_edge_policies(registry)
    assert read.values == {"AutoOpenFileTypes": ["application"]}
    rules = sorted(s.rule for s in read.steps)
    assert rules.count("edge.auto_open_entry_skipped") == 2
    assert rules.count("edge.policy_ignored") == 2


def test_list_policy_as_json_string() -> None:
    """A REG_SZ holding a JSON list is accepted for a list policy; other text is ignored."""
    registry = Registry()
    registry.set_value(HKLM, "AutoOpenAllowedForURLs", '["apps.example.test"]')
    registry.set_value(HKCU, "AutoOpenFileTypes", "application")
    read = read_edge_policies(registry)
    assert read.values == {"AutoOpenAllowedForURLs": ["apps.example.test"]}


def test_shorthand_round_trips() -> None:
    """[browser] policies written by the shorthand read back as the same values."""
    registry = Registry()
    written = write_edge_policies(registry, {"ClickOnceEnabled": False,
                                             "AutoOpenFileTypes": ["application", "appref-ms"],
                                             "DirectInvokeEnabled": 1})
    assert rf"{HKLM}\AutoOpenFileTypes" in written
    assert read_edge_policies(registry).values == {
        "AutoOpenFileTypes": ["application", "appref-ms"], "ClickOnceEnabled": False,
        "DirectInvokeEnabled": True}


def test_chromium_registry_dict_vectors() -> None:
    """Chromium's registry_dict_unittest.cc (ConvertToJSON, NonSequentialConvertToJSON):
    an integer 42 reads as true, the string "0" as false, and a list subkey with values
    1, 2, THREE, 4 reads as ["1", "2", "4"] (non-numeric names ignored)."""
    registry = Registry()
    registry.set_value(HKLM, "ClickOnceEnabled", 42, RegType.REG_DWORD)
    registry.set_value(HKLM, "DirectInvokeEnabled", "0", RegType.REG_SZ)
    for name, text in (("1", "1"), ("2", "2"), ("THREE", "3"), ("4", "4")):
        registry.set_value(rf"{HKLM}\AutoOpenAllowedForURLs", name, text)
    assert read_edge_policies(registry).values == {
        "AutoOpenAllowedForURLs": ["1", "2", "4"], "ClickOnceEnabled": True,
        "DirectInvokeEnabled": False}
