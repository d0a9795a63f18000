"""Renderers: pure functions of a trace (and the scenario's story) to text, Markdown,
Mermaid and HTML, and of a matrix of traces to a table.

Rule: a renderer reads nothing but its arguments (no clock, no environment, no
files), so the same trace gives the same bytes; everything that comes from a
scenario is escaped for the output's syntax (:mod:`sim.render.escape`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from sim.engine.trace import Trace
from sim.render.html import render_html
from sim.render.markdown import render_markdown
from sim.render.mermaid import render_mermaid
from sim.render.story import Story
from sim.render.text import render_text

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Story",
    "render",
    "render_html",
    "render_markdown",
    "render_mermaid",
    "render_text",
]


def _text(trace: Trace, story: Story | None) -> str:
    return render_text(trace)


def _json(trace: Trace, story: Story | None) -> str:
    return trace.to_json_line() + "\n"


_RENDERERS: Final[dict[str, Callable[[Trace, Story | None], str]]] = {
    "text": _text,
    "json": _json,
    "markdown": render_markdown,
    "mermaid": render_mermaid,
    "html": render_html,
}
FORMATS: Final = tuple(_RENDERERS)
EXTENSIONS: Final = {"text": ".txt", "json": ".json", "markdown": ".md", "mermaid": ".mmd",
                     "html": ".html"}


def render(trace: Trace, fmt: str, story: Story | None = None) -> str:
    """Render ``trace`` in ``fmt`` (one of :data:`FORMATS`)."""
    return _RENDERERS[fmt](trace, story)
