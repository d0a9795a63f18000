"""The JSON Schema editors use accepts what the loader accepts, for every gallery file.

A JSON Schema validator (``jsonschema``, Draft 2020-12) checks each scenario of the
gallery and the tutorial against the schema shipped in the package, and each file's
``#:schema`` line points at that file.
"""

from __future__ import annotations

import json
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from sim.scenario import Scenario, scenario_json_schema
from sim.scenario.schema import SCHEMA_ID

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "sim" / "scenario" / "scenario.schema.json"
FILES = [*sorted((ROOT / "scenarios").rglob("*.toml")), ROOT / "docs" / "tutorial" / "first.toml"]


def _validator() -> Draft202012Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_schema_is_shipped_with_a_stable_id() -> None:
    """The package holds the schema (package data) with its $id; it is the generated one."""
    shipped = resources.files("sim") / "scenario" / "scenario.schema.json"
    schema = json.loads(shipped.read_text(encoding="utf-8"))
    assert schema["$id"] == SCHEMA_ID == "urn:invokesim:scenario-schema:1"
    assert schema == scenario_json_schema()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_gallery_file_validates_against_the_shipped_schema(path: Path) -> None:
    """The file validates, and its first line is a #:schema pointing at the shipped file."""
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("#:schema "), "the first line names the schema for editors"
    assert (path.parent / first.removeprefix("#:schema ").strip()).resolve() == SHIPPED
    errors = sorted(_validator().iter_errors(tomllib.loads(text)), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("version", [87, "87"])
def test_version_integer_or_string_is_valid_for_both(version: int | str) -> None:
    """`version = 87` and `version = "87"`: the loader and the schema both accept them."""
    data = {"scenario": {"title": "t"}, "browser": {"name": "edge", "version": version}}
    assert not list(_validator().iter_errors(data))
    toml = f'[scenario]\ntitle = "t"\n[browser]\nname = "edge"\nversion = {json.dumps(version)}\n'
    assert Scenario.from_toml(toml).file.browser.version == "87"


def test_the_schema_rejects_what_the_loader_rejects() -> None:
    """The check can fail: an unknown key and a wrong type are schema errors too."""
    validator = _validator()
    assert list(validator.iter_errors({"scenario": {"title": "t"}, "browsr": {}}))
    assert list(validator.iter_errors({"scenario": {"title": "t"},
                                       "browser": {"version": [87]}}))
