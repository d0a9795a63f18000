"""``invokesim reg lint|query|export``: .reg files read, checked, queried and written.

Rules: ``lint`` imports each file strictly into an empty registry and reports every
problem with its line (exit 1), a file it cannot read at all exits 2 and the others are
still linted; ``query`` prints a key as ``reg query`` does; ``export`` writes as regedit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sim.app.console import EXIT_FAILED, EXIT_INVALID, EXIT_OK, err
from sim.app.outputs import write_atomic
from sim.errors import RegImportError
from sim.loader import read_reg_file
from sim.registry import Registry
from sim.registry.query import format_query
from sim.registry.reg_export import export_bytes, export_text
from sim.registry.reg_import import import_text

__all__ = ["cmd_reg_export", "cmd_reg_lint", "cmd_reg_query", "load_registry"]


def load_registry(files: Sequence[str], *, strict: bool) -> Registry:
    """Build a registry from .reg files applied in order; warnings go to stderr."""
    reg = Registry()
    for path in files:
        decoded = read_reg_file(path)
        report = import_text(reg, decoded.text, strict=strict, source=path, unicode=decoded.unicode)
        for warning in report.warnings:
            print(f"warning: {path}:{warning.line}: {warning.message}", file=sys.stderr)
    return reg


def cmd_reg_lint(args: argparse.Namespace) -> int:
    """Import each file strictly into an empty registry; report every problem.

    Exit 1 for lint problems; 2 when a file cannot be read at all (missing, not a
    regular file, too large, UTF-8, an odd-sized UTF-16 file), the others still linted.
    """
    status = EXIT_OK
    for path in args.files:
        try:
            decoded = read_reg_file(path)
        except RegImportError as exc:  # unreadable: invalid input, exit 2, no line 0 shown
            for problem in exc.problems:
                err(f"{exc.source}: {problem.message}" if problem.line == 0
                     else problem.render(exc.source))
            status = EXIT_INVALID
            continue
        try:
            report = import_text(
                Registry(), decoded.text, strict=True, source=path, unicode=decoded.unicode
            )
        except RegImportError as exc:
            if all(problem.line == 0 for problem in exc.problems):
                # The file itself cannot be read (missing, too large): invalid input, exit 2.
                for problem in exc.problems:
                    err(f"{exc.source}: {problem.message}")
                status = EXIT_INVALID
                continue
            for problem in exc.problems:
                print(problem.render(exc.source))
            status = max(status, EXIT_FAILED)
            continue
        print(
            f"{path}: ok ({report.keys} keys, {report.values} values, "
            f"{report.deleted_keys} key deletions, {report.deleted_values} value deletions)"
        )
    return status


def cmd_reg_query(args: argparse.Namespace) -> int:
    """Print a key (from the given .reg files) as ``reg query`` does."""
    reg = load_registry(args.reg, strict=False)
    kp = reg.resolve(args.key)
    if (kp.relative and not reg.nodes(kp)) or (
        args.value is not None and reg.lookup_value(kp, args.value) is None
    ):
        # reg.exe's own message for a missing key or value.
        print(
            "ERROR: The system was unable to find the specified registry key or value.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print("\n".join(format_query(reg, kp, value=args.value, recurse=args.recurse)))
    return EXIT_OK


def cmd_reg_export(args: argparse.Namespace) -> int:
    """Write the registry built from the .reg files as regedit exports it."""
    reg = load_registry(args.reg, strict=False)
    if args.output:
        write_atomic(args.output, export_bytes(reg, version=args.version, root=args.root))
        return EXIT_OK
    text = export_text(reg, version=args.version, root=args.root)
    sys.stdout.write(text.removeprefix("\ufeff").replace("\r\n", "\n"))
    return EXIT_OK
