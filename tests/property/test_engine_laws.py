"""Any valid scenario simulates: a contract route and outcome, deterministic, every step cited."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.engine import simulate
from sim.scenario import Scenario

pytestmark = pytest.mark.property

ROUTES = {"render", "download", "direct-invoke", "mime-handler", "protocol", "extension", "none"}
OUTCOMES = {"rendered", "saved", "launched", "failed", "cancelled", "blocked", "nothing"}
URL = "https://apps.example.test/deploy/"

_browsers = st.sampled_from([("ie", 10, 11), ("edge-legacy", 12, 18), ("edge", 77, 158),
                             ("chrome", 1, 158), ("firefox", 1, 150)])
_content_types = st.sampled_from(["application/x-ms-application", "text/xml", "text/html",
                                  "application/octet-stream", "application/pdf",
                                  "application/vnd.openxmlformats-officedocument."
                                  "wordprocessingml.document", ""])


@st.composite
def scenarios(draw: st.DrawFn) -> str:
    """A scenario text over the modelled choices."""
    name, first, last = draw(_browsers)
    version = draw(st.integers(first, last))
    systems = {"ie": ["windows-7", "windows-8", "windows-10"], "edge-legacy": ["windows-10"]}
    os = draw(st.sampled_from(systems.get(name, ["windows-7", "windows-10", "windows-11",
                                                  "macos"])))
    file = draw(st.sampled_from(["App.application", "Spec.docx", "report.zip", "page"]))
    headers = {"Content-Type": draw(_content_types)}
    if draw(st.booleans()):
        headers["X-MS-InvokeApp"] = draw(st.sampled_from(["1", "1; RequireReadOnly", "0"]))
    if draw(st.booleans()):
        headers["Content-Disposition"] = draw(st.sampled_from(["attachment", "inline"]))
    lines = ["[scenario]", 'title = "t"', "[machine]", f'os = "{os}"',
             f"managed = {str(draw(st.booleans())).lower()}"]
    if os != "macos" and draw(st.booleans()):
        lines.append('profiles = ["office"]')
    if draw(st.booleans()):
        lines.append('zones = { "apps.example.test" = "intranet" }')
    lines += ["[browser]", f'name = "{name}"', f"version = {version}",
              f'smartscreen = "{draw(st.sampled_from(["clean", "unsafe", "off"]))}"']
    if name == "ie":
        lines.append(f'mode = "{draw(st.sampled_from(["desktop", "immersive"]))}"')
    if name == "edge":
        flag = draw(st.sampled_from(["default", "enabled", "disabled"]))
        lines.append(f'flags = {{ "edge-click-once" = "{flag}" }}')
        enabled = draw(st.integers(0, 1))
        lines.append(f'policies = {{ ClickOnceEnabled = {enabled}, '
                     'AutoOpenFileTypes = ["application"] }')
    if name in ("chrome", "edge") and draw(st.booleans()):
        lines.append('extensions = ["windows-remix-clickonce"]')
    lines += ["[[web]]", f'url = "{URL}{file}"',
              "headers = " + json.dumps(headers).replace(":", " =").replace('" =', '" ='),
              'body = "x"', "[click]", f'url = "{URL}{file}"']
    answer = draw(st.sampled_from(["open", "cancel", "save", None]))
    if answer is not None:
        lines += ["[answers]", f'"{name}.download" = "{answer}"']
    return "\n".join(lines) + "\n"


@settings(max_examples=150)
@given(scenarios())
def test_any_valid_scenario_simulates(text: str) -> None:
    """A valid scenario gives a contract route and outcome, the same bytes twice, cited steps."""
    scenario = Scenario.from_toml(text)
    trace = simulate(scenario)
    assert trace.route in ROUTES and trace.outcome in OUTCOMES
    assert all(event.source for event in trace.events)
    assert simulate(scenario).to_json_line() == trace.to_json_line()
    if trace.outcome == "launched":
        assert trace.launches
