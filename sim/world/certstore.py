"""The Trusted Publishers certificate store, read from the registry where Windows keeps it.

Rules (:data:`CERTSTORE_RULES`):

1. The store ``TrustedPublisher`` is the union of its physical stores: the local
   machine's (``HKLM\\SOFTWARE\\Microsoft\\SystemCertificates``), Group Policy's
   (``HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates``), the enterprise's
   (``HKLM\\SOFTWARE\\Microsoft\\EnterpriseCertificates``) and the current user's
   (``HKCU\\Software\\Microsoft\\SystemCertificates`` and its Policies twin), each
   with ``TrustedPublisher\\Certificates\\<thumbprint>``
   (https://learn.microsoft.com/windows/win32/seccrypto/system-store-locations).
2. Each ``<thumbprint>`` subkey holds a ``Blob`` value: a serialized store element,
   a run of properties ``{DWORD id; DWORD reserved = 1; DWORD size; size bytes}``
   in which property ``0x20`` (``CERT_CERT_PROP_ID``) is the DER certificate; a
   property whose size runs past the end, or whose reserved field is not 1,
   makes the element invalid, and a property id of 0 ends the run (Wine
   ``dlls/crypt32/serialize.c``, ``CRYPT_findPropID``,
   ``CRYPT_ReadSerializedElement``).
3. A certificate is added only when its subkey's name is the upper-case hex SHA-1
   of the certificate; otherwise it is ignored (Wine ``dlls/crypt32/regstore.c``,
   ``CRYPT_RegReadSerializedFromReg``: "hash doesn't match, ignoring").
4. Anything else (no ``Blob``, a ``Blob`` that is not REG_BINARY, bytes that are
   not a certificate) is ignored as CryptoAPI ignores it, with a trace step.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from sim.core.rules import Rule, Step, rule_table
from sim.registry.values import RegType
from sim.world.x509 import (
    CertificateError,
    build_certificate,
    canonical_subject,
    parse_certificate,
)

if TYPE_CHECKING:
    from sim.registry import Registry

__all__ = [
    "CERTSTORE_RULES",
    "CERT_CERT_PROP_ID",
    "TRUSTED_PUBLISHER_STORES",
    "TrustedPublishers",
    "add_trusted_publisher",
    "element_certificate",
    "read_trusted_publishers",
    "serialize_element",
]

CERT_CERT_PROP_ID: Final = 0x20
_HEADER: Final = struct.Struct("<III")
_LOCATIONS_DOC: Final = "https://learn.microsoft.com/windows/win32/seccrypto/system-store-locations"
_SERIALIZE_SRC: Final = ("https://gitlab.winehq.org/wine/wine/-/blob/master/dlls/crypt32/"
                         "serialize.c (CRYPT_ReadSerializedElement)")
_REGSTORE_SRC: Final = ("https://gitlab.winehq.org/wine/wine/-/blob/master/dlls/crypt32/"
                        "regstore.c (CRYPT_RegReadSerializedFromReg)")

# Rule 1: where each physical store of TrustedPublisher lives, with its name.
TRUSTED_PUBLISHER_STORES: Final = (
    ("local machine", r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\SystemCertificates"
                      r"\TrustedPublisher\Certificates"),
    ("group policy", r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\SystemCertificates"
                     r"\TrustedPublisher\Certificates"),
    ("enterprise", r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\EnterpriseCertificates"
                   r"\TrustedPublisher\Certificates"),
    ("current user", r"HKEY_CURRENT_USER\Software\Microsoft\SystemCertificates"
                     r"\TrustedPublisher\Certificates"),
    ("current user group policy", r"HKEY_CURRENT_USER\Software\Policies\Microsoft"
                                  r"\SystemCertificates\TrustedPublisher\Certificates"),
)

CERTSTORE_RULES: Final = rule_table(
    [
        Rule(id="certstore.trusted_publisher", source=(
            'win32-system-store-locations: the registry locations of the system stores'),
             summary="a certificate in a TrustedPublisher physical store in the registry"),
        Rule(id="certstore.ignored", source=(
            'wine-crypt32-regstore: CRYPT_RegReadSerializedFromReg (an entry whose key is not '
            "its certificate's SHA-1 hash is skipped)"),
             summary="a Trusted Publishers entry CryptoAPI cannot read is ignored"),
    ]
)


@dataclass(frozen=True, slots=True)
class TrustedPublishers:
    """The certificates of the Trusted Publishers store: thumbprints and subjects."""

    thumbprints: frozenset[str]
    subjects: frozenset[str]  # canonical_subject() of each certificate's subject
    steps: tuple[Step, ...]

    def trusts(self, subject: str | None = None, thumbprint: str | None = None) -> bool:
        """True when a certificate with this subject (compared as a distinguished name,
        case-insensitively) or this SHA-1 thumbprint is in the store."""
        return bool((subject and canonical_subject(subject) in self.subjects)
                    or (thumbprint and thumbprint.strip().upper() in self.thumbprints))


def element_certificate(blob: bytes) -> bytes:
    """Rule 2: the DER certificate (property 0x20) of a serialized store element.

    Raises:
        CertificateError: the element is malformed or holds no certificate.
    """
    at = 0
    while at < len(blob):
        if at + _HEADER.size > len(blob):
            raise CertificateError(f"offset {at}: a property header is cut short")
        prop, reserved, size = _HEADER.unpack_from(blob, at)
        at += _HEADER.size
        if size > len(blob) - at:
            raise CertificateError(f"offset {at}: property 0x{prop:x} of {size} bytes runs "
                                   "past the end")
        if prop == 0:
            break
        if reserved != 1:
            raise CertificateError(f"offset {at - 8}: expected reserved field 1, found {reserved}")
        if prop == CERT_CERT_PROP_ID:
            return blob[at:at + size]
        at += size
    raise CertificateError("no certificate property (0x20) in the element")


def serialize_element(der: bytes) -> bytes:
    """Rule 2 inverted: a serialized element holding only the certificate property."""
    return _HEADER.pack(CERT_CERT_PROP_ID, 1, len(der)) + der


def read_trusted_publishers(registry: Registry | None) -> TrustedPublishers:
    """Rules 1-4: the Trusted Publishers certificates the registry holds."""
    thumbs: set[str] = set()
    subjects: set[str] = set()
    steps: list[Step] = []
    if registry is None:
        return TrustedPublishers(frozenset(), frozenset(), ())
    for store, root in TRUSTED_PUBLISHER_STORES:
        if not registry.has_key(root):
            continue
        for name in registry.subkeys(root):
            where = f"{root}\\{name}"
            value = registry.get_value(where, "Blob")
            if value is None or value.type != RegType.REG_BINARY:
                found = "no Blob value" if value is None else "a Blob that is not REG_BINARY"
                steps.append(Step("certstore.ignored", f"{where}: {found}"))
                continue
            try:
                cert = parse_certificate(element_certificate(value.raw))
            except CertificateError as exc:
                steps.append(Step("certstore.ignored", f"{where}: {exc}"))
                continue
            if cert.thumbprint != name:
                steps.append(Step("certstore.ignored", f"{where}: the key name is not the "
                                  f"certificate's SHA-1 {cert.thumbprint}"))
                continue
            thumbs.add(cert.thumbprint)
            subjects.add(canonical_subject(cert.subject))
            steps.append(Step("certstore.trusted_publisher",
                              f"{cert.subject} ({cert.thumbprint}) in the {store} store"))
    return TrustedPublishers(frozenset(thumbs), frozenset(subjects), tuple(steps))


def add_trusted_publisher(registry: Registry, subject: str) -> str:
    """Write a certificate for ``subject`` into the local machine's Trusted Publishers
    store (the ``[machine] trusted_publishers`` shorthand); return its thumbprint.

    Raises:
        CertificateError: ``subject`` is not a distinguished name.
    """
    return add_certificate(registry, build_certificate(subject))


def add_certificate(registry: Registry, der: bytes) -> str:
    """Write the DER certificate ``der`` into the local machine's Trusted Publishers store
    under its SHA-1 thumbprint, as certutil -addstore does; return the thumbprint."""
    thumb = parse_certificate(der).thumbprint
    registry.set_value(f"{TRUSTED_PUBLISHER_STORES[0][1]}\\{thumb}", "Blob",
                       serialize_element(der), RegType.REG_BINARY)
    return thumb
