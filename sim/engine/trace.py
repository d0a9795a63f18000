"""A simulation's result: route, outcome, dialogs, launches, error and every step taken.

Rule (docs/scenarios.md, docs/cli.md): the trace is the documented JSON object
``{"scenario", "title", "route", "outcome", "dialogs", "launches", "error",
"events", "expect"}``, extended with ``bytes`` (body bytes received per client:
``browser``, ``dfshim``, ``shell``, a document handler's name) and ``log`` (the
handler's log, such as dfshim's ClickOnce log, or null); each event names the
rule that fired, what it found, and the rule's source, so a trace explains
itself. Same scenario, same bytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sim.core.outcomes import Outcome, Route
from sim.models.dialogs import Dialog
from sim.shell.execute import Launch
from sim.world.machine import Machine

__all__ = ["Event", "ExpectResult", "Trace"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One rule that fired: its id, what it found, and where the rule comes from."""

    rule: str
    detail: str
    source: str
    inferred: bool = False

    def to_json(self) -> dict[str, Any]:
        """The event as JSON: rule, detail, source, inferred."""
        return {"rule": self.rule, "detail": self.detail, "source": self.source,
                "inferred": self.inferred}


@dataclass(frozen=True, slots=True, kw_only=True)
class ExpectResult:
    """Whether the scenario's ``[expect]`` held, and each mismatch in words."""

    passed: bool
    mismatches: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Trace:
    """What happened when the user clicked."""

    scenario: str
    title: str
    route: Route
    outcome: Outcome
    dialogs: tuple[Dialog, ...] = ()
    launches: tuple[Launch, ...] = ()
    error: str | None = None
    events: tuple[Event, ...] = ()
    bytes: tuple[tuple[str, int], ...] = ()  # body bytes received per client, by name
    log: str | None = None  # the handler's log (dfshim's ClickOnce log)
    expect: ExpectResult = field(default_factory=lambda: ExpectResult(passed=True))
    # The machine after the click: its registry and disk as the handler left them (not
    # part of the JSON; sim.testing.patched runs your own code against it).
    machine: Machine | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The object ``invokesim run --format json`` prints (docs/scenarios.md)."""
        return {
            "scenario": self.scenario,
            "title": self.title,
            "route": self.route,
            "outcome": self.outcome,
            "dialogs": [d.to_json() for d in self.dialogs],
            "launches": [
                {"image": launch.image, "command_line": launch.command_line,
                 "argv": list(launch.argv), "verb": launch.verb}
                for launch in self.launches
            ],
            "error": self.error,
            "bytes": dict(self.bytes),
            "log": self.log,
            "events": [e.to_json() for e in self.events],
            "expect": {"passed": self.expect.passed, "mismatches": list(self.expect.mismatches)},
        }

    def to_json_line(self) -> str:
        """The JSON object on one line, keys in docs/scenarios.md order."""
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(", ", ": "))
