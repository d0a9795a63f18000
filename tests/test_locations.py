"""The table of registry locations: every read the models make is in it, and it drives the docs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.engine import simulate
from sim.registry import Registry
from sim.scenario import load_scenario
from sim.world.locations import LOCATIONS, capture_roots, find_location

GALLERY = Path(__file__).resolve().parent.parent / "scenarios"
_ROOTS = {"HKCR": "HKEY_CLASSES_ROOT", "HKCU": "HKEY_CURRENT_USER",
          "HKLM": "HKEY_LOCAL_MACHINE", "HKU": "HKEY_USERS"}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """Every key path passed to the registry's read methods while the test runs."""
    seen: set[str] = set()
    for name in ("get_value", "subkeys", "values", "has_key"):
        original = getattr(Registry, name)

        def recording(self: Registry, path: str, *args: object, _original: object = original,
                      **kwargs: object) -> object:
            seen.add(path)
            return _original(self, path, *args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(Registry, name, recording)
    yield seen


def _full(path: str) -> str:
    root, _, rest = path.partition("\\")
    return _ROOTS.get(root.upper(), root) + ("\\" + rest if rest else "")


def test_every_read_of_the_gallery_is_in_the_table(reads: set[str]) -> None:
    """Simulating every gallery scenario reads the registry only at listed locations."""
    for path in sorted(GALLERY.rglob("*.toml")):
        simulate(load_scenario(path))
    assert len(reads) > 50
    missing = sorted(p for p in reads if find_location(_full(p)) is None)
    assert missing == []


def test_an_unlisted_read_is_caught(reads: set[str]) -> None:
    """A key outside the table is reported: the check can fail."""
    Registry().get_value(r"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso\Secret", "x")
    assert [p for p in reads if find_location(p) is None] == [
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Contoso\Secret"]


def test_rows_cite_sources_and_capture_keys() -> None:
    """Each row has a public source and keys to export; roots are full names."""
    for row in LOCATIONS:
        assert row.source.startswith("https://"), row.pattern
        assert row.capture and all(k.split("\\")[0].startswith("HKEY_") for k in row.capture)
    assert len(capture_roots()) == len({k.upper() for k in capture_roots()})
