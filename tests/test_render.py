"""The renderers: Markdown pages, Mermaid paths, HTML dialogs, escaping, determinism."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from sim.engine import RULES, simulate
from sim.engine.trace import Event, Trace
from sim.models.dialogs import DIALOGS, show
from sim.render import Story, render, render_html, render_markdown, render_mermaid
from sim.render.html import look_of
from sim.render.pipeline import EDGES, NODES, graph_for, node_of
from sim.render.summary import summary_rows
from sim.scenario import Scenario, load_scenario

ROOT = Path(__file__).resolve().parent.parent
IE_WORD = ROOT / "scenarios" / "ie" / "directinvoke-word.toml"
CHROME = ROOT / "scenarios" / "chrome" / "clickonce-downloaded.toml"
EDGE_UNSAFE = ROOT / "scenarios" / "edge" / "smartscreen-unsafe-two-popups.toml"
HOSTILE = '<script>alert(1)</script> | "a"] --> x; click #1 `b` *c* & [d](e)'


def traced(path: Path) -> tuple[Trace, Story]:
    scenario = load_scenario(path)
    return simulate(scenario), Story.from_scenario(scenario)


def taken_nodes(mermaid: str) -> set[str]:
    """The pipeline nodes the Mermaid source puts in class ``taken`` (ids are ``n_<node>``)."""
    line = next(x for x in mermaid.splitlines() if x.strip().endswith(" taken")
                and x.strip().startswith("class "))
    return {node.removeprefix("n_") for node in line.split()[1].split(",")}


def test_markdown_page_tells_the_story_dialogs_and_sources() -> None:
    """The Markdown page has the title, each dialog's text and answer, and every rule's source."""
    trace, story = traced(EDGE_UNSAFE)
    page = render_markdown(trace, story)
    assert page.startswith("# SmartScreen flags the site")
    for dialog in trace.dialogs:
        assert dialog.title in page
        assert dialog.text[:40] in page
    assert "[*open*]" in page
    for event in trace.events:
        assert f"`{event.rule}`" in page
    assert "edge-learn-more-co-di" in page
    assert "```mermaid" in page


def test_markdown_marks_inferred_dialog_wording() -> None:
    """IE's prompt wording is not documented, so its dialog carries the inferred mark."""
    trace, story = traced(IE_WORD)
    page = render_markdown(trace, story)
    assert "`ie.open_file`, answered **open** *[inferred wording]*" in page


def test_mermaid_lights_the_direct_invoke_path_for_ie() -> None:
    """IE's DirectInvoke of a .docx lights the header gate, the prompt and ShellExecute only."""
    trace, story = traced(IE_WORD)
    source = render_mermaid(trace, story)
    assert source.splitlines()[1] == "flowchart TD"
    taken = taken_nodes(source)
    assert {"click", "fetch", "invokeapp", "prompt", "route_direct_invoke", "shellexec",
            "handler", "outcome_launched"} <= taken
    assert not {"download_ui", "route_download", "saved"} & taken
    assert 'n_prompt["Open or Cancel prompt #40;no Save#41;"]' in source
    assert "linkStyle " in source


def test_mermaid_lights_the_download_path_for_chrome() -> None:
    """Chrome's ClickOnce click lights no native support, the download UI and the open by path."""
    trace, story = traced(CHROME)
    source = render_mermaid(trace, story)
    taken = taken_nodes(source)
    assert {"no_native", "download_ui", "route_download", "saved", "open_download"} <= taken
    assert not {"prompt", "route_direct_invoke", "invokeapp"} & taken
    assert "co_gate" not in source  # Chrome's graph has no Edge gates


def test_every_rule_lands_on_a_node_and_unknown_ones_do_not_crash() -> None:
    """Each rule of RULES maps to a pipeline node; handler-model prefixes map to the handler."""
    assert [r for r in RULES if node_of(r) is None] == []
    assert node_of("dfshim.security_warning_shown") == "handler"
    assert node_of("clickonce.zone_mismatch") == "handler"
    assert node_of("no.such_rule") is None
    trace, story = traced(IE_WORD)
    odd = replace(trace, events=(*trace.events, Event(rule="no.such_rule", detail="x",
                                                       source="")))
    assert taken_nodes(render_mermaid(odd, story)) == taken_nodes(render_mermaid(trace, story))


def test_pipeline_edges_all_go_forward() -> None:
    """NODES is in pipeline order: every edge goes from an earlier node to a later one."""
    order = list(NODES)
    assert all(order.index(a) < order.index(b) for a, b, _label in EDGES)


def test_path_is_joined_through_gates_that_said_no() -> None:
    """Between two path nodes the graph lights the way through the gates passed without a step."""
    trace, _story = traced(IE_WORD)
    graph = graph_for(trace, "ie")
    assert {"render", "attachment"} <= graph.passed
    lit = {(graph.edges[i][0], graph.edges[i][1]) for i in graph.lit}
    assert ("prompt", "route_direct_invoke") in lit and ("fetch", "headers") in lit


def test_html_draws_each_dialog_with_its_text_and_answer() -> None:
    """The HTML page holds each dialog's title and text, in its look, with the answer pressed."""
    trace, story = traced(EDGE_UNSAFE)
    page = render_html(trace, story)
    assert page.count('class="dlg edge-flyout') == 2
    assert "This file may be unsafe" in page and "Report file as safe" in page
    assert "Do you want to open App.application from apps.example.test?" in page
    pressed = re.findall(r'aria-pressed="true" data-button="(\w+)"', page)
    assert pressed == ["open", "open", "install"]  # then dfshim's trust prompt
    assert 'class="btn primary" role="button" aria-pressed="false" data-button="cancel"' in page


def test_html_is_self_contained() -> None:
    """No script, no stylesheet link, no image or frame source: the page needs nothing else."""
    for path in (IE_WORD, CHROME, EDGE_UNSAFE):
        page = render_html(*traced(path))
        assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|@import|url\(", page)


def test_every_catalogued_dialog_has_its_own_look() -> None:
    """Every dialog id of sim.models.dialogs is drawn in its family's look, not the plain window."""
    looks = {dialog_id: look_of(dialog_id) for dialog_id in DIALOGS}
    assert "window" not in looks.values()
    assert looks["ie.download"] == "ie-bar" and looks["chrome.download"] == "chrome-shelf"
    assert looks["edge-legacy.open_file"] == "legacy-bar"
    assert looks["firefox.external_protocol"] == "protocol"
    assert look_of("newbrowser.thing") == "window"


def test_html_draws_dfshim_dialogs_with_their_documented_texts() -> None:
    """dfshim's security warning and Cannot Start Application show their texts and buttons."""
    trace, story = traced(CHROME)
    dialogs = (show("dfshim.security_warning", {}, lead="Publisher cannot be verified. ",
                    name="Contoso App", host="apps.example.test",
                    publisher="Unknown Publisher"),
               show("dfshim.cannot_start", {}))
    page = render_html(replace(trace, dialogs=dialogs), story)
    assert "Application Install - Security Warning" in page and "Unknown Publisher" in page
    assert "Publisher cannot be verified. Are you sure you want to install this application?" \
        in page
    assert "Cannot Start Application" in page
    assert "Application cannot be started.  Contact the application vendor." in page
    assert ">Don&#x27;t Install</span>" in page and ">Details...</span>" in page
    assert re.findall(r'aria-pressed="true" data-button="(\w+)"', page) == ["install", "ok"]


def test_inferred_wording_badge_only_where_undocumented() -> None:
    """IE's prompt carries the inferred badge; Edge's documented flyouts do not."""
    assert "inferred wording" in render_html(*traced(IE_WORD))
    assert "inferred wording" not in render_html(*traced(EDGE_UNSAFE))


def hostile_trace() -> tuple[Trace, Story]:
    text = IE_WORD.read_text(encoding="utf-8").replace(
        'title = "IE11 asks Open or Cancel, then hands the .docx URL to Word"',
        f"title = '{HOSTILE}'\ndescription = '<img src=x onerror=alert(1)> **bold**'")
    scenario = Scenario.from_toml(text, source="hostile.toml")
    trace = simulate(scenario)
    trace = replace(trace, error=HOSTILE, events=(*trace.events, Event(
        rule="x.y", detail=HOSTILE, source=HOSTILE)))
    return trace, Story.from_scenario(scenario)


def test_hostile_titles_are_escaped_in_html() -> None:
    """A title, description or detail holding markup is shown as text in the HTML page."""
    page = render_html(*hostile_trace())
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_hostile_titles_are_escaped_in_markdown() -> None:
    """In Markdown the title cannot open HTML, and a pipe cannot end a table cell."""
    page = render_markdown(*hostile_trace())
    assert not re.search(r"(?<!\\)<(script|img)", page)  # only as \<, which is text
    assert page.splitlines()[0].startswith(r"# \<script\>alert(1)\</script\> \| ")
    for row in (line for line in page.splitlines() if line.startswith("| ")):
        if "x.y" in row:  # the hostile event's row keeps its 4 columns
            assert len(re.findall(r"(?<!\\)\|", row)) == 5


def test_hostile_titles_are_escaped_in_mermaid() -> None:
    """In Mermaid every label stays one quoted string: no raw quote, bracket or arrow leaks."""
    source = render_mermaid(*hostile_trace())
    click = next(line for line in source.splitlines() if line.strip().startswith("n_click["))
    label = click.strip()[len('n_click["'):-2]
    assert not set(label) & set('"[]<>|`')
    assert re.sub(r"#\d+;", "", label).count(";") == 0  # every ; ends an entity code
    assert "#60;script#62;" in label
    assert source.splitlines()[0].startswith("%% #60;script#62;")


def test_renderers_are_deterministic() -> None:
    """The same trace renders to the same bytes in every format."""
    trace, story = traced(EDGE_UNSAFE)
    for fmt in ("text", "json", "markdown", "mermaid", "html"):
        assert render(trace, fmt, story) == render(trace, fmt, story)


def test_bytes_received_appear_once_the_trace_has_them() -> None:
    """The handler models' per-client bytes are one more summary row, in Markdown and HTML."""
    trace, story = traced(IE_WORD)
    assert all(label != "Bytes received" for label, _value in summary_rows(
        replace(trace, bytes=())))
    counted = replace(trace, bytes=(("browser", 1234), ("dfshim", 567)))
    assert ("Bytes received", "browser 1,234, dfshim 567") in summary_rows(counted)
    assert "browser 1,234, dfshim 567" in render_html(counted, story)
    assert "browser 1,234, dfshim 567" in render_markdown(counted, story)


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios").rglob("*.toml")),
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_gallery_scenario_renders_its_dialog_texts(path: Path) -> None:
    """Every gallery scenario renders in each format; its HTML shows each line of each dialog."""
    trace, story = traced(path)
    page = render_html(trace, story)
    for dialog in trace.dialogs:
        for line in dialog.text.splitlines():  # a field line is drawn as its label and value
            for part in line.split(": ") if dialog.id == "dfshim.security_warning" else [line]:
                assert f">{part.replace(chr(39), '&#x27;')}" in page, part
    assert render_mermaid(trace, story).count("class ") >= 1
