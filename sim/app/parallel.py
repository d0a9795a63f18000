"""``invokesim run --jobs N``: load and simulate scenario files in worker processes.

Rules:
1. Results come back in the order of the paths given, whatever the number of
   workers, so the output of ``--jobs N`` is byte for byte the output of
   ``--jobs 1`` (``Executor.map`` keeps the input order).
2. ``--jobs 1`` (the default), a single file, or a single worker runs in this
   process; otherwise a ``ProcessPoolExecutor`` with the ``spawn`` start method
   (the same on every OS, and safe with threads) runs ``N`` workers, never more
   than there are files. Each worker imports invokesim once and simulates a
   chunk of files; a simulation is a pure function of its file, so workers share
   nothing.
3. ``--jobs 0`` or ``--jobs auto`` is the number of CPUs this process may use
   (``os.sched_getaffinity`` where the OS has it, else ``os.cpu_count()``).
4. An invalid scenario is its loader message, reported for its file as with
   one job; any other exception is a bug, returned as a :class:`Crash` for that
   file alone, so the other files still run (the command exits 3).

Like ``cli.py``, this module is part of the command line: it is the one place
outside it that asks the host how many CPUs it has.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.engine.trace import Trace

__all__ = ["Crash", "available_cpus", "parse_jobs", "run_one", "run_scenarios"]

def available_cpus() -> int:
    """Rule 3: the CPUs this process may run on (at least 1)."""
    affinity = getattr(os, "sched_getaffinity", None)
    if affinity is not None:
        return max(1, len(affinity(0)))
    return max(1, os.cpu_count() or 1)


def parse_jobs(text: str) -> int:
    """``--jobs`` as argparse reads it: a count >= 1, or ``0``/``auto`` for every CPU."""
    if text.strip().lower() == "auto":
        return available_cpus()
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a number of jobs (1, 2, ...) or 0 or auto for every CPU, found {text!r}"
        ) from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(
            f"expected a number of jobs (1, 2, ...) or 0 or auto for every CPU, found {text!r}")
    return jobs or available_cpus()


@dataclass(frozen=True, slots=True)
class Crash:
    """An exception that is a bug in invokesim, not invalid input (Rule 4).

    ``error`` is the exception's type and message; ``details`` its traceback, which
    the command line prints only when ``INVOKESIM_TRACEBACK`` is set.
    """

    path: str
    error: str
    details: str


def run_one(path: str) -> Trace | str | Crash:
    """Load and simulate one scenario file (Rule 4): its trace, its problems as text, or
    the :class:`Crash` of a bug; never an exception, so one file never stops the others."""
    from sim.engine import simulate
    from sim.errors import ScenarioError, SimError
    from sim.scenario import load_scenario

    try:  # the machine after the click stays in the worker: results travel without it
        return replace(simulate(load_scenario(path)), machine=None)
    except ScenarioError as exc:
        return str(exc)
    except SimError as exc:  # invalid input found while simulating: name the file
        return "\n".join(f"{path}: {line}" for line in str(exc).splitlines() or [""])
    except Exception as exc:
        import traceback

        return Crash(path=path, error=f"{type(exc).__name__}: {exc}",
                     details="".join(traceback.format_exception(exc)))


def run_scenarios(paths: Sequence[str], *, jobs: int = 1,
                  announce: Callable[[int, str], None] | None = None
                  ) -> Iterator[tuple[str, Trace | str | Crash]]:
    """Yield ``(path, trace or problem text)`` for each path, in the order given (Rules 1-2).

    ``announce(index, path)`` (1-based) is called as each file starts with one job,
    and as its result arrives with several, so progress lines come in order.
    """
    workers = min(jobs, len(paths))
    if workers <= 1:
        for index, path in enumerate(paths, start=1):
            if announce is not None:
                announce(index, path)
            yield path, run_one(path)
        return
    import multiprocessing  # only here: keeps `invokesim` start-up fast
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(paths) // (workers * 4))
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for index, (path, result) in enumerate(
                zip(paths, pool.map(run_one, paths, chunksize=chunk), strict=True), start=1):
            if announce is not None:
                announce(index, path)
            yield path, result
