"""Which browser versions shipped for which Windows: a combination that never existed is
a scenario error that says what does.

Rules (:data:`SHIPPED`, one row per browser and span of Windows versions):
1. Internet Explorer 10 ran on Windows 7 and Windows 8; IE11 on Windows 7, Windows 8.1
   and Windows 10, and it is not available on Windows 11 (Microsoft's IE lifecycle
   FAQ; the IE11 deployment guide "Applies to: Windows 10, Windows 8.1, Windows 7").
2. Edge Legacy (EdgeHTML 12-18) shipped only with Windows 10.
3. Microsoft Edge ran on Windows 7, 8 and 8.1 up to version 109 ("Microsoft Edge
   version 109 is the last version supporting" them, Edge's supported-OS page), and
   on Windows 10 and 11, macOS and Linux at every version modelled.
4. IE in the new Windows UI (``mode = "immersive"``) exists on Windows 8 and 8.1 only:
   it came with Windows 8's new UI, and Windows 10 has only desktop IE11 [inf: no
   page states the removal; IE_IMMERSIVE describes the mode as Windows 8's].
5. Chrome: 109 is the last version for Windows 7 and 8.1 (Google's Chrome support
   page); Firefox: 115 (ESR) is the last for Windows 7, 8 and 8.1 (Mozilla's support
   article). Both have no upper bound elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sim.core.sources import SOURCES

# Where each support period is stated: the sources' public pages.
CHROME_SUPPORT: Final = SOURCES["chrome-support-windows-7"].url
EDGE_SUPPORTED_OS: Final = SOURCES["edge-supported-os"].url
FIREFOX_SUPPORT: Final = SOURCES["firefox-esr-windows-7"].url
IE_IMMERSIVE: Final = SOURCES["ie-app-protocols-immersive"].url
IE_LIFECYCLE: Final = SOURCES["ie-lifecycle"].url

__all__ = ["IMMERSIVE_SYSTEMS", "SHIPPED", "Shipped", "combination_problem", "mode_problem",
           "version_span"]

_OLD: Final = ("windows-7", "windows-8", "windows-8.1")
_NEW: Final = ("windows-10", "windows-11", "macos", "linux")


@dataclass(frozen=True, slots=True)
class Shipped:
    """Versions ``first`` to ``last`` (None: no bound) of a browser ran on ``systems``."""

    systems: tuple[str, ...]
    first: int
    last: int | None
    source: str


SHIPPED: Final[dict[str, tuple[Shipped, ...]]] = {
    "ie": (Shipped(("windows-7", "windows-8"), 10, 10, IE_LIFECYCLE),
           Shipped(("windows-7", "windows-8.1", "windows-10"), 11, 11, IE_LIFECYCLE)),
    "edge-legacy": (Shipped(("windows-10",), 12, 18, IE_LIFECYCLE),),
    "edge": (Shipped(_OLD, 77, 109, EDGE_SUPPORTED_OS), Shipped(_NEW, 77, None, EDGE_SUPPORTED_OS)),
    "chrome": (Shipped(_OLD, 1, 109, CHROME_SUPPORT), Shipped(_NEW, 1, None, CHROME_SUPPORT)),
    "firefox": (Shipped(_OLD, 1, 115, FIREFOX_SUPPORT), Shipped(_NEW, 1, None, FIREFOX_SUPPORT)),
}


IMMERSIVE_SYSTEMS: Final = ("windows-8", "windows-8.1")


def mode_problem(name: str, mode: str | None, os: str) -> str | None:
    """Rule 4: why IE's ``mode`` never existed on ``os``, or None."""
    if name != "ie" or mode != "immersive" or os in IMMERSIVE_SYSTEMS:
        return None
    return (f"expected mode desktop on {os}, found 'immersive'; IE in the new Windows UI "
            f"exists on {', '.join(IMMERSIVE_SYSTEMS)} only ({IE_IMMERSIVE})")


def version_span(name: str, os: str) -> tuple[int, int | None] | None:
    """The (first, last) versions of ``name`` that ran on ``os``, or None for none."""
    spans = [row for row in SHIPPED.get(name, ()) if os in row.systems]
    if not spans:
        return None
    lasts = [row.last for row in spans]
    return min(row.first for row in spans), None if None in lasts else max(
        last for last in lasts if last is not None)


def _exists(name: str) -> str:
    parts = []
    for row in SHIPPED[name]:
        span = f"{row.first}" if row.first == row.last else (
            f"{row.first} to {row.last}" if row.last is not None else f"{row.first} or later")
        parts.append(f"{span} on {', '.join(row.systems)}")
    return "; ".join(parts)


def combination_problem(name: str, version: int, os: str) -> str | None:
    """Rules 1-4: why ``name`` ``version`` on ``os`` never shipped, or None."""
    rows = SHIPPED.get(name, ())
    if not rows:
        return None
    for row in rows:
        if os in row.systems and row.first <= version and (row.last is None or version <= row.last):
            return None
    if not any(os in row.systems for row in rows):
        systems = sorted({system for row in rows for system in row.systems})
        return (f"expected a machine {name} shipped for ({', '.join(systems)}), found os "
                f"{os!r}; {name} exists as {_exists(name)} ({rows[0].source})")
    article = "an" if name[0] in "aeiou" else "a"
    return (f"expected {article} {name} version that shipped for {os}, found {name} {version} on "
            f"{os}; {name} exists as {_exists(name)} ({rows[0].source})")
