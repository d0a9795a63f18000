"""Intranet detection: whether plain host names and UNC paths are in the Local intranet zone.

Rule: ``AutoDetect``, ``IntranetName`` and ``UNCAsIntranet`` are REG_DWORD values under
``ZoneMap`` (Group Policy's first, then HKCU's, then HKLM's). With ``AutoDetect`` 1 (the
default since IE7, "Automatically detect intranet network"; "Intranet settings are now
turned off by default") both rules are on only on a domain-joined machine; with
``AutoDetect`` 0, ``IntranetName`` turns the plain-host-name rule on and
``UNCAsIntranet`` the UNC rule (:data:`~sim.world.zonemap.INTRANET_DOC`). Set by Group
Policy (the Policies ``ZoneMap``), ``IntranetName`` or ``UNCAsIntranet`` decides its rule
whatever ``AutoDetect`` says: "If you enable this policy setting, all network paths are
mapped into the Intranet Zone. If you disable this policy setting, network paths are not
necessarily mapped into the Intranet Zone" (:data:`UNC_POLICY_DOC`; ``IntranetName`` is
read the same way [inferred from that sibling policy]).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from sim.registry.values import RegType
from sim.world.zonemap import INTERNET_SETTINGS, POLICY_INTERNET_SETTINGS

if TYPE_CHECKING:
    from sim.registry import Registry

__all__ = ["UNC_POLICY_DOC", "IntranetRules", "intranet_rules"]

UNC_POLICY_DOC: Final = ("https://stigviewer.cyberprotection.com/stigs/"
                         "microsoft_internet_explorer_11/2023-12-01/finding/V-223080")
_HKLM: Final = "HKEY_LOCAL_MACHINE"
_HKCU: Final = "HKEY_CURRENT_USER"


@dataclass(frozen=True, slots=True)
class IntranetRules:
    """Whether plain host names and UNC paths are in the Local intranet, and why."""

    plain_hosts: bool
    unc: bool
    reason: str


_POLICY_PLACES: Final = ((_HKLM, POLICY_INTERNET_SETTINGS), (_HKCU, POLICY_INTERNET_SETTINGS))
_USER_PLACES: Final = ((_HKCU, INTERNET_SETTINGS), (_HKLM, INTERNET_SETTINGS))


def _setting(registry: Registry, name: str,
             places: tuple[tuple[str, str], ...]) -> tuple[int, str] | None:
    for hive, base in places:
        path = f"{hive}\\{base}\\ZoneMap"
        value = registry.get_value(path, name)
        if value is not None and value.type == RegType.REG_DWORD and value.number is not None:
            return value.number, f"{path} {name}={value.number}"
    return None


def intranet_rules(registry: Registry | None, *, domain_joined: bool) -> IntranetRules:
    """The Rule: the intranet detection settings in effect, and why."""
    if registry is None:
        joined = "domain-joined" if domain_joined else "not domain-joined"
        return IntranetRules(domain_joined, domain_joined, f"the machine is {joined}")
    auto = _setting(registry, "AutoDetect", _POLICY_PLACES + _USER_PLACES)
    if auto is None or auto[0] != 0:
        where = auto[1] if auto else "AutoDetect unset (automatic)"
        joined = "domain-joined" if domain_joined else "not domain-joined"
        plain, unc, reason = domain_joined, domain_joined, f"{where}; the machine is {joined}"
    else:
        name = _setting(registry, "IntranetName", _USER_PLACES)
        unc_value = _setting(registry, "UNCAsIntranet", _USER_PLACES)
        plain, unc = bool(name and name[0]), bool(unc_value and unc_value[0])
        reason = "; ".join([auto[1], name[1] if name else "IntranetName unset",
                            unc_value[1] if unc_value else "UNCAsIntranet unset"])
    for rule in ("IntranetName", "UNCAsIntranet"):
        forced = _setting(registry, rule, _POLICY_PLACES)
        if forced is not None:
            reason = f"{forced[1]} (Group Policy)"
            if rule == "IntranetName":
                plain = bool(forced[0])
            else:
                unc = bool(forced[0])
    return IntranetRules(plain, unc, reason)
