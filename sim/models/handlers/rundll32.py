"""rundll32: which DLL entry point a command line calls, and the text it passes.

Rule (https://learn.microsoft.com/windows-server/administration/windows-commands/rundll32;
the entry point's ``lpszCmdLine`` as Microsoft KB 164787 "Windows Rundll and Rundll32
Interface" describes it): ``rundll32 <dll>,<entrypoint> <optional arguments>``. The
DLL may be quoted, the entry point follows the comma, and the entry point receives the
rest of the command line after the whitespace that follows it, unsplit. So an unquoted
``%1`` holding spaces still reaches ``ShOpenVerbApplication`` whole.
"""

from __future__ import annotations

import ntpath
from dataclasses import dataclass

__all__ = ["DllCall", "parse_rundll32"]


@dataclass(frozen=True, slots=True, kw_only=True)
class DllCall:
    """``dll`` (the file name, lower case), ``entry`` (as written) and ``argument``."""

    dll: str
    entry: str
    argument: str


def _skip_token(line: str, i: int) -> int:
    """The index after one command-line token starting at ``i`` (quotes group)."""
    quoted = False
    while i < len(line) and (quoted or line[i] not in " \t"):
        if line[i] == '"':
            quoted = not quoted
        i += 1
    return i


def parse_rundll32(command_line: str) -> DllCall | None:
    """Split a rundll32 command line (the Rule); None when it names no ``dll,entry``."""
    i = _skip_token(command_line, 0)
    while i < len(command_line) and command_line[i] in " \t":
        i += 1
    start = i
    i = _skip_token(command_line, i)
    token = command_line[start:i].replace('"', "")
    dll, comma, entry = token.rpartition(",")
    if not comma or not dll or not entry:
        return None
    while i < len(command_line) and command_line[i] in " \t":
        i += 1
    return DllCall(dll=ntpath.basename(dll).lower(), entry=entry, argument=command_line[i:])
