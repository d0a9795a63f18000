"""What a rendered page tells besides the trace: the scenario's own words and set-up.

Rule: renderers take a :class:`Story` built from the scenario (its ``[scenario]``
title, description (Markdown), sources and tags, and a one-line summary of the
browser and machine, docs/scenarios.md); without one, the trace's title is the
whole story.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine.trace import Trace
from sim.scenario import Scenario

__all__ = ["Story", "browser_label", "guess_browser"]

_BROWSER_NAMES = {"ie": "Internet Explorer", "edge-legacy": "Edge Legacy", "edge": "Edge",
                  "chrome": "Chrome", "firefox": "Firefox"}


def browser_label(name: str, version: str | None) -> str:
    """``Edge 87``, ``Internet Explorer 11``; the name alone without a version."""
    label = _BROWSER_NAMES.get(name, name)
    return f"{label} {version}" if version else label


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """The scenario's title, description, sources, tags and set-up, as rendered."""

    title: str
    name: str = ""
    description: str = ""
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    browser: str = ""
    browser_name: str = ""
    machine: str = ""

    @classmethod
    def from_scenario(cls, scenario: Scenario, *, name: str | None = None) -> Story:
        """The story of ``scenario``; ``name`` replaces its file name when given."""
        spec = scenario.file
        browser = spec.browser
        label = browser_label(browser.name, browser.version)
        extras = [f"{k}={v}" for k, v in sorted(browser.flags.items())]
        extras += [f"{k}={v}" for k, v in sorted(browser.policies.items())]
        extras += list(browser.extensions)
        if browser.mode:
            extras.append(browser.mode)
        if browser.smartscreen != "clean":
            extras.append(f"SmartScreen {browser.smartscreen}")
        machine = spec.machine
        machine_parts = [machine.os, *machine.profiles]
        if machine.managed:
            machine_parts.append("managed")
        return cls(title=spec.scenario.title, name=name or scenario.source,
                   description=spec.scenario.description,
                   sources=tuple(spec.scenario.sources), tags=tuple(spec.scenario.tags),
                   browser=label + (f" ({', '.join(extras)})" if extras else ""),
                   browser_name=browser.name,
                   machine=", ".join(machine_parts))

    @classmethod
    def of(cls, trace: Trace, story: Story | None) -> Story:
        """``story``, or a story made of the trace's title and scenario name alone."""
        if story is not None:
            return story
        return cls(title=trace.title, name=trace.scenario, browser_name=guess_browser(trace))


# An event's rule prefix -> the browser whose model fired it.
_RULE_BROWSERS = (("ie.", "ie"), ("edge_legacy.", "edge-legacy"), ("edge.", "edge"),
                  ("chromium.", "chrome"), ("firefox.", "firefox"))


def guess_browser(trace: Trace) -> str:
    """The browser a trace comes from, when no story says: from its dialogs, else its rules.

    Dialog ids start with the browser's name (``sim.models.dialogs``); browser rules with the
    model's prefix. Without either, ``""`` (renderers then draw Edge's pipeline).
    """
    for dialog in trace.dialogs:
        name = dialog.id.split(".", 1)[0]
        if name in _BROWSER_NAMES:
            return name
    for event in trace.events:
        for prefix, name in _RULE_BROWSERS:
            if event.rule.startswith(prefix):
                return name
    return ""
