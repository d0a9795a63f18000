"""What a handler model gets (the machine, the web, the user's answers) and what it returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sim.core.outcomes import Outcome
from sim.models.record import Recorder
from sim.world.machine import Machine
from sim.world.web import Client, FetchResult, Web
from sim.world.zones import Zones

__all__ = ["HandlerContext", "HandlerResult", "HandlerSpec"]


@dataclass(frozen=True, slots=True, kw_only=True)
class HandlerSpec:
    """A document handler: the program it models and what its own fetch can do.

    ``url_limit`` is the longest URL it opens (None: no limit modelled); ``client`` is
    how it fetches (cookies, authentication schemes, TLS); ``cache`` holds the URLs
    already in its local document cache (normalised, :func:`sim.world.web.normalize_url`).
    """

    name: str
    title: str  # as messages name it: "Excel"
    image: str
    url_limit: int | None
    client: Client
    cache: frozenset[str] = frozenset()
    source: str = ""


@dataclass(slots=True, kw_only=True)
class HandlerContext:
    """One simulation's state as a handler sees it; it writes to the simulation's record."""

    machine: Machine
    web: Web
    record: Recorder
    zones: Zones
    installed: Mapping[str, str] = field(default_factory=dict)  # deployment URL -> version
    documents: Mapping[str, HandlerSpec] = field(default_factory=dict)  # image (lower) -> spec

    @property
    def answers(self) -> Mapping[str, str]:
        """The user's answers to dialogs."""
        return self.record.answers

    def note(self, rule: str, detail: str) -> None:
        """Record that ``rule`` fired (in the simulation's one record)."""
        self.record.note(rule, detail)

    def ask(self, dialog_id: str, **fields: str) -> str:
        """Show ``dialog_id`` filled from ``fields``; return the answer taken."""
        return self.record.show(dialog_id, fields)

    def fetch(self, url: str, client: Client) -> FetchResult:
        """Fetch ``url`` on the virtual web as ``client`` (its bytes are counted)."""
        return self.web.fetch(url, client)


@dataclass(frozen=True, slots=True, kw_only=True)
class HandlerResult:
    """How a handler's work ended: launched, failed, cancelled or blocked."""

    handler: str
    outcome: Outcome
    error: str | None = None
    log: str | None = None
