"""Renderers: pure functions of a trace (and the scenario's story) to text, Markdown,
Mermaid and HTML, and of a matrix of traces to a table.

Rule: a renderer reads nothing but its arguments (no clock, no environment, no
files), so the same trace gives the same bytes; everything that comes from a
scenario is escaped for the output's syntax (:mod:`sim.render.escape`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
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

# format -> (module, function(trace, story) -> str). A renderer's module is imported when
# its format is first asked for: `invokesim run` prints text and need not load the HTML
# and Mermaid renderers (start-up time).
_RENDERERS: Final[dict[str, tuple[str, str]]] = {
    "text": ("sim.render.plain", "text_page"),
    "json": ("sim.render.plain", "json_page"),
    "markdown": ("sim.render.markdown", "render_markdown"),
    "mermaid": ("sim.render.mermaid", "render_mermaid"),
    "html": ("sim.render.html", "render_html"),
}
FORMATS: Final = tuple(_RENDERERS)
EXTENSIONS: Final = {"text": ".txt", "json": ".json", "markdown": ".md", "mermaid": ".mmd",
                     "html": ".html"}
# The names this package re-exports, and the module each lives in.
_EXPORTS: Final = {"render_html": "sim.render.html", "render_markdown": "sim.render.markdown",
                   "render_mermaid": "sim.render.mermaid", "render_text": "sim.render.text",
                   "Story": "sim.render.story"}


def render(trace: Trace, fmt: str, story: Story | None = None) -> str:
    """Render ``trace`` in ``fmt`` (one of :data:`FORMATS`)."""
    module, function = _RENDERERS[fmt]
    renderer = getattr(importlib.import_module(module), function)
    out: str = renderer(trace, story)
    return out


def __getattr__(name: str) -> Any:
    """The re-exported renderers, imported on first use."""
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sim.render' has no attribute {name!r}")
