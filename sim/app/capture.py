"""``invokesim capture-script``: a Windows command script that captures a real machine.

Rule: the script exports (``reg export``, UTF-16 files as regedit writes them) exactly
the keys of :data:`sim.world.locations.LOCATIONS`, one file per key, skipping keys the
machine does not have, and writes ``reg_files.toml`` listing the files it wrote, for a
scenario's ``[machine] reg_files``. It also records what a scenario says elsewhere:
the installed Edge version (``HKCU\\Software\\Microsoft\\Edge\\BLBeacon`` ``version``
[inferred: where Edge records the version it runs, as deployment scripts read it]),
Internet Explorer's (``HKLM\\SOFTWARE\\Microsoft
\\Internet Explorer`` ``svcVersion``) and whether the machine is joined to a domain or
Azure AD (``dsregcmd /status``), for ``[browser] version`` and ``[machine] managed``
(``docs/what-would-happen.md``). The text is fixed (no clock): the same table gives
the same script. Line ends are CRLF, as ``cmd.exe`` expects.

Sources: ``reg export`` https://learn.microsoft.com/windows-server/administration/windows-commands/reg-export;
``dsregcmd`` https://learn.microsoft.com/entra/identity/devices/troubleshoot-device-dsregcmd.
"""

from __future__ import annotations

import re
from typing import Final

from sim.world.locations import LOCATIONS, capture_roots

__all__ = ["capture_script"]

_SHORT: Final = {"HKEY_LOCAL_MACHINE": "HKLM", "HKEY_CURRENT_USER": "HKCU",
                 "HKEY_CLASSES_ROOT": "HKCR", "HKEY_USERS": "HKU"}


def _short(key: str) -> str:
    root, _, rest = key.partition("\\")
    return f"{_SHORT.get(root, root)}\\{rest}"


def _file_name(index: int, key: str) -> str:
    root, _, rest = _short(key).partition("\\")
    tail = "-".join(rest.split("\\")[-2:])
    slug = re.sub(r"[^a-z0-9]+", "-", f"{root}-{tail}".lower()).strip("-")
    return f"{index:02d}-{slug}.reg"


def _why(key: str) -> str:
    rows = [row.decides for row in LOCATIONS if key in row.capture]
    return "; ".join(dict.fromkeys(rows))


def capture_script() -> str:
    """The Rule: the whole ``.cmd`` script, CRLF line ends."""
    lines = [
        "@echo off",
        "rem invokesim capture script: saves the registry keys invokesim's models read,",
        "rem and the Edge and Internet Explorer versions, so a scenario can replay this",
        "rem machine (docs/what-would-happen.md). Run it as the user whose browser you",
        "rem model, in a normal (not elevated) command prompt:",
        "rem     invokesim-capture.cmd [output folder]",
        "setlocal",
        'set "OUT=%~1"',
        'if "%OUT%"=="" set "OUT=%CD%\\invokesim-capture"',
        'if not exist "%OUT%" mkdir "%OUT%"',
        'set "LIST=%OUT%\\reg_files.toml"',
        '> "%LIST%" echo reg_files = [',
    ]
    for index, key in enumerate(capture_roots(), start=1):
        lines.append(f"rem {_why(key)}")
        lines.append(f'call :export "{_short(key)}" "{_file_name(index, key)}"')
    lines += [
        '>> "%LIST%" echo ]',
        '> "%OUT%\\versions.txt" echo [browser] version: Edge (BLBeacon version), '
        "Internet Explorer (svcVersion)",
        'reg query "HKCU\\Software\\Microsoft\\Edge\\BLBeacon" /v version >> '
        '"%OUT%\\versions.txt" 2>&1',
        'reg query "HKLM\\SOFTWARE\\Microsoft\\Internet Explorer" /v svcVersion >> '
        '"%OUT%\\versions.txt" 2>&1',
        '> "%OUT%\\machine.txt" echo [machine] managed: true when DomainJoined or '
        "AzureAdJoined is YES",
        'dsregcmd /status | findstr /i /c:"DomainJoined" /c:"AzureAdJoined" >> '
        '"%OUT%\\machine.txt"',
        "echo Saved to %OUT%: the .reg files, reg_files.toml, versions.txt, machine.txt",
        "exit /b 0",
        "",
        ":export",
        'reg export "%~1" "%OUT%\\%~2" /y >nul 2>&1',
        'if exist "%OUT%\\%~2" >> "%LIST%" echo     "%~2",',
        "exit /b 0",
    ]
    return "\r\n".join(lines) + "\r\n"
