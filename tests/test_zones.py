"""Security zones of URLs."""

from __future__ import annotations

import pytest

from sim.world.zones import Zone, mark_of_the_web, zone_for_url


@pytest.mark.parametrize(
    ("url", "zones", "expected"),
    [
        ("https://example.test/a", {}, Zone.INTERNET),
        ("http://intranet/app.application", {}, Zone.INTERNET),  # not domain-joined
        ("http://localhost:8080/x", {}, Zone.INTERNET),
        ("http://10.0.0.5/x", {}, Zone.INTERNET),
        ("https://apps.corp.example/x", {"corp.example": "intranet"}, Zone.INTRANET),
        ("https://apps.corp.example/x",
         {"corp.example": "intranet", "apps.corp.example": "trusted"}, Zone.TRUSTED),
        ("https://evil.test/x", {"EVIL.test": "restricted"}, Zone.RESTRICTED),
        ("file:///C:/Users/User/Downloads/App.application", {}, Zone.LOCAL),
        ("file://server/share/App.application", {}, Zone.INTERNET),
    ],
)
def test_zone_for_url(url: str, zones: dict[str, str], expected: Zone) -> None:
    """Mapped hosts and domains, files and the Internet default; on a machine that is not
    domain-joined, plain host names and UNC paths are the Internet zone."""
    assert zone_for_url(url, zones).zone == expected


def test_trust_manager_names() -> None:
    """Zones carry the ClickOnce TrustManager names."""
    assert Zone.INTERNET.trust_manager_name == "Internet"
    assert Zone.LOCAL.trust_manager_name == "MyComputer"


def test_mark_of_the_web() -> None:
    """A download's Zone.Identifier records the zone number and the URLs."""
    motw = mark_of_the_web("https://x.test/a.exe", Zone.INTERNET, "https://x.test/")
    assert motw.stream_text().startswith("[ZoneTransfer]\r\nZoneId=3\r\n")
