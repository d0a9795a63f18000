"""Every ```console example in README.md and docs/*.md prints what it shows.

A console block is a list of ``$ command`` lines, each followed by what it prints.
``$ invokesim ...`` runs the command line (``2>/dev/null`` and stderr are ignored: the
block shows stdout) and its output is compared line by line; a line that is just
``...`` stands for any number of lines. ``$ cat FILE`` shows a file: the lines after it
are written to ``FILE`` for the commands that follow. Any other command cannot be
checked, so it belongs in a ```sh block (commands only). The tutorial's blocks are
checked, and rewritten, by tests/test_tutorial.py.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
from pathlib import Path

import pytest

from sim.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md")
                                     if p.name != "tutorial.md")]
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def _blocks() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((f"{page.relative_to(ROOT)}:{line}", match.group(1)))
    return found


def _steps(block: str) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            assert steps, f"output before any command: {line!r}"
            steps[-1][1].append(line)
    return steps


def _matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line; an expected line `...` (any indentation) matches zero or more lines."""
    if not expected:
        return not actual
    if expected[0].strip() == "...":
        return any(_matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and _matches(expected[1:], actual[1:])


def _run(command: str, folder: Path) -> str:
    argv = shlex.split(command.replace("2>/dev/null", ""))
    assert argv[0] == "invokesim", (
        f"{command!r}: a console example runs invokesim or cat; show other commands "
        "in a ```sh block")
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            main(argv[1:])
    finally:
        os.chdir(cwd)
    return out.getvalue()


def test_the_pages_have_console_examples() -> None:
    """The check has something to check: README and docs/cli.md show real sessions."""
    places = [where for where, _block in _blocks()]
    assert any(p.startswith("README.md") for p in places)
    assert any(p.startswith("docs/cli.md") for p in places)


@pytest.mark.parametrize(("where", "block"), _blocks(), ids=[w for w, _b in _blocks()])
def test_console_example_prints_what_it_shows(where: str, block: str, tmp_path: Path) -> None:
    """Each command of the block prints exactly the lines the block shows."""
    for name in ("scenarios", "docs"):
        (tmp_path / name).symlink_to(ROOT / name)
    for command, expected in _steps(block):
        if command.startswith("cat "):
            (tmp_path / command[4:].strip()).write_text("\n".join(expected) + "\n",
                                                        encoding="utf-8")
            continue
        actual = _run(command, tmp_path).splitlines()
        assert _matches(expected, actual), (
            f"{where}: `{command}` printed:\n" + "\n".join(actual))


def test_the_wildcard_is_not_a_free_pass() -> None:
    """The comparison can fail: `...` spans lines, but the lines around it must match."""
    assert _matches(["a", "  ...", "z"], ["a", "b", "c", "z"])
    assert not _matches(["a", "...", "z"], ["a", "b"])
    assert not _matches(["a"], ["a", "b"])
