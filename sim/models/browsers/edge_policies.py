"""Edge's policies, read from the registry as Chromium's Windows policy loader reads them.

Rules (:data:`EDGE_POLICY_RULES`):

1. Edge reads ``SOFTWARE\\Policies\\Microsoft\\Edge`` under HKLM (machine scope) and
   HKCU (user scope); its ``Recommended`` subkey holds recommended values, the rest
   mandatory ones (``PolicyLoaderWin::Load``, kScopes and kKeyRecommended).
2. When a policy is set in several places the higher level wins, then the higher
   scope: HKLM mandatory, HKCU mandatory, HKLM Recommended, HKCU Recommended
   (``PolicyMap::Entry::has_higher_priority_than``: ``std::tie(level, scope, source)``).
3. Value types (``RegistryDict::ReadRegistry``, ``ConvertRegistryValue``): REG_SZ and
   REG_EXPAND_SZ are strings, a 4-byte REG_DWORD an integer; every other type is
   not read. A boolean policy takes an integer or a string holding an integer
   (non-zero is true); a list policy is a subkey of values with numeric names
   (``AutoOpenFileTypes\\1``), other names ignored, or a REG_SZ holding a JSON
   list; a list item of the wrong type is dropped. Anything else is ignored.
4. A policy Edge documents as "Can be recommended: No" set under ``Recommended``
   is ignored (the policy reference's *Supported features*; Chromium's
   ``SimpleSchemaValidatingPolicyHandler`` refuses a level a policy does not allow).
5. ``AutoOpenFileTypes`` entries that are empty or start with a dot are skipped
   (``DownloadAutoOpenPolicyHandler::ApplyPolicySettings``: "If it's empty or
   malformed, then skip the entry").

Sources: https://source.chromium.org/chromium/chromium/src/+/main:components/policy/core/common/
(policy_loader_win.cc, registry_dict.cc, policy_map.cc) and chrome/browser/download/
download_auto_open_policy_handler.cc; the registry forms of each policy:
https://learn.microsoft.com/deployedge/microsoft-edge-policies.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from sim.core.rules import Rule, Step, rule_table
from sim.registry.values import RegType, RegValue

if TYPE_CHECKING:
    from sim.registry import Registry

__all__ = [
    "EDGE_POLICY_KEY",
    "EDGE_POLICY_RULES",
    "EDGE_POLICY_TYPES",
    "EdgePolicies",
    "read_edge_policies",
    "write_edge_policies",
]

EDGE_POLICY_KEY: Final = r"SOFTWARE\Policies\Microsoft\Edge"
_CHROMIUM: Final = ("https://source.chromium.org/chromium/chromium/src/+/main:components/"
                    "policy/core/common/")
_AUTO_OPEN_HANDLER: Final = ("https://source.chromium.org/chromium/chromium/src/+/main:chrome/"
                             "browser/download/download_auto_open_policy_handler.cc")
_EDGE_POLICIES: Final = "https://learn.microsoft.com/deployedge/microsoft-edge-policies"

Kind = Literal["boolean", "list"]

# The modelled policies: their schema type and whether they can be recommended
# (each policy's page in the Edge policy reference, "Supported features").
EDGE_POLICY_TYPES: Final[Mapping[str, tuple[Kind, bool]]] = {
    "AutoOpenAllowedForURLs": ("list", False),
    "AutoOpenFileTypes": ("list", False),
    "ClickOnceEnabled": ("boolean", False),
    "DirectInvokeEnabled": ("boolean", False),
}

# Rule 2: (hive, level) in decreasing priority.
_PLACES: Final = (
    ("HKEY_LOCAL_MACHINE", "mandatory", "machine"),
    ("HKEY_CURRENT_USER", "mandatory", "user"),
    ("HKEY_LOCAL_MACHINE", "recommended", "machine"),
    ("HKEY_CURRENT_USER", "recommended", "user"),
)

EDGE_POLICY_RULES: Final = rule_table(
    [
        Rule(id="edge.policy_read", source=(
            'chromium-policy-loader-win: PolicyLoaderWin reads HKLM and HKCU SOFTWARE\\Policies'),
             summary="an Edge policy read from SOFTWARE\\Policies\\Microsoft\\Edge"),
        Rule(id="edge.policy_overridden", source=(
            'chromium-policy-map: the precedence of policy entries (level, then scope)'),
             summary="a policy set in a lower-priority place is overridden"),
        Rule(id="edge.policy_ignored", source=(
            'chromium-registry-dict: ConvertRegistryValue (a value of the wrong type is '
            'dropped)'),
             summary="a policy value of the wrong type or level is ignored, as Edge ignores it"),
        Rule(id="edge.auto_open_entry_skipped", source=(
            'chromium-auto-open-policy: entries that are empty or start with a dot are skipped'),
             summary="an AutoOpenFileTypes entry that is empty or starts with a dot is skipped"),
    ]
)


@dataclass(frozen=True, slots=True)
class EdgePolicies:
    """The Edge policies in effect (name -> bool or list of strings) and how they were read."""

    values: Mapping[str, bool | list[str]]
    steps: tuple[Step, ...]


def _integer(text: str) -> int | None:
    """base::StringToInt: an optional sign and decimal digits, nothing else."""
    body = text[1:] if text[:1] in "+-" else text
    return int(text) if body.isdigit() and body.isascii() else None


def _boolean(value: RegValue) -> bool | None:
    if value.type == RegType.REG_DWORD and len(value.raw) == 4:
        return int.from_bytes(value.raw, "little") != 0
    if value.type in (RegType.REG_SZ, RegType.REG_EXPAND_SZ) and value.text is not None:
        number = _integer(value.text)
        return None if number is None else number != 0
    return None


def _list(registry: Registry, key: str, name: str, where: str,
          steps: list[Step]) -> list[str] | None:
    """Rule 3: a list policy from its subkey, or a REG_SZ JSON list."""
    subkey = f"{key}\\{name}"
    if registry.has_key(subkey):
        items: list[tuple[str, str]] = []
        for value in registry.values(subkey):
            if _integer(value.name) is None:
                steps.append(Step("edge.policy_ignored", f"{subkey} {value.name!r}: not a "
                                  "numbered list entry"))
                continue
            if value.text is None:
                steps.append(Step("edge.policy_ignored", f"{subkey} {value.name!r}: expected "
                                  f"REG_SZ, found type {value.type}"))
                continue
            items.append((value.name.lower(), value.text))
        return [text for _, text in sorted(items)]  # RegistryDict's case-insensitive map order
    single = registry.get_value(key, name)
    if single is None:
        return None
    if single.text is not None:
        try:
            parsed = json.loads(single.text)
        except ValueError:
            parsed = None
        if isinstance(parsed, list) and all(isinstance(i, str) for i in parsed):
            return list(parsed)
    steps.append(Step("edge.policy_ignored", f"{where}: expected a subkey of numbered values "
                      f"or a JSON list, found {single.data!r}"))
    return None


def read_edge_policies(registry: Registry | None) -> EdgePolicies:
    """Rules 1-5: the modelled Edge policies in effect, with a step for each one read."""
    values: dict[str, bool | list[str]] = {}
    steps: list[Step] = []
    if registry is None or not any(registry.has_key(f"{hive}\\{EDGE_POLICY_KEY}")
                                   for hive in ("HKEY_LOCAL_MACHINE", "HKEY_CURRENT_USER")):
        return EdgePolicies({}, ())
    for name, (kind, recommendable) in EDGE_POLICY_TYPES.items():
        chosen: str | None = None
        for hive, level, scope in _PLACES:
            key = f"{hive}\\{EDGE_POLICY_KEY}" + ("\\Recommended" if level == "recommended"
                                                  else "")
            where = f"{key}\\{name}" if kind == "list" else f"{key} {name}"
            present = (registry.has_key(f"{key}\\{name}") if kind == "list" else False) or (
                registry.get_value(key, name) is not None)
            if not present:
                continue
            if level == "recommended" and not recommendable:
                steps.append(Step("edge.policy_ignored", f"{where}: {name} cannot be set as "
                                  "recommended"))
                continue
            parsed: bool | list[str] | None
            if kind == "boolean":
                raw = registry.get_value(key, name)
                parsed = _boolean(raw) if raw is not None else None
                if parsed is None and raw is not None:
                    steps.append(Step("edge.policy_ignored", f"{where}: expected REG_DWORD (or "
                                      f"a string holding an integer), found {raw.data!r}"))
            else:
                parsed = _list(registry, key, name, where, steps)
                if name == "AutoOpenFileTypes" and isinstance(parsed, list):
                    parsed = _auto_open_types(parsed, where, steps)
            if parsed is None:
                continue
            if chosen is not None:
                steps.append(Step("edge.policy_overridden", f"{where}: {name} is already set "
                                  f"by {chosen}"))
                continue
            chosen = f"{key} ({level}, {scope})"
            values[name] = parsed
            steps.append(Step("edge.policy_read", f"{name}={parsed!r} from {chosen}"))
    return EdgePolicies(values, tuple(steps))


def _auto_open_types(types: list[str], where: str, steps: list[Step]) -> list[str]:
    """Rule 5."""
    kept = []
    for entry in types:
        if not entry or entry.startswith("."):
            steps.append(Step("edge.auto_open_entry_skipped", f"{where}: {entry!r} (write the "
                              "extension without its dot)"))
            continue
        kept.append(entry)
    return kept


def write_edge_policies(registry: Registry, policies: Mapping[str, object]) -> list[str]:
    """The ``[browser] policies`` shorthand: each policy written as Group Policy's
    computer configuration writes it under ``HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge``
    (booleans and integers REG_DWORD, strings REG_SZ, lists a subkey of values
    ``1``, ``2``, ...); return the locations written."""
    key = f"HKEY_LOCAL_MACHINE\\{EDGE_POLICY_KEY}"
    written = []
    for name, value in sorted(policies.items()):
        if isinstance(value, list):
            sub = f"{key}\\{name}"
            registry.create_key(sub)
            for index, item in enumerate(value, start=1):
                if isinstance(item, bool | int):
                    registry.set_value(sub, str(index), int(item), RegType.REG_DWORD)
                else:
                    registry.set_value(sub, str(index), str(item), RegType.REG_SZ)
            written.append(sub)
        elif isinstance(value, bool | int):
            registry.set_value(key, name, int(value) & 0xFFFFFFFF, RegType.REG_DWORD)
            written.append(f"{key} {name}")
        else:
            registry.set_value(key, name, str(value), RegType.REG_SZ)
            written.append(f"{key} {name}")
    return written
