"""Rules and the steps that record them firing.

Every behaviour invokesim models is a :class:`Rule` with a stable id
(``<module>.<snake_name>``), a one-line summary, its source (citations of the table of
sources, :mod:`sim.core.citations`) and whether it is inferred rather than stated
by the source. Modules keep their rules in a module-level table built with
:func:`rule_table`; a decision returns the :class:`Step` s it took, each naming
the rule and what it found, so every result explains itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["Rule", "Step", "rule_table"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Rule:
    """One modelled behaviour and where it comes from."""

    id: str
    summary: str
    source: str
    inferred: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """A rule that fired, and what it found."""

    rule: str
    detail: str


def rule_table(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    """Return a read-only id -> rule table, refusing duplicate ids."""
    table: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in table:
            raise ValueError(f"duplicate rule id {rule.id!r}")
        table[rule.id] = rule
    return MappingProxyType(table)
