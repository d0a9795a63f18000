"""Security zones: which URL Security Zone a URL belongs to, and its Mark-of-the-Web.

Rules (:data:`ZONE_RULES`):

1. ``file:`` URLs and local paths are the Local Machine zone (0); UNC paths
   (``file://server/share``) are the Local intranet (1).
2. A host the scenario maps (``[machine] zones``) is in that zone; a mapping of
   a domain covers its subdomains (``example.test`` covers ``a.example.test``), as
   IE's site-to-zone assignments of a domain do [inf: the more specific mapping wins].
3. A dotless host name (``intranet``, ``localhost``) is the Local intranet: the
   "Include all local (intranet) sites not listed in other zones" rule
   (https://learn.microsoft.com/previous-versions/troubleshoot/browsers/security-privacy/ie-security-zones-registry-entry).
4. Anything else, IP addresses included, is the Internet zone (3).

Zone numbers are URLZONE values (0 Local Machine, 1 Intranet, 2 Trusted, 3
Internet, 4 Restricted); the ClickOnce TrustManager names them MyComputer,
LocalIntranet, TrustedSites, Internet and UntrustedSites
(vs-trust-prompt).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from sim.core.rules import Rule, Step, rule_table
from sim.world.disk import ZoneIdentifier

__all__ = ["ZONE_RULES", "Zone", "ZoneResult", "mark_of_the_web", "zone_for_url"]


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
        Rule(id="zones.local_file", source='ie-zones: zone 0 My Computer, zone 1 Local Intranet',
             summary="file: URLs are the Local Machine zone, UNC paths the intranet"),
        Rule(id="zones.mapped", source="ie-zones: inferred from the ZoneMap Domains keys",
             inferred=True,
             summary="a host (or a parent domain) mapped by the scenario is in that zone"),
        Rule(id="zones.dotless_intranet", source='ie-zones: zone 1 Local Intranet',
             summary="a dotless host name is the Local intranet"),
        Rule(id="zones.internet", source='ie-zones: zone 3 Internet',
             summary="every other host, IP addresses included, is the Internet zone"),
    ]
)


@dataclass(frozen=True, slots=True)
class ZoneResult:
    """A URL's zone and the rule that decided it."""

    zone: Zone
    step: Step


def _mapped(host: str, zones: Mapping[str, str]) -> Zone | None:
    folded = {name.lower().rstrip("."): zone for name, zone in zones.items()}
    labels = host.split(".")
    for start in range(len(labels)):  # the most specific mapping first
        zone = folded.get(".".join(labels[start:]))
        if zone is not None:
            return Zone[zone.upper()]
    return None


def zone_for_url(url: str, zones: Mapping[str, str] | None = None) -> ZoneResult:
    """Return the zone of ``url`` (Rules 1-4); ``zones`` maps hosts to zone labels."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "file":
        zone = Zone.INTRANET if parts.hostname not in (None, "", "localhost") else Zone.LOCAL
        return ZoneResult(zone, Step("zones.local_file", f"{url}: {zone.label}"))
    host = (parts.hostname or "").rstrip(".")
    mapped = _mapped(host, zones or {})
    if mapped is not None:
        return ZoneResult(mapped, Step("zones.mapped", f"{host}: {mapped.label}"))
    if host and "." not in host and ":" not in host:
        return ZoneResult(Zone.INTRANET, Step("zones.dotless_intranet", host))
    return ZoneResult(Zone.INTERNET, Step("zones.internet", host or url))


def mark_of_the_web(url: str, zone: Zone, referrer: str | None = None) -> ZoneIdentifier:
    """Return the Zone.Identifier a browser writes on a file downloaded from ``url``."""
    return ZoneIdentifier(int(zone), host_url=url, referrer_url=referrer)
