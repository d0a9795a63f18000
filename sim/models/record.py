"""The record of one simulation: every step taken and every dialog shown, in order.

Rule: there is one way to record what happened. Pure decisions (a feature gate, an
association lookup) return the :class:`~sim.core.rules.Step` s they took; the caller
adds them to the simulation's one :class:`Recorder`, which the browser model
(:class:`~sim.models.browsers.common.Session` is a recorder) and the handler models
(:class:`~sim.models.context.HandlerContext` holds the same recorder) write to. The
trace is read from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sim.core.rules import Step
from sim.models.dialogs import Dialog, show

__all__ = ["Recorder"]


@dataclass(slots=True, kw_only=True)
class Recorder:
    """Steps and dialogs in the order they happened; ``answers`` answers the dialogs."""

    answers: Mapping[str, str]
    steps: list[Step] = field(default_factory=list)
    dialogs: list[Dialog] = field(default_factory=list)

    def note(self, rule: str, detail: str) -> None:
        """Record that ``rule`` fired and what it found."""
        self.steps.append(Step(rule, detail))

    def add(self, *steps: Step) -> None:
        """Record the steps a pure decision returned."""
        self.steps.extend(steps)

    def show(self, dialog_id: str, fields: Mapping[str, str], *,
             without: tuple[str, ...] = ()) -> str:
        """Show ``dialog_id`` filled from ``fields``, record it, return the answer taken."""
        dialog = show(dialog_id, self.answers, without=without, **fields)
        self.dialogs.append(dialog)
        return dialog.answer
