"""Write a scenario model back as TOML 1.0 text that loads to the same model.

Rule: ``Scenario.from_toml(scenario_toml(f)).file`` equals ``f`` for every valid
:class:`~sim.scenario.schema.ScenarioFile` (tested in tests/property/). Tables come
in docs/scenarios.md order (section 1): ``[scenario]``, ``[machine]``, ``[browser]``,
``[[web]]``, ``[click]``, ``[answers]``, ``[expect]``; keys equal to their default
are left out; nested tables are inline; a multi-line string without ``'''`` or
control characters other than newline and tab is a literal multi-line string (so
``.reg`` text reads as it is written), every other string a basic string with
TOML's escapes (https://toml.io/en/v1.0.0#string).
"""

from __future__ import annotations

import re
from typing import Any, Final

from sim.scenario.schema import ScenarioFile

__all__ = ["scenario_toml", "toml_key", "toml_value"]

_BARE_KEY: Final = re.compile(r"[A-Za-z0-9_-]+")
_SHORT_ESCAPES: Final = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
                         '"': '\\"', "\\": "\\\\"}
_TABLES: Final = ("scenario", "machine", "browser", "web", "click", "answers", "expect")


def _basic(text: str) -> str:
    out = []
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _literal_block_ok(text: str) -> bool:
    return ("\n" in text and "'''" not in text and not text.endswith("'")
            and not any((ord(c) < 0x20 and c not in "\n\t") or ord(c) == 0x7F for c in text))


def toml_key(key: str) -> str:
    """A key: bare when it can be (``A-Za-z0-9_-``), else a basic string."""
    return key if _BARE_KEY.fullmatch(key) else _basic(key)


def toml_value(value: Any, *, block: bool = False) -> str:
    """A TOML value for a str, bool, int, list or dict (inline table).

    ``block`` allows a literal multi-line string (top-level keys only).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return f"'''\n{value}'''" if block and _literal_block_ok(value) else _basic(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(f"expected a TOML value (str, bool, int, list, dict), found {value!r}")


def _table(header: str, body: dict[str, Any]) -> list[str]:
    return [header, *(f"{toml_key(k)} = {toml_value(v, block=True)}" for k, v in body.items())]


def scenario_toml(file: ScenarioFile) -> str:
    """The scenario as TOML text that loads back to an equal model (module Rule)."""
    data = file.model_dump(mode="python", exclude_defaults=True, exclude_none=True)
    out: list[str] = []
    for name in _TABLES:
        if name not in data:
            continue
        if name == "web":
            for entry in data["web"]:
                out += [*_table("[[web]]", entry), ""]
        else:
            out += [*_table(f"[{name}]", data[name]), ""]
    return "\n".join(out)
