"""The schema kit (sim.scenario.kit): strict checks, every issue at once, dumps that load back."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.scenario import load_scenario
from sim.scenario.kit import Issue, TableError, dump, validate
from sim.scenario.schema import Browser, Handler, ScenarioFile, WebResource

GALLERY = sorted((Path(__file__).resolve().parent.parent / "scenarios").rglob("*.toml"))


def _kinds(issues: list[Issue]) -> list[tuple[tuple[str | int, ...], str]]:
    return [(issue.path, issue.kind) for issue in issues]


def test_types_are_strict_a_boolean_is_not_an_integer_and_a_number_not_a_string() -> None:
    """``true`` for an integer and ``87.0``/``[]`` for a string are type issues, not coerced."""
    _value, issues = validate(WebResource, {"url": 5, "status": True})
    assert _kinds(issues) == [(("url",), "type"), (("status",), "type")]
    assert [i.expected for i in issues] == ["a string", "an integer"]


def test_every_issue_is_found_at_once_across_nested_tables_and_arrays() -> None:
    """Problems in two [[web]] entries, [browser] and a missing title come out together."""
    data = {"scenario": {}, "browser": {"name": "opera", "smartscren": "x"},
            "web": [{"url": "https://a.test/", "status": 99}, {"status": 200}]}
    value, issues = validate(ScenarioFile, data)
    assert value is None
    assert sorted(_kinds(issues)) == sorted([
        (("scenario", "title"), "missing"), (("browser", "smartscren"), "unknown"),
        (("browser", "name"), "choice"), (("web", 0, "status"), "range"),
        (("web", 1, "url"), "missing")])


def test_an_unknown_key_lists_the_table_keys() -> None:
    """The unknown-key issue carries the table's keys, sorted, for the did-you-mean."""
    _value, issues = validate(Browser, {"verison": "87"})
    assert issues[0].options == ("extensions", "flags", "mode", "name", "policies",
                                 "smartscreen", "version")


def test_a_union_reports_its_first_member_and_accepts_any_member() -> None:
    """A policy value may be bool, int, str or a list of one kind; a float names a boolean."""
    value, issues = validate(Browser, {"policies": {"A": 1, "B": ["x"], "C": [1, 2]}})
    assert issues == [] and value.policies == {"A": 1, "B": ["x"], "C": [1, 2]}
    _value, issues = validate(Browser, {"policies": {"A": 1.5}})
    assert _kinds(issues) == [(("policies", "A"), "type")]
    assert issues[0].expected == "a boolean (true or false)"


def test_an_integer_version_is_read_as_its_string_and_none_is_left_out() -> None:
    """``version = 87`` becomes ``"87"``; ``None`` from Python code means the key is absent."""
    value, issues = validate(Browser, {"version": 87, "mode": None})
    assert issues == [] and value.version == "87" and value.mode is None


def test_a_bound_on_an_optional_integer_is_checked() -> None:
    """``url_limit`` must be at least 1."""
    _value, issues = validate(Handler, {"url_limit": 0})
    assert _kinds(issues) == [(("url_limit",), "range")]
    assert issues[0].expected == "an integer of at least 1"


def test_a_table_rule_runs_once_its_keys_are_valid() -> None:
    """body and body_file together break WebResource's own rule, named at the entry."""
    _value, issues = validate(WebResource, {"url": "u", "body": "a", "body_file": "b"})
    assert _kinds(issues) == [((), "rule")]
    assert issues[0].expected == (
        "expected one of body, body_file or folder, found body and body_file")
    _value, issues = validate(WebResource, {"url": 1, "body": "a", "body_file": "b"})
    assert _kinds(issues) == [(("url",), "type")]


def test_model_validate_raises_with_every_issue() -> None:
    """The class method raises TableError (a ValueError) carrying the issues."""
    with pytest.raises(TableError) as caught:
        Browser.model_validate({"name": "opera", "mode": "tablet"})
    assert len(caught.value.issues) == 2 and isinstance(caught.value, ValueError)


@pytest.mark.parametrize("path", GALLERY, ids=lambda p: p.stem)
def test_a_dump_without_defaults_loads_back_equal(path: Path) -> None:
    """Every gallery scenario's table, dumped without defaults, validates to an equal value."""
    file = load_scenario(path).file
    assert ScenarioFile.model_validate(dump(file)) == file
