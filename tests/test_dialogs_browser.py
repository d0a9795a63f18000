"""Every dialog of the gallery's HTML reports is drawn whole in a real browser.

Headless Chromium lays out each report (`make chromium`); a probe script measures
every dialog: its buttons lie inside its box and inside the visible scene, no two
buttons overlap, each field of the text sits on its own line, and no ``{placeholder}``
is left in what the user reads.
"""

from __future__ import annotations

from pathlib import Path

from headless import ROOT, run_page, screenshot

from sim.engine import simulate
from sim.models.dialogs import DIALOGS, show
from sim.render import Story, render_html
from sim.render.html import CSS, dialog_html
from sim.scenario import load_scenario

# Appended to a copy of each report: the reports themselves carry no script.
_PROBE = """<pre id="invokesim-out"></pre><script>
const inside = (a, b) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 &&
                         a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;
const overlap = (a, b) => a.left < b.right && b.left < a.right &&
                          a.top < b.bottom && b.top < a.bottom;
const out = [];
for (const fig of document.querySelectorAll("figure.dialog")) {
  const box = fig.querySelector("[role=dialog]");
  const scene = fig.querySelector(".scene");
  const b = box.getBoundingClientRect(), s = scene.getBoundingClientRect();
  const buttons = [...box.querySelectorAll("[role=button]")].map(e => e.getBoundingClientRect());
  const lines = [...box.querySelectorAll("[data-line]")].map(e => e.getBoundingClientRect());
  out.push({
    id: fig.dataset.dialog, text: box.innerText,
    buttons: buttons.length,
    buttonsInside: buttons.every(r => inside(r, b)),
    boxInScene: inside(b, s),
    buttonsApart: buttons.every((r, i) => buttons.every((q, j) => i === j || !overlap(r, q))),
    linesApart: lines.every((r, i) => i === 0 || r.top >= lines[i - 1].bottom - 0.5),
    lines: lines.length,
    visible: b.width > 50 && b.height > 20,
  });
}
document.getElementById("invokesim-out").textContent = JSON.stringify(out);
</script>"""


def _reports(folder: Path) -> dict[str, Path]:
    """One report per dialog id of the gallery (the first scenario that shows it)."""
    pages: dict[str, Path] = {}
    for path in sorted((ROOT / "scenarios").rglob("*.toml")):
        scenario = load_scenario(path)
        trace = simulate(scenario)
        new = [d.id for d in trace.dialogs if d.id not in pages]
        if not new:
            continue
        page = folder / (f"{path.parent.name}--{path.stem}.html")
        report = render_html(trace, Story.from_scenario(scenario))
        page.write_text(report.replace("</main>", _PROBE + "</main>"), encoding="utf-8")
        for dialog_id in new:
            pages[dialog_id] = page
    return pages


def test_every_dialog_is_drawn_whole(tmp_path: Path) -> None:
    """In Chromium, each dialog's buttons lie inside its box, apart, and no placeholder remains."""
    pages = _reports(tmp_path)
    assert len(pages) >= 12  # the gallery shows most dialog ids of sim.models.dialogs
    seen = set()
    for page in sorted(set(pages.values())):
        for found in run_page(page, tmp_path / "profile", budget_ms=2000):
            seen.add(found["id"])
            where = f"{found['id']} in {page.name}"
            assert found["visible"] and found["buttons"] >= 1, where
            assert found["buttonsInside"], f"{where}: a button lies outside the dialog"
            assert found["boxInScene"], f"{where}: the dialog is clipped by its scene"
            assert found["buttonsApart"], f"{where}: buttons overlap"
            assert found["linesApart"], f"{where}: two text lines run into each other"
            assert "{" not in found["text"] and "}" not in found["text"], where
            assert all(line == line.strip() for line in found["text"].splitlines()), where
    assert seen == set(pages)


def test_security_warning_screenshot(tmp_path: Path) -> None:
    """The ClickOnce security warning renders to a non-trivial PNG (looked at by a person)."""
    page = _reports(tmp_path)["dfshim.security_warning"]
    data = screenshot(page, tmp_path / "warning.png", tmp_path / "profile")
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_every_modelled_dialog_is_drawn_whole(tmp_path: Path) -> None:
    """Each dialog of sim.models.dialogs, filled with long names, is whole in Chromium."""
    fields = {"filename": "Quarterly%20Report%20-%20Final%20Version%20for%20Review.xlsx",
              "host": "intranet.sharepoint.example.test", "app": "protocolhandler.exe",
              "origin": "https://intranet.sharepoint.example.test", "name": "Contoso App",
              "publisher": "Unknown Publisher", "lead": "Publisher cannot be verified. "}
    figures = "".join(dialog_html(show(dialog_id, {}, **fields)) for dialog_id in DIALOGS)
    page = tmp_path / "all.html"
    page.write_text(f"<!DOCTYPE html><meta charset=utf-8><style>{CSS}</style><main>{figures}"
                    f"{_PROBE}</main>", encoding="utf-8")
    found = run_page(page, tmp_path / "profile", budget_ms=2000)
    assert [f["id"] for f in found] == list(DIALOGS)
    for item in found:
        assert item["buttonsInside"] and item["boxInScene"] and item["buttonsApart"], item
        assert item["linesApart"] and "{" not in item["text"], item
