"""Why the virtual disk is not pyfakefs underneath: time per file created and per lookup.

Runs pyfakefs 6.x (Windows emulation, standalone) and sim.world.disk.VirtualDisk side by
side in one process and prints microseconds per operation and the ratio.
Usage: python benchmarks/disk_bench.py [--files N]
"""

from __future__ import annotations

import argparse
import time

from pyfakefs.fake_filesystem import FakeFilesystem, OSType

from sim.world.disk import VirtualDisk


def _per_op(action: object, count: int) -> float:
    start = time.perf_counter()
    for i in range(count):
        action(i)  # type: ignore[operator]
    return (time.perf_counter() - start) / count * 1e6


def main() -> None:
    """Print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=500)
    count = parser.parse_args().files
    fs = FakeFilesystem()
    fs.os = OSType.WINDOWS
    fs.shuffle_listdir_results = False
    disk = VirtualDisk()
    folder = r"C:\Users\User\Downloads"
    rows = [
        ("create a file",
         _per_op(lambda i: fs.create_file(rf"{folder}\f{i}.bin", contents=b"x"), count),
         _per_op(lambda i: disk.write(rf"{folder}\f{i}.bin", b"x"), count)),
        ("test a path",
         _per_op(lambda i: fs.exists(rf"{folder}\F{i}.BIN"), count),
         _per_op(lambda i: disk.exists(rf"{folder}\F{i}.BIN"), count)),
        ("new file system", _per_op(lambda i: FakeFilesystem(), 50),
         _per_op(lambda i: VirtualDisk(), 50)),
    ]
    print(f"{'operation':<18}{'pyfakefs us':>14}{'VirtualDisk us':>16}{'ratio':>8}")
    for name, theirs, ours in rows:
        print(f"{name:<18}{theirs:>14.1f}{ours:>16.1f}{theirs / ours:>8.1f}x")


if __name__ == "__main__":
    main()
