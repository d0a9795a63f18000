"""The engine's own rules: failed fetches, machine building errors, and [expect] mismatches."""

from __future__ import annotations

import pytest

from sim.engine import simulate
from sim.engine.trace import Trace
from sim.errors import ScenarioError
from sim.scenario import Scenario

APP = "https://a.test/App.application"
BASE = f"""[scenario]
title = "t"
[browser]
name = "chrome"
[[web]]
url = "{APP}"
headers = {{ "Content-Type" = "application/x-ms-application" }}
body = "x"
[click]
url = "{APP}"
"""


def _trace(extra: str = "", base: str = BASE) -> Trace:
    return simulate(Scenario.from_toml(base + extra))


def test_a_redirect_loop_fails_before_any_route() -> None:
    """A request that never gets an answer (a redirect loop) fails with no route taken."""
    loop = """[scenario]
title = "t"
[[web]]
url = "https://a.test/x"
status = 302
headers = { Location = "/x" }
[click]
url = "https://a.test/x"
"""
    trace = _trace(base=loop)
    assert (trace.route, trace.outcome, trace.error) == ("none", "failed", "Too many redirects")


def test_a_bad_windows_file_name_is_a_scenario_error() -> None:
    """machine.files with a name Windows refuses is reported at its key, not a crash."""
    with pytest.raises(ScenarioError, match=r'machine\.files\."C:\\CON": .*reserved device name'):
        _trace("[machine]\nfiles = { 'C:\\CON' = '' }\n")


def test_every_expect_key_reports_its_mismatch() -> None:
    """Each [expect] key that differs is a mismatch naming what was expected and found."""
    trace = _trace("""[expect]
route = "render"
outcome = "saved"
dialogs = ["edge.download"]
launch.image = 'C:\\x.exe'
launch.argv = ['x']
error = "boom"
""")
    assert not trace.expect.passed
    keys = [m.split(":", 1)[0] for m in trace.expect.mismatches]
    assert keys == ["route", "outcome", "dialogs", "launch.image", "launch.argv", "error"]


def test_an_expected_launch_that_did_not_happen() -> None:
    """Expecting a launch when the user saved the file is one mismatch."""
    trace = _trace('[answers]\n"chrome.download" = "save"\n[expect]\nlaunch.argv = ["x"]\n')
    assert trace.outcome == "saved"
    assert trace.expect.mismatches == ("launch: expected a launch, found none",)


def test_image_compares_case_insensitively() -> None:
    """Windows paths are case-insensitive, so the expected image is too."""
    trace = _trace("[expect]\nlaunch.image = 'c:\\windows\\system32\\RUNDLL32.EXE'\n")
    assert trace.expect.passed, trace.expect.mismatches
