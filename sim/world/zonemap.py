"""Site-to-zone mappings, read from the registry as MapUrlToZone reads them.

Rules (the steps they give are :data:`sim.world.zones.ZONE_RULES`):

1. Where the mappings come from (first that applies): the computer's Group Policy
   "Site to Zone Assignment List" (``HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows
   \\CurrentVersion\\Internet Settings\\ZoneMapKey``), else the user's (the same
   under HKCU); a list set by policy replaces the preference mappings. Without
   one, the ``ZoneMap`` under ``HKCU`` then ``HKLM`` ``SOFTWARE\\Microsoft\\Windows
   \\CurrentVersion\\Internet Settings``, or HKLM's alone when
   ``Security_HKLM_only`` is 1 under the Policies Internet Settings key
   (:data:`ZONES_REGISTRY_DOC`; the policy list and where Group Policy stores it:
   :data:`ZONE_POLICY_DOC`; that it replaces the preference mappings and that the
   computer's list wins over the user's: :data:`ZONE_PRECEDENCE_DOC`, which lists
   the effective ZoneMap locations [inferred where it is silent]).
2. ``ZoneMap\\Domains`` holds a key per domain and, below it, keys for its
   subdomains; the zone is the REG_DWORD named after the URL's scheme, else the
   one named ``*``. A domain key covers its subdomains only when it is itself a
   domain name (``example.test`` covers ``a.example.test``; ``org`` or
   ``www.example.test`` do not), a subdomain key ``*.x`` covers any name ending
   in ``.x``, and the first domain key that maps the host decides (Wine
   ``dlls/urlmon/sec_mgr.c``, ``search_domain_for_zone``; the domain name is
   ``find_domain_name`` of ``dlls/urlmon/uri.c``).
3. ``ZoneMap\\Ranges`` holds arbitrarily named keys, each with a ``:Range``
   string (an IPv4 address, ``*`` in any octet, or ``a-b`` in one) and the scheme
   values; they map IP-address hosts, in key order.
4. A ``ZoneMapKey`` entry is a site (``contoso.test``, ``*.contoso.test``,
   ``https://www.contoso.test``, ``10.0.0.5``) whose REG_SZ data is the zone
   number 1-4; it maps as the same site added in Internet Options would.
5. A value of the wrong type, or a zone outside 0-4, is ignored with a step, and
   the search goes on [inferred: MapUrlToZone reads only REG_DWORD zone values].
6. Intranet detection (whether plain host names and UNC paths are the Local
   intranet) is :mod:`sim.world.intranet`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from sim.core.rules import Step
from sim.registry.values import RegType, RegValue

if TYPE_CHECKING:
    from sim.registry import Registry

__all__ = [
    "INTERNET_SETTINGS",
    "INTRANET_DOC",
    "POLICY_INTERNET_SETTINGS",
    "ZONES_REGISTRY_DOC",
    "ZONE_POLICY_DOC",
    "ZoneMapping",
    "find_domain_name",
    "lookup_mapping",
    "matches_domain_pattern",
    "write_zone_shorthand",
]

ZONES_REGISTRY_DOC: Final = ("https://learn.microsoft.com/troubleshoot/developer/browsers/"
                             "security-privacy/ie-security-zones-registry-entries")
ZONE_POLICY_DOC: Final = ("https://admx.help/?Category=InternetExplorer&Policy="
                          "Microsoft.Policies.InternetExplorer::IZ_Zonemaps")
ZONE_PRECEDENCE_DOC: Final = ("https://blogs.technet.com/b/fdcc/archive/2011/09/22/"
                              "internet-explorer-s-explicit-security-zone-mappings.aspx")
INTRANET_DOC: Final = ("https://learn.microsoft.com/archive/blogs/ieinternals/"
                       "the-intranet-zone")
WINE_SEC_MGR: Final = ("https://gitlab.winehq.org/wine/wine/-/blob/master/dlls/urlmon/"
                       "sec_mgr.c (search_domain_for_zone)")

INTERNET_SETTINGS: Final = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings"
POLICY_INTERNET_SETTINGS: Final = (r"SOFTWARE\Policies\Microsoft\Windows\CurrentVersion"
                                   r"\Internet Settings")
_HKLM: Final = "HKEY_LOCAL_MACHINE"
_HKCU: Final = "HKEY_CURRENT_USER"

# find_domain_name (Wine dlls/urlmon/uri.c): 3-letter labels Windows treats as a TLD.
_RECOGNIZED_TLDS: Final = frozenset({"com", "edu", "gov", "int", "mil", "net", "org"})
_MAX_ZONE: Final = 4


def find_domain_name(host: str) -> int:
    """Where the domain name of ``host`` starts, or -1 when it has none (Rule 2)."""
    if len(host) < 4:
        return -1
    last = host.rfind(".")
    if last < 0:
        return -1
    second = host.rfind(".", 0, last)
    if second < 0:
        if last == 0:
            return 0 if len(host) - 1 >= 3 else -1
        if last == 3 and host[:3].lower() in _RECOGNIZED_TLDS:
            return -1
        if last < 3 and host[:last].isascii():
            return -1
        return 0
    if len(host) - last > 3:  # a top-level label of 3 characters or more
        return second + 1
    middle = last - second - 1
    if middle < 4:  # "co.uk", "com.au": the second-level label belongs to the TLD
        if middle == 3 and host[second + 1:last].lower() not in _RECOGNIZED_TLDS:
            return second + 1
        return host.rfind(".", 0, second) + 1
    return second + 1


def matches_domain_pattern(pattern: str, name: str, implicit: bool) -> int | None:
    """Where in ``name`` the match of ``pattern`` starts, or None (Rule 2)."""
    plen, nlen = len(pattern), len(name)
    if nlen < plen:
        return None
    lower_p, lower_n = pattern.lower(), name.lower()
    if pattern.startswith("*."):
        suffix = lower_p[1:]
        if nlen >= plen + 1 and lower_n.endswith(suffix):
            start = lower_n.rfind(".", 0, nlen - plen + 1) + 1
            head = lower_n[: nlen - len(suffix)]
            if "." not in head or implicit:
                return 0 if "." not in head else start
        return None
    if implicit and nlen > plen:
        if name[nlen - plen - 1] == "." and lower_n.endswith(lower_p):
            return nlen - plen
        return None
    return 0 if lower_n == lower_p else None


@dataclass(frozen=True, slots=True)
class ZoneMapping:
    """A zone a mapping gave, where it was found, and the values ignored on the way."""

    zone: int | None
    where: str
    ignored: tuple[Step, ...] = ()


# A domain tree: domain key -> (its values, its subdomain keys -> their values).
_Values = dict[str, RegValue]
_Tree = dict[str, tuple[_Values, dict[str, _Values]]]


def _values(registry: Registry, path: str) -> _Values:
    return {v.name.lower(): v for v in registry.values(path)}


def _registry_tree(registry: Registry, domains: str) -> _Tree:
    tree: _Tree = {}
    for name in registry.subkeys(domains):
        key = f"{domains}\\{name}"
        tree[name] = (_values(registry, key),
                      {sub: _values(registry, f"{key}\\{sub}") for sub in registry.subkeys(key)})
    return tree


def _scheme_zone(values: _Values, scheme: str, where: str,
                 ignored: list[Step]) -> int | None:
    """Rules 2 and 5: the REG_DWORD for the scheme, else ``*``."""
    for name in (scheme, "*"):
        value = values.get(name)
        if value is None:
            continue
        number = value.number if value.type == RegType.REG_DWORD else None
        if number is None:
            ignored.append(Step("zones.ignored", f"{where} {value.name!r}: expected REG_DWORD "
                                f"zone number, found type {value.type}"))
            continue
        if not 0 <= number <= _MAX_ZONE:
            ignored.append(Step("zones.ignored", f"{where} {value.name!r}: expected a zone 0-4, "
                                f"found {number}"))
            continue
        return number
    return None


def _search_tree(tree: _Tree, base: str, scheme: str, host: str,
                 ignored: list[Step]) -> ZoneMapping | None:
    """Rule 2 (Wine's search_for_domain_mapping / search_domain_for_zone)."""
    for domain, (values, subs) in tree.items():
        matched = matches_domain_pattern(domain, host, True)
        if matched is None:
            continue
        where = f"{base}\\{domain}"
        if matched == 0:
            zone = _scheme_zone(values, scheme, where, ignored)
        else:
            zone, check_domain = None, True
            component = host[: matched - 1]
            for sub, sub_values in subs.items():
                if matches_domain_pattern(sub, component, False) is not None:
                    where = f"{where}\\{sub}"
                    zone = _scheme_zone(sub_values, scheme, where, ignored)
                    check_domain = False
                    break
            if check_domain and find_domain_name(domain) == 0:
                zone = _scheme_zone(values, scheme, where, ignored)
        if zone is not None:
            return ZoneMapping(zone, where)
    return None


_RANGE_PART: Final = re.compile(r"^(\*|\d{1,3}(?:-\d{1,3})?)$")


def _in_range(spec: str, address: str) -> bool:
    """Rule 3: an IPv4 ``:Range`` (``10.0.0.1``, ``10.0.*.*``, ``10.0.0.1-50``)."""
    parts, octets = spec.strip().split("."), address.split(".")
    if len(parts) != 4 or len(octets) != 4:
        return False
    for part, octet in zip(parts, octets, strict=True):
        if not _RANGE_PART.match(part):
            return False
        if part == "*":
            continue
        low, _, high = part.partition("-")
        if not int(low) <= int(octet) <= int(high or low):
            return False
    return True


def _search_ranges(registry: Registry, ranges: str, scheme: str, host: str,
                   ignored: list[Step]) -> ZoneMapping | None:
    if not registry.has_key(ranges):
        return None
    for name in registry.subkeys(ranges):
        where = f"{ranges}\\{name}"
        values = _values(registry, where)
        spec = values.get(":range")
        if spec is None or spec.text is None or not _in_range(spec.text, host):
            continue
        zone = _scheme_zone(values, scheme, where, ignored)
        if zone is not None:
            return ZoneMapping(zone, f"{where} (:Range {spec.text})")
    return None


def _split_site(site: str) -> tuple[str, str] | None:
    """Rule 4: a ZoneMapKey site -> (scheme or ``*``, host pattern)."""
    scheme, sep, rest = site.strip().partition("://")
    if not sep:
        scheme, rest = "*", site.strip()
    host = rest.split("/", 1)[0].split(":", 1)[0].strip().rstrip(".")
    return (scheme.lower() or "*", host) if host else None


def _policy_tree(registry: Registry, key: str, ignored: list[Step]) -> tuple[
        _Tree, list[tuple[str, str, int]], dict[str, str]]:
    """Rule 4: a ZoneMapKey list as the Domains tree (and IP ranges) it stands for, and
    which site entry each tree key came from."""
    tree: _Tree = {}
    ips: list[tuple[str, str, int]] = []
    origin: dict[str, str] = {}
    for value in registry.values(key):
        site = _split_site(value.name)
        text = value.text
        zone = int(text.strip()) if text is not None and text.strip().isdigit() else None
        if site is None or zone is None or not 1 <= zone <= _MAX_ZONE:
            ignored.append(Step("zones.ignored", f"{key} {value.name!r}: expected a site and a "
                                f"REG_SZ zone 1-4, found {value.data!r}"))
            continue
        scheme, host = site
        number = RegValue(scheme, RegType.REG_DWORD, zone.to_bytes(4, "little"))
        if _is_ip(host.replace("*", "0")):
            ips.append((host, scheme, zone))
            continue
        domain, sub = _split_host(host)
        values, subs = tree.setdefault(domain, ({}, {}))
        target = values if sub is None else subs.setdefault(sub, {})
        target[scheme] = number
        origin[f"{key}\\{domain}" + (f"\\{sub}" if sub else "")] = value.name
    return tree, ips, origin


def _split_host(host: str) -> tuple[str, str | None]:
    """The Domains key and subdomain key Internet Options writes for ``host``."""
    bare = host.removeprefix("*.")
    start = find_domain_name(bare)
    if start <= 0:
        return host, None
    prefix = host[: len(host) - len(bare) + start - 1]
    return bare[start:], prefix


def _is_ip(host: str) -> bool:
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


def lookup_mapping(registry: Registry | None, scheme: str, host: str) -> ZoneMapping | None:
    """Rules 1-5: the zone the registry's site-to-zone mappings give ``scheme://host``."""
    if registry is None or not host:
        return None
    ignored: list[Step] = []
    for hive in (_HKLM, _HKCU):  # Rule 1: a policy list replaces the preferences
        key = f"{hive}\\{POLICY_INTERNET_SETTINGS}\\ZoneMapKey"
        if registry.has_key(key) and registry.values(key):
            tree, ips, origin = _policy_tree(registry, key, ignored)
            if _is_ip(host):
                found = next((ZoneMapping(zone, f"{key} {site!r}") for site, sch, zone in ips
                              if sch in (scheme, "*") and _in_range(site, host)), None)
            else:
                found = _search_tree(tree, key, scheme, host.lower(), ignored)
                if found is not None:
                    found = ZoneMapping(found.zone, f"{key} {origin.get(found.where, '')!r}")
            return _with(found, key, ignored)
    roots = [_HKLM] if _hklm_only(registry) else [_HKCU, _HKLM]
    for hive in roots:
        zone_map = f"{hive}\\{INTERNET_SETTINGS}\\ZoneMap"
        if _is_ip(host):
            found = _search_ranges(registry, f"{zone_map}\\Ranges", scheme, host, ignored)
        else:
            domains = f"{zone_map}\\Domains"
            found = (_search_tree(_registry_tree(registry, domains), domains, scheme,
                                  host.lower(), ignored)
                     if registry.has_key(domains) else None)
        if found is not None:
            return _with(found, "", ignored)
    return _with(None, "", ignored)


def _with(found: ZoneMapping | None, policy: str, ignored: list[Step]) -> ZoneMapping | None:
    if found is None:
        return ZoneMapping(None, policy, tuple(ignored)) if (ignored or policy) else None
    return ZoneMapping(found.zone, found.where, tuple(ignored))


def _hklm_only(registry: Registry) -> bool:
    value = registry.get_value(f"{_HKLM}\\{POLICY_INTERNET_SETTINGS}", "Security_HKLM_only")
    return value is not None and value.number == 1


def write_zone_shorthand(registry: Registry, hosts: Mapping[str, int]) -> list[str]:
    """The ``[machine] zones`` shorthand: each host mapped as Internet Options' "Add"
    writes it under ``HKCU ...\\ZoneMap`` (Domains, or Ranges for an IP address);
    return the keys written."""
    base = f"{_HKCU}\\{INTERNET_SETTINGS}\\ZoneMap"
    written: list[str] = []
    for index, (host, zone) in enumerate(sorted(hosts.items()), start=1):
        name = host.strip().rstrip(".").lower()
        if _is_ip(name.replace("*", "0")):
            key = f"{base}\\Ranges\\Range{index}"
            registry.set_value(key, ":Range", name)
        else:
            domain, sub = _split_host(name)
            key = f"{base}\\Domains\\{domain}" + (f"\\{sub}" if sub else "")
        registry.set_value(key, "*", zone, RegType.REG_DWORD)
        written.append(key)
    return written

