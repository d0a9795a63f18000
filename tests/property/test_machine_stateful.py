"""A stateful test of a machine's registry and disk together, against plain models.

The engine saves downloads under a free ``name (n).ext`` in Downloads and forks
presets copy-on-write (sim.world.disk, sim.registry.core); these rules interleave both.
"""

from __future__ import annotations

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from sim.registry import Registry
from sim.registry.names import fold
from sim.world.disk import VirtualDisk
from sim.world.presets import machine_for_os

pytestmark = pytest.mark.property

KEY = r"HKEY_CURRENT_USER\Software\Classes\.fuzzle"
names = st.sampled_from(["App.application", "app.APPLICATION", "Spec.docx", "report",
                         "a b.zip", "Q3.fuzzle"])
value_names = st.sampled_from(["", "Content Type", "content type", "PerceivedType"])
texts = st.sampled_from(["", "x", "application/x-fuzzle", "é"])


class MachineModel(RuleBasedStateMachine):
    """The model: saved files by folded path, and the key's values by folded name."""

    def __init__(self) -> None:
        super().__init__()
        self.machine = machine_for_os("windows-10")
        assert self.machine.registry is not None and self.machine.disk is not None
        self.registry: Registry = self.machine.registry
        self.disk: VirtualDisk = self.machine.disk
        self.downloads = self.disk.folders["Downloads"]
        self.files: dict[str, bytes] = {}
        self.values: dict[str, str] = {}
        self.forks: list[tuple[Registry, VirtualDisk, list[tuple[str, object]] | None,
                               list[str]]] = []

    @rule(name=names, data=st.binary(max_size=4))
    def save_download(self, name: str, data: bytes) -> None:
        free = self.disk.unique_name(self.downloads, name)
        path = f"{self.downloads}\\{free}"
        assert fold(path) not in self.files  # never overwrites an earlier download
        self.disk.write(path, data)
        self.files[fold(path)] = data

    @rule(name=value_names, text=texts)
    def set_value(self, name: str, text: str) -> None:
        self.registry.set_value(KEY, name, text)
        self.values[fold(name)] = text

    @precondition(lambda self: len(self.forks) < 3)
    @rule()
    def fork(self) -> None:
        self.forks.append((self.registry.fork(), self.disk.fork(),
                           self._key_values(self.registry),
                           sorted(f.path for f in self.disk.files())))

    @staticmethod
    def _key_values(registry: Registry) -> list[tuple[str, object]] | None:
        if not registry.has_key(KEY):
            return None
        return [(v.name, v.data) for v in registry.values(KEY)]

    @invariant()
    def downloads_hold_what_was_saved(self) -> None:
        for path, data in self.files.items():
            assert self.disk.read(path) == data
        saved = [f for f in self.disk.files() if fold(f.path).startswith(fold(self.downloads))]
        assert len(saved) == len(self.files)

    @invariant()
    def key_holds_what_was_set(self) -> None:
        if self.values:
            got = {fold(v.name): v.data for v in self.registry.values(KEY)}
            assert got == self.values

    @invariant()
    def forks_are_frozen(self) -> None:
        for registry, disk, values, paths in self.forks:
            assert self._key_values(registry) == values
            assert sorted(f.path for f in disk.files()) == paths


TestMachineModel = MachineModel.TestCase
