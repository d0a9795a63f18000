"""The tutorial's commands print exactly what the tutorial shows (docs/tutorial.md).

Run ``python tests/test_tutorial.py`` to rewrite the outputs after a deliberate change.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from sim.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "docs" / "tutorial.md"
FIRST = ROOT / "docs" / "tutorial" / "first.toml"
_TOML = re.compile(r"(<!-- tutorial-file: first\.toml[^\n]*-->\n```toml\n)(.*?)(```)", re.S)
_CONSOLE = re.compile(r"(```console\n\$ invokesim ([^\n]*)\n)(.*?)(```)", re.S)


def _run(command: str, folder: Path) -> str:
    """Run ``invokesim <command>`` in ``folder``; return what it printed on stdout."""
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            main(shlex.split(command))
    finally:
        os.chdir(cwd)
    return out.getvalue()


def refreshed(text: str, folder: Path) -> str:
    """The tutorial with the scenario file and every command's output as they are now."""
    shutil.copy(FIRST, folder / "first.toml")
    text = _TOML.sub(lambda m: m.group(1) + FIRST.read_text(encoding="utf-8") + m.group(3),
                     text)
    return _CONSOLE.sub(lambda m: m.group(1) + _run(m.group(2), folder) + m.group(4), text)


def test_tutorial_commands_print_what_the_tutorial_shows(tmp_path: Path) -> None:
    """Each `$ invokesim ...` block shows the command's real output; the file is the real one."""
    text = TUTORIAL.read_text(encoding="utf-8")
    assert len(_CONSOLE.findall(text)) >= 5 and _TOML.search(text)
    assert refreshed(text, tmp_path) == text, (
        "docs/tutorial.md is out of date: run `.venv/bin/python tests/test_tutorial.py`")
    assert (tmp_path / "report" / "first.html").is_file()


@pytest.mark.parametrize("scenario", [FIRST])
def test_tutorial_scenario_meets_its_expectations(scenario: Path) -> None:
    """The tutorial's first scenario runs and meets its own [expect]."""
    assert main(["run", str(scenario)]) == 0


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        TUTORIAL.write_text(refreshed(TUTORIAL.read_text(encoding="utf-8"), Path(folder)),
                            encoding="utf-8")
    sys.exit(0)
