"""Data vectors for CommandLineToArgvW and %-expansion (tests/data/shell/*.toml).

The cases transcribe Wine's conformance tests (Windows behaviour) and
Microsoft's documented examples; tests/data/shell/README.md describes them.
"""

from __future__ import annotations

import ntpath
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli

from sim.shell import command_line_to_argv, expand_command, shell_execute
from sim.world.machine import Machine
from sim.world.presets import machine_for_os

DATA = Path(__file__).parent / "data" / "shell"
MODULE = r"C:\winetest\shell32_test.exe"


def _cases(
    name: str, kinds: tuple[str, ...] = (), when: Callable[[dict[str, Any]], bool] = bool
) -> list[Any]:
    cases = tomli.loads((DATA / name).read_text(encoding="utf-8"))["case"]
    return [
        pytest.param(c, id=c["name"])
        for c in cases
        if (not kinds or c.get("kind") in kinds) and when(c)
    ]


def _through_the_shell(case: dict[str, Any]) -> bool:
    """A URL or an explicit class: the case needs ShellExecute, not only the expansion."""
    return bool(case.get("class")) or "://" in case["file"]


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


@pytest.mark.parametrize(
    "case", _cases("argify.toml", ("verb_argv",), lambda c: not _through_the_shell(c))
)
def test_verb_argv(case: dict[str, Any]) -> None:
    """%1, %l and %L put the file into the child's argv as Windows does."""
    file = case["file"].strip('"')
    if case.get("cwd"):
        pytest.skip("relative files need a current folder, which ShellExecute here has not")
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


WINETEST = r"C:\winetest\shell32_test.exe"
TMPDIR = r"C:\Users\winetest\AppData\Local\Temp\wtShlexecDir"


def _wine_machine(case: dict[str, Any]) -> Machine:
    """A machine with the test's classes: the case's verb under .shlexec or its protocol."""
    machine = machine_for_os("windows-10")
    assert machine.registry is not None and machine.disk is not None
    machine.disk.write(WINETEST, b"")
    machine.disk.write(rf"{TMPDIR}\test file.shlexec", b"")
    file = case["file"].strip('"')
    scheme = file.split(":", 1)[0] if "://" in file else None
    cls = scheme or "shlexec.shlexec"
    verb = case["template"].rsplit(" ", 2)[-2]  # 'Open', 'URL', 'AVerb', 'PAVerb'
    name = {"URL": "open", "PAVerb": "averb", "AVerb": "averb"}.get(verb, verb)
    reg = machine.registry
    reg.set_value(rf"HKCR\{cls}\shell\{name}\command", "", case["template"])
    if scheme:
        reg.set_value(rf"HKCR\{scheme}", "URL Protocol", "")
    else:
        reg.set_value(r"HKCR\.shlexec", "", cls)
    return machine


@pytest.mark.parametrize("case", _cases("argify.toml", ("verb_argv",), _through_the_shell))
def test_url_and_class_argv_through_shell_execute(case: dict[str, Any]) -> None:
    """ShellExecute hands the file or URL to the class's or protocol's verb as Windows does."""
    file = case["file"].strip('"')
    if "%" in file:
        pytest.skip("SEE_MASK_DOENVSUBST is not modelled")
    machine = _wine_machine(case)
    verb = case["verb"] or None
    result = shell_execute(machine, file, verb, cls=case.get("class"),
                           parameters=case["parameters"])
    assert result.launch is not None, result.error
    argv = result.launch.argv
    assert len(argv) == case.get("expected_argc", len(argv))
    for index, (got, expected) in enumerate(zip(argv[1:], case["expected_argv_tail"],
                                                strict=True), start=1):
        if index in case.get("path_compare_argv", []):
            assert _same_path(got, expected)
        elif index == 3:
            assert got.lower() == expected.lower()
        else:
            assert got == expected
