"""The same click across configurations: browsers by version, Edge policies and flags.

Rules:
1. A browser spec is ``name`` or ``name-version`` (``ie-11``, ``edge-legacy-18``,
   ``edge-87``, ``chrome``), the name one of :data:`sim.models.browsers.catalog.BROWSERS`
   and the version one it models (:func:`~sim.models.browsers.catalog.resolve_version`); a
   bad spec is a :class:`MatrixError` saying what is expected.
2. A cell replaces the scenario's ``[browser]`` name and version and keeps the rest
   of the click: the machine, the web, the SmartScreen verdict, and what is the
   browser's own only where it applies (``mode`` for ie; flags and policies for
   edge; extensions for chrome and edge). A policy or flag axis applies to Edge
   columns, over the scenario's own.
3. The user answers the same way in every browser: an answer for another browser's
   ``open_file``, ``download`` or ``external_protocol`` dialog is given to this
   browser's dialog of that kind, unless the scenario answers it itself [inf: the
   matrix's own choice, so "the user cancels" reads across the row].
4. The scenario's ``[expect]`` is its own browser's: cells do not check it.
5. A configuration the scenario cannot run in (IE on macOS, Edge Legacy on
   Windows 11) is a cell holding the reason instead of a trace.
Pure: no I/O; same input, same matrix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import tomli

from sim.engine import simulate
from sim.engine.trace import Trace
from sim.errors import ScenarioError, SimError
from sim.models.browsers.catalog import BROWSERS, resolve_version
from sim.models.dialogs import DIALOGS
from sim.scenario import Scenario
from sim.scenario.problems import suggest
from sim.scenario.schema import Browser, Expect, PolicyValue

__all__ = [
    "DEFAULT_BROWSERS",
    "BrowserSpec",
    "Cell",
    "Matrix",
    "MatrixError",
    "Row",
    "build_matrix",
    "cell",
    "parse_browser_spec",
    "parse_browsers",
    "parse_settings",
]

DEFAULT_BROWSERS: Final = "ie-11,edge-legacy-18,edge-79,edge-87,chrome,firefox"
_SHARED_KINDS: Final = ("open_file", "download", "external_protocol")


class MatrixError(SimError, ValueError):
    """An invalid matrix axis (a browser spec, a policy or flag setting)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BrowserSpec:
    """A column: a browser name and, optionally, its major version."""

    name: str
    version: str | None = None

    @property
    def label(self) -> str:
        """The spec as written: ``edge-87``, ``chrome``."""
        return f"{self.name}-{self.version}" if self.version else self.name


def parse_browser_spec(text: str) -> BrowserSpec:
    """Rule 1 for one spec."""
    spec = text.strip()
    for name in sorted(BROWSERS, key=len, reverse=True):  # edge-legacy before edge
        if spec == name:
            return BrowserSpec(name=name)
        if spec.startswith(name + "-"):
            version = spec[len(name) + 1:]
            if not version.isdigit():  # edge-legacy is not edge version "legacy"
                continue
            found = resolve_version(name, version)
            if isinstance(found, str):
                raise MatrixError(f"browser {spec!r}: {found}")
            return BrowserSpec(name=name, version=version)
    raise MatrixError(f"expected a browser such as ie-11, edge-legacy-18, edge-87 or chrome "
                      f"(names: {', '.join(BROWSERS)}), found {spec!r}")


def parse_browsers(text: str) -> tuple[BrowserSpec, ...]:
    """Rule 1 for a comma-separated list."""
    specs = tuple(parse_browser_spec(p) for p in text.split(",") if p.strip())
    if not specs:
        raise MatrixError(f"expected at least one browser, found {text!r}")
    return specs


def _split_top(text: str) -> list[str]:
    """Split on commas outside brackets and quotes."""
    parts, depth, quote, current = [], 0, "", ""
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def parse_settings(text: str, known: Sequence[str] | None = None,
                   kind: str = "setting") -> dict[str, PolicyValue]:
    """``K=V,K=V`` -> a mapping; each value read as a TOML value, else as a string.

    ``ClickOnceEnabled=0`` is the integer 0, ``AutoOpenFileTypes=["application"]`` a
    list, ``edge-click-once=enabled`` the string ``"enabled"``; ``-`` alone is no
    setting (the scenario's own). With ``known``, a name not in it is an error with a
    "did you mean" (a typo would otherwise give a row of cells that ignore it).
    """
    if text.strip() == "-":
        return {}
    settings: dict[str, PolicyValue] = {}
    for part in _split_top(text):
        key, eq, raw = part.partition("=")
        if not eq or not key.strip():
            raise MatrixError(f"expected NAME=VALUE, found {part!r}")
        try:
            value = tomli.loads(f"v = {raw.strip()}")["v"]
        except tomli.TOMLDecodeError:
            value = raw.strip()
        name = key.strip()
        if known is not None and name not in known:
            raise MatrixError(f"expected one of the modelled {kind} {', '.join(known)}, "
                              f"found {name!r}" + suggest(name, known))
        settings[name] = value
    return settings


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One configuration's result: a trace, or why the scenario cannot run there."""

    trace: Trace | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    """A row: its label, an optional link (gallery pages), and one cell per column."""

    label: str
    cells: tuple[Cell, ...]
    href: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Matrix:
    """A table of cells: the title, the column labels, the rows."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    corner: str = "configuration"


def _answers(answers: Mapping[str, str], browser: str) -> dict[str, str]:
    """Rule 3."""
    given = dict(answers)
    for key in sorted(answers):
        owner, _dot, kind = key.partition(".")
        target = f"{browser}.{kind}"
        spec = DIALOGS.get(target)
        if (owner != browser and kind in _SHARED_KINDS and spec is not None
                and target not in given and answers[key] in spec.buttons):
            given[target] = answers[key]
    return given


def cell(scenario: Scenario, spec: BrowserSpec, *,
         policies: Mapping[str, PolicyValue] | None = None,
         flags: Mapping[str, str] | None = None) -> Cell:
    """Rules 2-5: the scenario's click in one configuration."""
    own = scenario.file.browser
    edge = spec.name == "edge"
    try:
        browser = Browser.model_validate({
            "name": spec.name,
            "version": spec.version,
            "mode": own.mode if spec.name == "ie" else None,
            "flags": {**own.flags, **(flags or {})} if edge else {},
            "policies": {**own.policies, **(policies or {})} if edge else {},
            "extensions": own.extensions if spec.name in ("chrome", "edge") else [],
            "smartscreen": own.smartscreen,
        })
        file = scenario.file.model_copy(update={
            "browser": browser, "expect": Expect(),
            "answers": _answers(scenario.file.answers, spec.name)})
        return Cell(trace=simulate(scenario.with_file(file)))
    except ScenarioError as exc:
        return Cell(reason="; ".join(f"{p.key}: {p.message}" for p in exc.problems))
    except ValueError as exc:  # sim.scenario.kit.TableError: a value the schema refuses
        return Cell(reason=" ".join(str(exc).split()))


def _setting_label(kind: str, settings: Mapping[str, object]) -> str:
    return f"{kind} " + ", ".join(f"{k}={v}" for k, v in settings.items())


def build_matrix(scenario: Scenario, browsers: Sequence[BrowserSpec], *,
                 policy_sets: Sequence[Mapping[str, PolicyValue]] = ({},),
                 flag_sets: Sequence[Mapping[str, str]] = ({},),
                 title: str | None = None) -> Matrix:
    """Every browser (columns) against every policy set x flag set (rows)."""
    rows = []
    for policies in policy_sets or ({},):
        for flags in flag_sets or ({},):
            parts = [_setting_label("policies", policies)] if policies else []
            parts += [_setting_label("flags", flags)] if flags else []
            label = "; ".join(parts) or "as in the scenario"
            rows.append(Row(label=label, cells=tuple(
                cell(scenario, b, policies=policies, flags=flags) for b in browsers)))
    return Matrix(title=title or scenario.title, columns=tuple(b.label for b in browsers),
                  rows=tuple(rows))
