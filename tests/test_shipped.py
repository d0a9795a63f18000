"""Browser versions and the Windows they shipped for: impossible pairs are scenario errors."""

from __future__ import annotations

import pytest

from sim.errors import ScenarioError
from sim.models.browsers.catalog import resolve_version
from sim.models.browsers.shipped import combination_problem, version_span
from sim.scenario import Scenario

BASE = '[scenario]\ntitle = "t"\n[machine]\nos = "{os}"\n[browser]\nname = "{name}"\n{version}'


@pytest.mark.parametrize(("name", "version", "os"), [
    ("edge", 109, "windows-7"), ("edge", 158, "windows-10"), ("ie", 11, "windows-7"),
    ("ie", 10, "windows-8"), ("ie", 11, "windows-8.1"), ("ie", 11, "windows-10"),
    ("edge-legacy", 18, "windows-10"), ("chrome", 109, "windows-8.1"),
    ("firefox", 115, "windows-7"),
    ("chrome", 158, "macos"),
])
def test_combinations_that_shipped(name: str, version: int, os: str) -> None:
    """Each pair that existed is accepted."""
    assert combination_problem(name, version, os) is None


@pytest.mark.parametrize(("name", "version", "os", "says"), [
    ("edge", 110, "windows-7", "77 to 109 on windows-7"),
    ("edge", 120, "windows-8.1", "77 to 109 on windows-7, windows-8, windows-8.1"),
    ("ie", 11, "windows-11", "found os 'windows-11'"),
    ("ie", 10, "windows-10", "11 on windows-7, windows-8.1, windows-10"),
    ("ie", 11, "windows-8", "10 on windows-7, windows-8"),
    ("edge-legacy", 18, "windows-11", "12 to 18 on windows-10"),
    ("chrome", 110, "windows-7", "1 to 109 on windows-7"),
    ("firefox", 116, "windows-8", "1 to 115 on windows-7"),
])
def test_combinations_that_never_shipped(name: str, version: int, os: str, says: str) -> None:
    """A pair that never existed is refused with the list of what exists."""
    problem = combination_problem(name, version, os)
    assert problem is not None and says in problem


def test_default_version_is_the_newest_that_shipped_for_the_os() -> None:
    """Without a version, Edge on Windows 7 is 109 and IE on Windows 8 is 10."""
    assert resolve_version("edge", None, "windows-7") == 109
    assert resolve_version("ie", None, "windows-8") == 10
    assert resolve_version("edge", None, "windows-11") == 158
    assert version_span("ie", "windows-11") is None


def test_scenario_error_names_the_key_and_what_exists() -> None:
    """Edge 120 on Windows 7 fails loading at browser.version, saying what exists."""
    with pytest.raises(ScenarioError, match=r"browser\.version: expected an edge version that "
                       r"shipped for windows-7, found edge 120 on windows-7; edge exists as "
                       r"77 to 109 on windows-7"):
        Scenario.from_toml(BASE.format(os="windows-7", name="edge", version='version = "120"\n'))
    with pytest.raises(ScenarioError, match=r"browser\.name: expected a machine ie shipped for"):
        Scenario.from_toml(BASE.format(os="windows-11", name="ie", version=""))
    Scenario.from_toml(BASE.format(os="windows-7", name="edge", version=""))


def test_immersive_ie_exists_on_windows_8_and_8_1_only() -> None:
    """mode = "immersive" on Windows 10 is a scenario error at browser.mode."""
    text = BASE.format(os="windows-10", name="ie", version="") + 'mode = "immersive"\n'
    with pytest.raises(ScenarioError, match=r"browser\.mode: expected mode desktop on "
                       r"windows-10, found 'immersive'"):
        Scenario.from_toml(text)
    Scenario.from_toml(BASE.format(os="windows-8.1", name="ie", version="")
                       + 'mode = "immersive"\n')
