"""Turn TOML decode errors and schema violations into ``<file>:<line>: <key>: ...`` problems.

Rule (docs/scenarios.md, errors): every problem
names its place (the line, from :func:`sim.scenario.toml_lines.key_lines`, and the dotted
key), what was expected, what was found, and a "did you mean" when a close
spelling exists (``difflib``, as click does). All problems are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import tomli

from sim.errors import ScenarioProblem
from sim.scenario.kit import Issue
from sim.scenario.toml_lines import KeyPath, key_lines, line_of

__all__ = ["decode_problem", "dotted", "schema_problems", "suggest"]

_BARE: Final = re.compile(r"[A-Za-z0-9_-]+")

# TOML's names for the types a value can have.
_TOML_TYPES: Final = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "float"),
    (str, "string"),
    (list, "array"),
    (dict, "table"),
)
def dotted(path: KeyPath) -> str:
    """Render a key path as the user writes it: ``web[0].headers."Content-Type"``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = part if _BARE.fullmatch(part) else '"' + part.replace('"', '\\"') + '"'
            out += f".{text}" if out else text
    return out


def suggest(word: str, options: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest option, or ``""``."""
    import difflib  # noqa: PLC0415 - only on errors; deferred for start-up time

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _found(value: object) -> str:
    for kind, name in _TOML_TYPES:
        if isinstance(value, kind):
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            return f"{shown} ({name})"
    return repr(value)


def _message(issue: Issue) -> str:
    if issue.kind == "unknown":
        name = str(issue.path[-1])
        return (f"expected one of the keys {', '.join(issue.options)}, found an unknown key "
                f"{name!r}" + suggest(name, issue.options))
    if issue.kind == "choice":
        hint = suggest(issue.value, issue.options) if isinstance(issue.value, str) else ""
        return f"expected one of {', '.join(issue.options)}, found {_found(issue.value)}{hint}"
    if issue.kind == "missing":
        return "expected a value (this key is required), found nothing"
    if issue.kind == "rule":  # a table's own "expected ..., found ..." text
        return issue.expected
    return f"expected {issue.expected}, found {_found(issue.value)}"


def schema_problems(issues: Iterable[Issue], text: str) -> list[ScenarioProblem]:
    """Every schema issue as a problem with its line, in line order."""
    lines = key_lines(text)
    problems = [
        ScenarioProblem(line=(lines.get(issue.path) if issue.kind != "missing" else None)
                        or line_of(lines, issue.path),
                        key=dotted(issue.path), message=_message(issue))
        for issue in issues
    ]
    return sorted(problems, key=lambda p: (p.line or 0, p.key))


def decode_problem(error: tomli.TOMLDecodeError) -> ScenarioProblem:
    """A TOML syntax error, at its line and column."""
    message = getattr(error, "msg", str(error))
    column = getattr(error, "colno", None)
    where = f" (column {column})" if column else ""
    return ScenarioProblem(line=getattr(error, "lineno", None), key="",
                           message=f"expected valid TOML 1.0, found: {message}{where}")
