"""The ``invokesim`` command line: the only module that prints.

Exit codes (docs/cli.md): 0 success; 1 a check failed (a lint problem, a key not
found, an expectation not met); 2 the command line or an input file is invalid
(the message names the file, the line or key, what was expected and what was
found); 3 an internal error, a bug in invokesim: the message asks for a report, and
``INVOKESIM_TRACEBACK=1`` adds the traceback. One bad file never stops the others:
``run`` reports each file on its own and exits with the most serious code.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sim import __version__
from sim.errors import RegImportError, RegistryError, ScenarioError, SimError
from sim.world.machine import OS_NAMES

if TYPE_CHECKING:
    from sim.engine.trace import Trace

from sim.app.console import EXIT_FAILED, EXIT_INTERNAL, EXIT_INVALID, EXIT_OK
from sim.app.console import err as _err
from sim.app.console import internal as _internal
from sim.app.reg_commands import cmd_reg_export, cmd_reg_lint, cmd_reg_query


def _scenario_paths(paths: Sequence[str]) -> tuple[list[str], int]:
    """Files as given, folders searched recursively for ``*.toml``; and how many paths
    were missing (each reported). Anything else named ``*.toml`` (a FIFO, a device) is
    kept: loading it reports that it is not a regular file, for that file alone."""
    found: list[str] = []
    missing = 0
    for path in paths:
        if os.path.isdir(path):
            for folder, _dirs, names in sorted(os.walk(path)):
                found += sorted(os.path.join(folder, n) for n in names if n.endswith(".toml"))
        elif os.path.exists(path):
            found.append(path)
        else:
            _err(f"{path}: expected a scenario file or folder, found nothing at that path")
            missing += 1
    return found, missing


def cmd_run(args: argparse.Namespace) -> int:
    """Run scenario files, each on its own; exit 0, 1, 2 or 3 (the most serious)."""
    from sim.app.parallel import Crash, run_scenarios

    found, missing = _scenario_paths(args.paths)
    if not found:
        if missing:
            return EXIT_INVALID
        print("0 scenarios: nothing to run")
        return EXIT_OK

    # Progress only for a person watching: stderr a terminal, not --quiet, several files.
    progress = len(found) > 1 and not args.quiet and sys.stderr.isatty()

    def announce(index: int, path: str) -> None:
        if progress:
            print(f"[{index}/{len(found)}] {path}", file=sys.stderr)

    traces, ran, invalid, crashed = [], [], missing, 0
    for path, result in run_scenarios(found, jobs=args.jobs, announce=announce):
        if isinstance(result, str):  # the loader's problems (sim.app.parallel Rule 4)
            invalid += 1
            for line in result.splitlines():
                _err(line)
        elif isinstance(result, Crash):
            crashed += 1
            _internal(f"running {result.path}", result.error, result.details)
        else:
            traces.append(result)
            ran.append(path)
    failed = [t for t in traces if not t.expect.passed]
    if args.output or args.format not in ("text", "json"):
        status = _emit_pages(args, ran, traces, failed)
    else:
        _print_traces(args, traces)
        if args.format != "json" and traces:
            print(f"{len(traces)} scenarios: {len(traces) - len(failed)} passed, "
                  f"{len(failed)} failed")
        status = EXIT_FAILED if failed else EXIT_OK
    if invalid:
        _err(f"{invalid} of {len(found) + missing} scenarios invalid")
    if crashed:
        _err(f"{crashed} of {len(found) + missing} scenarios stopped by an internal error")
    return EXIT_INTERNAL if crashed else EXIT_INVALID if invalid else status


def _print_traces(args: argparse.Namespace, traces: Sequence[Trace]) -> None:
    """JSON lines; or each text trace (none with --quiet, failed ones with --failures),
    a failed one followed by its ``<file>:<line>: expect.<key>`` lines."""
    from sim.render.text import render_text

    for trace in traces:
        if args.format == "json":
            print(trace.to_json_line())
            continue
        if not (args.quiet or (args.failures and trace.expect.passed)):
            sys.stdout.write(render_text(trace))
        if not trace.expect.passed:
            for line in _mismatch_lines(trace):
                print(line)


def _mismatch_lines(trace: Trace) -> list[str]:
    """``<file>:<line>: expect.<key>: ...`` for each mismatch of a failed trace."""
    from sim.app.mismatches import mismatch_lines
    from sim.loader import read_scenario_text

    try:
        text = read_scenario_text(trace.scenario)
    except (OSError, SimError):  # the file changed under us: no line numbers
        text = ""
    return mismatch_lines(trace.scenario, text, trace.expect.mismatches)


def _emit_pages(args: argparse.Namespace, found: Sequence[str], traces: Sequence[Trace],
                failed: Sequence[Trace]) -> int:
    """`run --format markdown|mermaid|html` and `--output DIR` (sim.app.outputs): print or write."""
    from sim.app.outputs import page_names, render_pages, write_atomic

    names = page_names(args.paths, found, args.format) if args.output else None
    pages = render_pages(found, traces, args.format)
    if names is None:
        sys.stdout.write("\n".join(pages))
    else:
        for name, page in zip(names, pages, strict=True):
            write_atomic(os.path.join(args.output, name), page)
            print(f"wrote {os.path.join(args.output, name)}")
    print(f"{len(traces)} scenarios: {len(traces) - len(failed)} passed, {len(failed)} failed",
          file=sys.stdout if args.output else sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def cmd_matrix(args: argparse.Namespace) -> int:
    """The same click across browsers, policy sets and flag sets, as a table."""
    from sim.engine.matrix import build_matrix, parse_browsers, parse_settings
    from sim.models.browsers.edge_features import MODELLED_FLAGS, MODELLED_POLICIES
    from sim.render.matrix import render_matrix
    from sim.scenario import load_scenario

    browsers = parse_browsers(args.browsers)
    policies = [parse_settings(p, MODELLED_POLICIES, "policies") for p in args.policies] or [{}]
    flags = [{k: str(v) for k, v in parse_settings(f, MODELLED_FLAGS, "flags").items()}
             for f in args.flags] or [{}]
    matrix = build_matrix(load_scenario(args.file), browsers, policy_sets=policies,
                          flag_sets=flags)
    sys.stdout.write(render_matrix(matrix, args.format))
    return EXIT_OK


def cmd_probe(args: argparse.Namespace) -> int:
    """Fetch a live server's headers and run the click on them in each browser."""
    from sim.engine.matrix import Matrix, Row, cell, parse_browsers
    from sim.probe import probe, probe_scenario
    from sim.probe.clickonce import is_deployment
    from sim.render.matrix import render_matrix

    browsers = parse_browsers(args.browser)
    result = probe(args.url, timeout=args.timeout)
    for hop in result.hops:
        print(f"{hop.method} {hop.url} -> {hop.status}", file=sys.stderr)
        for name, value in hop.headers:
            print(f"    {name}: {value}", file=sys.stderr)
    scenario = probe_scenario(result, os=args.os, profiles=args.machine_profile)
    verdicts = None
    if is_deployment(result) or args.save:
        from sim.probe.clickonce import deployment_verdicts, probe_deployment

        scenario = probe_deployment(result, args)
        verdicts = deployment_verdicts
    label = ", ".join([args.os, *args.machine_profile])
    matrix = Matrix(title=scenario.title, columns=tuple(b.label for b in browsers),
                    rows=(Row(label=label, cells=tuple(cell(scenario, b) for b in browsers)),),
                    corner="machine")
    sys.stdout.write(render_matrix(matrix, args.format))
    if verdicts is not None:
        sys.stdout.write(verdicts(matrix))
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    """Simulate one scenario and print each rule that fired, with its source."""
    from sim.engine import simulate
    from sim.render.cite import cite_lines
    from sim.scenario import load_scenario

    trace = simulate(load_scenario(args.file))
    print(f"{trace.scenario}: {trace.title}")
    print(f"route: {trace.route}, outcome: {trace.outcome}"
          + (f", error: {trace.error}" if trace.error else ""))
    for number, event in enumerate(trace.events, start=1):
        print(f"{number:>3}. {event.rule}: {event.detail}")
        mark = "  [inferred]" if event.inferred else ""
        for index, (title, url) in enumerate(cite_lines(event.source) or [("(none)", "")]):
            print(("     source: " if index == 0 else " " * 13) + title + (mark if index == 0
                                                                         else ""))
            if url:
                print(" " * 13 + url)
    if not trace.expect.passed:
        print("expect: FAILED")
        for line in _mismatch_lines(trace):
            print(f"  {line}")
    return EXIT_OK if trace.expect.passed else EXIT_FAILED


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of scenario files."""
    import json

    from sim.scenario import scenario_json_schema

    print(json.dumps(scenario_json_schema(), indent=2, sort_keys=True))
    return EXIT_OK


def cmd_capture_script(args: argparse.Namespace) -> int:
    """Print (or write) the Windows command script that captures a real machine."""
    from sim.app.capture import capture_script

    script = capture_script()
    if args.output:
        tmp = f"{args.output}.tmp"
        with open(tmp, "w", encoding="ascii", newline="") as handle:
            handle.write(script)
        os.replace(tmp, args.output)  # nothing half-written
        return EXIT_OK
    sys.stdout.write(script.replace("\r\n", "\n"))
    return EXIT_OK


def _add_reg_option(parser: argparse.ArgumentParser) -> None:
    """``--reg FILE``, repeatable: the .reg files `reg query` and `reg export` start from."""
    parser.add_argument(
        "--reg",
        action="append",
        default=[],
        metavar="FILE",
        help=".reg file to import first (repeatable, applied in order)",
    )


def _add_teaching_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`invokesim matrix` and `invokesim probe` (docs/cli.md)."""
    from sim.engine.matrix import DEFAULT_BROWSERS

    matrix = commands.add_parser("matrix", help="the same click across browsers and settings")
    matrix.add_argument("file", metavar="FILE")
    matrix.add_argument("--browsers", default=DEFAULT_BROWSERS, metavar="LIST",
                        help=f"comma-separated name or name-version (default {DEFAULT_BROWSERS})")
    matrix.add_argument("--policies", action="append", default=[], metavar="K=V,...",
                        help="an Edge policy set, one row each (repeatable; - for none)")
    matrix.add_argument("--flags", action="append", default=[], metavar="NAME=STATE,...",
                        help="an edge://flags set, one row each (repeatable; - for none)")
    matrix.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    matrix.set_defaults(func=cmd_matrix)

    probe = commands.add_parser("probe", help="run a live server's response through each browser")
    probe.add_argument("url", metavar="URL")
    probe.add_argument("--browser", default=DEFAULT_BROWSERS, metavar="LIST",
                       help=f"comma-separated name or name-version (default {DEFAULT_BROWSERS})")
    probe.add_argument("--machine-profile", action="append", default=[], metavar="NAME",
                       help="a machine preset such as office (repeatable, layered in order)")
    probe.add_argument("--os", default="windows-10", choices=OS_NAMES)
    probe.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS")
    probe.add_argument("--format", choices=("text", "markdown", "html"), default="text")
    probe.add_argument("--save", metavar="DIR", default=None,
                       help="write what was fetched as a scenario folder that replays offline")
    probe.set_defaults(func=cmd_probe)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``invokesim``."""
    parser = argparse.ArgumentParser(
        prog="invokesim",
        description="Simulate how Windows hands web downloads to applications.",
    )
    parser.add_argument("--version", action="version", version=f"invokesim {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run scenario files or folders")
    run.add_argument("paths", nargs="+", metavar="PATH")
    run.add_argument("--format", choices=("text", "json", "markdown", "mermaid", "html"),
                     default="text",
                     help="text: a readable trace per scenario; json: one object per line; "
                     "markdown, mermaid, html: a page per scenario")
    run.add_argument("--output", metavar="DIR",
                     help="write one file per scenario here (default: print to stdout)")
    from sim.app.parallel import parse_jobs

    run.add_argument("--jobs", "-j", type=parse_jobs, default=1, metavar="N",
                     help="simulate in N processes (0 or auto: one per CPU); same output")
    run.add_argument("--quiet", "-q", action="store_true",
                     help="no progress and no traces: each failed expectation as "
                     "<file>:<line>, then the summary")
    run.add_argument("--failures", action="store_true",
                     help="print the traces of the scenarios whose [expect] failed only")
    run.set_defaults(func=cmd_run)
    _add_teaching_commands(commands)

    explain = commands.add_parser("explain", help="each rule that fired, with its source")
    explain.add_argument("file", metavar="FILE")
    explain.set_defaults(func=cmd_explain)

    schema = commands.add_parser("schema", help="print the JSON Schema of scenario files")
    schema.set_defaults(func=cmd_schema)

    capture = commands.add_parser(
        "capture-script",
        help="print a Windows .cmd script that exports the registry keys the models read")
    capture.add_argument("-o", "--output", metavar="FILE",
                         help="write the script (CRLF line ends) to FILE instead")
    capture.set_defaults(func=cmd_capture_script)

    reg = commands.add_parser("reg", help="work with .reg files and the virtual registry")
    reg_cmds = reg.add_subparsers(dest="reg_command", required=True, metavar="SUBCOMMAND")

    lint = reg_cmds.add_parser("lint", help="report every line regedit would skip or reject")
    lint.add_argument("files", nargs="+", metavar="FILE")
    lint.set_defaults(func=cmd_reg_lint)

    query = reg_cmds.add_parser("query", help="print a key as `reg query` does")
    _add_reg_option(query)
    query.add_argument(
        "key", metavar="KEY", help=r"e.g. HKCR\.application or HKEY_CURRENT_USER\Software"
    )
    query.add_argument("--value", "-v", metavar="NAME", help="only this value ('' = default)")
    query.add_argument("--recurse", "-s", action="store_true", help="all subkeys, like /s")
    query.set_defaults(func=cmd_reg_query)

    export = reg_cmds.add_parser("export", help="export as regedit does")
    _add_reg_option(export)
    export.add_argument(
        "--version",
        type=int,
        choices=(4, 5),
        default=5,
        help="5: UTF-16LE 'Windows Registry Editor Version 5.00'; 4: REGEDIT4",
    )
    export.add_argument("--root", metavar="KEY", help="export only this key and its subtree")
    export.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the file's exact bytes here (default: text to stdout)",
    )
    export.set_defaults(func=cmd_reg_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.func(args)
    except BrokenPipeError:  # `invokesim run ... | head`: the reader left; not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout must stay open until exit
        return EXIT_OK
    except (RegImportError, RegistryError, ScenarioError, SimError) as exc:
        # ScenarioError and RegImportError name their file; others found while
        # simulating one scenario file (explain, matrix) get its name in front.
        named = isinstance(exc, ScenarioError | RegImportError) or not getattr(args, "file", None)
        for line in str(exc).splitlines():
            _err(line if named else f"{args.file}: {line}")
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130  # the shell's code for a command stopped by Ctrl+C
    except Exception as exc:
        import traceback

        _internal(f"running `invokesim {args.command}`", f"{type(exc).__name__}: {exc}",
                  "".join(traceback.format_exception(exc)))
        return EXIT_INTERNAL
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
