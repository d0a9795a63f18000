"""The command line's manners: quiet when piped, failures at their line, typos caught.

`run` prints `[i/n]` progress only when stderr is a terminal and not `--quiet`;
`--quiet` prints each failed expectation as `<file>:<line>` and the summary;
`--failures` prints only the failed traces; `run` and `explain` place every mismatch
at its line; `matrix` refuses a policy or flag it does not model; `reg lint` on a
missing file exits 2.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sim.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "scenarios" / "edge" / "not-windows.toml"
SOURCE = ROOT / "scenarios" / "edge" / "clickonce-on-by-default-87.toml"


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    """A copy of a gallery scenario whose [expect] outcome is wrong (line of the key known)."""
    shutil.copytree(SOURCE.parent / "apps", tmp_path / "apps")
    text = SOURCE.read_text(encoding="utf-8")
    assert text.count('outcome = "launched"') == 1
    path = tmp_path / "bad.toml"
    path.write_text(text.replace('outcome = "launched"', 'outcome = "failed"'), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_no_progress_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    """Piped or captured stderr gets no [i/n] lines; a terminal gets them unless --quiet."""
    assert main(["run", str(GOOD), str(GOOD)]) == 0
    assert "[1/2]" not in capsys.readouterr().err


def test_progress_on_a_terminal_and_quiet_silences_it(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """With stderr a terminal the [i/n] lines appear; --quiet removes them."""
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["run", str(GOOD), str(GOOD)]) == 0
    assert "[2/2]" in capsys.readouterr().err
    assert main(["run", "--quiet", str(GOOD), str(GOOD)]) == 0
    captured = capsys.readouterr()
    assert "[1/2]" not in captured.err
    assert captured.out == "2 scenarios: 2 passed, 0 failed\n"


def test_quiet_prints_each_failure_at_its_line(failing: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """--quiet: only `<file>:<line>: expect.outcome: ...` and the summary; exit 1."""
    assert main(["run", "-q", str(failing), str(GOOD)]) == 1
    line = _line_of(failing, 'outcome = "failed"')
    assert capsys.readouterr().out == (
        f"{failing}:{line}: expect.outcome: expected 'failed', found 'launched'\n"
        "2 scenarios: 1 passed, 1 failed\n")


def test_failures_view_and_run_mismatch_lines(failing: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """--failures prints the failed trace only, followed by its mismatch at its line."""
    assert main(["run", "--failures", str(failing), str(GOOD)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n== ") == 0 and out.startswith(f"== {failing}:")
    assert "not-windows" not in out
    assert f"{failing}:{_line_of(failing, 'outcome = ')}: expect.outcome:" in out


def test_explain_says_which_expectation_failed(failing: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """explain ends a failed scenario with its mismatches at their lines, and exits 1."""
    assert main(["explain", str(failing)]) == 1
    tail = capsys.readouterr().out.splitlines()[-2:]
    assert tail == ["expect: FAILED", f"  {failing}:{_line_of(failing, 'outcome = ')}: "
                    "expect.outcome: expected 'failed', found 'launched'"]


@pytest.mark.parametrize(("option", "typo", "meant"), [
    ("--policies", "ClickOnceEnabeld=1", "ClickOnceEnabled"),
    ("--flags", "edge-clickonce=enabled", "edge-click-once"),
])
def test_matrix_row_typos_are_errors(option: str, typo: str, meant: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A policy or flag name the models do not know: exit 2 with a "did you mean"."""
    assert main(["matrix", str(GOOD), option, typo]) == 2
    err = capsys.readouterr().err
    assert f"found {typo.split('=', maxsplit=1)[0]!r}; did you mean {meant!r}?" in err


def test_reg_lint_missing_file_exits_2(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A .reg file that is not there is invalid input (2), named without a line 0."""
    missing = tmp_path / "missing.reg"
    assert main(["reg", "lint", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {missing}: expected a readable .reg file") and ":0:" not in err
