"""Every scenario in the gallery runs and meets its own [expect]; traces explain themselves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sim.app.cli import main
from sim.engine import RULES, simulate
from sim.scenario import load_scenario
from sim.scenario.schema import Expect


def scenario_expects_something(path: Path) -> bool:
    """A gallery scenario pins at least one [expect] key (else it cannot fail)."""
    return load_scenario(path).file.expect != Expect()


GALLERY = sorted((Path(__file__).parent.parent / "scenarios").rglob("*.toml"))


@pytest.mark.parametrize("path", GALLERY, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gallery_scenario_meets_its_expectations(path: Path) -> None:
    """The scenario's trace matches its [expect], and every step cites a source."""
    trace = simulate(load_scenario(path))
    assert trace.expect.passed, trace.expect.mismatches
    assert all(event.source for event in trace.events), [
        e.rule for e in trace.events if not e.source
    ]
    assert scenario_expects_something(path)


def test_gallery_is_not_empty() -> None:
    """The gallery holds scenarios for every browser modelled."""
    folders = {p.parent.name for p in GALLERY}
    assert {"edge", "ie", "edge-legacy", "chrome", "firefox", "render"} <= folders


def test_simulation_is_deterministic() -> None:
    """The same scenario gives the same trace bytes twice."""
    path = GALLERY[0]
    first = simulate(load_scenario(path)).to_json_line()
    assert simulate(load_scenario(path)).to_json_line() == first


def test_json_output_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    """`run --format json` prints one documented object per scenario, one per line."""
    assert main(["run", "--format", "json", str(GALLERY[0])]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    data = json.loads(line)
    assert list(data) == ["scenario", "title", "route", "outcome", "dialogs", "launches",
                          "error", "bytes", "log", "events", "expect"]
    assert set(data["expect"]) == {"passed", "mismatches"}


def test_failed_expectation_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A scenario whose [expect] does not hold makes `run` exit 1 and says what differed."""
    text = GALLERY[0].read_text(encoding="utf-8").replace(
        'route = "download"', 'route = "render"')
    (tmp_path / "s.toml").write_text(text, encoding="utf-8")
    shutil.copytree(GALLERY[0].parent / "apps", tmp_path / "apps")  # the files it serves
    assert main(["run", str(tmp_path / "s.toml")]) == 1
    out = capsys.readouterr().out
    assert "route: expected 'render', found 'download'" in out


def test_rules_have_unique_ids_and_sources() -> None:
    """Every rule the engine can cite has a source."""
    assert all(rule.source for rule in RULES.values())


def test_explain_names_each_rule_with_its_source(capsys: pytest.CaptureFixture[str]) -> None:
    """`invokesim explain` prints every step's rule and source, and exits 0 when [expect] holds."""
    assert main(["explain", str(GALLERY[0])]) == 0
    out = capsys.readouterr().out
    assert "route: download" in out and "source: " in out
    assert main(["explain", "no/such/file.toml"]) == 2
