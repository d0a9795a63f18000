"""invokesim capture-script: the Windows script that exports exactly the keys the models read."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from sim.app.capture import capture_script
from sim.app.cli import main
from sim.world.locations import capture_roots

_SHORT = {"HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER"}


def _exports(script: str) -> list[tuple[str, str]]:
    return re.findall(r'^call :export "([^"]+)" "([^"]+)"\r$', script, re.M)


def test_script_exports_every_key_of_the_table_once() -> None:
    """One `reg export` per capture key of the locations table, in table order, own file each."""
    exports = _exports(capture_script())
    keys = [_SHORT[k.split("\\", 1)[0]] + "\\" + k.split("\\", 1)[1] for k, _ in exports]
    assert keys == capture_roots()
    names = [name for _, name in exports]
    assert len(set(names)) == len(names) and all(n.endswith(".reg") for n in names)


def test_script_is_a_cmd_file_with_crlf_and_no_clock() -> None:
    """CRLF line ends, reg export with /y, the version queries, and the same bytes each time."""
    script = capture_script()
    assert script == capture_script()
    assert "\n" not in script.replace("\r\n", "")
    assert script.startswith("@echo off\r\n")
    assert 'reg export "%~1" "%OUT%\\%~2" /y' in script
    assert r'reg query "HKCU\Software\Microsoft\Edge\BLBeacon" /v version' in script
    assert r'reg query "HKLM\SOFTWARE\Microsoft\Internet Explorer" /v svcVersion' in script
    assert "dsregcmd /status" in script


def test_reg_files_list_the_script_writes_is_toml() -> None:
    """The reg_files.toml the script echoes (header, one line per written file, footer)
    parses as the [machine] reg_files array."""
    script = capture_script()
    head = re.search(r'^> "%LIST%" echo (.*)\r$', script, re.M)
    item = re.search(r'^if exist .* echo (.*)\r$', script, re.M)
    tail = re.search(r'^>> "%LIST%" echo (.*)\r$', script, re.M)
    assert head and item and tail
    names = [name for _, name in _exports(script)][:3]
    text = "\n".join([head.group(1)] + [item.group(1).replace("%~2", n) for n in names]
                     + [tail.group(1)])
    assert tomllib.loads(text) == {"reg_files": names}


def test_cli_prints_or_writes_the_script(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    """`invokesim capture-script` prints it; `-o FILE` writes it with CRLF line ends."""
    assert main(["capture-script"]) == 0
    assert capsys.readouterr().out == capture_script().replace("\r\n", "\n")
    target = tmp_path / "capture.cmd"
    assert main(["capture-script", "-o", str(target)]) == 0
    assert target.read_bytes() == capture_script().encode("ascii")
