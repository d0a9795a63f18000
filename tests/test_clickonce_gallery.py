"""The gallery's ClickOnce apps are a fresh publish: their digests are real and current."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from gallery_apps import ROOT, expected_files


def test_committed_apps_equal_a_fresh_publish() -> None:
    """Every file under scenarios/*/apps, and every Trusted Publishers export under
    scenarios/clickonce/machines, is what `make gallery-apps` writes, and no other."""
    expected = expected_files()
    committed = {p for p in ROOT.glob("*/apps/**/*") if p.is_file()} | set(
        ROOT.glob("clickonce/machines/trusted-publisher-*.reg"))
    assert committed == set(expected), "run `make gallery-apps`"
    stale = [str(p) for p, data in expected.items() if p.read_bytes() != data]
    assert not stale, f"run `make gallery-apps`: {stale}"
