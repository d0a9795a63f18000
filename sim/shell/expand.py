"""Command templates: environment variables and ShellExecute's %-placeholders.

``expand_environment`` is ExpandEnvironmentStrings, applied to REG_EXPAND_SZ
commands when the shell reads them: ``%NAME%`` becomes the variable's value
(names compare case-insensitively); an undefined name stays as written, and its
closing ``%`` may open the next name [inf].

``expand_command`` is ShellExecute's argument substitution (Wine ``SHELL_ArgifyW``,
whose expectations Wine's ``dlls/shell32/tests/shlexec.c`` pins to Windows;
win32-shellexecute):

- ``%1``, ``%0``, ``%L``/``%l`` become the target (file path or URL), unquoted;
- ``%*`` and ``%~2`` become the whole parameter string; ``%2``..``%9`` its 1st..8th
  token (:func:`parameter_tokens`), unquoted and not re-quoted; ``%~n`` (n >= 3)
  the raw string from the end of token n-2 on, with the whitespace before token
  n-1; only one digit is read (``%20`` is ``%2`` then ``0``);
- ``%%`` becomes ``%``; a ``%`` followed by any other character becomes that
  character (``%a`` -> ``a``, ``%TMPDIR%`` -> ``TMPDIR``: environment variables are
  not expanded here); ``%~`` followed by anything but a digit 2-9 stays literal;
- the template gets nothing appended when it has no ``%1``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["expand_command", "expand_environment", "parameter_tokens"]


def expand_environment(text: str, environment: Mapping[str, str]) -> str:
    """Expand ``%NAME%`` as ExpandEnvironmentStrings does."""
    if "%" not in text:
        return text
    folded = {k.upper(): v for k, v in environment.items()}
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        start = text.find("%", i)
        if start < 0:
            out.append(text[i:])
            break
        out.append(text[i:start])
        end = text.find("%", start + 1)
        if end < 0:
            out.append(text[start:])
            break
        name = text[start + 1 : end]
        if name and name.upper() in folded:
            out.append(folded[name.upper()])
            i = end + 1
        else:
            out.append(text[start:end])  # "%NAME"; the closing % may open the next name
            i = end
    return "".join(out)


def _quote_run(text: str, i: int) -> int:
    j = i
    while j < len(text) and text[j] == '"':
        j += 1
    return j - i


def parameter_tokens(parameters: str) -> list[tuple[str, int]]:
    """Split lpParameters for ``%2``..``%9``: each token's value and where it ends.

    Not CommandLineToArgvW (Wine's argify tests, Windows behaviour): only the
    space separates; backslashes are ordinary; a run of 2n quotes gives n
    literal quotes and 2n+1 gives n and ends the token (in a quoted token the
    opening quote is not counted); text right after a token's end starts the
    next token; an unclosed quoted token is dropped with everything after it.
    """
    tokens: list[tuple[str, int]] = []
    i, n = 0, len(parameters)
    while i < n:
        while i < n and parameters[i] == " ":
            i += 1
        if i >= n:
            break
        quoted = parameters[i] == '"'
        i += 1 if quoted else 0
        value: list[str] = []
        closed = not quoted
        while i < n and (quoted or parameters[i] != " "):
            if parameters[i] != '"':
                value.append(parameters[i])
                i += 1
                continue
            run = _quote_run(parameters, i)
            value.append('"' * (run // 2))
            i += run
            if run % 2:
                closed = True
                break
        if not closed:
            break  # an unclosed quoted token is lost
        tokens.append(("".join(value), i))
    return tokens


def _param(tokens: list[tuple[str, int]], index: int) -> str:
    return tokens[index][0] if index < len(tokens) else ""


def _tail(parameters: str, tokens: list[tuple[str, int]], n: int) -> str:
    """``%~n``: the raw parameters from the end of parameter n-1 (``%~2`` = all)."""
    if n == 2:
        return parameters
    index = n - 3
    return parameters[tokens[index][1] :] if index < len(tokens) else ""


def expand_command(template: str, target: str, parameters: str = "") -> str:
    """Expand a verb's command template for ``target`` and ShellExecute's lpParameters."""
    tokens = parameter_tokens(parameters)
    out: list[str] = []
    i, n = 0, len(template)
    while i < n:
        ch = template[i]
        if ch != "%":
            out.append(ch)
            i += 1
            continue
        nxt = template[i + 1] if i + 1 < n else ""
        i += 2
        if nxt in ("1", "0", "L", "l"):
            out.append(target)
        elif nxt == "*":
            out.append(parameters)
        elif nxt in "23456789" and nxt:
            out.append(_param(tokens, int(nxt) - 2))
        elif nxt == "~":
            digit = template[i] if i < n else ""
            if digit in "23456789" and digit:
                out.append(_tail(parameters, tokens, int(digit)))
                i += 1
            else:
                out.append("%~")
        elif nxt in ("%", ""):
            out.append("%")
        else:
            out.append(nxt)
    return "".join(out)
