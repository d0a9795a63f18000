"""The engine's figures: simulate() throughput on the gallery, and a cold `invokesim run`.

1. ``simulate()`` on every gallery scenario, loaded once, presets warm: scenarios per
   second (target >= 2,000).
2. ``invokesim run <one scenario>`` from a cold process against ``python3 -c pass``,
   best of 5 each (target <= 10x).
"""

from __future__ import annotations

import subprocess
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


def _best(command: list[str], runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Print both figures and whether they meet the targets."""
    rate = _throughput()
    print(f"simulate(): {rate:,.0f} scenarios/s over {len(GALLERY)} gallery scenarios "
          f"(target >= 2,000: {'PASS' if rate >= 2000 else 'FAIL'})")
    one = str(GALLERY[0])
    script = Path(sys.executable).with_name("invokesim")  # the console script users run
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sim"]
    cli = _best([*command, "run", one], runs=10)
    bare = _best([sys.executable, "-c", "pass"], runs=10)
    print(f"cold `invokesim run` of one scenario: {cli * 1000:.0f} ms; python3 -c pass: "
          f"{bare * 1000:.0f} ms; ratio {cli / bare:.1f}x "
          f"(target <= 10x: {'PASS' if cli / bare <= 10 else 'FAIL'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
