"""Turn TOML decode errors and schema violations into ``<file>:<line>: <key>: ...`` problems.

Rule (docs/scenarios.md, errors): every problem
names its place (the line, from :func:`sim.scenario.toml_lines.key_lines`, and the dotted
key), what was expected, what was found, and a "did you mean" when a close
spelling exists (``difflib``, as click does). All problems are reported at once.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any, Final

import tomli
from pydantic import BaseModel, ValidationError

from sim.errors import ScenarioProblem
from sim.scenario.schema import ScenarioFile
from sim.scenario.toml_lines import KeyPath, key_lines, line_of

__all__ = ["decode_problem", "dotted", "schema_problems", "suggest"]

_BARE: Final = re.compile(r"[A-Za-z0-9_-]+")
_QUOTED_OPTION: Final = re.compile(r"'([^']*)'")

# TOML's names for the types a value can have.
_TOML_TYPES: Final = (
    (bool, "boolean"),
    (int, "integer"),
    (float, "float"),
    (str, "string"),
    (list, "array"),
    (dict, "table"),
)
# pydantic error type -> what was expected, in the user's (TOML) terms.
_EXPECTED: Final = {
    "string_type": "a string",
    "int_type": "an integer",
    "bool_type": "a boolean (true or false)",
    "list_type": "an array",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "missing": "a value (this key is required)",
}


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
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _found(value: object) -> str:
    for kind, name in _TOML_TYPES:
        if isinstance(value, kind):
            shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
            return f"{shown} ({name})"
    return repr(value)


def _model_at(path: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose table sits at ``path`` in a scenario, if any."""
    model: type[BaseModel] | None = ScenarioFile
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field is not None else None
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


def _message(error: Any, path: KeyPath) -> str:
    kind = error["type"]
    value = error.get("input")
    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        keys = sorted(model.model_fields) if model is not None else []
        name = str(path[-1])
        return (f"expected one of the keys {', '.join(keys)}, found an unknown key {name!r}"
                + suggest(name, keys))
    if kind == "literal_error":
        options = _QUOTED_OPTION.findall(error.get("ctx", {}).get("expected", ""))
        hint = suggest(value, options) if isinstance(value, str) else ""
        return f"expected one of {', '.join(options)}, found {_found(value)}{hint}"
    if kind == "missing":
        return f"expected {_EXPECTED[kind]}, found nothing"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, found {_found(value)}"
    if kind == "value_error":  # a model validator's own "expected ..., found ..." text
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return f"expected {error['msg'][0].lower()}{error['msg'][1:]}, found {_found(value)}"


def _key_path(loc: Sequence[Any], data: Any) -> KeyPath:
    """The part of pydantic's ``loc`` that names keys in the data (union tags dropped)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        in_table = isinstance(node, dict) and part in node
        if in_table or (isinstance(node, list) and isinstance(part, int) and part < len(node)):
            node = node[part]
        elif isinstance(part, str) and isinstance(node, dict):
            path.append(part)  # a missing or unknown key: named, then stop
            break
        else:
            break
        path.append(part)
    return tuple(path)


def schema_problems(
    error: ValidationError, data: dict[str, Any], text: str
) -> list[ScenarioProblem]:
    """Every schema violation in ``error`` as a problem with its line, in line order."""
    lines = key_lines(text)
    seen: set[KeyPath] = set()
    problems: list[ScenarioProblem] = []
    for item in error.errors():
        path = _key_path(item["loc"], data)
        if path in seen:
            continue  # a union reports each member; one line per key is enough
        seen.add(path)
        line = lines.get(path) if item["type"] != "missing" else None
        problems.append(ScenarioProblem(line=line or line_of(lines, path), key=dotted(path),
                                        message=_message(item, path)))
    return sorted(problems, key=lambda p: (p.line or 0, p.key))


def decode_problem(error: tomli.TOMLDecodeError) -> ScenarioProblem:
    """A TOML syntax error, at its line and column."""
    message = getattr(error, "msg", str(error))
    column = getattr(error, "colno", None)
    where = f" (column {column})" if column else ""
    return ScenarioProblem(line=getattr(error, "lineno", None), key="",
                           message=f"expected valid TOML 1.0, found: {message}{where}")
