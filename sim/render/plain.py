"""The text and JSON pages of a trace, in the renderers' ``(trace, story)`` form."""

from __future__ import annotations

from sim.engine.trace import Trace
from sim.render.story import Story
from sim.render.text import render_text

__all__ = ["json_page", "text_page"]


def text_page(trace: Trace, story: Story | None = None) -> str:
    """The text trace (the story is not shown in text)."""
    del story
    return render_text(trace)


def json_page(trace: Trace, story: Story | None = None) -> str:
    """The trace's JSON line (``docs/cli.md``), newline-terminated."""
    del story
    return trace.to_json_line() + "\n"
