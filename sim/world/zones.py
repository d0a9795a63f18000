"""Security zones: which URL Security Zone a URL belongs to, and its Mark-of-the-Web.

Rules (:data:`ZONE_RULES`), in the order MapUrlToZone applies them:

1. A ``file:`` URL or path on the machine itself is the Local Machine zone (0)
   (Wine ``dlls/urlmon/sec_mgr.c``, ``map_security_uri_to_zone``: a fixed drive).
2. A site-to-zone mapping in the registry decides next (:mod:`sim.world.zonemap`:
   Group Policy's list, else ``ZoneMap\\Domains`` and ``Ranges`` of HKCU then HKLM;
   ``[machine] zones`` is shorthand that writes ``ZoneMap\\Domains``). Only the
   hierarchical schemes http, https, ftp and file are mapped (Wine,
   ``get_zone_from_domains``: unknown schemes never map).
3. A plain host name (no dot: ``intranet``, ``localhost``) is the Local intranet
   where intranet detection is on; a UNC path (``file://server/share``) likewise.
   Where it is off, both are the Internet zone: since IE7, "Intranet settings are
   now turned off by default" unless the machine is domain-joined or the user
   turned the rules on (``ZoneMap`` ``AutoDetect``, ``IntranetName``,
   ``UNCAsIntranet``; :data:`sim.world.zonemap.INTRANET_DOC`).
4. Anything else, IP addresses included, is the Internet zone (3).

Zone numbers are URLZONE values (0 Local Machine, 1 Intranet, 2 Trusted, 3
Internet, 4 Restricted); the ClickOnce TrustManager names them MyComputer,
LocalIntranet, TrustedSites, Internet and UntrustedSites
(vs-trust-prompt).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, TypeAlias
from urllib.parse import urlsplit

from sim.core.rules import Rule, Step, rule_table
from sim.registry import Registry
from sim.world.disk import ZoneIdentifier
from sim.world.intranet import intranet_rules
from sim.world.zonemap import (
    lookup_mapping,
    write_zone_shorthand,
)

__all__ = [
    "ZONE_RULES",
    "Zone",
    "ZoneMap",
    "ZoneResult",
    "Zones",
    "mark_of_the_web",
    "zone_for_url",
]

_MAPPED_SCHEMES: Final = frozenset({"http", "https", "ftp", "file"})


class Zone(enum.IntEnum):
    """URL Security Zones (URLZONE); the name is the scenario spelling."""

    LOCAL = 0
    INTRANET = 1
    TRUSTED = 2
    INTERNET = 3
    RESTRICTED = 4

    @property
    def label(self) -> str:
        """The scenario spelling: local, intranet, trusted, internet, restricted."""
        return self.name.lower()

    @property
    def trust_manager_name(self) -> str:
        """The ClickOnce TrustManager PromptingLevel value name of the zone."""
        return _TRUST_MANAGER[self]


_TRUST_MANAGER: Final = {
    Zone.LOCAL: "MyComputer",
    Zone.INTRANET: "LocalIntranet",
    Zone.TRUSTED: "TrustedSites",
    Zone.INTERNET: "Internet",
    Zone.RESTRICTED: "UntrustedSites",
}

ZONE_RULES: Final = rule_table(
    [
        Rule(id="zones.local_file", source=(
            'wine-sec-mgr: map_url_to_zone: a file: URL on the machine itself is '
            'URLZONE_LOCAL_MACHINE'),
             summary="a file on the machine itself is the Local Machine zone"),
        Rule(id="zones.mapped", source=(
            'ie-zones: the ZoneMap Domains and Ranges keys, and the Site to Zone Assignment '
            'List policy'),
             summary="a site-to-zone mapping in the registry (ZoneMap, or Group Policy's list)"),
        Rule(id="zones.ignored", source=(
            'ie-zones: inferred from the zone values 0 to 4 the article lists (a value of '
            'another type or number is ignored)'), inferred=True,
             summary="a zone mapping of the wrong type or outside zones 0-4 is ignored"),
        Rule(id="zones.dotless_intranet", source=(
            'ieinternals-intranet-zone: the automatic Local Intranet rules for plain host '
            'names and UNC paths, where intranet detection is on'),
             summary="a plain host name or UNC path is the intranet where detection is on"),
        Rule(id="zones.intranet_off", source=(
            'ieinternals-intranet-zone: with intranet detection off, plain host names and UNC '
            'paths are not mapped to the Intranet zone'),
             summary="intranet detection is off: a plain host name or UNC path is Internet"),
        Rule(id="zones.internet", source=('ie-zones: zone 3 Internet'),
             summary="every other host, IP addresses included, is the Internet zone"),
    ]
)


@dataclass(frozen=True, slots=True)
class ZoneMap:
    """Where a machine's zone settings live: its registry, and whether it is domain-joined
    (which turns automatic intranet detection on; Rule 3). ``notes``, when given, receives
    a step for each zone setting ignored on the way (once each), whichever model asked."""

    registry: Registry | None
    domain_joined: bool = False
    notes: list[Step] | None = field(default=None, compare=False)

    @classmethod
    def from_hosts(cls, hosts: Mapping[str, str], *, domain_joined: bool = False) -> ZoneMap:
        """A machine whose only zone settings are ``hosts`` (host -> zone label), written
        as the ``[machine] zones`` shorthand writes them."""
        registry = Registry()
        write_zone_shorthand(registry, {h: int(Zone[z.upper()]) for h, z in hosts.items()})
        return cls(registry, domain_joined)


# What the models hold: a machine's ZoneMap, or a plain host -> zone label mapping.
Zones: TypeAlias = ZoneMap | Mapping[str, str]


@dataclass(frozen=True, slots=True)
class ZoneResult:
    """A URL's zone, the rule that decided it, and the settings ignored on the way."""

    zone: Zone
    step: Step
    notes: tuple[Step, ...] = ()


def zone_for_url(url: str, zones: Zones | None = None) -> ZoneResult:
    """Return the zone of ``url`` (Rules 1-4)."""
    zone_map = zones if isinstance(zones, ZoneMap) else ZoneMap.from_hosts(zones or {})
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme == "file" and host in ("", "localhost"):
        return ZoneResult(Zone.LOCAL, Step("zones.local_file", f"{url}: local"))
    notes: tuple[Step, ...] = ()
    if scheme in _MAPPED_SCHEMES and host:
        found = lookup_mapping(zone_map.registry, scheme, host)
        if found is not None:
            notes = found.ignored
            if zone_map.notes is not None:
                zone_map.notes.extend(n for n in notes if n not in zone_map.notes)
            if found.zone is not None:
                zone = Zone(found.zone)
                return ZoneResult(zone, Step("zones.mapped", f"{host}: {zone.label} "
                                             f"({found.where})"), notes)
    plain = bool(host) and "." not in host and ":" not in host
    if scheme == "file" or plain:
        rules = intranet_rules(zone_map.registry, domain_joined=zone_map.domain_joined)
        on = rules.unc if scheme == "file" else rules.plain_hosts
        what = f"UNC path \\\\{host}" if scheme == "file" else f"plain host name {host}"
        if on:
            return ZoneResult(Zone.INTRANET, Step("zones.dotless_intranet",
                                                  f"{what}: intranet ({rules.reason})"), notes)
        return ZoneResult(Zone.INTERNET, Step("zones.intranet_off",
                                              f"{what}: Internet ({rules.reason})"), notes)
    return ZoneResult(Zone.INTERNET, Step("zones.internet", host or url), notes)


def mark_of_the_web(url: str, zone: Zone, referrer: str | None = None) -> ZoneIdentifier:
    """Return the Zone.Identifier a browser writes on a file downloaded from ``url``."""
    return ZoneIdentifier(int(zone), host_url=url, referrer_url=referrer)
