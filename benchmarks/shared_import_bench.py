"""Shared .reg imports: 100 scenarios that name one 50 MB machine export vs one import of it.

The requirement: scenarios in one process that reference the same .reg content import it
once and fork it copy-on-write; 100 scenarios sharing one 50 MB export run in at most 3x
the time of one import of it. The script generates a realistic export (gen_reg.py: what
``regedit /e`` writes for ``HKLM\\SOFTWARE\\Classes`` and ``HKCU\\Software``, UTF-16LE, CRLF),
writes 100 scenario files naming it in ``[machine] reg_files`` (each with its own click),
then measures, in this process:

- one import: the file read and decoded (``sim.loader.read_reg_file``) and imported
  strictly into a fresh Windows 10 registry, as the engine imports a ``reg_files`` entry;
- the 100 scenarios: each loaded (``load_scenario``) and simulated (``simulate``), with
  every cache emptied first, so the first scenario pays the one import.

It prints both times and their ratio (the requirement: <= 3), and exits 1 when the ratio
is above 3. Run: ``.venv/bin/python benchmarks/shared_import_bench.py`` (``--mb`` for
another size; the export is kept in ``benchmarks/out/`` and reused).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_reg

import sim.loader
from sim.engine import simulate
from sim.engine.machine_build import clear_shared_imports
from sim.loader import read_reg_file
from sim.scenario import load_scenario
from sim.world.presets import machine_for_os

OUT = Path(__file__).resolve().parent / "out" / "shared"
KEYS_PER_MB = 3_400  # gen_reg writes about 290 bytes of UTF-16 per key

SCENARIO = '''[scenario]
title = "Shared export {index}"

[machine]
reg_files = ["machine.reg"]

[browser]
name = "{browser}"

[[web]]
url = "https://apps{index}.example.test/App.application"
headers = {{ "Content-Type" = "application/x-ms-application" }}
body = "<not a manifest/>"

[click]
url = "https://apps{index}.example.test/App.application"
'''


def _export(megabytes: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "machine.reg"
    if not path.exists() or abs(path.stat().st_size - megabytes * 1_000_000) > 5_000_000:
        keys = megabytes * KEYS_PER_MB
        generated = gen_reg.generate_file(path, keys)
        print(f"generated {path}: {generated.size / 1e6:.1f} MB, {generated.keys:,} keys")
    return path


def _forget() -> None:
    clear_shared_imports()
    sim.loader._REG_TEXTS.clear()
    gc.collect()


def one_import(path: Path) -> float:
    """Seconds to read, decode and strictly import the export once."""
    _forget()
    start = time.perf_counter()
    registry = machine_for_os("windows-10").registry
    assert registry is not None
    registry.import_reg(read_reg_file(path).text, strict=True, source=str(path))
    return time.perf_counter() - start


def hundred_scenarios(count: int) -> float:
    """Seconds to load and simulate ``count`` scenarios naming the same export."""
    browsers = ("edge", "chrome", "ie", "firefox")
    paths = []
    for index in range(count):
        scenario = OUT / f"scenario-{index:03d}.toml"
        scenario.write_text(SCENARIO.format(index=index, browser=browsers[index % 4]),
                            encoding="utf-8")
        paths.append(scenario)
    _forget()
    start = time.perf_counter()
    for scenario in paths:
        simulate(load_scenario(scenario))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """Measure and print; exit 1 when 100 scenarios take more than 3x one import."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mb", type=int, default=50, help="size of the export in MB")
    parser.add_argument("--scenarios", type=int, default=100)
    args = parser.parse_args(argv)
    path = _export(args.mb)
    size = path.stat().st_size / 1e6
    single = one_import(path)
    shared = hundred_scenarios(args.scenarios)
    ratio = shared / single
    print(f"export: {size:.1f} MB; one import: {single:.2f} s; {args.scenarios} scenarios "
          f"sharing it: {shared:.2f} s; ratio {ratio:.2f} (required <= 3)")
    return 0 if ratio <= 3 else 1


if __name__ == "__main__":
    sys.exit(main())
