"""What a trace says besides its steps, as label/value rows every renderer shows alike.

Rule: the rows are the trace's route, outcome, each process started, the error,
and the bytes each client received, in that order, each only when the trace has
it. This is the one place a new trace field is added to the Markdown and HTML
pages: ``bytes`` (client name -> body bytes received, sorted by name).
"""

from __future__ import annotations

from collections.abc import Mapping

from sim.engine.trace import Trace
from sim.models.dialogs import DIALOGS

__all__ = ["BUTTON_LABELS", "button_label", "dialog_note", "summary_rows"]

BUTTON_LABELS: Mapping[str, str] = {
    "open": "Open", "cancel": "Cancel", "save": "Save", "install": "Install",
    "dont-install": "Don't Install", "ok": "OK", "details": "Details...",
}


def button_label(button: str) -> str:
    """A button as drawn (``dont-install`` -> ``Don't Install``, docs/scenarios.md)."""
    return BUTTON_LABELS.get(button, button.replace("-", " ").capitalize())


def summary_rows(trace: Trace) -> list[tuple[str, str]]:
    """The rule above: ``(label, value)`` rows, plain text (renderers escape them)."""
    rows: list[tuple[str, str]] = [("Route", trace.route), ("Outcome", trace.outcome)]
    rows += [("Started", launch.command_line) for launch in trace.launches]
    if trace.error:
        rows.append(("Error", trace.error))
    if trace.bytes:
        rows.append(("Bytes received", ", ".join(
            f"{client} {count:,}" for client, count in trace.bytes)))
    return rows


def dialog_note(dialog_id: str) -> tuple[bool, str, str | None]:
    """``(inferred, source, link)`` of a dialog from :data:`sim.models.dialogs.DIALOGS`.

    A dialog id the catalogue does not hold is drawn as written, with no source.
    """
    spec = DIALOGS.get(dialog_id)
    if spec is None:
        return False, "", None
    return spec.inferred, spec.source, spec.link
