"""The machine a scenario builds: shared .reg imports done once, forks isolated, shorthands
written to the registry with steps."""

from __future__ import annotations

from pathlib import Path

import pytest

import sim.loader
from sim.engine import simulate
from sim.engine.machine_build import build_machine, build_machine_steps, clear_shared_imports
from sim.registry import Registry
from sim.scenario import Scenario, load_scenario

REG = """Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge]
"ClickOnceEnabled"=dword:00000000
"""

SCENARIO = """[scenario]
title = "shared {n}"

[machine]
reg_files = ["machine.reg"]

[browser]
name = "edge"
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "machine.reg").write_bytes(b"\xff\xfe" + REG.replace("\n", "\r\n")
                                           .encode("utf-16-le"))
    for n in range(3):
        (tmp_path / f"s{n}.toml").write_text(SCENARIO.format(n=n), encoding="utf-8")
    clear_shared_imports()
    sim.loader._REG_TEXTS.clear()
    return tmp_path


def test_scenarios_sharing_an_export_import_it_once(folder: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Three scenarios naming one .reg file: one read of the file, one import."""
    imports: list[str] = []
    reads: list[str] = []
    original_import = Registry.import_reg
    original_read = sim.loader._read_reg_file

    def counting_import(self: Registry, text: str, **kwargs: object) -> object:
        if str(kwargs.get("source", "")).startswith("machine.reg_files"):
            imports.append(text)
        return original_import(self, text, **kwargs)  # type: ignore[arg-type]

    def counting_read(source: str, limit: int) -> sim.loader.RegFileText:
        reads.append(source)
        return original_read(source, limit)

    monkeypatch.setattr(Registry, "import_reg", counting_import)
    monkeypatch.setattr(sim.loader, "_read_reg_file", counting_read)
    machines = [build_machine(load_scenario(folder / f"s{n}.toml")) for n in range(3)]
    assert len(imports) == 1 and len(reads) == 1
    assert all(m.registry is not None and m.registry.get_value(
        r"HKLM\SOFTWARE\Policies\Microsoft\Edge", "ClickOnceEnabled") is not None
        for m in machines)


def test_forks_are_isolated(folder: Path) -> None:
    """A write to one scenario's machine is not seen by the next one sharing the import."""
    first = build_machine(load_scenario(folder / "s0.toml"))
    assert first.registry is not None
    first.registry.set_value(r"HKLM\SOFTWARE\Policies\Microsoft\Edge", "ClickOnceEnabled", 1)
    second = build_machine(load_scenario(folder / "s1.toml"))
    assert second.registry is not None
    value = second.registry.get_value(r"HKLM\SOFTWARE\Policies\Microsoft\Edge",
                                      "ClickOnceEnabled")
    assert value is not None and value.number == 0


def test_a_changed_file_is_read_again(folder: Path) -> None:
    """When the export changes (size or time), the next scenario sees the new content."""
    build_machine(load_scenario(folder / "s0.toml"))
    (folder / "machine.reg").write_bytes(b"\xff\xfe" + REG.replace("00000000", "00000001")
                                         .replace("\n", "\r\n").encode("utf-16-le") + b"\r\0\n\0")
    machine = build_machine(load_scenario(folder / "s1.toml"))
    assert machine.registry is not None
    value = machine.registry.get_value(r"HKLM\SOFTWARE\Policies\Microsoft\Edge",
                                       "ClickOnceEnabled")
    assert value is not None and value.number == 1


def test_shorthands_write_registry_values_with_steps() -> None:
    """[browser] policies, [machine] zones and trusted_publishers become registry values;
    the trace starts with a step for each, and reads them back from the registry."""
    scenario = Scenario.from_toml("""
[scenario]
title = "shorthands"
[machine]
zones = { "apps.example.test" = "trusted" }
trusted_publishers = ["CN=Contoso Ltd"]
[browser]
name = "edge"
policies = { ClickOnceEnabled = 0 }
""")
    machine, steps = build_machine_steps(scenario)
    assert machine.registry is not None
    assert machine.registry.get_value(r"HKLM\SOFTWARE\Policies\Microsoft\Edge",
                                      "ClickOnceEnabled") is not None
    assert machine.registry.has_key(r"HKCU\Software\Microsoft\Windows\CurrentVersion"
                                    r"\Internet Settings\ZoneMap\Domains\example.test\apps")
    assert [s.rule for s in steps] == ["engine.shorthand"] * 3
    trace = simulate(scenario)
    assert [e.rule for e in trace.events[:4]] == ["engine.shorthand"] * 3 + ["edge.policy_read"]


def test_a_subject_that_is_not_a_name_is_a_scenario_error() -> None:
    """trusted_publishers = ["Contoso"] is refused naming the key."""
    scenario = Scenario.from_toml("""
[scenario]
title = "bad subject"
[machine]
trusted_publishers = ["Contoso"]
""")
    with pytest.raises(sim.errors.ScenarioError, match=r"machine\.trusted_publishers\[0\]"):
        build_machine(scenario)
