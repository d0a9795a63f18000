"""Every rule, dialog, preset and gallery scenario cites a source a reader can open.

The checks walk the tables as they are (``sim.engine.RULES``, ``DIALOGS``, the document
handlers, every preset, every gallery file), so a rule added anywhere is checked too.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from sim.core.citations import citation_problems, parse_citations, resolve, scenario_citation
from sim.core.sources import SOURCES
from sim.engine import RULES
from sim.models.dialogs import DIALOGS
from sim.models.handlers.document import BUILTIN_DOCUMENT_HANDLERS
from sim.world.presets import load_preset, preset_names, profile_names

ROOT = Path(__file__).resolve().parent.parent
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def test_every_source_has_an_id_a_title_and_a_public_address() -> None:
    """Each row: a slug id, a title, and an http(s) URL or a page of the shipped docs."""
    assert len(SOURCES) >= 40
    for source in SOURCES.values():
        assert _ID.fullmatch(source.id), source.id
        assert source.title.strip() and source.title == source.title.strip(), source.id
        if source.url.startswith(("https://", "http://")):
            assert " " not in source.url, source.id
        else:
            assert source.url.startswith("docs/") and (ROOT / source.url).is_file(), source.id
    assert len({s.url for s in SOURCES.values()}) == len(SOURCES)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_cites_the_table(rule_id: str) -> None:
    """A rule cites '<id>: <where>' pieces of the table; an inferred one says from what."""
    rule = RULES[rule_id]
    assert citation_problems(rule.source, inferred=rule.inferred) == [], rule.source


@pytest.mark.parametrize("dialog_id", sorted(DIALOGS))
def test_every_dialog_cites_the_table(dialog_id: str) -> None:
    """A dialog cites the table; wording no source gives is marked inferred and says why."""
    spec = DIALOGS[dialog_id]
    assert citation_problems(spec.source, inferred=spec.inferred) == [], spec.source


def test_document_handlers_and_presets_cite_the_table() -> None:
    """Built-in handler models and every preset registration and file cite the table."""
    for handler in BUILTIN_DOCUMENT_HANDLERS.values():
        assert citation_problems(handler.source, inferred=False) == [], handler.name
    names = set(preset_names()) | set(profile_names())
    assert {"windows", "windows-10", "office"} <= names
    for name in sorted(names):
        preset = load_preset(name)
        for item in (*preset.registrations, *preset.files):
            problems = citation_problems(item.source, inferred=item.inferred)
            assert problems == [], f"preset {name}, {item.what}: {problems}"


@pytest.mark.parametrize("path", sorted((ROOT / "scenarios").rglob("*.toml")),
                         ids=lambda p: p.relative_to(ROOT / "scenarios").as_posix())
def test_gallery_sources_are_citations_or_public_urls(path: Path) -> None:
    """A gallery scenario's sources are table citations or public http(s) URLs."""
    sources = tomllib.loads(path.read_text(encoding="utf-8"))["scenario"].get("sources", [])
    assert sources, "a gallery scenario names its sources"
    for entry in sources:
        assert scenario_citation(entry) is not None or (
            entry.startswith("https://") and " " not in entry), entry


def test_a_bad_citation_is_reported() -> None:
    """The check can fail: unknown ids, a missing section, an inference not said."""
    assert citation_problems("", inferred=False) == ["no source"]
    assert "'002_x.txt' is not a source id" in citation_problems("002_x.txt", inferred=False)[0]
    assert citation_problems("edge-co-di", inferred=False) == ["edge-co-di: no section or quote"]
    assert citation_problems("edge-co-di: x", inferred=True) == [
        "inferred, but no citation says 'inferred from ...'"]
    with pytest.raises(ValueError, match="unknown source id"):
        parse_citations("docs/scenarios.md: x")
    assert resolve("nope: x") == ["nope: x"]


def test_explain_prints_a_title_and_a_link_for_every_step(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` over every gallery scenario: each source line is a title, then its address."""
    from sim.app.cli import main

    for path in sorted((ROOT / "scenarios").rglob("*.toml")):
        main(["explain", str(path)])
        lines = capsys.readouterr().out.splitlines()
        steps = sum(1 for line in lines if re.match(r"^ *[0-9]+\. ", line))
        sources = [i for i, line in enumerate(lines) if line.startswith("     source: ")]
        assert steps == len(sources) > 0, path
        for i in sources:
            address = lines[i + 1].strip()
            assert address.startswith(("https://", "http://", "docs/")), (path, lines[i])
        private = r"\.\./shared|_[0-9a-f]{16}\.txt|facts|\bcontr" + r"act\b"
        assert not re.search(private, "\n".join(lines)), path
