r"""Side-by-side benchmark of invokesim's ``Registry`` against fake-winreg 1.10.3.

The issue's requirement: on a generated 1M-line UTF-16 .reg file (300k keys), invokesim
imports at <= 1/4 of the time of fake-winreg's ``import_reg``, at <= 1/2 of its peak
memory, and runs ``OpenKey`` + ``QueryValueEx`` at >= 2x its throughput, measured side by
side in one run. This script generates (or reuses) the file with ``gen_reg.py``, measures
both libraries on it and prints a table and the three ratios (ours / theirs) with PASS or
FAIL against the targets. It is a report, not a test: it exits 0 unless a measurement
crashes (an invokesim that cannot be imported yet is reported, not a crash).

Every measurement runs in a fresh subprocess of this script (``--worker``), so neither
library's modules, heap or allocator state affect the other, and peak memory belongs to
one import alone:

* import time: ``time.perf_counter`` around ``Registry(); import_reg_file(reg, path)`` and
  around ``use_backend(InMemoryBackend()); import_reg(path)``; module imports happen before
  the clock starts. Best of ``--repeat`` runs.
* peak memory: ``tracemalloc`` peak of the same calls in a separate run (tracemalloc slows
  Python down, so it is never on during timing), started after the modules are imported.
  Both libraries are pure Python, so every byte they allocate goes through the allocators
  tracemalloc watches, and the figure excludes the interpreter and the imported modules,
  does not depend on the allocator's fragmentation or on what the OS reclaims, and is the
  same on every run. This is the figure the memory target is judged on. The growth of the
  peak RSS (``ru_maxrss`` after the import minus the RSS before it, in the timing runs) is
  printed beside it as what the OS saw.
* throughput: ``OpenKey(hive, subkey)``, ``QueryValueEx(key, name)``, ``CloseKey(key)`` over
  ``--lookups`` (key, value) pairs drawn with a fixed seed from the generator's samples, in
  the timing runs after the import; best of ``--repeat``. A second, untimed pass hashes the
  returned (data, type) pairs per type so the two libraries' answers can be compared.

Run ``make bench``, or ``python benchmarks/registry_bench.py [--keys N] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import ast
import gc
import importlib.metadata
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
import traceback
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gen_reg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_OUT = HERE / "out"
OURS, THEIRS = "invokesim", "fake-winreg"
PEER_VERSION = "1.10.3"
RESULT_TAG = "BENCH-RESULT "
LOOKUP_SEED = 20_240_602
# (label, ratio key, target, True when the ratio must be at most the target)
TARGETS = (
    ("import time", "time", 0.25, True),
    ("peak memory", "memory", 0.5, True),
    ("OpenKey+QueryValueEx throughput", "throughput", 2.0, False),
)

Lookup = tuple[str, str]  # full key path, value name
Work = list[tuple[Any, str, str]]  # hive handle, subkey, value name


# --------------------------------------------------------------------------------------
# Worker side: one measurement of one library, in its own process
# --------------------------------------------------------------------------------------


class Unavailable(Exception):
    """The library under test cannot be imported or lacks the API the benchmark uses."""


# Exceptions that mean "not written yet" (a module or method still missing) rather than a bug.
UNFINISHED = (ImportError, NotImplementedError, AttributeError)


@dataclass(frozen=True, slots=True)
class Library:
    """How to import a .reg file into a library and reach its winreg-shaped functions."""

    load: Callable[[Path], Any]  # import the file, return what keeps the registry alive
    facade: Callable[[Any], Any]  # from that, the object with OpenKey, QueryValueEx, ...
    summary: Callable[[Any], str | None]  # from that, what the library says it imported


def _invokesim() -> Library:
    sys.path.insert(0, str(ROOT))
    try:
        from sim.loader import import_reg_file
        from sim.registry import Registry
    except Exception as error:  # any failure to import is "not there yet"
        raise Unavailable(f"{type(error).__name__}: {error}") from error
    if not hasattr(Registry, "as_winreg"):
        raise Unavailable("sim.registry.Registry has no as_winreg")

    def load(path: Path) -> Any:
        registry = Registry()
        return registry, import_reg_file(registry, path)

    def summary(state: Any) -> str:
        report = state[1]
        warnings = getattr(report, "warnings", ())
        first = f"; first: {warnings[0]}" if warnings else ""
        keys, values = getattr(report, "keys", "?"), getattr(report, "values", "?")
        return f"{keys:,} keys, {values:,} values, {len(warnings)} warnings{first}"

    return Library(load=load, facade=lambda state: state[0].as_winreg(), summary=summary)


def _fake_winreg() -> Library:
    try:
        import fake_winreg
    except Exception as error:
        raise Unavailable(f"{type(error).__name__}: {error}") from error

    def load(path: Path) -> Any:
        # The in-memory backend, fresh, as the module-global backend import_reg writes to.
        fake_winreg.use_backend(fake_winreg.InMemoryBackend())
        fake_winreg.import_reg(path)
        return fake_winreg

    return Library(load=load, facade=lambda module: module, summary=lambda _: None)


LIBRARIES: dict[str, Callable[[], Library]] = {OURS: _invokesim, THEIRS: _fake_winreg}


def _describe(error: BaseException) -> str:
    """Return an exception's type, message and the place it was raised."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def _rss_bytes() -> int:
    """Return the current resident set size of this process."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _max_rss_bytes() -> int:
    """Return the peak resident set size of this process so far (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def select_lookups(samples_path: Path, count: int) -> list[Lookup]:
    """Return ``count`` (key path, value name) pairs drawn with a fixed seed from the samples."""
    document = json.loads(samples_path.read_text(encoding="utf-8"))
    samples = [(key, name) for _, key, name in document["samples"]]
    rng = random.Random(LOOKUP_SEED)
    if count <= len(samples):
        return rng.sample(samples, count)
    return rng.choices(samples, k=count)


def _work(facade: Any, lookups: list[Lookup]) -> Work:
    """Resolve each lookup's hive name to the facade's HKEY_* constant."""
    work: Work = []
    for path, name in lookups:
        hive, _, subkey = path.partition("\\")
        work.append((getattr(facade, hive), subkey, name))
    return work


def _run_lookups(facade: Any, work: Work) -> None:
    """The timed loop: open, query, close."""
    open_key, query, close = facade.OpenKey, facade.QueryValueEx, facade.CloseKey
    for hive, subkey, name in work:
        key = open_key(hive, subkey)
        query(key, name)
        close(key)


def _write_answers(facade: Any, work: Work, path: Path) -> None:
    """Write every lookup's (type, data) answer, one line each, in lookup order."""
    with path.open("w", encoding="utf-8") as out:
        for hive, subkey, name in work:
            key = facade.OpenKey(hive, subkey)
            data, reg_type = facade.QueryValueEx(key, name)
            facade.CloseKey(key)
            out.write(f"{reg_type}\t{data!r}\n")


def _measure_time(
    library: Library, reg: Path, samples: Path, count: int, answers: Path | None
) -> dict[str, Any]:
    gc.collect()
    rss_before = _rss_bytes()
    start = time.perf_counter()
    state = library.load(reg)
    import_seconds = time.perf_counter() - start
    result: dict[str, Any] = {
        "import_seconds": import_seconds,
        "rss_growth": _max_rss_bytes() - rss_before,
        "summary": library.summary(state),
    }
    try:
        facade = library.facade(state)
    except UNFINISHED as error:  # the import is measured even while the facade is unfinished
        result["lookups_unavailable"] = _describe(error)
        return result
    work = _work(facade, select_lookups(samples, count))
    gc.collect()
    start = time.perf_counter()
    _run_lookups(facade, work)
    result["lookup_seconds"] = time.perf_counter() - start
    result["lookups"] = len(work)
    if answers is not None:
        _write_answers(facade, work, answers)
    return result


def _measure_memory(library: Library, reg: Path) -> dict[str, Any]:
    gc.collect()
    tracemalloc.start()
    state = library.load(reg)
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del state
    return {"peak": peak, "retained": retained}


def run_worker(args: argparse.Namespace) -> int:
    """Measure one library once and print the result as one tagged JSON line."""
    result: dict[str, Any]
    try:
        library = LIBRARIES[args.worker]()
        if args.measure == "memory":
            result = _measure_memory(library, args.reg)
        else:
            result = _measure_time(library, args.reg, args.samples, args.lookups, args.answers)
    except Unavailable as error:
        result = {"unavailable": str(error)}
    except UNFINISHED as error:
        result = {"unavailable": _describe(error)}
    sys.stdout.flush()
    print(RESULT_TAG + json.dumps(result), flush=True)
    return 0


# --------------------------------------------------------------------------------------
# Driver side: generate the file, run the workers, report
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Outcome:
    """What the runs of one library produced; a metric is None when it was not measured."""

    unavailable: str | None = None
    crashed: str | None = None
    runs: list[dict[str, Any]] = field(default_factory=list)
    memory: dict[str, Any] | None = None

    def import_seconds(self) -> float | None:
        """Return the best import time."""
        return min((float(run["import_seconds"]) for run in self.runs), default=None)

    def rss_growth(self) -> float | None:
        """Return the smallest growth of the peak RSS over the import."""
        return min((float(run["rss_growth"]) for run in self.runs), default=None)

    def peak(self) -> float | None:
        """Return the tracemalloc peak of the import."""
        return None if self.memory is None else float(self.memory["peak"])

    def retained(self) -> float | None:
        """Return what tracemalloc still counted at the end of the import."""
        return None if self.memory is None else float(self.memory["retained"])

    def throughput(self) -> float | None:
        """Return the best lookups per second."""
        timed = [run["lookups"] / run["lookup_seconds"] for run in self.runs if "lookups" in run]
        return max(timed, default=None)

    def lookups_unavailable(self) -> str | None:
        """Return why the lookups could not run, if they could not."""
        reasons = [run["lookups_unavailable"] for run in self.runs if "lookups_unavailable" in run]
        return reasons[0] if reasons else None


def ensure_file(out: Path, keys: int, regenerate: bool) -> tuple[Path, Path, dict[str, Any]]:
    """Return the .reg file, its samples file and their counts, generating them if needed."""
    reg = out / f"registry_{keys}.reg"
    samples = out / f"registry_{keys}.samples.json"
    if not regenerate and reg.exists() and samples.exists():
        document = json.loads(samples.read_text(encoding="utf-8"))
        current = document.get("generator_version") == gen_reg.GENERATOR_VERSION
        if current and document.get("size") == reg.stat().st_size:
            print(f"reusing {reg}")
            return reg, samples, document
    print(f"generating {reg} ({keys:,} keys) ...", flush=True)
    start = time.perf_counter()
    generated = gen_reg.generate_file(reg, keys)
    gen_reg.write_samples(samples, generated)
    print(f"  generated in {time.perf_counter() - start:.1f} s")
    return reg, samples, json.loads(samples.read_text(encoding="utf-8"))


def answers_path(args: argparse.Namespace, side: str) -> Path:
    """Return where a library's answers to the lookups are written."""
    return Path(args.out) / f"answers_{args.keys}_{args.lookups}_{side}.txt"


def _spawn(args: argparse.Namespace, side: str, measure: str, reg: Path, samples: Path) -> Any:
    """Run one worker; return its result, or raise RuntimeError with its output's tail."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", side]
    command += ["--measure", measure, "--reg", str(reg), "--samples", str(samples)]
    command += ["--lookups", str(args.lookups), "--answers", str(answers_path(args, side))]
    env = dict(os.environ, PYTHONHASHSEED="0")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=args.timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise RuntimeError(f"{side} {measure} run exceeded --timeout {args.timeout} s") from error
    for line in done.stdout.splitlines():
        if line.startswith(RESULT_TAG) and done.returncode == 0:
            return json.loads(line[len(RESULT_TAG) :])
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
    raise RuntimeError(f"{side} {measure} run exited {done.returncode}:\n{tail}")


def measure(args: argparse.Namespace, reg: Path, samples: Path) -> dict[str, Outcome]:
    """Run every worker, the two libraries alternating, and collect the outcomes."""
    outcomes = {side: Outcome() for side in (THEIRS, OURS)}
    plan = [(r, "time") for r in range(args.repeat)] + [(0, "memory")]
    for run, kind in plan:
        for side, outcome in outcomes.items():
            if outcome.unavailable or outcome.crashed:
                continue
            label = f"run {run + 1}/{args.repeat}" if kind == "time" else "tracemalloc run"
            print(f"  {side}: {kind} {label} ...", flush=True)
            try:
                result = _spawn(args, side, kind, reg, samples)
            except RuntimeError as error:
                outcome.crashed = str(error)
                continue
            if "unavailable" in result:
                outcome.unavailable = result["unavailable"]
            elif kind == "memory":
                outcome.memory = result
            else:
                outcome.runs.append(result)
    return outcomes


def _mib(size: float) -> str:
    return f"{size / 2**20:,.1f} MiB"


METRICS: tuple[tuple[str, Callable[[Outcome], float | None], Callable[[float], str]], ...] = (
    ("import time (best of {repeat})", Outcome.import_seconds, lambda v: f"{v:.2f} s"),
    ("peak memory (tracemalloc)", Outcome.peak, _mib),
    ("retained after import (tracemalloc)", Outcome.retained, _mib),
    ("peak RSS growth (ru_maxrss, info)", Outcome.rss_growth, _mib),
    ("lookups/s ({lookups:,} x OpenKey+QueryValueEx+CloseKey)", Outcome.throughput,
     lambda v: f"{v:,.0f} /s"),
)  # fmt: skip


def ratios(ours: Outcome, theirs: Outcome) -> dict[str, float | None]:
    """Return the three ratios, ours / theirs (None where a side lacks the figure)."""

    def ratio(metric: Callable[[Outcome], float | None]) -> float | None:
        mine, peer = metric(ours), metric(theirs)
        return None if mine is None or not peer else mine / peer

    return {
        "time": ratio(Outcome.import_seconds),
        "memory": ratio(Outcome.peak),
        "throughput": ratio(Outcome.throughput),
        "rss": ratio(Outcome.rss_growth),
    }


def report(args: argparse.Namespace, outcomes: dict[str, Outcome]) -> None:
    """Print the table, the three ratios with their verdicts, and whether the answers agree."""
    ours, theirs = outcomes[OURS], outcomes[THEIRS]
    labels = [label.format(repeat=args.repeat, lookups=args.lookups) for label, _, _ in METRICS]
    width = max(map(len, labels)) + 2
    print()
    print(f"{'':{width}}{'fake-winreg ' + _peer_version():>22}{OURS:>16}")
    for label, (_, metric, show) in zip(labels, METRICS, strict=True):
        cells = [metric(side) for side in (theirs, ours)]
        theirs_cell, ours_cell = ("-" if value is None else show(value) for value in cells)
        print(f"{label:{width}}{theirs_cell:>22}{ours_cell:>16}")
    print()
    for side, outcome in outcomes.items():
        summary = next((run["summary"] for run in outcome.runs if run.get("summary")), None)
        if summary:
            print(f"{side} reports importing {summary}")
        if outcome.unavailable:
            print(f"{side} side unavailable: {outcome.unavailable}")
        if outcome.crashed:
            print(f"{side} side crashed: {outcome.crashed}")
        if outcome.lookups_unavailable():
            print(f"{side} lookups unavailable: {outcome.lookups_unavailable()}")
    values = ratios(ours, theirs)
    print("ratios (ours / theirs):")
    for label, key, target, at_most in TARGETS:
        value = values[key]
        sign = "<=" if at_most else ">="
        if value is None:
            print(f"  {label:34}{'n/a':>8}   target {sign} {target:<5} n/a")
            continue
        passed = value <= target if at_most else value >= target
        print(
            f"  {label:34}{value:8.3f}   target {sign} {target:<5} {'PASS' if passed else 'FAIL'}"
        )
    rss = values["rss"]
    print(f"  {'(info) peak RSS growth':34}{'n/a' if rss is None else f'{rss:.3f}':>8}")
    if ours.throughput() is not None and theirs.throughput() is not None:
        compare_answers(args, answers_path(args, OURS), answers_path(args, THEIRS))


def _has_line_break(answer: str) -> bool:
    """Return True when an answer line's data holds a CR or LF character."""
    data = ast.literal_eval(answer.split("\t", 1)[1])
    texts = data if isinstance(data, list) else [data]
    return any(isinstance(text, str) and ("\n" in text or "\r" in text) for text in texts)


def compare_answers(args: argparse.Namespace, ours: Path, theirs: Path) -> None:
    """Print how many lookups the two libraries answer differently, with a few examples."""
    mine = ours.read_text(encoding="utf-8").splitlines()
    peer = theirs.read_text(encoding="utf-8").splitlines()
    differ = [
        index for index, pair in enumerate(zip(mine, peer, strict=True)) if len(set(pair)) > 1
    ]
    print(f"answers that differ between the two libraries: {len(differ):,} of {len(mine):,}")
    if not differ:
        return
    lookups = select_lookups(args.samples_path, args.lookups)
    for index in differ[:3]:
        path, name = lookups[index]
        print(f"  {path} [{name or '@'}]")
        print(f"    fake-winreg: {peer[index]}")
        print(f"    invokesim:   {mine[index]}")
    if any(_has_line_break(peer[index]) and not _has_line_break(mine[index]) for index in differ):
        print(
            "  (fake-winreg 1.10.3 unescapes \\n and \\r before \\\\, so a path such as "
            "C:\\\\x\\\\notes.exe comes back with a line break in it)"
        )


def _peer_version() -> str:
    try:
        return importlib.metadata.version("fake-winreg")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--keys", type=int, default=gen_reg.DEFAULT_KEYS, help="keys in the file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where files are kept")
    parser.add_argument("--lookups", type=int, default=100_000, help="OpenKey+QueryValueEx pairs")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per library (best)")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per worker run")
    parser.add_argument("--regenerate", action="store_true", help="rewrite the .reg file")
    parser.add_argument("--worker", choices=sorted(LIBRARIES), help=argparse.SUPPRESS)
    parser.add_argument("--measure", choices=("time", "memory"), help=argparse.SUPPRESS)
    parser.add_argument("--reg", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--samples", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--answers", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate or reuse the file, measure both libraries, print the report."""
    args = parse_args(argv)
    if args.worker:
        return run_worker(args)
    reg, samples, counts = ensure_file(args.out, args.keys, args.regenerate)
    print(
        f"file: {counts['keys']:,} keys, {counts['values']:,} values, {counts['lines']:,} lines, "
        f"{_mib(counts['size'])} (UTF-16LE, BOM, CRLF); {len(counts['samples']):,} lookup samples"
    )
    print(f"python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs")
    if _peer_version() != PEER_VERSION:
        print(
            f"warning: fake-winreg {_peer_version()} is installed, the target names {PEER_VERSION}"
        )
    args.samples_path = samples
    outcomes = measure(args, reg, samples)
    report(args, outcomes)
    return 1 if any(outcome.crashed for outcome in outcomes.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
