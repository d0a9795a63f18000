"""Render a trace as a Mermaid flowchart: the browser family's pipeline, the path lit.

Rules (:mod:`sim.render.pipeline` holds the graph and the rule -> node table):
1. ``flowchart TD`` with every node and edge of the family's pipeline; branches
   not taken are drawn plainly.
2. The nodes on the trace's path get ``class taken`` (a ``classDef``), the gates
   passed through on the way ``class passed`` (dashed), and the edges of the way
   a thick ``linkStyle`` (:func:`sim.render.pipeline.graph_for`).
3. A first comment and the click node name the scenario; every label is quoted and
   entity-escaped (:func:`sim.render.escape.mermaid_label`), so a title holding
   Mermaid syntax is shown, not parsed.
4. Node ids are the pipeline's names prefixed ``n_``: a bare name such as ``click``
   or ``end`` is a keyword of Mermaid's flowchart grammar and would not parse
   (https://mermaid.js.org/syntax/flowchart.html, "interaction": ``click``). The
   output is checked by Mermaid itself in a browser (tests/test_mermaid_browser.py).
"""

from __future__ import annotations

from sim.engine.trace import Trace
from sim.render.escape import mermaid_label
from sim.render.pipeline import graph_for
from sim.render.story import Story

__all__ = ["node_id", "render_mermaid"]

TAKEN_STYLE = "fill:#fde68a,stroke:#b45309,stroke-width:3px,color:#111"
PASSED_STYLE = "fill:#fef9c3,stroke:#b45309,stroke-dasharray:4 3"
TAKEN_LINK = "stroke:#b45309,stroke-width:3px"


def node_id(node: str) -> str:
    """Rule 4: the Mermaid id of a pipeline node."""
    return "n_" + node


def render_mermaid(trace: Trace, story: Story | None = None) -> str:
    """Rules 1-4: the Mermaid source of ``trace``'s path through its browser's pipeline."""
    story = Story.of(trace, story)
    graph = graph_for(trace, story.browser_name)
    taken = set(graph.path)
    out = [f"%% {mermaid_label(story.title)[1:-1]}", "flowchart TD"]
    for node, label in graph.nodes:
        shown = f"{label}: {story.title}" if node == "click" else label
        out.append(f"    {node_id(node)}[{mermaid_label(shown)}]")
    for start, end, label in graph.edges:
        arrow = f"-->|{mermaid_label(label)}|" if label else "-->"
        out.append(f"    {node_id(start)} {arrow} {node_id(end)}")
    out.append(f"    classDef taken {TAKEN_STYLE}")
    out.append(f"    classDef passed {PASSED_STYLE}")
    for name, members in (("taken", taken), ("passed", graph.passed)):
        ordered = [n for n, _label in graph.nodes if n in members]
        if ordered:
            out.append(f"    class {','.join(map(node_id, ordered))} {name}")
    if graph.lit:
        out.append(f"    linkStyle {','.join(map(str, graph.lit))} {TAKEN_LINK}")
    return "\n".join(out) + "\n"

