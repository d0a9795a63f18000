"""``make fuzz``: the long fuzz run outside CI, ``--inputs`` per target (100,000 by default).

Each target (``fuzz_targets.TARGETS``) gets its seeds, then mutations, from a fixed
random seed, so a run is reproducible. An input that raises an undocumented error, or
takes more than ``--hang`` seconds (SIGALRM), is a finding; the report gives, per
target, the inputs run, the time and the distinct findings (the first of each kind is
shown with its input). Exit 1 when anything was found.

    python tests/property/fuzz_run.py --inputs 100000 [--targets scenario,reg] [--seed 0]
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_targets import TARGETS, Undocumented, inputs


class Hang(Exception):
    """An input ran past the time allowed for one."""


def _alarm(_signum: int, _frame: object) -> None:
    raise Hang


def main() -> int:
    """Run each target; print its figures; exit 1 on any finding."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hang", type=float, default=10.0, help="seconds one input may take")
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _alarm)
    total = 0
    for name in args.targets.split(","):
        target = TARGETS[name]
        found: dict[str, bytes] = {}
        start = time.perf_counter()
        count = 0
        for data in inputs(target, args.inputs, args.seed):
            count += 1
            signal.setitimer(signal.ITIMER_REAL, args.hang)
            try:
                target.check(data)
            except Undocumented as exc:
                cause = exc.__cause__
                where = ""
                if cause is not None and cause.__traceback__ is not None:
                    tb = cause.__traceback__
                    while tb.tb_next is not None:
                        tb = tb.tb_next
                    where = f" at {tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}"
                found.setdefault(f"{type(cause).__name__}{where}", data)
            except (Hang, RecursionError, MemoryError) as exc:
                found.setdefault(type(exc).__name__, data)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - start
        print(f"{name}: {count} inputs in {seconds:.1f} s ({count / seconds:.0f}/s), "
              f"{len(found)} distinct findings", flush=True)
        for kind, data in found.items():
            print(f"    {kind}: {data[:300]!r}", flush=True)
        total += len(found)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
