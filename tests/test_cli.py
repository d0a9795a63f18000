"""Tests of the invokesim command line: reg lint, query, export, run, and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sim.app.cli import main

GOOD = (
    "Windows Registry Editor Version 5.00\r\n\r\n"
    "[HKEY_CURRENT_USER\\Software\\Classes\\.fuzzle]\r\n"
    '@="Fuzzle.Document"\r\n"Size"=dword:0000002a\r\n\r\n'
    "[HKEY_CURRENT_USER\\Software\\Classes\\.fuzzle\\shell]\r\n"
)
BAD = 'REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\X]\n"p"="C:\\Program"\n"d"=dword:0x50\n'


def write(tmp_path: Path, name: str, text: str, *, utf16: bool = True) -> str:
    path = tmp_path / name
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le") if utf16 else text.encode())
    return str(path)


def test_lint_reports_every_problem_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`reg lint` prints file:line for each bad line and exits 1."""
    path = write(tmp_path, "bad.reg", BAD, utf16=False)
    assert main(["reg", "lint", path]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[0] for line in out] == [f"{path}:4", f"{path}:5"]


def test_lint_passes_a_clean_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`reg lint` on a valid file says ok and exits 0."""
    path = write(tmp_path, "good.reg", GOOD)
    assert main(["reg", "lint", path]) == 0
    assert "ok (2 keys, 2 values" in capsys.readouterr().out


def test_lint_of_an_invalid_header_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file regedit refuses is a lint problem on line 1."""
    path = write(tmp_path, "x.reg", "hello\n", utf16=False)
    assert main(["reg", "lint", path]) == 1
    assert f"{path}:1: expected the header" in capsys.readouterr().out


def test_query_prints_like_reg_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`reg query` shows the merged HKCR key, its values and its subkeys."""
    path = write(tmp_path, "good.reg", GOOD)
    assert main(["reg", "query", "--reg", path, r"HKCR\.FUZZLE"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "",
        r"HKEY_CLASSES_ROOT\.FUZZLE",
        "    (Default)    REG_SZ    Fuzzle.Document",
        "    Size    REG_DWORD    0x2a",
        "",
        r"HKEY_CLASSES_ROOT\.FUZZLE\shell",
    ]


def test_query_of_a_missing_key_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """A missing key prints reg.exe's error and exits 1."""
    assert main(["reg", "query", r"HKCU\Nope"]) == 1
    assert "unable to find the specified registry key" in capsys.readouterr().err


def test_query_with_a_bad_root_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown root is invalid input: exit 2 with the expected roots named."""
    assert main(["reg", "query", r"HKXX\Nope"]) == 2
    assert "expected a root key" in capsys.readouterr().err


def test_export_writes_regedit_bytes_atomically(tmp_path: Path) -> None:
    """`reg export -o` writes UTF-16LE with BOM, and re-imports to the same text."""
    src = write(tmp_path, "good.reg", GOOD)
    out = tmp_path / "out.reg"
    assert main(["reg", "export", "--reg", src, "--root", r"HKCU\Software", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xff\xfeW\x00i\x00n\x00")
    again = tmp_path / "again.reg"
    assert main(["reg", "export", "--reg", str(out), "--root", r"HKCU\Software", "-o",
                 str(again)]) == 0
    assert again.read_bytes() == data
    assert not list(tmp_path.glob("*.tmp"))


def test_run_of_an_empty_gallery_reports_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`run` on a folder without scenario files reports 0 scenarios and exits 0."""
    assert main(["run", str(tmp_path)]) == 0
    assert "0 scenarios" in capsys.readouterr().out


def test_run_of_a_missing_path_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A path that does not exist is invalid input."""
    assert main(["run", "no/such/folder"]) == 2
    assert "no/such/folder" in capsys.readouterr().err


def test_python_dash_m_sim_is_the_same_command() -> None:
    """`python -m sim --version` runs the CLI."""
    done = subprocess.run([sys.executable, "-m", "sim", "--version"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("invokesim ")
