"""Scenario files are read as UTF-8 and the paths they name stay inside their folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.errors import ScenarioError, ScenarioProblem
from sim.loader import MAX_SCENARIO_BYTES, confined_path, read_scenario_text


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios" / "edge"
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "App.application").write_text("<assembly/>")
    path = folder / "clickonce.toml"
    path.write_text('[scenario]\ntitle = "t"\n', encoding="utf-8")
    return path


def test_problems_render_as_file_line_key() -> None:
    """A problem reads `<file>:<line>: <key>: <message>`, without the parts it lacks."""
    problem = ScenarioProblem(line=3, key="web.0.url", message="expected a URL, found ''")
    assert problem.render("a.toml") == "a.toml:3: web.0.url: expected a URL, found ''"
    assert ScenarioProblem(line=None, key="", message="m").render("a.toml") == "a.toml: m"


def test_utf8_text_is_read_and_a_bom_dropped(scenario: Path) -> None:
    """A UTF-8 scenario reads back as its text; a leading BOM is not part of it."""
    scenario.write_bytes(b"\xef\xbb\xbf" + 'title = "é"\n'.encode())
    assert read_scenario_text(scenario) == 'title = "é"\n'


def test_non_utf8_is_refused_with_its_line(scenario: Path) -> None:
    """A byte that is not UTF-8 is reported with its line and value."""
    scenario.write_bytes(b'[scenario]\ntitle = "\xe9"\n')
    with pytest.raises(ScenarioError) as error:
        read_scenario_text(scenario)
    assert str(error.value) == (
        f"{scenario}:2: expected UTF-8 text (TOML files are UTF-8), found byte 0xe9"
    )


def test_missing_and_oversized_files_are_refused(scenario: Path, tmp_path: Path) -> None:
    """A missing file and one over the size cap are refused before anything is parsed."""
    with pytest.raises(ScenarioError, match="expected a readable scenario file"):
        read_scenario_text(tmp_path / "nope.toml")
    with scenario.open("wb") as handle:
        handle.truncate(MAX_SCENARIO_BYTES + 1)
    with pytest.raises(ScenarioError, match="expected a scenario file of at most"):
        read_scenario_text(scenario)


@pytest.mark.parametrize("relative", ["files/App.application", r"files\App.application",
                                      "./files/../files/App.application"])
def test_relative_paths_resolve_inside_the_folder(scenario: Path, relative: str) -> None:
    """Paths with either separator resolve against the scenario's folder."""
    expected = os.path.realpath(scenario.parent / "files" / "App.application")
    assert confined_path(scenario, relative, "web.0.body_file") == expected


@pytest.mark.parametrize(
    ("relative", "found"),
    [
        ("../secret.reg", "which leads outside it"),
        (r"files\..\..\secret.reg", "which leads outside it"),
        ("/etc/passwd", "found the absolute path"),
        (r"C:\Windows\win.ini", "found the absolute path"),
        (r"\\server\share\x", "found the absolute path"),
        ("  ", "found '  '"),
    ],
)
def test_paths_leaving_the_folder_are_refused(scenario: Path, relative: str, found: str) -> None:
    """Absolute paths, `..` escapes and empty paths are refused, naming the key."""
    with pytest.raises(ScenarioError) as error:
        confined_path(scenario, relative, "machine.reg_files.0")
    assert f"{scenario}: machine.reg_files.0: expected " in str(error.value)
    assert found in str(error.value)


def test_symbolic_links_cannot_lead_outside(scenario: Path, tmp_path: Path) -> None:
    """A link inside the folder that points outside it is refused like `..`."""
    (tmp_path / "outside.reg").write_text("x")
    (scenario.parent / "link.reg").symlink_to(tmp_path / "outside.reg")
    with pytest.raises(ScenarioError, match="leads outside"):
        confined_path(scenario, "link.reg", "machine.reg_files.0")
