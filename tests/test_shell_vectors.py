"""Data vectors for CommandLineToArgvW and %-expansion (tests/data/shell/*.toml).

The cases transcribe Wine's conformance tests (Windows behaviour) and
Microsoft's documented examples; tests/data/shell/README.md describes them.
"""

from __future__ import annotations

import ntpath
from pathlib import Path
from typing import Any

import pytest
import tomli

from sim.shell import command_line_to_argv, expand_command

DATA = Path(__file__).parent / "data" / "shell"
MODULE = r"C:\winetest\shell32_test.exe"


def _cases(name: str, kinds: tuple[str, ...] = ()) -> list[Any]:
    cases = tomli.loads((DATA / name).read_text(encoding="utf-8"))["case"]
    return [pytest.param(c, id=c["name"]) for c in cases if not kinds or c.get("kind") in kinds]


@pytest.mark.parametrize("case", _cases("argv.toml"))
def test_command_line_to_argv(case: dict[str, Any]) -> None:
    """CommandLineToArgvW splits each recorded command line as Windows does."""
    if case.get("returns_null") or case.get("cmdline_is_null"):
        pytest.skip("a NULL pointer argument has no Python equivalent")
    if case.get("argv0_is_module_path"):
        assert command_line_to_argv(case["cmdline"], module_path=MODULE) == [MODULE]
        return
    assert command_line_to_argv(case["cmdline"]) == case["argv"]


@pytest.mark.parametrize("case", _cases("argify.toml", ("argify",)))
def test_argify(case: dict[str, Any]) -> None:
    """ShellExecute's %-expansion gives the recorded command line."""
    file = case["file"].strip('"')
    assert expand_command(case["template"], file, case["parameters"]) == case["expected"]


def _same_path(a: str, b: str) -> bool:
    def norm(p: str) -> str:
        return ntpath.normpath(p.replace("/", "\\")).rstrip(".").lower()

    return norm(a) == norm(b)


@pytest.mark.parametrize("case", _cases("argify.toml", ("verb_argv",)))
def test_verb_argv(case: dict[str, Any]) -> None:
    """%1, %l and %L put the file into the child's argv as Windows does."""
    file = case["file"].strip('"')
    if case.get("cwd") or case.get("class") or file[1:3] != ":\\":
        pytest.skip("URL and class cases go through shell_execute (tests/test_shell_execute.py)")
    argv = command_line_to_argv(expand_command(case["template"], file, case["parameters"]))
    tail = argv[1:]
    want = case["expected_argv_tail"]
    assert len(argv) == case.get("expected_argc", len(argv))
    for index, (got, expected) in enumerate(zip(tail, want, strict=True), start=1):
        if index in case.get("path_compare_argv", []):
            assert _same_path(got, expected)
        elif index == 3:
            assert got.lower() == expected.lower()
        else:
            assert got == expected
