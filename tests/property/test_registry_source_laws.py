"""Laws of the registry as the one source of truth: shorthands read back, bad data never crashes."""

from __future__ import annotations

import contextlib

from hypothesis import given
from hypothesis import strategies as st

from sim.models.browsers.edge_policies import read_edge_policies, write_edge_policies
from sim.registry import Registry
from sim.registry.values import RegType
from sim.strategies import edge_policies, hosts
from sim.world.certstore import (
    TRUSTED_PUBLISHER_STORES,
    element_certificate,
    read_trusted_publishers,
    serialize_element,
)
from sim.world.x509 import CertificateError, build_certificate, parse_certificate
from sim.world.zones import Zone, ZoneMap, zone_for_url

_ZONES = st.sampled_from(list(Zone))
_VALUE = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2FF,
                               exclude_characters='"\\,=+<>#;'), min_size=1, max_size=12)


@given(edge_policies())
def test_policies_written_by_the_shorthand_read_back(policies: dict[str, object]) -> None:
    """[browser] policies written as registry values read back as the same policies
    (booleans for 0/1; lists as they are)."""
    registry = Registry()
    write_edge_policies(registry, policies)
    read = read_edge_policies(registry).values
    expected = {k: (bool(v) if isinstance(v, bool | int) else v) for k, v in policies.items()}
    assert read == expected


@given(hosts(), _ZONES)
def test_a_host_mapped_by_the_shorthand_is_in_that_zone(host: str, zone: Zone) -> None:
    """[machine] zones written to ZoneMap maps the host itself to the zone, for http and
    https, IP addresses and plain host names included."""
    zone_map = ZoneMap.from_hosts({host: zone.label})
    for scheme in ("http", "https"):
        assert zone_for_url(f"{scheme}://{host}/App.application", zone_map).zone == zone


@given(st.lists(st.tuples(st.sampled_from(["CN", "O", "OU", "L", "S", "C"]), _VALUE),
                min_size=1, max_size=4))
def test_a_certificate_built_for_a_subject_reads_back(pairs: list[tuple[str, str]]) -> None:
    """The shorthand's certificate parses back to the same subject, under its SHA-1."""
    subject = ", ".join(f"{k}={v.strip() or 'x'}" for k, v in pairs)
    registry = Registry()
    der = build_certificate(subject)
    name = parse_certificate(der).thumbprint
    registry.set_value(rf"{TRUSTED_PUBLISHER_STORES[0][1]}\{name}", "Blob",
                       serialize_element(der), RegType.REG_BINARY)
    assert read_trusted_publishers(registry).trusts(subject=subject)


@given(st.binary(max_size=200))
def test_any_blob_is_a_certificate_or_a_certificate_error(blob: bytes) -> None:
    """Arbitrary bytes never crash the store reader: a certificate, or CertificateError,
    and read_trusted_publishers turns the error into a step."""
    with contextlib.suppress(CertificateError):
        parse_certificate(element_certificate(blob))
    registry = Registry()
    registry.set_value(rf"{TRUSTED_PUBLISHER_STORES[3][1]}\{'A' * 40}", "Blob", blob,
                       RegType.REG_BINARY)
    trusted = read_trusted_publishers(registry)
    assert trusted.thumbprints == frozenset()
    assert [s.rule for s in trusted.steps] == ["certstore.ignored"]


@given(st.integers(0, 0xFFFFFFFF), st.sampled_from([RegType.REG_DWORD, RegType.REG_QWORD,
                                                    RegType.REG_BINARY, RegType.REG_SZ]))
def test_any_zone_value_gives_a_zone(number: int, value_type: int) -> None:
    """Whatever a ZoneMap value holds, MapUrlToZone answers one of the five zones."""
    registry = Registry()
    data: object = (str(number) if value_type == RegType.REG_SZ
                    else number.to_bytes(8 if value_type == RegType.REG_QWORD else 4, "little"))
    registry.set_value(r"HKCU\Software\Microsoft\Windows\CurrentVersion\Internet Settings"
                       r"\ZoneMap\Domains\contoso.test", "*", data, value_type)  # type: ignore[arg-type]
    result = zone_for_url("https://contoso.test/", ZoneMap(registry))
    assert result.zone in Zone
    valid = value_type == RegType.REG_DWORD and number <= 4
    assert (result.step.rule == "zones.mapped") == valid
