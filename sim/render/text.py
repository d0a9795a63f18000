"""Render a trace as readable text: what happened, each dialog as a box, each step."""

from __future__ import annotations

import textwrap

from sim.engine.trace import Trace
from sim.models.dialogs import Dialog

__all__ = ["dialog_box", "render_text"]

_WIDTH = 64


def dialog_box(dialog: Dialog) -> list[str]:
    """Draw a dialog: title bar, wrapped text, buttons with the answer marked."""
    inner = _WIDTH - 4
    lines = [f"+{'-' * (_WIDTH - 2)}+", f"| {dialog.title[:inner]:<{inner}} |",
             f"+{'-' * (_WIDTH - 2)}+"]
    rows = [row for part in dialog.text.split("\n") for row in textwrap.wrap(part, inner) or [""]]
    lines += [f"| {row:<{inner}} |" for row in rows]
    buttons = "  ".join(f"[*{b}*]" if b == dialog.answer else f"[ {b} ]"
                        for b in dialog.buttons)
    lines += [f"| {buttons:>{inner}} |", f"+{'-' * (_WIDTH - 2)}+"]
    return [f"    {line}" for line in lines]


def _error_summary(log: str) -> list[str]:
    """The ERROR SUMMARY section of a ClickOnce log."""
    lines = log.splitlines()
    if "ERROR SUMMARY" not in lines:
        return []
    start = lines.index("ERROR SUMMARY") + 1
    end = lines.index("", start) if "" in lines[start:] else len(lines)
    return lines[start:end]


def render_text(trace: Trace) -> str:
    """The trace as text: header, result, dialogs, launches, error, steps, expectations."""
    out = [f"== {trace.scenario}: {trace.title}",
           f"   route: {trace.route}    outcome: {trace.outcome}"]
    for dialog in trace.dialogs:
        out.append(f"   dialog {dialog.id} (answer: {dialog.answer})")
        out += dialog_box(dialog)
    for launch in trace.launches:
        out.append(f"   launched: {launch.command_line}")
    if trace.error:
        out.append(f"   error: {trace.error}")
    if trace.bytes:
        out.append("   bytes: " + ", ".join(f"{client} {count}" for client, count in trace.bytes))
    if trace.log and trace.error:
        out.append("   log (ERROR SUMMARY; --format json has the whole log):")
        out += [f"     {line.strip()}" for line in _error_summary(trace.log)]
    out.append("   steps:")
    for number, event in enumerate(trace.events, start=1):
        mark = " [inferred]" if event.inferred else ""
        out.append(f"    {number:>2}. {event.rule}: {event.detail}{mark}")
    if trace.expect.passed:
        out.append("   expect: passed")
    else:
        out.append("   expect: FAILED")
        out += [f"     - {m}" for m in trace.expect.mismatches]
    return "\n".join(out) + "\n"
