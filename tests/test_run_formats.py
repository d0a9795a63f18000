"""`invokesim run --format markdown|mermaid|html` and `--output DIR`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sim.app.cli import main

ROOT = Path(__file__).resolve().parent.parent
IE = ROOT / "scenarios" / "ie"


def test_formats_print_a_page_per_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --output each page goes to stdout and the summary to stderr."""
    path = str(IE / "directinvoke-word.toml")
    assert main(["run", "--format", "markdown", path]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# IE11 asks Open or Cancel")
    assert "1 scenarios: 1 passed, 0 failed" in captured.err
    assert main(["run", "--format", "mermaid", path]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "flowchart TD"
    assert main(["run", "--format", "html", path]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_output_writes_one_file_per_scenario_mirroring_the_folders(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Pages are named from the scenario's path under the folder argument, nothing half-written."""
    tree = tmp_path / "in"
    shutil.copytree(IE, tree / "ie")
    shutil.copy(ROOT / "scenarios" / "render" / "not-found.toml", tree / "top.toml")
    out = tmp_path / "out"
    assert main(["run", "--format", "html", "--output", str(out), str(tree)]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == sorted([f"ie/{p.stem}.html" for p in IE.glob("*.toml")] + ["top.html"])
    assert "wrote " in capsys.readouterr().out
    assert main(["run", "--format", "json", "--output", str(out),
                 str(tree / "top.toml")]) == 0
    assert (out / "top.json").read_text(encoding="utf-8").startswith('{"scenario": ')


def test_two_scenarios_one_page_name_is_refused_before_writing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two file arguments with the same name would overwrite each other: exit 2, nothing written."""
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(IE / "attachment-wins.toml", tmp_path / folder / "same.toml")
    out = tmp_path / "out"
    assert main(["run", "--format", "markdown", "--output", str(out),
                 str(tmp_path / "a" / "same.toml"), str(tmp_path / "b" / "same.toml")]) == 2
    assert "would overwrite the page of" in capsys.readouterr().err
    assert not out.exists()


def test_failed_expectation_still_writes_pages_and_exits_1(tmp_path: Path) -> None:
    """Pages are written for every scenario; the exit code says an [expect] failed."""
    text = (IE / "attachment-wins.toml").read_text(encoding="utf-8").replace(
        'outcome = "saved"', 'outcome = "launched"')
    (tmp_path / "s.toml").write_text(text, encoding="utf-8")
    assert main(["run", "--format", "html", "--output", str(tmp_path / "o"),
                 str(tmp_path / "s.toml")]) == 1
    assert "FAILED: outcome: expected" in (tmp_path / "o" / "s.html").read_text(encoding="utf-8")
