"""CommandLineToArgvW: how a started process splits its command line into argv.

Rules (https://learn.microsoft.com/windows/win32/api/shellapi/nf-shellapi-commandlinetoargvw,
pinned by Wine's ``dlls/shcore/main.c`` and its table test
``dlls/shell32/tests/shlexec.c`` ``test_commandline2argv``;
win32-commandlinetoargvw):

1. argv[0], the program, follows its own rule: when it starts with ``"`` it ends
   at the next ``"`` whatever comes between (no escapes); otherwise it ends at
   the first space or tab. Backslashes are literal in it.
2. The other arguments are separated by runs of spaces and tabs outside quotes.
3. 2n backslashes before a ``"`` give n backslashes and the quote toggles
   quoting; 2n+1 backslashes before a ``"`` give n backslashes and a literal
   ``"``; backslashes not before a quote are literal.
4. Inside quotes, a run of quotes (counting the one that opened) gives one
   literal quote per three: 3n quotes give n quotes and quoting stays open,
   3n+1 give n and close, 3n+2 give n+1 and close (shell32's post-2008 rule).
5. An empty command line gives one argument, the module's path; leading
   whitespace gives an empty argv[0].
"""

from __future__ import annotations

from typing import Final

__all__ = ["command_line_to_argv", "quote_argument"]

_BLANK: Final = " \t"


def _program(line: str) -> tuple[str, int]:
    """Return argv[0] and the index after it (Rule 1)."""
    if line.startswith('"'):
        end = line.find('"', 1)
        if end < 0:
            return line[1:], len(line)
        return line[1:end], end + 1
    end = 0
    while end < len(line) and line[end] not in _BLANK:
        end += 1
    return line[:end], end


def _quotes(
    line: str, i: int, current: list[str], backslashes: int, quotes: int
) -> tuple[int, int]:
    """Apply Rules 3-4 at the quote ``line[i]``; return the next index and quote count."""
    del current[len(current) - backslashes + backslashes // 2 :]  # keep n of 2n(+1)
    if backslashes % 2 == 0:
        quotes += 1
    else:
        current.append('"')
    i += 1
    while i < len(line) and line[i] == '"':  # Rule 4: consecutive quotes
        quotes += 1
        if quotes == 3:
            current.append('"')
            quotes = 0
        i += 1
    return i, 0 if quotes == 2 else quotes


def command_line_to_argv(line: str, *, module_path: str = "") -> list[str]:
    """Split ``line`` exactly as CommandLineToArgvW does.

    Args:
        line: the command line.
        module_path: what an empty command line yields as argv[0] (Rule 5).
    """
    if line == "":
        return [module_path]
    program, i = _program(line)
    argv = [program]
    n = len(line)
    while i < n and line[i] in _BLANK:
        i += 1
    if i >= n:
        return argv
    current: list[str] = []
    backslashes = quotes = 0
    while i < n:
        ch = line[i]
        if ch in _BLANK and quotes == 0:
            argv.append("".join(current))
            current = []
            backslashes = 0
            while i < n and line[i] in _BLANK:
                i += 1
            if i >= n:
                return argv
            continue
        if ch == "\\":
            current.append(ch)
            backslashes += 1
        elif ch == '"':
            i, quotes = _quotes(line, i, current, backslashes, quotes)
            backslashes = 0
            continue
        else:
            current.append(ch)
            backslashes = 0
        i += 1
    argv.append("".join(current))
    return argv


def quote_argument(arg: str) -> str:
    """Quote one argument so that CommandLineToArgvW gives it back unchanged.

    The documented inverse: wrap in quotes when the argument is empty or holds
    a space, tab or quote; double the backslashes before a quote or the closing
    quote; escape quotes with a backslash.
    """
    if arg and not any(c in arg for c in ' \t"'):
        return arg
    out = ['"']
    backslashes = 0
    for ch in arg:
        if ch == "\\":
            backslashes += 1
            continue
        if ch == '"':
            out.append("\\" * (2 * backslashes + 1) + '"')
        else:
            out.append("\\" * backslashes + ch)
        backslashes = 0
    out.append("\\" * (2 * backslashes) + '"')
    return "".join(out)
