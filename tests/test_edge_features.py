"""Edge's ClickOnce and DirectInvoke gates and auto-open follow the documented versions."""

from __future__ import annotations

import pytest

from sim.models.browsers.edge_features import (
    EDGE_FEATURE_RULES,
    auto_open,
    clickonce_gate,
    directinvoke_gate,
)

URL = "https://apps.example.com/App.application"


@pytest.mark.parametrize(
    ("version", "flag", "policies", "enabled", "rule"),
    [
        (79, "default", {}, False, "edge.clickonce_default"),  # off by default before 87
        (86, "default", {}, False, "edge.clickonce_default"),
        (87, "default", {}, True, "edge.clickonce_default"),  # on by default from 87
        (79, "enabled", {}, True, "edge.clickonce_flag"),
        (87, "disabled", {}, False, "edge.clickonce_flag"),  # the flag can still disable it
        (80, "default", {"ClickOnceEnabled": 1}, True, "edge.clickonce_policy"),
        (90, "enabled", {"ClickOnceEnabled": 0}, False, "edge.clickonce_policy"),  # overrides
        (90, "disabled", {"ClickOnceEnabled": True}, True, "edge.clickonce_policy"),
        (77, "default", {"ClickOnceEnabled": 1}, False, "edge.clickonce_default"),  # pre-78
    ],
)
def test_clickonce_gate(
    version: int, flag: str, policies: dict[str, object], enabled: bool, rule: str
) -> None:
    """Policy over flag over the version's default decides ClickOnce."""
    gate = clickonce_gate(version, flag, policies)
    assert gate.enabled is enabled
    assert gate.steps[-1].rule == rule


def test_policy_before_78_is_reported_as_ignored() -> None:
    """A policy set on Edge 77 is ignored, and the trace says why."""
    gate = clickonce_gate(77, "default", {"ClickOnceEnabled": 1})
    assert gate.steps[0].rule == "edge.policy_unsupported"


@pytest.mark.parametrize(
    ("policies", "enabled"),
    [({}, True), ({"DirectInvokeEnabled": 1}, True), ({"DirectInvokeEnabled": False}, False)],
)
def test_directinvoke_gate(policies: dict[str, object], enabled: bool) -> None:
    """DirectInvoke is on unless DirectInvokeEnabled turns it off."""
    assert directinvoke_gate(90, policies).enabled is enabled


@pytest.mark.parametrize(
    ("version", "managed", "policies", "skip_prompt", "expected"),
    [
        (93, True, {"AutoOpenFileTypes": ["application"]}, True, True),
        (92, True, {"AutoOpenFileTypes": ["application"]}, True, False),  # prompt bypass: 93+
        (92, True, {"AutoOpenFileTypes": ["application"]}, False, True),  # downloads: 85+
        (84, True, {"AutoOpenFileTypes": ["application"]}, False, False),
        (93, False, {"AutoOpenFileTypes": ["application"]}, True, False),  # managed only
        (93, True, {"AutoOpenFileTypes": ["docx"]}, True, False),
        (93, True, {}, True, False),
        (93, True, {"AutoOpenFileTypes": ["application"],
                    "AutoOpenAllowedForURLs": ["example.com"]}, True, True),
        (93, True, {"AutoOpenFileTypes": ["application"],
                    "AutoOpenAllowedForURLs": [".example.com"]}, True, False),  # exact host
    ],
)
def test_auto_open(
    version: int, managed: bool, policies: dict[str, object], skip_prompt: bool, expected: bool
) -> None:
    """AutoOpenFileTypes applies on managed devices, from its version, to allowed URLs."""
    gate = auto_open(version, managed=managed, policies=policies, extension=".application",
                     url=URL, skip_prompt=skip_prompt)
    assert gate.enabled is expected


def test_every_step_names_a_known_rule_with_a_source() -> None:
    """Each rule a gate can fire is in the table, with a source."""
    steps = [
        *clickonce_gate(77, "default", {"ClickOnceEnabled": 1}).steps,
        *clickonce_gate(90, "enabled", {}).steps,
        *directinvoke_gate(90, {"DirectInvokeEnabled": 0}).steps,
        *auto_open(93, managed=True, policies={"AutoOpenFileTypes": ["application"]},
                   extension="application", url=URL, skip_prompt=True).steps,
    ]
    assert steps and all(EDGE_FEATURE_RULES[s.rule].source for s in steps)
