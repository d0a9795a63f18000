"""The engine's figure: simulate() throughput on the gallery (the cold start of
`invokesim run` is benchmarks/cold_start.py).

``simulate()`` on every gallery scenario, loaded once, presets warm: scenarios per
second (target >= 2,000).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sim.engine import simulate
from sim.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
GALLERY = sorted((ROOT / "scenarios").rglob("*.toml"))


def _throughput(seconds: float = 3.0) -> float:
    scenarios = [load_scenario(p) for p in GALLERY]
    for scenario in scenarios:  # warm the presets
        simulate(scenario)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for scenario in scenarios:
            simulate(scenario)
        done += len(scenarios)
    return done / (time.perf_counter() - start)


def main() -> int:
    """Print both figures and whether they meet the targets."""
    rate = _throughput()
    print(f"simulate(): {rate:,.0f} scenarios/s over {len(GALLERY)} gallery scenarios "
          f"(target >= 2,000: {'PASS' if rate >= 2000 else 'FAIL'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
