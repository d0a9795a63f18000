"""Laws of the registry model: case-insensitivity, the HKCR merge, .reg round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.registry import Registry
from sim.registry.names import fold
from sim.registry.values import RegValue
from sim.strategies import reg_key_names, reg_key_paths, reg_values

pytestmark = pytest.mark.property

USER = r"HKEY_CURRENT_USER\Software\Classes"
MACHINE = r"HKEY_LOCAL_MACHINE\SOFTWARE\Classes"


def _store(reg: Registry, path: str, value: RegValue) -> None:
    reg.set_value(path, value.name, value.raw, value.type)


@given(st.lists(st.tuples(reg_key_paths(), reg_values()), max_size=12))
def test_export_then_import_is_the_identity(entries: list[tuple[str, RegValue]]) -> None:
    """Export then strict import reproduces the registry byte for byte."""
    reg = Registry()
    for path, value in entries:
        _store(reg, path, value)
    text = reg.export_reg()
    copy = Registry()
    assert not copy.import_reg(text, strict=True).warnings
    assert copy.export_reg() == text


@given(reg_key_names(), st.data())
def test_any_spelling_of_a_name_opens_the_same_key(name: str, data: st.DataObject) -> None:
    """A key opens under every spelling that folds the same, and keeps its first spelling."""
    reg = Registry()
    reg.create_key("HKCU\\T\\" + name)
    other = "".join(data.draw(st.sampled_from([c, c.upper(), c.lower()])) for c in name)
    if fold(other) == fold(name):
        assert reg.has_key("HKCU\\T\\" + other)
        assert reg.subkeys("HKCU\\T") == [name]


@given(
    st.lists(st.tuples(reg_key_names(), reg_values()), max_size=6),
    st.lists(st.tuples(reg_key_names(), reg_values()), max_size=6),
)
def test_hkcr_is_the_user_tree_over_the_machine_tree(
    user: list[tuple[str, RegValue]], machine: list[tuple[str, RegValue]]
) -> None:
    """Every HKCR key is the union of both trees, the user's value winning per name."""
    reg = Registry()
    for key, value in machine:
        _store(reg, f"{MACHINE}\\{key}", value)
    for key, value in user:
        _store(reg, f"{USER}\\{key}", value)
    keys = {fold(k): k for k, _ in machine} | {fold(k): k for k, _ in user}
    assert sorted(map(fold, reg.subkeys("HKCR"))) == sorted(keys)
    for key in keys.values():
        seen = {fold(v.name): v for v in reg.values(f"HKCR\\{key}")}
        expected = {fold(v.name): v for k, v in machine if fold(k) == fold(key)}
        user_values = {fold(v.name): v for k, v in user if fold(k) == fold(key)}
        for folded, value in user_values.items():
            expected[folded] = value
        assert {k: (v.type, v.raw) for k, v in seen.items()} == {
            k: (v.type, v.raw) for k, v in expected.items()
        }


@given(st.lists(st.tuples(reg_key_paths(), reg_values()), max_size=8), reg_key_paths(),
       reg_values())
def test_a_fork_never_sees_later_writes(
    entries: list[tuple[str, RegValue]], path: str, value: RegValue
) -> None:
    """Writing to a fork leaves the original's export unchanged."""
    reg = Registry()
    for p, v in entries:
        _store(reg, p, v)
    before = reg.export_reg()
    twin = reg.fork()
    _store(twin, path, value)
    twin.delete_key(path, tree=True)
    assert reg.export_reg() == before
