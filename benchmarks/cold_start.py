"""Cold start: ``invokesim run`` of one scenario against ``python3 -c pass``, side by side.

Both commands run from a cold process, interleaved (bare, invokesim, bare, ...) so that
both see the same machine load; the figure is the ratio of the medians (target <= 10).
``--importtime`` adds the modules with the largest own import time (``python -X
importtime``), to find where start-up goes.

    python benchmarks/cold_start.py [--runs 21] [--scenario FILE] [--importtime]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "scenarios" / "edge" / "clickonce-on-by-default-87.toml"
TARGET = 10.0


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _invokesim() -> list[str]:
    script = Path(sys.executable).with_name("invokesim")  # the console script users run
    return [str(script)] if script.exists() else [sys.executable, "-m", "sim"]


def _importtime(scenario: Path, top: int) -> list[tuple[int, str]]:
    """The ``top`` modules by own import time (microseconds) in one ``run`` of ``scenario``."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "sim", "run",
                             str(scenario)], check=True, capture_output=True, text=True)
    rows = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _cumulative, name = line[len("import time:"):].split("|")
        rows.append((int(own), name.strip()))
    return sorted(rows, reverse=True)[:top]


def main() -> int:
    """Print both medians, their ratio and whether it meets the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    bare_command = [sys.executable, "-c", "pass"]
    run_command = [*_invokesim(), "run", str(args.scenario)]
    _seconds(run_command)  # compile the bytecode caches once, outside the measurement
    bare, run = [], []
    for _ in range(args.runs):
        bare.append(_seconds(bare_command))
        run.append(_seconds(run_command))
    bare_ms, run_ms = statistics.median(bare) * 1000, statistics.median(run) * 1000
    ratio = run_ms / bare_ms
    print(f"python3 -c pass: median {bare_ms:.1f} ms over {args.runs} runs")
    print(f"invokesim run {args.scenario.name}: median {run_ms:.1f} ms")
    print(f"ratio {ratio:.1f}x (target <= {TARGET:.0f}x: {'PASS' if ratio <= TARGET else 'FAIL'})")
    if args.importtime:
        print("largest own import times (us):")
        for own, name in _importtime(args.scenario, 25):
            print(f"  {own:7d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
