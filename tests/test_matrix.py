"""`invokesim matrix`: browser specs, policy and flag axes, cells, answers, and the tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.app.cli import main
from sim.engine.matrix import (
    DEFAULT_BROWSERS,
    BrowserSpec,
    MatrixError,
    build_matrix,
    cell,
    parse_browser_spec,
    parse_browsers,
    parse_settings,
)
from sim.render.matrix import render_matrix
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
CANCELLED = ROOT / "scenarios" / "edge" / "open-file-cancelled.toml"
MACOS = ROOT / "scenarios" / "edge" / "not-windows.toml"
FIRST = ROOT / "docs" / "tutorial" / "first.toml"


def test_browser_specs_name_and_version() -> None:
    """`name` or `name-version`, with edge-legacy read before edge."""
    assert parse_browsers(DEFAULT_BROWSERS) == (
        BrowserSpec(name="ie", version="11"), BrowserSpec(name="edge-legacy", version="18"),
        BrowserSpec(name="edge", version="79"), BrowserSpec(name="edge", version="87"),
        BrowserSpec(name="chrome"), BrowserSpec(name="firefox"))
    assert parse_browser_spec("edge-legacy").name == "edge-legacy"
    assert parse_browser_spec(" edge-87 ").label == "edge-87"


@pytest.mark.parametrize(("spec", "message"), [
    ("ie-9", "expected a ie version from 10 to 11"),
    ("edge-70", "expected a edge version from 77 to 158"),
    ("opera", "expected a browser such as ie-11"),
    ("edge-x", "expected a browser such as ie-11"),
])
def test_bad_browser_specs_say_what_is_expected(spec: str, message: str) -> None:
    """An unknown browser or a version not modelled is a MatrixError naming what is."""
    with pytest.raises(MatrixError, match=message):
        parse_browser_spec(spec)


def test_settings_read_toml_values() -> None:
    """Values are TOML when they parse (numbers, booleans, lists), else strings; - is none."""
    assert parse_settings('ClickOnceEnabled=0,AutoOpenFileTypes=["application", "docx"]') == {
        "ClickOnceEnabled": 0, "AutoOpenFileTypes": ["application", "docx"]}
    assert parse_settings("edge-click-once=enabled") == {"edge-click-once": "enabled"}
    assert parse_settings("-") == {}
    with pytest.raises(MatrixError, match="expected NAME=VALUE"):
        parse_settings("ClickOnceEnabled")


def test_a_configuration_the_scenario_cannot_run_in_shows_why() -> None:
    """IE on macOS is a cell holding the reason, not a crash."""
    scenario = load_scenario(MACOS)
    result = cell(scenario, BrowserSpec(name="ie", version="11"))
    assert result.trace is None
    assert result.reason is not None
    assert result.reason.startswith("browser.name: expected a machine ie shipped for (windows-10, "
                                    "windows-7, windows-8, windows-8.1), found os 'macos'")
    assert cell(scenario, BrowserSpec(name="chrome")).trace is not None


def test_the_user_answers_the_same_in_every_browser() -> None:
    """An edge.open_file cancel is IE's and Edge Legacy's cancel too."""
    matrix = build_matrix(load_scenario(CANCELLED), parse_browsers("ie-11,edge-legacy-18,edge-87"))
    outcomes = [c.trace.outcome for c in matrix.rows[0].cells if c.trace]
    assert outcomes == ["cancelled", "cancelled", "cancelled"]


def test_policy_rows_change_edge_only() -> None:
    """A ClickOnceEnabled=0 row turns Edge 87's prompt into a download; IE is unchanged."""
    matrix = build_matrix(load_scenario(FIRST), parse_browsers("ie-11,edge-87"),
                          policy_sets=[{}, {"ClickOnceEnabled": 0}])
    routes = [[c.trace.route for c in row.cells if c.trace] for row in matrix.rows]
    assert routes == [["direct-invoke", "direct-invoke"], ["direct-invoke", "download"]]
    assert matrix.rows[1].label == "policies ClickOnceEnabled=0"


def test_flag_rows_change_edge() -> None:
    """edge-click-once=enabled on Edge 80 turns its download into DirectInvoke."""
    matrix = build_matrix(load_scenario(FIRST), parse_browsers("edge-80"),
                          flag_sets=[{}, {"edge-click-once": "enabled"}])
    assert [r.cells[0].trace.route for r in matrix.rows if r.cells[0].trace] == [
        "download", "direct-invoke"]


def test_matrix_tables_in_three_formats() -> None:
    """Text, Markdown and HTML tables carry the same cells."""
    matrix = build_matrix(load_scenario(MACOS), parse_browsers("ie-11,chrome"))
    text = render_matrix(matrix, "text")
    assert "| n/a " in text and "chrome.download" in text
    assert "n/a: browser.name: expected a machine ie shipped for" in text
    markdown = render_matrix(matrix, "markdown")
    assert "| as in the scenario | n/a: browser.name" in markdown
    assert "download → saved: chrome.download |" in markdown
    html = render_matrix(matrix, "html")
    assert html.startswith("<!DOCTYPE html>") and '<td class="na">' in html
    assert "<script" not in html


def test_matrix_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`invokesim matrix` prints the table and exits 0; a bad spec exits 2 with a message."""
    assert main(["matrix", str(FIRST), "--browsers", "ie-11,edge-80",
                 "--policies", "-", "--policies", "ClickOnceEnabled=1"]) == 0
    out = capsys.readouterr().out
    assert "| policies ClickOnceEnabled=1 |" in out and "ie.open_file" in out
    assert main(["matrix", str(FIRST), "--browsers", "edge-legacy-11"]) == 2
    assert "browser 'edge-legacy-11': expected a edge-legacy version from 12 to 18" in \
        capsys.readouterr().err
    assert main(["matrix", str(FIRST), "--format", "markdown", "--flags",
                 "edge-click-once=disabled"]) == 0
    assert "| flags edge-click-once=disabled |" in capsys.readouterr().out
