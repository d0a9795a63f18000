"""sim.strategies: public, valid by default, checked arguments, hypothesis optional."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from sim.models.browsers.catalog import BROWSERS, resolve_version
from sim.models.browsers.edge_features import MODELLED_FLAGS, MODELLED_POLICIES
from sim.registry import Registry
from sim.scenario import Scenario, ScenarioFile
from sim.scenario.schema import Browser, Machine
from sim.strategies import (
    browsers,
    handler_registrations,
    machines,
    reg_texts,
    scenario_files,
    scenarios,
    urls,
)


def test_import_without_hypothesis_names_the_extra() -> None:
    """Importing sim.strategies where hypothesis is missing says which extra to install."""
    code = ("import sys; sys.modules['hypothesis'] = None\n"
            "try:\n import sim.strategies\nexcept ImportError as e:\n print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "pip install 'invokesim[hypothesis]'" in out


@pytest.mark.parametrize("make", [
    lambda: browsers(names=["netscape"]),
    lambda: browsers(os="windows-95"),
    lambda: browsers(names=["edge-legacy"], os="windows-11"),
    lambda: machines(os=["beos"]),
    lambda: scenario_files(browsers=["ie"], os=["linux"]),
    lambda: reg_texts(version=3),
    lambda: urls(schemes=("ftp",)),
    lambda: handler_registrations(hive="HKEY_USERS"),
])
def test_bad_arguments_raise_invalid_argument(make: object) -> None:
    """An impossible request is InvalidArgument, never a strategy that draws nothing."""
    with pytest.raises(InvalidArgument):
        make()  # type: ignore[operator]


@given(browsers())
def test_browsers_are_modelled(browser: Browser) -> None:
    """A drawn browser's version is in the catalog; flags and policies are Edge's and modelled."""
    assert isinstance(resolve_version(browser.name, browser.version), int)
    assert browser.name in BROWSERS
    assert set(browser.flags) <= set(MODELLED_FLAGS)
    assert set(browser.policies) <= set(MODELLED_POLICIES)
    if browser.name != "edge":
        assert not browser.flags and not browser.policies


@given(machines(handler=True, os=["windows-10"]))
def test_machines_with_a_handler_carry_its_program(machine: Machine) -> None:
    """handler=True registers the .fuzzle type and puts its program on the disk."""
    assert ".fuzzle" in machine.reg and machine.files


@given(reg_texts())
def test_reg_texts_import_strictly(text: str) -> None:
    """Drawn .reg text imports strictly with no warning and exports to the same text."""
    reg = Registry()
    assert not reg.import_reg(text, strict=True).warnings
    assert reg.export_reg() == text


@given(st.from_type(Scenario), st.from_type(ScenarioFile))
def test_from_type_finds_the_strategies(scenario: Scenario, file: ScenarioFile) -> None:
    """Importing sim.strategies registers Scenario and ScenarioFile with st.from_type."""
    assert scenario.title and file.scenario.title


@given(scenarios(browsers=["edge-legacy"]))
def test_scenarios_respect_where_browsers_run(scenario: Scenario) -> None:
    """Edge Legacy scenarios are drawn on Windows 10 only (the loader's rule)."""
    assert scenario.file.machine.os == "windows-10"
