"""`invokesim run --jobs N` (sim/app/parallel.py): same output, order and exit codes as one job."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from sim.app.cli import main
from sim.app.parallel import available_cpus, parse_jobs, run_scenarios

GALLERY = Path(__file__).parent.parent / "scenarios"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_output_is_byte_identical(fmt: str, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The gallery run with 2 jobs prints exactly what 1 job prints, progress included."""
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)  # progress is for terminals
    one = _run(["run", "--format", fmt, "--jobs", "1", str(GALLERY)], capsys)
    two = _run(["run", "--format", fmt, "--jobs", "2", str(GALLERY)], capsys)
    assert one == two
    assert one[0] == 0 and f"[1/{len(list(GALLERY.rglob('*.toml')))}]" in one[2]


def test_jobs_keep_exit_codes_and_invalid_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With several jobs a failed [expect] exits 1 and an invalid file exits 2 naming its key,
    the valid files still run."""
    source = GALLERY / "ie" / "attachment-wins.toml"
    for name in ("a", "b", "c"):
        shutil.copy(source, tmp_path / f"{name}.toml")
    text = source.read_text(encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace('route = "download"', 'route = "render"'),
                                     encoding="utf-8")
    status, out, _ = _run(["run", "-j", "2", str(tmp_path)], capsys)
    assert status == 1 and "route: expected 'render', found 'download'" in out
    (tmp_path / "c.toml").write_text(text.replace('name = "ie"', 'name = "ie6"'), encoding="utf-8")
    assert _run(["run", "-j", "1", str(tmp_path)], capsys) == (
        status2 := _run(["run", "-j", "2", str(tmp_path)], capsys))
    assert status2[0] == 2 and "2 scenarios: 1 passed, 1 failed" in status2[1]
    assert f"error: {tmp_path / 'c.toml'}:" in status2[2] and "browser.name" in status2[2]
    assert "1 of 3 scenarios invalid" in status2[2]


def test_results_come_back_in_the_order_given(tmp_path: Path) -> None:
    """run_scenarios yields one result per path, in the order of the paths."""
    paths = [str(p) for p in sorted(GALLERY.rglob("*.toml"))][:6]
    paths.reverse()
    seen: list[tuple[int, str]] = []
    results = list(run_scenarios(paths, jobs=2, announce=lambda i, p: seen.append((i, p))))
    assert [path for path, _ in results] == paths
    assert seen == list(enumerate(paths, start=1))
    assert [r.scenario for _, r in results if not isinstance(r, str)] == paths


def test_parse_jobs_reads_counts_zero_and_auto() -> None:
    """--jobs takes a count; 0 and auto mean every CPU; anything else is refused."""
    assert parse_jobs("3") == 3
    assert parse_jobs("0") == parse_jobs("auto") == available_cpus() >= 1
    for bad in ("-1", "two", ""):
        with pytest.raises(argparse.ArgumentTypeError, match="expected a number of jobs"):
            parse_jobs(bad)


def test_bad_jobs_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """`run --jobs x` exits 2 with argparse's message."""
    with pytest.raises(SystemExit) as exit_info:
        main(["run", "--jobs", "x", str(GALLERY)])
    assert exit_info.value.code == 2
    assert "expected a number of jobs" in capsys.readouterr().err
