"""The browsers modelled: their versions and decision functions, in one table.

Versions (docs/scenarios.md: every major version from the first to the newest
release; a version between two documented changes behaves as the earlier one):
- ``ie``: 10 and 11 (DirectInvoke arrived with IE10 on Windows 8, ie-directinvoke);
- ``edge-legacy``: EdgeHTML 12 to 18 (lawrence-clickonce);
- ``edge``: 77 (the first with ClickOnce, behind a flag, lawrence-clickonce) to 158 [inf:
  the newest major the policy reference lists, "Windows: >= 158"];
- ``chrome`` and ``firefox``: any major version; no version changes what they do
  here (no native support, edge-co-di, lawrence-clickonce).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from sim.models.browsers.chromium import decide_chrome, decide_edge
from sim.models.browsers.common import Plan, Response, Session
from sim.models.browsers.firefox import decide_firefox
from sim.models.browsers.trident import decide_edge_legacy, decide_ie

__all__ = ["BROWSERS", "BrowserModel", "resolve_version"]

Decide = Callable[[Session, Response], Plan]


@dataclass(frozen=True, slots=True, kw_only=True)
class BrowserModel:
    """A browser: its decision function and the major versions it accepts."""

    name: str
    decide: Decide
    first: int
    newest: int | None  # None: no upper bound (behaviour does not depend on it)
    default: int


BROWSERS: Final = {
    model.name: model
    for model in (
        BrowserModel(name="ie", decide=decide_ie, first=10, newest=11, default=11),
        BrowserModel(name="edge-legacy", decide=decide_edge_legacy, first=12, newest=18,
                     default=18),
        BrowserModel(name="edge", decide=decide_edge, first=77, newest=158, default=158),
        BrowserModel(name="chrome", decide=decide_chrome, first=1, newest=None, default=158),
        BrowserModel(name="firefox", decide=decide_firefox, first=1, newest=None, default=150),
    )
}


def resolve_version(name: str, version: str | None) -> int | str:
    """The major version as an int, or an error message saying what is modelled."""
    model = BROWSERS[name]
    if version is None:
        return model.default
    text = version.strip()
    major = text.split(".", 1)[0]
    if not major.isdigit():
        return f"expected a major version number such as {model.default}, found {version!r}"
    number = int(major)
    top = model.newest
    if number < model.first or (top is not None and number > top):
        span = f"{model.first} to {top}" if top is not None else f"{model.first} or later"
        return f"expected a {name} version from {span}, found {version!r}"
    return number
