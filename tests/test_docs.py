"""The committed generated docs are current, and the docs site lists every page."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

from sim.app.docgen import generate

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "docs" / "generated"
REMEDY = ("docs/generated is stale: run `make docs-generate` (python -m sim.app.docgen) "
          "and commit it")


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_generated_docs_are_current(tmp_path: Path) -> None:
    """A fresh generation equals the committed docs/generated, file for file, byte for byte."""
    names = generate(tmp_path)
    assert set(names) == _files(tmp_path)
    assert _files(GENERATED) == _files(tmp_path), REMEDY
    stale = [n for n in names if not filecmp.cmp(tmp_path / n, GENERATED / n, shallow=False)]
    assert stale == [], f"{REMEDY}; differing: {stale[:5]}"


def test_generation_is_deterministic_and_removes_what_it_no_longer_writes(tmp_path: Path) -> None:
    """Generating twice gives the same bytes; a leftover page is removed."""
    generate(tmp_path)
    first = {n: (tmp_path / n).read_bytes() for n in _files(tmp_path)}
    (tmp_path / "gallery" / "deleted-scenario.md").write_text("old", encoding="utf-8")
    generate(tmp_path)
    assert {n: (tmp_path / n).read_bytes() for n in _files(tmp_path)} == first


def test_gallery_has_a_page_and_a_report_per_scenario() -> None:
    """Every scenario has its page, its HTML report and a row in the browser x case matrix."""
    scenarios = sorted((ROOT / "scenarios").rglob("*.toml"))
    index = (GENERATED / "gallery" / "index.md").read_text(encoding="utf-8")
    for path in scenarios:
        slug = "--".join(path.relative_to(ROOT / "scenarios").with_suffix("").parts)
        assert (GENERATED / "gallery" / f"{slug}.md").is_file()
        assert (GENERATED / "extra" / "reports" / f"{slug}.html").is_file()
        assert f"]({slug}.md)" in index
    assert "## Browser x case matrix" in index


def test_every_docs_page_is_in_a_toctree() -> None:
    """docs/index.md lists the tutorial, the generated references and every existing page."""
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([\w/-]+)$", index, re.M))
    pages = {p.stem for p in (ROOT / "docs").glob("*.md")} - {"index"}
    assert pages <= listed
    assert {"generated/gallery/index", "generated/scenario-format",
            "generated/behaviour"} <= listed


def test_behaviour_reference_cites_every_rule() -> None:
    """Every rule id of the engine appears in the behaviour reference with its source."""
    from sim.engine import RULES

    text = (GENERATED / "behaviour.md").read_text(encoding="utf-8")
    for rule in RULES.values():
        assert f"| `{rule.id}` |" in text
