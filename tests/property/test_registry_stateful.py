"""A stateful test of the registry against a plain dictionary model."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from sim.errors import RegistryError, RegistryKeyNotFound
from sim.registry import Registry
from sim.registry.names import fold

pytestmark = pytest.mark.property

ROOT = r"HKEY_CURRENT_USER\Software\T"
names = st.sampled_from(["a", "A", "b", "B", "é", "É", "ß"])
paths = st.lists(names, min_size=1, max_size=3).map(tuple)
value_names = st.sampled_from(["", "v", "V", "w"])
data = st.one_of(st.text(max_size=4).filter(lambda s: "\x00" not in s), st.integers(0, 2**32 - 1))

Path = tuple[str, ...]


class RegistryModel(RuleBasedStateMachine):
    """The model: folded path -> {folded value name: data}."""

    def __init__(self) -> None:
        super().__init__()
        self.reg = Registry()
        self.keys: dict[Path, dict[str, object]] = {}
        self.forks: list[tuple[Registry, str]] = []

    @staticmethod
    def key(path: Path) -> Path:
        return tuple(fold(p) for p in path)

    @staticmethod
    def full(path: Path) -> str:
        return "\\".join((ROOT, *path))

    @rule(path=paths)
    def create(self, path: Path) -> None:
        self.reg.create_key(self.full(path))
        for depth in range(1, len(path) + 1):
            self.keys.setdefault(self.key(path[:depth]), {})

    @rule(path=paths, name=value_names, value=data)
    def set_value(self, path: Path, name: str, value: object) -> None:
        self.reg.set_value(self.full(path), name, value)  # type: ignore[arg-type]
        self.create(path)
        self.keys[self.key(path)][fold(name)] = value

    @rule(path=paths, tree=st.booleans())
    def delete(self, path: Path, tree: bool) -> None:
        k = self.key(path)
        below = [p for p in self.keys if p[: len(k)] == k and p != k]
        if k not in self.keys:
            with pytest.raises(RegistryKeyNotFound):
                self.reg.delete_key(self.full(path), tree=tree)
        elif below and not tree:
            with pytest.raises(RegistryError):
                self.reg.delete_key(self.full(path))
        else:
            self.reg.delete_key(self.full(path), tree=tree)
            for p in [k, *below]:
                del self.keys[p]

    @rule(path=paths, name=value_names)
    def delete_value(self, path: Path, name: str) -> None:
        held = self.keys.get(self.key(path), {})
        if fold(name) in held:
            self.reg.delete_value(self.full(path), name)
            del held[fold(name)]
        else:
            with pytest.raises(RegistryKeyNotFound):
                self.reg.delete_value(self.full(path), name)

    @precondition(lambda self: len(self.forks) < 3)
    @rule()
    def fork(self) -> None:
        self.forks.append((self.reg.fork(), self.reg.export_reg()))

    @invariant()
    def matches_model(self) -> None:
        for path, values in self.keys.items():
            got = {fold(v.name): v.data for v in self.reg.values(self.full(path))}
            assert got == values
            children = {p[-1] for p in self.keys if len(p) == len(path) + 1 and p[:-1] == path}
            assert {fold(n) for n in self.reg.subkeys(self.full(path))} == children

    @invariant()
    def forks_are_frozen(self) -> None:
        for twin, text in self.forks:
            assert twin.export_reg() == text


TestRegistryModel = RegistryModel.TestCase
