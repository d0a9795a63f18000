"""The schema kit: strict tables declared as frozen dataclasses, validated all at once.

Rule: a scenario table is a frozen dataclass whose fields carry their TOML types in
their annotations; :func:`validate` checks a decoded TOML table against it strictly (a
string stays a string, an integer an integer, a boolean is not an integer; unknown
keys are refused), reports every violation it finds as an :class:`Issue` with its key
path, and builds the values only when there is none. :func:`json_schema` writes the
same declarations as a JSON Schema (Draft 2020-12) for editors. One declaration, two
readers: the loader and the editor cannot disagree.

Why not a validation library: the scenario language is small (a dozen tables, TOML's
six types), and the library this replaced took half of a cold ``invokesim run`` to
import and build (``docs/architecture.md``, "Cold start").

Supported annotations: ``str``, ``int``, ``bool``, ``Literal[...]`` of strings,
``list[T]``, ``dict[str, T]``, a table class, ``T | None`` (a key that may be left
out: TOML has no null), unions of these (the first member that accepts the value
wins) and ``Annotated[T, Check(...)]`` for a bound or a conversion before the check.
A table may define ``check(self) -> str | None``: a rule across its keys, run when its
keys are valid, whose text is the problem.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Final, Literal, Self, Union, cast

__all__ = [
    "Check",
    "Issue",
    "Table",
    "TableError",
    "dump",
    "field_spec",
    "json_schema",
    "table_fields",
    "validate",
]

Path = tuple[str | int, ...]

_NAMES: Final[Mapping[type, tuple[str, str]]] = {
    # type -> (what is expected, JSON Schema type)
    str: ("a string", "string"),
    int: ("an integer", "integer"),
    bool: ("a boolean (true or false)", "boolean"),
    list: ("an array", "array"),
    dict: ("a table", "object"),
}


@dataclass(frozen=True, slots=True)
class Check:
    """``Annotated`` metadata: ``before`` converts the value first; ``ge``/``le`` bound it;
    ``schema`` replaces the JSON Schema written for it (when ``before`` accepts more
    than the type says, such as an integer read as a string)."""

    before: Callable[[object], object] | None = None
    ge: int | None = None
    le: int | None = None
    # Not hashed: Annotated metadata inside a union must hash, and a dict does not.
    schema: Mapping[str, Any] | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Issue:
    """One violation: where, what kind, and what the message needs.

    ``kind`` is ``missing`` (a required key), ``unknown`` (a key the table lacks;
    ``options`` are its keys), ``type`` (``expected`` names the type), ``choice``
    (``options`` are the allowed strings), ``range`` (``expected`` says the bound) or
    ``rule`` (a table's own check; ``expected`` is the whole message).
    """

    path: Path
    kind: str
    value: object = None
    expected: str = ""
    options: tuple[str, ...] = ()


class TableError(ValueError):
    """Data a table refuses; ``issues`` lists every violation."""

    def __init__(self, table: type, issues: list[Issue]) -> None:
        self.issues = tuple(issues)
        first = issues[0] if issues else None
        where = ".".join(map(str, first.path)) if first else ""
        super().__init__(f"{table.__name__}: {len(issues)} problem(s), first at "
                         f"{where or '(top)'}: {first.kind if first else ''}")


class Table:
    """The base of scenario tables: construction from data, dumps and copies.

    The method names are those the scenario values had when they were pydantic models
    (``model_validate``, ``model_dump``, ``model_copy``, ``model_construct``), so code
    written against them, such as users' own hypothesis tests, keeps working.
    """

    __slots__ = ()

    @classmethod
    def model_validate(cls, data: object) -> Self:
        """The value of ``data``; raises :class:`TableError` with every issue."""
        value, issues = validate(cls, data)
        if issues:
            raise TableError(cls, issues)
        return cast(Self, value)

    @classmethod
    def model_construct(cls) -> Self:
        """The table with every default."""
        return cls()

    def model_dump(self, *, mode: str = "python", exclude_defaults: bool = False,
                   exclude_none: bool = True) -> dict[str, Any]:
        """This value as plain data (``None`` always left out: TOML has no null)."""
        del mode, exclude_none
        out: dict[str, Any] = dump(self, exclude_defaults=exclude_defaults)
        return out

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with the keys of ``update`` replaced (not validated)."""
        return dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]


class _Invalid(Exception):
    """Raised inside :func:`_value` when a value has issues (already recorded)."""


def field_spec(default: object = dataclasses.MISSING, *,
               factory: Callable[[], object] | None = None, description: str = "") -> Any:
    """A dataclass field with a default (or a default factory) and a description."""
    metadata = {"description": description} if description else {}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@cache
def table_fields(table: type) -> tuple[tuple[str, Any, dataclasses.Field[Any]], ...]:
    """A table's (name, resolved annotation, field), in declaration order."""
    module = sys.modules[table.__module__]
    hints = typing.get_type_hints(table, vars(module), include_extras=True)
    return tuple((f.name, hints[f.name], f) for f in dataclasses.fields(table))


def _is_table(annotation: Any) -> bool:
    return isinstance(annotation, type) and dataclasses.is_dataclass(annotation)


def _members(annotation: Any) -> tuple[Any, ...]:
    """The members of a union annotation, ``None`` left out."""
    return tuple(a for a in typing.get_args(annotation) if a is not type(None))


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (Union, types.UnionType)


def validate(table: type, data: object) -> tuple[Any, list[Issue]]:
    """Check ``data`` against ``table``; return (the value or None, every issue)."""
    issues: list[Issue] = []
    try:
        value = _value(table, data, (), issues)
    except _Invalid:
        return None, issues
    return (None if issues else value), issues


def _value(annotation: Any, data: object, path: Path, issues: list[Issue]) -> Any:
    """The checked value of ``data`` at ``path``; raises :class:`_Invalid` after recording."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _annotated(annotation, data, path, issues)
    if _is_union(annotation):
        if data is None and type(None) in typing.get_args(annotation):
            return None  # from Python callers; TOML itself has no null
        return _union(_members(annotation), data, path, issues)
    if origin is Literal:
        options = typing.get_args(annotation)
        if isinstance(data, str) and data in options:
            return data
        return _fail(issues, Issue(path, "choice", data, options=options))
    if _is_table(annotation):
        return _table(annotation, data, path, issues)
    if origin is list:
        (item,) = typing.get_args(annotation)
        if not isinstance(data, list):
            return _fail(issues, Issue(path, "type", data, _NAMES[list][0]))
        return _collect([(_value, item, entry, (*path, i)) for i, entry in enumerate(data)],
                         issues, list)
    if origin is dict:
        _key, item = typing.get_args(annotation)
        if not isinstance(data, dict):
            return _fail(issues, Issue(path, "type", data, _NAMES[dict][0]))
        pairs = [(_value, item, entry, (*path, key)) for key, entry in data.items()]
        values = _collect(pairs, issues, list)
        return dict(zip(data, values, strict=True))
    if annotation in _NAMES and annotation is not list and annotation is not dict:
        exact = type(data) is annotation  # strict: True is not an integer
        if exact:
            return data
        return _fail(issues, Issue(path, "type", data, _NAMES[annotation][0]))
    raise TypeError(f"the schema kit does not support the annotation {annotation!r}")


def _fail(issues: list[Issue], issue: Issue) -> Any:
    issues.append(issue)
    raise _Invalid


def _collect(jobs: list[tuple[Any, Any, object, Path]], issues: list[Issue],
             kind: type) -> Any:
    """Check every job (so that all issues are found), then raise if any failed."""
    values, failed = [], False
    for check, annotation, data, path in jobs:
        try:
            values.append(check(annotation, data, path, issues))
        except _Invalid:
            failed = True
    if failed:
        raise _Invalid
    return kind(values)


def _annotated(annotation: Any, data: object, path: Path, issues: list[Issue]) -> Any:
    inner, *extras = typing.get_args(annotation)
    checks = [extra for extra in extras if isinstance(extra, Check)]
    for check in checks:
        if check.before is not None:
            data = check.before(data)
    value = _value(inner, data, path, issues)
    for check in checks:
        if check.ge is not None and value < check.ge:
            _fail(issues, Issue(path, "range", value, f"an integer of at least {check.ge}"))
        if check.le is not None and value > check.le:
            _fail(issues, Issue(path, "range", value, f"an integer of at most {check.le}"))
    return value


def _union(members: tuple[Any, ...], data: object, path: Path, issues: list[Issue]) -> Any:
    """The first member that accepts ``data``; else the first member's issues."""
    first: list[Issue] | None = None
    for member in members:
        tried: list[Issue] = []
        try:
            return _value(member, data, path, tried)
        except _Invalid:
            first = tried if first is None else first
    issues.extend(first or ())
    raise _Invalid


def _table(table: type, data: object, path: Path, issues: list[Issue]) -> Any:
    if not isinstance(data, dict):
        return _fail(issues, Issue(path, "type", data, _NAMES[dict][0]))
    fields = table_fields(table)
    before = len(issues)
    known = {name for name, _annotation, _field in fields}
    for key in data:
        if key not in known:
            issues.append(Issue((*path, key), "unknown", data[key], options=tuple(sorted(known))))
    jobs = []
    for name, annotation, spec in fields:
        if name in data:
            jobs.append((_value, annotation, data[name], (*path, name)))
        elif spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
            issues.append(Issue((*path, name), "missing"))
    values = _collect(jobs, issues, list)
    if len(issues) > before:  # an unknown or missing key
        raise _Invalid
    given = {str(job[3][-1]): value for job, value in zip(jobs, values, strict=True)}
    value = table(**given)
    rule = getattr(value, "check", None)
    problem = rule() if rule is not None else None
    if problem:
        return _fail(issues, Issue(path, "rule", expected=problem))
    return value


# -- dump: a table value back to plain TOML data ---------------------------------------


def dump(value: Any, *, exclude_defaults: bool = True) -> Any:
    """A table value as plain data (dicts, lists, scalars); defaults and None left out."""
    kind: type = type(value)
    if _is_table(kind):
        out: dict[str, Any] = {}
        for name, _annotation, spec in table_fields(kind):
            item = getattr(value, name)
            if item is None:
                continue
            if exclude_defaults and _is_default(spec, item):
                continue
            out[name] = dump(item, exclude_defaults=exclude_defaults)
        return out
    if isinstance(value, list):
        return [dump(item, exclude_defaults=exclude_defaults) for item in value]
    if isinstance(value, dict):
        return {k: dump(v, exclude_defaults=exclude_defaults) for k, v in value.items()}
    return value


def _is_default(spec: dataclasses.Field[Any], item: object) -> bool:
    if spec.default is not dataclasses.MISSING:
        return bool(item == spec.default)
    if spec.default_factory is not dataclasses.MISSING:
        return bool(item == spec.default_factory())
    return False


# -- JSON Schema ------------------------------------------------------------------------


def json_schema(table: type, *, title: str | None = None) -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of ``table``, nested tables under ``$defs``."""
    defs: dict[str, Any] = {}
    top = _table_schema(table, defs)
    if title is not None:
        top["title"] = title
    defs.pop(table.__name__, None)
    return {"$defs": dict(sorted(defs.items())), **top} if defs else top


def _table_schema(table: type, defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for name, annotation, spec in table_fields(table):
        schema = _schema(annotation, defs)
        if not _is_ref(schema):
            schema["title"] = name.replace("_", " ").title()
        description = spec.metadata.get("description")
        if description:
            schema["description"] = description
        if spec.default is not dataclasses.MISSING:
            schema["default"] = spec.default
        elif spec.default_factory is dataclasses.MISSING:
            required.append(name)
        properties[name] = schema
    out: dict[str, Any] = {"additionalProperties": False}
    if table.__doc__:
        out["description"] = inspect.cleandoc(table.__doc__)
    out["properties"] = properties
    if required:
        out["required"] = required
    out["title"] = table.__name__
    out["type"] = "object"
    return out


def _is_ref(schema: Mapping[str, Any]) -> bool:
    return "$ref" in schema or any("$ref" in member for member in schema.get("anyOf", ()))


def _schema(annotation: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extras = typing.get_args(annotation)
        schema = _schema(inner, defs)
        for extra in extras:
            if isinstance(extra, Check) and extra.schema is not None:
                schema = dict(extra.schema)
            if isinstance(extra, Check) and extra.ge is not None:
                schema["minimum"] = extra.ge
            if isinstance(extra, Check) and extra.le is not None:
                schema["maximum"] = extra.le
        return schema
    if _is_union(annotation):
        members = [_schema(member, defs) for member in _members(annotation)]
        if type(None) in typing.get_args(annotation):
            members.append({"type": "null"})
        return {"anyOf": members}
    if origin is Literal:
        return {"enum": list(typing.get_args(annotation)), "type": "string"}
    if _is_table(annotation):
        if annotation.__name__ not in defs:
            defs[annotation.__name__] = {}  # placeholder: a table met again is not redone
            defs[annotation.__name__] = _table_schema(annotation, defs)
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    if origin is list:
        return {"items": _schema(typing.get_args(annotation)[0], defs), "type": "array"}
    if origin is dict:
        return {"additionalProperties": _schema(typing.get_args(annotation)[1], defs),
                "type": "object"}
    return {"type": _NAMES[annotation][1]}
