"""docs/browsers.md lists every inferred rule, and only those, in its "What is inferred" table."""

from __future__ import annotations

import re
from pathlib import Path

from sim.engine import RULES

DOC = (Path(__file__).parent.parent / "docs" / "browsers.md").read_text(encoding="utf-8")


def test_every_inferred_rule_is_listed_with_a_reason() -> None:
    """Each rule marked inferred appears in the section; each id listed there is inferred."""
    section = DOC.split("## What is inferred", 1)[1]
    listed = set()
    for row in section.splitlines():
        if row.startswith("| `"):
            first_cell = row.split("|")[1]
            listed |= set(re.findall(r"`([a-z_.]+)`", first_cell))
    inferred = {rule.id for rule in RULES.values() if rule.inferred}
    assert inferred - listed == set(), "inferred rules missing from docs/browsers.md"
    assert listed - inferred == set(), "rules listed as inferred that are not marked so"
