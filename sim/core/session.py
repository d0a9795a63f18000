"""The simulated user's Windows session: the user name, known folders and environment.

Rule: one interactive session of user ``User`` on ``C:``, with Windows 7+'s default known
folder paths (https://learn.microsoft.com/windows/win32/shell/knownfolderid, "default
paths") and the environment variables of such a session [inferred: the defaults of a new
en-US installation]. The disk (:mod:`sim.world.disk`), ``%``-expansion (:mod:`sim.shell`)
and the winreg facade's ``ExpandEnvironmentStrings`` all read this one table.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["DEFAULT_USER", "known_folders", "session_environment"]

DEFAULT_USER: Final = "User"


def known_folders(user: str = DEFAULT_USER) -> Mapping[str, str]:
    """Return the known folders of a Windows 7+ session for ``user``.

    Source: https://learn.microsoft.com/windows/win32/shell/knownfolderid (default paths).
    """
    profile = f"C:\\Users\\{user}"
    local = f"{profile}\\AppData\\Local"
    roaming = f"{profile}\\AppData\\Roaming"
    return MappingProxyType(
        {
            "Windows": "C:\\Windows",
            "System": "C:\\Windows\\System32",
            "ProgramFiles": "C:\\Program Files",
            "ProgramFilesX86": "C:\\Program Files (x86)",
            "ProgramData": "C:\\ProgramData",
            "Profile": profile,
            "Downloads": f"{profile}\\Downloads",
            "Desktop": f"{profile}\\Desktop",
            "LocalAppData": local,
            "RoamingAppData": roaming,
            "Temp": f"{local}\\Temp",
            "InternetCache": f"{local}\\Microsoft\\Windows\\INetCache",
            "Programs": f"{roaming}\\Microsoft\\Windows\\Start Menu\\Programs",
            "ClickOnceStore": f"{local}\\Apps\\2.0",
        }
    )


def session_environment(user: str = DEFAULT_USER) -> Mapping[str, str]:
    """Return the environment variables of an interactive Windows session [inf: defaults]."""
    folders = known_folders(user)
    return MappingProxyType(
        {
            "ALLUSERSPROFILE": "C:\\ProgramData",
            "APPDATA": folders["RoamingAppData"],
            "CommonProgramFiles": "C:\\Program Files\\Common Files",
            "CommonProgramFiles(x86)": "C:\\Program Files (x86)\\Common Files",
            "COMPUTERNAME": "DESKTOP-INVOKESIM",
            "ComSpec": "C:\\Windows\\system32\\cmd.exe",
            "HOMEDRIVE": "C:",
            "HOMEPATH": f"\\Users\\{user}",
            "LOCALAPPDATA": folders["LocalAppData"],
            "OS": "Windows_NT",
            "Path": "C:\\Windows\\system32;C:\\Windows;C:\\Windows\\System32\\Wbem",
            "PATHEXT": ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
            "ProgramData": "C:\\ProgramData",
            "ProgramFiles": "C:\\Program Files",
            "ProgramFiles(x86)": "C:\\Program Files (x86)",
            "PUBLIC": "C:\\Users\\Public",
            "SystemDrive": "C:",
            "SystemRoot": "C:\\Windows",
            "TEMP": folders["Temp"],
            "TMP": folders["Temp"],
            "USERNAME": user,
            "USERPROFILE": folders["Profile"],
            "windir": "C:\\Windows",
        }
    )
