"""Scenario files load into validated scenarios, or fail with every problem at its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sim
from sim.app.cli import main
from sim.errors import ScenarioError
from sim.scenario import Scenario, load_scenario, scenario_json_schema

MINIMAL = '[scenario]\ntitle = "t"\n'

FULL = """\
#:schema ../../sim/scenario/scenario.schema.json
[scenario]
title = "Chrome downloads a .application without deploymentProvider"
sources = ["lawrence-clickonce"]

[machine]
os = "windows-10"
profiles = ["office"]
managed = true
reg_files = ["registry/fuzzle.reg"]
zones = { "intranet.example" = "intranet" }

[browser]
name = "edge"
version = 87
flags = { "edge-click-once" = "enabled" }
policies = { ClickOnceEnabled = 1, AutoOpenFileTypes = ["application"] }

[[web]]
url = "https://example.test/app/App.application"
headers = { "Content-Type" = "application/x-ms-application" }
body_file = "files/App.application"
requires = { cookie = true, auth = "ntlm", tls = "1.2" }

[click]
url = "https://example.test/app/App.application"

[answers]
"edge.open_file" = "open"

[expect]
route = "direct-invoke"
launch.argv = ['C:\\Windows\\System32\\rundll32.exe']
"""


def _problems(text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as error:
        load_scenario(path)
    return str(error.value).splitlines()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "fuzzle.reg").write_bytes(
        b"\xff\xfe" + "Windows Registry Editor Version 5.00\r\n".encode("utf-16-le")
    )
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "App.application").write_bytes(b"<assembly/>")
    return tmp_path


def test_the_documented_example_loads_with_its_files(folder: Path) -> None:
    """Every key of docs/scenarios.md example is accepted; named files are read once."""
    (folder / "s.toml").write_text(FULL, encoding="utf-8")
    scenario = sim.load_scenario(folder / "s.toml")
    assert scenario.title.startswith("Chrome downloads")
    assert scenario.file.browser.version == "87"  # version = 87 reads as "87"
    assert scenario.reg_texts == (
        ("registry/fuzzle.reg", "Windows Registry Editor Version 5.00\r\n"),
    )
    assert scenario.bodies == {0: b"<assembly/>"}
    assert scenario.file.expect.launch is not None


def test_defaults_are_the_common_case() -> None:
    """A scenario with only a title gets Windows 10, Edge, a clean SmartScreen verdict."""
    scenario = Scenario.from_toml(MINIMAL)
    assert scenario.source == "<string>"
    assert (scenario.file.machine.os, scenario.file.browser.name) == ("windows-10", "edge")
    assert scenario.file.browser.smartscreen == "clean" and scenario.file.web == []


def test_every_schema_problem_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    """Missing, unknown, misspelt and mistyped keys are all reported, each at its line."""
    text = (
        '[scenario]\ntitel = "x"\n\n[browser]\nname = "egde"\n\n'
        '[[web]]\nurl = "https://a.test/"\nstatus = "200"\n'
    )
    lines = _problems(text, tmp_path)
    source = tmp_path / "s.toml"
    assert lines == [
        f"{source}:1: scenario.title: expected a value (this key is required), found nothing",
        f"{source}:2: scenario.titel: expected one of the keys description, sources, tags, "
        "title, found an unknown key 'titel'; did you mean 'title'?",
        f"{source}:5: browser.name: expected one of ie, edge-legacy, edge, chrome, firefox, "
        "found 'egde' (string); did you mean 'edge'?",
        f"{source}:9: web[0].status: expected an integer, found '200' (string)",
    ]


def test_toml_syntax_errors_name_line_and_column(tmp_path: Path) -> None:
    """A TOML syntax error is reported at its line and column."""
    (line,) = _problems('[scenario]\ntitle = "t\n', tmp_path)
    assert line.startswith(f"{tmp_path / 's.toml'}:2: expected valid TOML 1.0, found: ")
    assert "(column" in line


def test_checks_beyond_the_schema_are_reported_together(tmp_path: Path) -> None:
    """Unknown profiles, ie-only mode, repeated URLs and escaping paths are reported together."""
    text = (
        MINIMAL + '[machine]\nprofiles = ["offce"]\nreg_files = ["../x.reg"]\n'
        '[browser]\nmode = "desktop"\n'
        '[[web]]\nurl = "https://a.test/"\n[[web]]\nurl = "https://a.test/"\n'
    )
    lines = _problems(text, tmp_path)
    assert len(lines) == 4
    assert "machine.profiles[0]: expected one of office, found 'offce'; did you mean" in lines[0]
    assert "machine.reg_files[0]: expected a path inside the scenario's folder" in lines[1]
    assert "browser.mode: expected no mode (it is for ie only)" in lines[2]
    assert "web[1].url: expected each URL once" in lines[3]


def test_machines_without_a_registry_refuse_registry_keys(tmp_path: Path) -> None:
    """macOS and Linux have no registry or C: drive: reg and C:\\ files are errors."""
    text = MINIMAL + "[machine]\nos = \"macos\"\nreg = 'x'\nfiles = { 'C:\\a.txt' = '' }\n"
    lines = _problems(text, tmp_path)
    assert [line.split(": ")[1] for line in lines] == ["machine.reg", 'machine.files."C:\\a.txt"']


def test_text_without_a_file_cannot_name_files() -> None:
    """Scenario text loaded without a base file cannot name files: nothing to confine them to."""
    with pytest.raises(ScenarioError, match="expected a scenario loaded from a file"):
        Scenario.from_toml(MINIMAL + '[[web]]\nurl = "u"\nbody_file = "b"\n')


def test_body_and_body_file_are_exclusive() -> None:
    """A resource gives its body inline or from a file, not both."""
    with pytest.raises(ScenarioError, match=(r"web\[0\]: expected one of body, body_file or "
                                             "folder, found body and body_file")):
        Scenario.from_toml(MINIMAL + '[[web]]\nurl = "u"\nbody = ""\nbody_file = "b"\n')


def test_committed_schema_is_current() -> None:
    """The shipped schema is what `invokesim schema` prints.

    Regenerate it with `invokesim schema > sim/scenario/scenario.schema.json`.
    """
    committed = Path(__file__).parent.parent / "sim" / "scenario" / "scenario.schema.json"
    assert json.loads(committed.read_text(encoding="utf-8")) == scenario_json_schema()


def test_schema_command_prints_the_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`invokesim schema` prints a Draft 2020-12 schema that forbids unknown keys."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False and schema["required"] == ["scenario"]


def test_run_reports_invalid_scenarios_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`run` validates every scenario found and exits 2 naming each bad key."""
    (tmp_path / "good.toml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.toml").write_text('[scenario]\ntitle = 1\n', encoding="utf-8")
    assert main(["run", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'bad.toml'}:2: scenario.title: expected a string, found 1 (integer)" in err
    assert "1 of 2 scenarios invalid" in err


def test_flags_and_policies_must_be_modelled_edge_ones(tmp_path: Path) -> None:
    """Unknown Edge policies get a suggestion; other browsers take no flags or policies."""
    lines = _problems(MINIMAL + '[browser]\npolicies = { ClickOnceEnable = 1 }\n', tmp_path)
    assert lines[0].endswith(
        "browser.policies.ClickOnceEnable: expected one of the modelled policies "
        "AutoOpenAllowedForURLs, AutoOpenFileTypes, ClickOnceEnabled, DirectInvokeEnabled, "
        "found 'ClickOnceEnable'; did you mean 'ClickOnceEnabled'?"
    )
    lines = _problems(MINIMAL + '[browser]\nname = "chrome"\nflags = { "edge-click-once" = '
                      '"enabled" }\n', tmp_path)
    assert "expected no flags (modelled for edge only)" in lines[0]


def test_clicked_url_must_be_served(tmp_path: Path) -> None:
    """A click on a URL no [[web]] entry serves is refused, listing what is served."""
    text = MINIMAL + '[[web]]\nurl = "https://a.test/x"\n[click]\nurl = "https://a.test/y"\n'
    (line,) = _problems(text, tmp_path)
    assert line.endswith(
        "click.url: expected a URL served by a [[web]] entry (https://a.test/x), "
        "found 'https://a.test/y'"
    )


def test_urls_compare_normalized_and_must_be_absolute(tmp_path: Path) -> None:
    """URLs differing only in case or default port are the same; relative URLs are refused."""
    text = (MINIMAL + '[[web]]\nurl = "https://A.test:443/x"\n[[web]]\nurl = "x.html"\n'
            '[click]\nurl = "https://a.test/x"\n')
    (line,) = _problems(text, tmp_path)
    assert "web[1].url: expected an absolute URL (scheme://host/path), found 'x.html'" in line


def test_answers_name_dialogs_and_their_buttons(tmp_path: Path) -> None:
    """An unknown dialog id or a button the dialog lacks is refused with a suggestion."""
    text = MINIMAL + '[answers]\n"edge.open_fil" = "open"\n"edge.open_file" = "save"\n'
    lines = _problems(text, tmp_path)
    assert "answers.\"edge.open_fil\": expected a dialog id" in lines[0]
    assert lines[0].endswith("did you mean 'edge.open_file'?")
    assert lines[1].endswith("answers.\"edge.open_file\": expected one of open, cancel, "
                             "found 'save'")
