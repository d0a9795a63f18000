"""The pytest plugin (sim/app/pytest_plugin.py): scenario files as test items."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sim.app.pytest_plugin import marker_name

GALLERY = Path(__file__).parent.parent / "scenarios"
PASSING = (GALLERY / "ie" / "attachment-wins.toml").read_text(encoding="utf-8")
# The same scenario with a wrong [expect] route and outcome.
BROKEN = PASSING.replace('route = "download"', 'route = "direct-invoke"').replace(
    'outcome = "saved"', 'outcome = "launched"')
ROUTE_LINE = BROKEN.splitlines().index('route = "direct-invoke"') + 1
OUTCOME_LINE = BROKEN.splitlines().index('outcome = "launched"') + 1
INVALID = '[scenario]\ntitle = "t"\n\n[browser]\nnam = "edge"\n'
NOT_TOML = '[scenario]\ntitle = "t\n'


def _write(pytester: pytest.Pytester, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_marker_names_are_normalised() -> None:
    """Tags become lower-case identifiers; pytest's own marker names and digits get tag_."""
    assert marker_name("edge-legacy") == "edge_legacy"
    assert marker_name(" ClickOnce ") == "clickonce"
    assert marker_name("windows 8.1") == "windows_8_1"
    assert marker_name("skip") == "tag_skip"
    assert marker_name("xfail") == "tag_xfail"
    assert marker_name("2fa") == "tag_2fa"
    assert marker_name("invokesim") == "tag_invokesim"
    assert marker_name("--") is None


def test_a_folder_runs_each_scenario_as_an_item(pytester: pytest.Pytester) -> None:
    """Every scenario file under a command-line folder is one item, in sorted order."""
    _write(pytester, {"sc/b.toml": PASSING, "sc/a.toml": PASSING, "sc/sub/c.toml": PASSING})
    result = pytester.runpytest("sc", "--collect-only", "-q")
    assert result.outlines[:3] == ["sc/a.toml::a", "sc/b.toml::b", "sc/sub/c.toml::c"]
    pytester.runpytest("sc").assert_outcomes(passed=3)


def test_other_toml_files_are_not_collected(pytester: pytest.Pytester) -> None:
    """TOML without a [scenario] table (pyproject.toml, data files) is never an item."""
    _write(pytester, {"sc/data.toml": '[case]\nname = "x"\n', "sc/ok.toml": PASSING,
                      "sc/pyproject.toml": '[project]\nname = "p"\n'})
    pytester.runpytest("sc").assert_outcomes(passed=1)


def test_plain_pytest_leaves_scenarios_alone(pytester: pytest.Pytester) -> None:
    """Without command-line paths (testpaths or the current folder) no scenario is collected."""
    _write(pytester, {"tests/data/bad.toml": INVALID, "tests/test_x.py": "def test_x(): pass\n",
                      "top.toml": INVALID})
    pytester.makeini("[pytest]\ntestpaths = tests\n")
    pytester.runpytest().assert_outcomes(passed=1)
    pytester.runpytest("-p", "no:cacheprovider", "--rootdir", ".").assert_outcomes(passed=1)


def test_ini_option_adds_scenario_folders(pytester: pytest.Pytester) -> None:
    """`invokesim_scenarios` folders are collected with testpaths, but not when paths are given;
    collect_ignore keeps invalid fixtures out of an explicit `pytest tests`."""
    _write(pytester, {"scenarios/a.toml": PASSING, "tests/test_x.py": "def test_x(): pass\n",
                      "tests/data/bad.toml": INVALID,
                      "tests/conftest.py": 'collect_ignore = ["data"]\n'})
    pytester.makeini("[pytest]\ntestpaths = tests\ninvokesim_scenarios = scenarios\n")
    pytester.runpytest().assert_outcomes(passed=2)
    pytester.runpytest("tests").assert_outcomes(passed=1)
    pytester.runpytest("scenarios").assert_outcomes(passed=1)


def test_broken_expectation_points_at_its_line(pytester: pytest.Pytester) -> None:
    """A failed [expect] names the file and line of each wrong key, expected and found, and
    the trace."""
    _write(pytester, {"sc/broken.toml": BROKEN})
    result = pytester.runpytest("sc")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([
        f"sc/broken.toml:{ROUTE_LINE}: expect.route: expected 'direct-invoke', found 'download'",
        f"sc/broken.toml:{OUTCOME_LINE}: expect.outcome: expected 'launched', found 'saved'",
        "== sc/broken.toml: Content-Disposition*",
        "   route: download    outcome: saved",
        "*steps:*",
        "reproduce: invokesim run sc/broken.toml",
    ])
    assert "Traceback" not in result.stdout.str()


def test_expect_in_an_inline_table_points_at_the_table(pytester: pytest.Pytester) -> None:
    """A mismatch on a key the file does not write on its own line is placed at [expect]."""
    text = PASSING.replace('route = "download"\noutcome = "saved"\ndialogs = ["ie.download"]',
                           'launch = { image = "x.exe" }')
    _write(pytester, {"sc/s.toml": text})
    result = pytester.runpytest("sc")
    line = text.splitlines().index("[expect]") + 2  # the inline table's own line
    result.stdout.fnmatch_lines([f"sc/s.toml:{line}: expect.launch: expected a launch, found none"])


def test_invalid_scenario_fails_with_the_loader_message(pytester: pytest.Pytester) -> None:
    """An invalid scenario (schema or TOML syntax) is a failing item showing `<file>:<line>:`."""
    _write(pytester, {"sc/invalid.toml": INVALID, "sc/syntax.toml": NOT_TOML})
    result = pytester.runpytest("sc")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines([
        "sc/invalid.toml:5: browser.nam: expected one of the keys *; did you mean 'name'?",
        "sc/syntax.toml:2: expected valid TOML 1.0, found: *",
    ])
    assert "Traceback" not in result.stdout.str()


def test_tags_become_markers_under_strict_markers(pytester: pytest.Pytester) -> None:
    """`-m <tag>` selects scenarios by tag; --strict-markers accepts the tag markers."""
    other = PASSING.replace('tags = ["ie", "directinvoke", "headers"]', 'tags = ["Edge Legacy"]')
    _write(pytester, {"sc/a.toml": PASSING, "sc/b.toml": other})
    result = pytester.runpytest("sc", "--strict-markers", "-m", "headers")
    result.assert_outcomes(passed=1, deselected=1)
    pytester.runpytest("sc", "--strict-markers", "-m", "edge_legacy").assert_outcomes(
        passed=1, deselected=1)
    pytester.runpytest("sc", "-m", "invokesim").assert_outcomes(passed=2)
    pytester.runpytest("sc", "-m", "not invokesim").assert_outcomes(deselected=2)


def test_entry_point_loads_the_plugin_in_a_subprocess(pytester: pytest.Pytester) -> None:
    """A separate pytest process finds the plugin through the pytest11 entry point."""
    _write(pytester, {"sc/a.toml": PASSING, "sc/broken.toml": BROKEN})
    result = pytester.runpytest_subprocess("sc")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["plugins:*invokesim*",
                                 f"sc/broken.toml:{ROUTE_LINE}: expect.route: *"])


@pytest.mark.skipif(importlib.util.find_spec("xdist") is None, reason="pytest-xdist missing")
def test_runs_under_xdist(pytester: pytest.Pytester) -> None:
    """`pytest -n 2` collects the same items on every worker and runs them all."""
    _write(pytester, {f"sc/s{i}.toml": PASSING for i in range(4)} | {"sc/x.toml": BROKEN})
    result = pytester.runpytest_subprocess("sc", "-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4, failed=1)
    result.stdout.fnmatch_lines([f"sc/x.toml:{ROUTE_LINE}: expect.route: *"])


def test_gallery_runs_as_tests(pytester: pytest.Pytester) -> None:
    """`pytest scenarios/` runs every gallery scenario as a passing test."""
    count = len(list(GALLERY.rglob("*.toml")))
    result = pytester.runpytest(str(GALLERY), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=count)
