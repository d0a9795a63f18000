"""Every Mermaid flowchart the gallery produces parses and renders in Mermaid itself.

Mermaid (the npm package, `make mermaid`) runs in headless Chromium (`make chromium`):
``mermaid.parse`` then ``mermaid.render`` for each scenario's ``--format mermaid``
output, which is also the Mermaid block of its Markdown page.
"""

from __future__ import annotations

import json
from pathlib import Path

from headless import ROOT, need_mermaid, run_page

from sim.engine import simulate
from sim.render import Story, render_markdown, render_mermaid
from sim.scenario import Scenario, load_scenario

_PAGE = """<!DOCTYPE html><meta charset="utf-8"><body><pre id="invokesim-out"></pre>
<script src="{mermaid}"></script>
<script>
const diagrams = {diagrams};
mermaid.initialize({{startOnLoad: false, securityLevel: "strict"}});
(async () => {{
  const results = [];
  for (let i = 0; i < diagrams.length; i++) {{
    try {{
      await mermaid.parse(diagrams[i]);
      const {{svg}} = await mermaid.render("d" + i, diagrams[i]);
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      results.push({{ok: true, nodes: doc.querySelectorAll("g.node").length,
                     edges: doc.querySelectorAll("path.flowchart-link").length}});
    }} catch (e) {{
      results.push({{ok: false, error: String((e && e.message) || e)}});
    }}
  }}
  document.getElementById("invokesim-out").textContent = JSON.stringify(results);
}})();
</script>"""


def _gallery() -> list[Path]:
    return [*sorted((ROOT / "scenarios").rglob("*.toml")), ROOT / "docs/tutorial/first.toml"]


def _markdown_mermaid(page: str) -> str:
    """The body of the Markdown page's ```mermaid block."""
    start = page.index("```mermaid\n") + len("```mermaid\n")
    return page[start:page.index("\n```", start) + 1]


def test_every_gallery_diagram_renders_in_mermaid(tmp_path: Path) -> None:
    """Mermaid parses and renders every flowchart (the Markdown page embeds the same one)."""
    mermaid = need_mermaid()
    names, diagrams = [], []
    for path in _gallery():
        scenario = load_scenario(path)
        trace = simulate(scenario)
        story = Story.from_scenario(scenario)
        source = render_mermaid(trace, story)
        assert _markdown_mermaid(render_markdown(trace, story)) == source, path
        names.append(path.name)
        diagrams.append(source)
    # A title holding Mermaid's own syntax stays a label (escaped), and still parses.
    hostile = Scenario.from_toml(
        '[scenario]\ntitle = \'click end "x" [y] (z) {w} <b>|c|; #9; `t` --> & %% style\'\n'
        '[click]\nurl = "https://example.test/a.application"\n'
        '[[web]]\nurl = "https://example.test/a.application"\nstatus = 404\n',
        source="hostile.toml")
    names.append("hostile.toml")
    diagrams.append(render_mermaid(simulate(hostile), Story.from_scenario(hostile)))
    page = tmp_path / "mermaid.html"
    page.write_text(_PAGE.format(mermaid=mermaid.as_uri(), diagrams=json.dumps(diagrams)),
                    encoding="utf-8")
    results = run_page(page, tmp_path / "profile")
    assert len(results) == len(diagrams)
    failed = [f"{name}: {r['error']}" for name, r in zip(names, results, strict=True)
              if not r["ok"]]
    assert not failed, "\n".join(failed)
    for diagram, result in zip(diagrams, results, strict=True):
        declared = sum(1 for line in diagram.splitlines() if line.startswith("    n_")
                       and "[" in line and "-->" not in line)
        assert result["nodes"] == declared and result["edges"] > 0


def test_a_broken_diagram_is_reported(tmp_path: Path) -> None:
    """The check can fail: a node named `click` (a Mermaid keyword) is a parse error."""
    mermaid = need_mermaid()
    bad = 'flowchart TD\n    click["Click a link"]\n    click -->|"web link"| fetch\n'
    page = tmp_path / "bad.html"
    page.write_text(_PAGE.format(mermaid=mermaid.as_uri(), diagrams=json.dumps([bad])),
                    encoding="utf-8")
    [result] = run_page(page, tmp_path / "profile")
    assert result["ok"] is False and "Parse error" in result["error"]
