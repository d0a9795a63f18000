"""Render a trace as a Markdown page: the story, the outcome, the dialogs, the decision trace.

Rules:
1. A page is the scenario's title (a level-1 heading), its description (Markdown,
   raw HTML escaped), the browser and machine, the outcome rows
   (:func:`sim.render.summary.summary_rows`), each dialog drawn as a text box in a
   code block with the answered button marked and ``[inferred]`` where its wording
   is not documented, the path through the pipeline as a Mermaid flowchart, then
   every step in a table: rule id, what it found, the rule's sources (title, where,
   link; :mod:`sim.render.cite`), inferred.
2. The scenario's sources and tags close the page; each source is its title and link.
3. Everything from the scenario or the trace is escaped for Markdown
   (:mod:`sim.render.escape`): headings and cells cannot open markup or end a cell.
"""

from __future__ import annotations

from sim.engine.trace import Trace
from sim.render.cite import cite_markdown, entry_markdown
from sim.render.escape import code_fence, md_cell, md_inline, md_prose
from sim.render.mermaid import render_mermaid
from sim.render.story import Story
from sim.render.summary import dialog_note, summary_rows
from sim.render.text import dialog_box

__all__ = ["render_markdown", "source_link"]


def source_link(source: str) -> str:
    """A source as Markdown: a URL as a link (``[url](<url>)``), else escaped text."""
    if source.startswith(("https://", "http://")) and not any(c in source for c in " <>|`\\"):
        return f"[{md_inline(source)}](<{source}>)"
    return md_inline(source)


def render_markdown(trace: Trace, story: Story | None = None, *, heading: int = 1,
                    mermaid: bool = True) -> str:
    """Rules 1-3: the Markdown page of ``trace``; ``heading`` is the title's level."""
    story = Story.of(trace, story)
    h = "#" * heading
    out = [f"{h} {md_inline(story.title)}", ""]
    if story.description.strip():
        out += [md_prose(story.description.strip()), ""]
    setup = [(label, value) for label, value in (
        ("Scenario", story.name), ("Browser", story.browser), ("Machine", story.machine))
        if value]
    out += ["| | |", "| --- | --- |"]
    out += [f"| {label} | {md_cell(value)} |" for label, value in setup + summary_rows(trace)]
    expect = "passed" if trace.expect.passed else "FAILED: " + "; ".join(
        trace.expect.mismatches)
    out += [f"| Expect | {md_cell(expect)} |", ""]
    out += [f"{h}# Dialogs", ""]
    if not trace.dialogs:
        out += ["No dialog is shown.", ""]
    for dialog in trace.dialogs:
        inferred, source, _link = dialog_note(dialog.id)
        mark = " *[inferred wording]*" if inferred else ""
        out += [f"`{dialog.id}`, answered **{md_inline(dialog.answer)}**{mark}", ""]
        out.append(code_fence("\n".join(line[4:] for line in dialog_box(dialog)), "text"))
        if source:
            out += [f"Source: {cite_markdown(source)}", ""]
    if mermaid:
        out += [f"{h}# Path through the pipeline", ""]
        out.append(code_fence(render_mermaid(trace, story), "mermaid"))
    out += [f"{h}# Decision trace", "", "| # | rule | what it found | source |",
            "| --- | --- | --- | --- |"]
    for number, event in enumerate(trace.events, start=1):
        mark = " *(inferred)*" if event.inferred else ""
        out.append(f"| {number} | `{event.rule}` | {md_cell(event.detail)} | "
                   f"{cite_markdown(event.source)}{mark} |")
    out.append("")
    if story.sources or story.tags:
        out += [f"{h}# Sources", ""]
        out += [f"- {entry_markdown(s)}" for s in story.sources]
        if story.tags:
            out += ["", "Tags: " + ", ".join(md_inline(t) for t in story.tags)]
        out.append("")
    return "\n".join(out)
