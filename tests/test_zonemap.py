"""Zones from the registry: ZoneMap Domains and Ranges, Group Policy's list, intranet detection."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from sim.registry import Registry
from sim.registry.values import RegType
from sim.world.zonemap import (
    INTERNET_SETTINGS,
    POLICY_INTERNET_SETTINGS,
    find_domain_name,
    matches_domain_pattern,
)
from sim.world.zones import Zone, ZoneMap, zone_for_url

VECTORS = tomllib.loads((Path(__file__).parent / "data" / "zones" / "wine_sec_mgr.toml")
                        .read_text(encoding="utf-8"))
HKCU_MAP = rf"HKEY_CURRENT_USER\{INTERNET_SETTINGS}\ZoneMap"
HKLM_MAP = rf"HKEY_LOCAL_MACHINE\{INTERNET_SETTINGS}\ZoneMap"
HKLM_POLICY = rf"HKEY_LOCAL_MACHINE\{POLICY_INTERNET_SETTINGS}"
HKCU_POLICY = rf"HKEY_CURRENT_USER\{POLICY_INTERNET_SETTINGS}"


def _wine_registry() -> Registry:
    registry = Registry()
    for row in VECTORS["mapping"]:
        key = rf"{HKCU_MAP}\Domains\{row['domain']}"
        registry.create_key(key)
        if "subdomain" in row:
            key += "\\" + row["subdomain"]
        registry.set_value(key, row["scheme"], row["zone"], RegType.REG_DWORD)
    return registry


@pytest.mark.parametrize("row", VECTORS["url"], ids=lambda r: r["url"])
def test_wine_sec_mgr_vectors(row: dict[str, Any]) -> None:
    """MapUrlToZone's results on Windows for Wine's ZoneMap\\Domains test keys."""
    zone_map = ZoneMap(_wine_registry())
    assert int(zone_for_url(row["url"], zone_map).zone) == row["zone"]


@pytest.mark.parametrize(("host", "domain"), [
    ("www.google.com", "google.com"), ("apps.example.test", "example.test"),
    ("example.test", "example.test"), ("contoso.co.uk", "contoso.co.uk"),
    ("www.google.com.uk", "google.com.uk"), ("www.google.foo.uk", "foo.uk"),
    ("www.winehq.org.uk.test", "uk.test"), ("edu.uk", None), ("foo.uk", "foo.uk"),
    ("org", None), ("intranet", None), ("ak.uk", None),
])
def test_find_domain_name(host: str, domain: str | None) -> None:
    """The domain name of a host as Wine's find_domain_name comments give them."""
    start = find_domain_name(host)
    assert (host[start:] if start >= 0 else None) == domain


@pytest.mark.parametrize(("pattern", "name", "implicit", "expected"), [
    ("*.google.com", "test.google.com", False, 0),
    ("*.google.com", "a.b.google.com", False, None),
    ("*.google.com", "a.b.google.com", True, 2),
    ("google.com", "www.google.com", True, 4),
    ("google.com", "wwwgoogle.com", True, None),
    ("google.com", "GOOGLE.com", False, 0),
])
def test_matches_domain_pattern(pattern: str, name: str, implicit: bool,
                                expected: int | None) -> None:
    """Explicit and implicit wildcards, as in Wine's matches_domain_pattern."""
    assert matches_domain_pattern(pattern, name, implicit) == expected


def test_hkcu_before_hklm_unless_security_hklm_only() -> None:
    """HKCU's mapping wins; with Security_HKLM_only=1 only HKLM's is read."""
    registry = Registry()
    registry.set_value(rf"{HKCU_MAP}\Domains\contoso.test", "*", 2, RegType.REG_DWORD)
    registry.set_value(rf"{HKLM_MAP}\Domains\contoso.test", "*", 4, RegType.REG_DWORD)
    assert zone_for_url("https://www.contoso.test/", ZoneMap(registry)).zone == Zone.TRUSTED
    registry.set_value(HKLM_POLICY, "Security_HKLM_only", 1, RegType.REG_DWORD)
    assert zone_for_url("https://www.contoso.test/", ZoneMap(registry)).zone == Zone.RESTRICTED


def test_scheme_value_before_star() -> None:
    """A value named after the scheme decides before the * value."""
    registry = Registry()
    key = rf"{HKCU_MAP}\Domains\contoso.test"
    registry.set_value(key, "*", 4, RegType.REG_DWORD)
    registry.set_value(key, "https", 2, RegType.REG_DWORD)
    assert zone_for_url("https://contoso.test/", ZoneMap(registry)).zone == Zone.TRUSTED
    assert zone_for_url("http://contoso.test/", ZoneMap(registry)).zone == Zone.RESTRICTED


def test_group_policy_list_replaces_preferences() -> None:
    """A computer Site to Zone Assignment List wins over the user's list and ZoneMap."""
    registry = Registry()
    registry.set_value(rf"{HKCU_MAP}\Domains\contoso.test", "*", 2, RegType.REG_DWORD)
    registry.set_value(rf"{HKCU_POLICY}\ZoneMapKey", "contoso.test", "4")
    assert zone_for_url("https://a.contoso.test/", ZoneMap(registry)).zone == Zone.RESTRICTED
    registry.set_value(rf"{HKLM_POLICY}\ZoneMapKey", "https://a.contoso.test", "1")
    result = zone_for_url("https://a.contoso.test/", ZoneMap(registry))
    assert result.zone == Zone.INTRANET and "ZoneMapKey" in result.step.detail
    # the computer list names only https://a.contoso.test: other sites are not mapped
    assert zone_for_url("https://b.contoso.test/", ZoneMap(registry)).zone == Zone.INTERNET


def test_policy_list_ip_and_wildcards() -> None:
    """ZoneMapKey entries for an IP address and a *. wildcard site."""
    registry = Registry()
    registry.set_value(rf"{HKLM_POLICY}\ZoneMapKey", "10.0.0.5", "2")
    registry.set_value(rf"{HKLM_POLICY}\ZoneMapKey", "*.corp.test", "1")
    zone_map = ZoneMap(registry)
    assert zone_for_url("http://10.0.0.5/", zone_map).zone == Zone.TRUSTED
    assert zone_for_url("http://apps.corp.test/", zone_map).zone == Zone.INTRANET


def test_ranges() -> None:
    """Ranges keys map IP-address hosts by :Range (wildcard octet, a-b span)."""
    registry = Registry()
    registry.set_value(rf"{HKCU_MAP}\Ranges\Range1", ":Range", "192.168.1.10-20")
    registry.set_value(rf"{HKCU_MAP}\Ranges\Range1", "*", 1, RegType.REG_DWORD)
    registry.set_value(rf"{HKCU_MAP}\Ranges\Range2", ":Range", "10.*.*.*")
    registry.set_value(rf"{HKCU_MAP}\Ranges\Range2", "http", 4, RegType.REG_DWORD)
    zone_map = ZoneMap(registry)
    assert zone_for_url("http://192.168.1.15/", zone_map).zone == Zone.INTRANET
    assert zone_for_url("http://192.168.1.25/", zone_map).zone == Zone.INTERNET
    assert zone_for_url("http://10.1.2.3/", zone_map).zone == Zone.RESTRICTED
    assert zone_for_url("https://10.1.2.3/", zone_map).zone == Zone.INTERNET


@pytest.mark.parametrize(("data", "value_type"), [(7, RegType.REG_DWORD), ("2", RegType.REG_SZ),
                                                   (2, RegType.REG_QWORD)])
def test_bad_zone_values_are_ignored_with_a_step(data: object, value_type: int) -> None:
    """A zone outside 0-4 or not a REG_DWORD is ignored, and the trace says so."""
    registry = Registry()
    registry.set_value(rf"{HKCU_MAP}\Domains\contoso.test", "*", data, value_type)  # type: ignore[arg-type]
    result = zone_for_url("https://contoso.test/", ZoneMap(registry))
    assert result.zone == Zone.INTERNET
    assert [s.rule for s in result.notes] == ["zones.ignored"]


@pytest.mark.parametrize(("values", "joined", "plain", "unc"), [
    ({}, False, Zone.INTERNET, Zone.INTERNET),
    ({}, True, Zone.INTRANET, Zone.INTRANET),
    ({"AutoDetect": 1}, True, Zone.INTRANET, Zone.INTRANET),
    ({"AutoDetect": 0, "IntranetName": 1}, False, Zone.INTRANET, Zone.INTERNET),
    ({"AutoDetect": 0, "UNCAsIntranet": 1}, False, Zone.INTERNET, Zone.INTRANET),
    ({"AutoDetect": 0}, True, Zone.INTERNET, Zone.INTERNET),
])
def test_intranet_detection(values: dict[str, int], joined: bool, plain: Zone,
                            unc: Zone) -> None:
    """Plain host names and UNC paths are intranet only where intranet detection is on."""
    registry = Registry()
    for name, number in values.items():
        registry.set_value(HKCU_MAP, name, number, RegType.REG_DWORD)
    zone_map = ZoneMap(registry, domain_joined=joined)
    assert zone_for_url("http://intranet/app.application", zone_map).zone == plain
    assert zone_for_url("file://server/share/App.application", zone_map).zone == unc
    assert zone_for_url("file:///C:/Users/User/a.txt", zone_map).zone == Zone.LOCAL


def test_policy_intranet_setting_wins() -> None:
    """The Policies ZoneMap IntranetName decides before the user's own setting."""
    registry = Registry()
    registry.set_value(HKCU_MAP, "AutoDetect", 0, RegType.REG_DWORD)
    registry.set_value(HKCU_MAP, "IntranetName", 1, RegType.REG_DWORD)
    registry.set_value(rf"{HKLM_POLICY}\ZoneMap", "IntranetName", 0, RegType.REG_DWORD)
    assert zone_for_url("http://intranet/", ZoneMap(registry)).zone == Zone.INTERNET


def test_policy_unc_as_intranet_decides_whatever_autodetect_says() -> None:
    """Group Policy's UNCAsIntranet=1 maps every UNC path into the intranet even on a
    machine that is not domain-joined (the policy text: "all network paths are mapped")."""
    registry = Registry()
    registry.set_value(rf"{HKLM_POLICY}\ZoneMap", "UNCAsIntranet", 1, RegType.REG_DWORD)
    zone_map = ZoneMap(registry)
    assert zone_for_url("file://server/share/App.application", zone_map).zone == Zone.INTRANET
    assert zone_for_url("http://intranet/", zone_map).zone == Zone.INTERNET
