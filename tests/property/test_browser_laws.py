"""Laws the browser documents imply (edge-co-di), over drawn scenarios.

Each law is stated on what stays stable while the handler models grow: the route,
the dialogs shown and the argv of the processes started.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sim.engine import simulate
from sim.engine.trace import Trace
from sim.models.browsers.edge_features import AUTO_OPEN_SKIPS_PROMPT_SINCE, POLICIES_SINCE
from sim.models.browsers.url_filter import matches_any
from sim.scenario import Scenario
from sim.scenario.dump import scenario_toml
from sim.scenario.schema import ScenarioFile
from sim.strategies import (
    content_dispositions,
    edge_policies,
    response_headers,
    scenario_files,
    scenarios,
)

pytestmark = pytest.mark.property

_LOCAL_PATH = re.compile(r"^[A-Za-z]:\\")
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _run(file: ScenarioFile, **browser: Any) -> tuple[Scenario, Trace]:
    """Simulate ``file`` with ``browser`` keys replaced, loaded again from its TOML."""
    if browser:
        file = file.model_copy(update={"browser": file.browser.model_copy(update=browser)})
    scenario = Scenario.from_toml(scenario_toml(file))
    return scenario, simulate(scenario)


def _version(file: ScenarioFile) -> int:
    return int(file.browser.version) if file.browser.version is not None else 158


def _off(value: int) -> bool | int:
    return bool(value) if value else 0


_attachment = content_dispositions().filter(lambda v: v.lower().startswith("attachment"))


@given(scenario_files(browsers=["ie"], headers=st.builds(
    lambda headers, disposition: headers | {"Content-Disposition": disposition},
    response_headers(), _attachment)))
def test_attachment_never_direct_invokes_in_ie(file: ScenarioFile) -> None:
    """IE downloads a response with Content-Disposition: attachment; it never hands the URL
    over (ie-directinvoke: attachment wins over X-MS-InvokeApp)."""
    _scenario, trace = _run(file)
    assert trace.route != "direct-invoke"
    assert all(file.click is None or file.click.url not in launch.argv
               for launch in trace.launches)


@given(scenario_files(browsers=["edge", "chrome", "firefox"], os=["macos", "linux"]))
def test_no_direct_invoke_or_clickonce_by_url_off_windows(file: ScenarioFile) -> None:
    """Off Windows nothing hands a URL to a program: no DirectInvoke, no ClickOnce, no launch
    (docs/scenarios.md: macos and linux have no registry; edge-relnotes)."""
    _scenario, trace = _run(file)
    assert trace.route not in ("direct-invoke", "mime-handler", "extension")
    assert not trace.launches


_direct_invoke_headers = st.fixed_dictionaries(
    {"Content-Type": st.sampled_from([_DOCX, "application/x-fuzzle"]),
     "X-MS-InvokeApp": st.sampled_from(["1", "1; RequireReadOnly"])})


@given(scenario_files(browsers=["edge"], os=["windows-10", "windows-11"],
                      headers=_direct_invoke_headers), st.sampled_from([0, False]))
def test_directinvoke_enabled_0_never_direct_invokes(file: ScenarioFile, off: int) -> None:
    """DirectInvokeEnabled=0 (Edge 78+) saves a DirectInvoke response instead of handing its
    URL over (edge_features Rule 2; Edge policy reference)."""
    assume(_version(file) >= POLICIES_SINCE)
    assume(not file.web[0].url.split("?", 1)[0].endswith(".application"))  # ClickOnce
    policies = dict(file.browser.policies) | {"DirectInvokeEnabled": off}
    _scenario, trace = _run(file, policies=policies, extensions=[])
    assert trace.route != "direct-invoke"
    assert all(file.web[0].url not in launch.argv for launch in trace.launches)


@given(scenario_files(browsers=["edge"], os=["windows-10", "windows-11"],
                      headers=response_headers(content_type="application/x-ms-application")),
       st.sampled_from([0, False]))
def test_clickonce_enabled_0_never_hands_an_application_url_to_dfshim_in_edge(
    file: ScenarioFile, off: int
) -> None:
    """ClickOnceEnabled=0 (Edge 78+) overrides the flag and the default: Edge never starts
    dfshim with the URL (edge_features Rule 1; Edge policy reference)."""
    assume(_version(file) >= POLICIES_SINCE)
    policies = dict(file.browser.policies) | {"ClickOnceEnabled": off}
    _scenario, trace = _run(file, policies=policies, extensions=[])
    for launch in trace.launches:
        assert not ("dfshim" in launch.command_line.lower() and file.web[0].url in launch.argv)


@given(scenario_files(browsers=["edge"], os=["windows-10", "windows-11"]), edge_policies())
def test_edge_never_starts_a_handler_by_url_without_open_file_or_auto_open(
    file: ScenarioFile, policies: dict[str, Any]
) -> None:
    """Edge hands a URL to a handler only after "Open this file?" or when an AutoOpenFileTypes
    policy applies (93+, managed, URL allowed) and SmartScreen is not unsafe (edge-relnotes)."""
    _scenario, trace = _run(file, policies=policies, extensions=[])
    if trace.route != "direct-invoke":
        return
    if "edge.open_file" in [d.id for d in trace.dialogs]:
        return
    allowed = policies.get("AutoOpenAllowedForURLs")
    assert file.machine.managed and _version(file) >= AUTO_OPEN_SKIPS_PROMPT_SINCE
    assert policies.get("AutoOpenFileTypes") and file.browser.smartscreen != "unsafe"
    assert not allowed or matches_any(allowed, file.web[0].url) is not None


@given(st.one_of(scenarios(), scenarios(browsers=["ie", "edge-legacy", "edge"],
                                         headers=_direct_invoke_headers)))
def test_a_handler_started_by_direct_invoke_gets_the_url_never_a_local_path(
    scenario: Scenario
) -> None:
    """A DirectInvoke launch whose verb takes URLs holds the URL in its argv and no local copy
    (lawrence-clickonce); a verb that does not gets the shell's cached copy, never
    a file in Downloads (win32-app-registration: ShellExecuteEx downloads it to a local file)."""
    trace = simulate(scenario)
    if trace.route != "direct-invoke" or not trace.launches:
        return
    url = scenario.file.web[0].url
    leaf = url.split("?", 1)[0].rsplit("/", 1)[-1]
    launch = trace.launches[-1]
    if launch.url is not None:
        assert url in launch.argv
        for argument in launch.argv[1:]:
            assert not (_LOCAL_PATH.match(argument) and argument.endswith("\\" + leaf)), argument
    else:
        assert url not in launch.argv
    assert not any("\\Downloads\\" in argument for argument in launch.argv)
