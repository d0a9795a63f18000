"""The manifest parser's own "unsigned" answer agrees with the XMLDSig verifier's."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.models.clickonce.digest import read_signature
from sim.models.clickonce.manifest import (
    ManifestInvalid,
    ManifestUnreadable,
    parse_application,
    parse_deployment,
)

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = sorted(p for folder in (ROOT / "tests" / "data", ROOT / "scenarios")
                   for p in folder.rglob("*") if p.suffix in (".application", ".manifest"))


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_parsers_signature_state_is_the_verifiers(path: Path) -> None:
    """For every real and gallery manifest, the state the parser records (without the
    XMLDSig libraries when it answers "unsigned") equals a full verification's."""
    data = path.read_bytes()
    parse = parse_deployment if path.suffix == ".application" else parse_application
    try:
        manifest = parse(data)
    except (ManifestInvalid, ManifestUnreadable):
        pytest.skip("not a manifest the parser accepts")
    assert manifest.signature == read_signature(data)
