"""The Trusted Publishers store read from the registry: blobs, thumbprints, subjects."""

from __future__ import annotations

import ssl
import struct
from pathlib import Path

import pytest

from sim.registry import Registry
from sim.registry.values import RegType
from sim.world.certstore import (
    CERT_CERT_PROP_ID,
    TRUSTED_PUBLISHER_STORES,
    add_trusted_publisher,
    element_certificate,
    read_trusted_publishers,
    serialize_element,
)
from sim.world.x509 import CertificateError, build_certificate, parse_certificate, parse_subject

CERTS = Path(__file__).parent / "data" / "certs"
# openssl x509 -noout -fingerprint -sha1 (tests/data/certs/README.md)
OPENSSL_SHA1 = {
    "nokia.pem": "426890FFC1022AEE37217AB6D44709DAF09A21AC",
    "pycacert.pem": "C3A0AEEE8A83148D11D10893CCF6990D2818E363",
    "selfsigned_pythontestdotnet.pem": "C9649830372708BBC8C0F5BC72F69CC33CBD773E",
}
_KEYS = {"countryName": "C", "stateOrProvinceName": "S", "localityName": "L",
         "organizationName": "O", "organizationalUnitName": "OU", "commonName": "CN"}


def _der(name: str) -> bytes:
    return ssl.PEM_cert_to_DER_cert((CERTS / name).read_text(encoding="ascii"))


@pytest.mark.parametrize("name", sorted(OPENSSL_SHA1))
def test_real_certificates_parse_as_openssl_and_ssl_read_them(name: str) -> None:
    """Thumbprints equal OpenSSL's SHA-1 fingerprints; subjects equal the ssl module's, reversed."""
    cert = parse_certificate(_der(name))
    assert cert.thumbprint == OPENSSL_SHA1[name]
    decoded = ssl._ssl._test_decode_cert(str(CERTS / name))  # type: ignore[attr-defined]
    expected = ", ".join(f"{_KEYS[k]}={v}" for rdn in reversed(decoded["subject"]) for k, v in rdn)
    assert cert.subject == expected


def _store_with(registry: Registry, der: bytes, *, name: str | None = None,
                store: int = 0, blob: bytes | None = None) -> str:
    key = f"{TRUSTED_PUBLISHER_STORES[store][1]}\\{name or parse_certificate(der).thumbprint}"
    registry.set_value(key, "Blob", serialize_element(der) if blob is None else blob,
                       RegType.REG_BINARY)
    return key


@pytest.mark.parametrize("store", range(len(TRUSTED_PUBLISHER_STORES)))
def test_each_physical_store_counts(store: int) -> None:
    """A certificate in any of the five TrustedPublisher physical stores is trusted."""
    registry = Registry()
    _store_with(registry, _der("nokia.pem"), store=store)
    trusted = read_trusted_publishers(registry)
    assert trusted.trusts(thumbprint="426890ffc1022aee37217ab6d44709daf09a21ac")
    assert trusted.trusts(subject="CN=projects.developer.nokia.com, OU=BI, O=Nokia, L=Espoo, "
                                  "S=Espoo, C=FI")
    assert not trusted.trusts(subject="CN=projects.developer.nokia.com")


def test_blob_with_other_properties_before_the_certificate() -> None:
    """Properties before 0x20 (a friendly name, a hash) are skipped as CryptoAPI skips them."""
    der = _der("pycacert.pem")
    name = "Test CA".encode("utf-16-le") + b"\0\0"
    blob = (struct.pack("<III", 11, 1, len(name)) + name
            + struct.pack("<III", 3, 1, 20) + bytes(20) + serialize_element(der))
    assert element_certificate(blob) == der


@pytest.mark.parametrize(("blob", "message"), [
    (b"", "no certificate property"),
    (struct.pack("<III", CERT_CERT_PROP_ID, 1, 100) + b"\x30", "runs past the end"),
    (struct.pack("<III", CERT_CERT_PROP_ID, 2, 1) + b"\x30", "reserved field 1"),
    (struct.pack("<II", CERT_CERT_PROP_ID, 1), "cut short"),
    (struct.pack("<III", 0, 1, 0) + serialize_element(b"\x30\x00"), "no certificate property"),
])
def test_malformed_blobs_are_refused(blob: bytes, message: str) -> None:
    """Truncated properties, a reserved field other than 1, and a 0 id ending the run."""
    with pytest.raises(CertificateError, match=message):
        element_certificate(blob)


def test_bad_entries_are_ignored_with_steps() -> None:
    """Wrong key name, no Blob, a REG_SZ Blob, garbage bytes: ignored, each with a step."""
    registry = Registry()
    der = _der("nokia.pem")
    _store_with(registry, der, name="0" * 40)  # key name is not the SHA-1
    root = TRUSTED_PUBLISHER_STORES[0][1]
    registry.create_key(f"{root}\\AAAA")
    registry.set_value(f"{root}\\BBBB", "Blob", "text")
    _store_with(registry, der, name="CCCC", blob=serialize_element(b"\x30\x03\x02\x01\x01"))
    trusted = read_trusted_publishers(registry)
    assert trusted.thumbprints == frozenset()
    details = " | ".join(s.detail for s in trusted.steps)
    assert {s.rule for s in trusted.steps} == {"certstore.ignored"}
    assert "not the certificate's SHA-1" in details and "no Blob value" in details
    assert "not REG_BINARY" in details and "expected tbsCertificate" in details


def test_shorthand_writes_a_certificate_the_reader_finds(tmp_path: Path) -> None:
    """add_trusted_publisher writes a DER certificate whose subject reads back equal,
    also for the ssl module's own decoder."""
    registry = Registry()
    thumb = add_trusted_publisher(registry, 'CN=Contoso Ltd, O="Contoso, Inc.", C=US')
    trusted = read_trusted_publishers(registry)
    assert trusted.thumbprints == {thumb}
    assert trusted.trusts(subject='cn=contoso ltd,  o="Contoso, Inc.", c=us')
    pem = tmp_path / "built.pem"
    pem.write_text(ssl.DER_cert_to_PEM_cert(build_certificate("CN=Contoso Ltd, O=Contoso")))
    decoded = ssl._ssl._test_decode_cert(str(pem))  # type: ignore[attr-defined]
    assert decoded["subject"] == ((("organizationName", "Contoso"),),
                                  (("commonName", "Contoso Ltd"),))


@pytest.mark.parametrize("bad", ["Contoso", "XX=1", ""])
def test_subject_shorthand_must_be_a_distinguished_name(bad: str) -> None:
    """A subject without KEY=value, or with a key Windows does not name, is refused."""
    with pytest.raises(CertificateError):
        parse_subject(bad)
