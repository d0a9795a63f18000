"""Citations: how rules, dialogs, presets and scenarios point into the table of sources.

Rules:
1. A citation is ``<source id>: <where>``: the id names a row of
   :data:`sim.core.sources.SOURCES`, and ``<where>`` says where in it (a section,
   a quote, a function name). Several citations are joined by ``"; "``.
2. A rule or dialog marked inferred says what it was inferred from: one of its
   citations' ``<where>`` starts with ``inferred from``.
3. A scenario's ``sources`` list holds citations, bare source ids or public URLs;
   a URL the table holds is shown with its title.
4. :func:`citation_problems` lists what breaks Rules 1-2 for one citation text, so
   a test can check every rule, dialog and preset, whichever module defines it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sim.core.sources import SOURCES, Source

__all__ = ["Citation", "citation_problems", "parse_citations", "resolve", "scenario_citation"]

_SEPARATOR: Final = "; "
_INFERRED: Final = "inferred from"
_BY_URL: Final = {s.url: s for s in SOURCES.values()}


@dataclass(frozen=True, slots=True)
class Citation:
    """One source and where in it."""

    source: Source
    where: str


def _split(text: str) -> list[tuple[str, str]]:
    pieces = []
    for part in text.split(_SEPARATOR):
        source_id, _colon, where = part.partition(": ")
        pieces.append((source_id.strip(), where.strip()))
    return pieces


def parse_citations(text: str) -> tuple[Citation, ...]:
    """Rule 1: the citations of ``text``; an unknown id is an error.

    Raises:
        ValueError: a source id not in the table (a bug in a rule table).
    """
    out = []
    for source_id, where in _split(text):
        source = SOURCES.get(source_id)
        if source is None:
            raise ValueError(f"unknown source id {source_id!r} in {text!r}")
        out.append(Citation(source, where))
    return tuple(out)


def resolve(text: str) -> list[Citation | str]:
    """Rule 1, tolerant: each citation of ``text``, or the piece as written when its id is
    unknown (a renderer shows what a rule says even if a table row is missing)."""
    out: list[Citation | str] = []
    for part in text.split(_SEPARATOR) if text.strip() else []:
        source_id, _colon, where = part.partition(": ")
        source = SOURCES.get(source_id.strip())
        out.append(Citation(source, where.strip()) if source is not None else part)
    return out


def citation_problems(text: str, *, inferred: bool) -> list[str]:
    """Rules 1-2: what is wrong with ``text`` as a rule's or dialog's source (empty: ok)."""
    problems = []
    if not text.strip():
        return ["no source"]
    pieces = _split(text)
    for source_id, where in pieces:
        if source_id not in SOURCES:
            problems.append(f"{source_id!r} is not a source id of sim/core/sources.py "
                            "(cite '<id>: <section or quote>')")
        elif not where:
            problems.append(f"{source_id}: no section or quote")
    if inferred and not any(w.startswith(_INFERRED) for _i, w in pieces):
        problems.append("inferred, but no citation says 'inferred from ...'")
    if not inferred and any(_INFERRED in w for _i, w in pieces):
        problems.append("says 'inferred from' but is not marked inferred")
    return problems


def scenario_citation(entry: str) -> Citation | None:
    """Rule 3: a scenario ``sources`` entry as a citation; None for a URL the table lacks."""
    entry = entry.strip()
    by_url = _BY_URL.get(entry.split("#", 1)[0])
    if by_url is not None:
        anchor = entry.partition("#")[2]
        return Citation(by_url, f"section {anchor}" if anchor else "")
    source_id, _colon, where = entry.partition(": ")
    source = SOURCES.get(source_id.strip())
    return Citation(source, where.strip()) if source is not None else None
