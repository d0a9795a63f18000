"""X.509 certificates as far as the Trusted Publishers store needs them: DER, subject, thumbprint.

Rules:
1. A certificate is DER (ITU-T X.690): ``Certificate ::= SEQUENCE { tbsCertificate,
   signatureAlgorithm, signature }``; the subject is the sixth field of
   ``tbsCertificate`` when the ``[0] version`` is present, the fifth otherwise
   (RFC 5280 section 4.1, https://www.rfc-editor.org/rfc/rfc5280#section-4.1).
2. The subject is written as .NET's ``X509Certificate.Subject`` writes it
   (``CertNameToStr`` with ``CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE``): the
   relative distinguished names last first, ``KEY=value`` joined by ``", "``,
   a value holding ``,`` ``+`` ``=`` ``"`` ``<`` ``>`` ``#`` ``;`` or a line
   break, or starting or ending with a space, in double quotes with ``"``
   doubled (https://learn.microsoft.com/windows/win32/api/wincrypt/nf-wincrypt-certnametostrw).
3. The thumbprint is the SHA-1 of the DER bytes in upper-case hex, as the
   certificate store names its registry subkey (Wine ``dlls/crypt32/regstore.c``,
   ``CRYPT_HashToStr``).
4. :func:`build_certificate` writes a certificate for a subject (issued by
   itself, with a placeholder key and signature): what a scenario's
   ``[machine] trusted_publishers`` shorthand stores. Its thumbprint is
   deterministic (no clock: fixed validity dates).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Final

__all__ = [
    "CertificateError",
    "ParsedCertificate",
    "build_certificate",
    "canonical_subject",
    "parse_certificate",
    "parse_subject",
    "thumbprint",
]

_SEQUENCE: Final = 0x30
_SET: Final = 0x31
_OID: Final = 0x06
_CONTEXT_0: Final = 0xA0

# RFC 4519 / CertNameToStr X500 keys (wincrypt.h CERT_RDN_ATTR names).
_KEYS: Final = {
    "2.5.4.3": "CN", "2.5.4.4": "SN", "2.5.4.5": "SERIALNUMBER", "2.5.4.6": "C",
    "2.5.4.7": "L", "2.5.4.8": "S", "2.5.4.9": "STREET", "2.5.4.10": "O",
    "2.5.4.11": "OU", "2.5.4.12": "T", "2.5.4.42": "G", "2.5.4.43": "I",
    "1.2.840.113549.1.9.1": "E", "0.9.2342.19200300.100.1.25": "DC",
}
_OIDS: Final = {key: oid for oid, key in _KEYS.items()}
_SPECIAL: Final = frozenset(',+="<>#;\n\r')
_PRINTABLE: Final = re.compile(r"[A-Za-z0-9 '()+,\-./:=?]*")


class CertificateError(ValueError):
    """Bytes that are not a DER X.509 certificate; the message says where."""


@dataclass(frozen=True, slots=True)
class ParsedCertificate:
    """A certificate's DER bytes, its thumbprint and its subject as Windows writes it."""

    der: bytes
    thumbprint: str
    subject: str


def thumbprint(der: bytes) -> str:
    """Rule 3: the SHA-1 of ``der`` in upper-case hex."""
    return hashlib.sha1(der, usedforsecurity=False).hexdigest().upper()


def _read(data: bytes, at: int) -> tuple[int, int, int]:
    """Return (tag, start of content, end of content) of the TLV at ``at``."""
    if at + 2 > len(data):
        raise CertificateError(f"offset {at}: expected a DER tag and length, found the end")
    tag, first = data[at], data[at + 1]
    at += 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or at + count > len(data):
            raise CertificateError(f"offset {at - 1}: expected a DER length, found 0x{first:02x}")
        length = int.from_bytes(data[at:at + count], "big")
        at += count
    if at + length > len(data):
        raise CertificateError(f"offset {at}: a length of {length} runs past the end")
    return tag, at, at + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    items = []
    while start < end:
        tag, content, stop = _read(data, start)
        items.append((tag, content, stop))
        start = stop
    return items


def _oid_text(raw: bytes) -> str:
    if not raw:
        raise CertificateError("expected an object identifier, found an empty one")
    parts = [raw[0] // 40, raw[0] % 40] if raw[0] < 80 else [2, raw[0] - 80]
    value = 0
    for byte in raw[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(str(p) for p in parts)


_STRINGS: Final = {0x0C: "utf-8", 0x13: "ascii", 0x16: "ascii", 0x14: "latin-1",
                   0x1E: "utf-16-be", 0x1C: "utf-32-be", 0x1A: "ascii"}


def _quote(value: str) -> str:
    if value and (any(c in _SPECIAL for c in value) or value[0] == " " or value[-1] == " "):
        return '"' + value.replace('"', '""') + '"'
    return value


def _name(data: bytes, start: int, end: int) -> str:
    """Rule 2: a Name, last RDN first, as CertNameToStr writes it."""
    rdns = []
    for tag, rs, re_ in _children(data, start, end):
        if tag != _SET:
            raise CertificateError(f"offset {rs}: expected a SET (an RDN), found tag 0x{tag:02x}")
        parts = []
        for atag, a_start, a_end in _children(data, rs, re_):
            if atag != _SEQUENCE:
                raise CertificateError(f"offset {a_start}: expected an attribute SEQUENCE")
            fields = _children(data, a_start, a_end)
            if len(fields) != 2 or fields[0][0] != _OID:
                raise CertificateError(f"offset {a_start}: expected OID and value")
            oid = _oid_text(data[fields[0][1]:fields[0][2]])
            vtag, vs, ve = fields[1]
            codec = _STRINGS.get(vtag)
            if codec is None:
                text = "#" + data[vs:ve].hex()
            else:
                text = data[vs:ve].decode(codec, "replace")
            parts.append(f"{_KEYS.get(oid, 'OID.' + oid)}={_quote(text)}")
        rdns.append(" + ".join(parts))
    return ", ".join(reversed(rdns))


def parse_certificate(der: bytes) -> ParsedCertificate:
    """Rules 1-3: the subject and thumbprint of a DER certificate.

    Raises:
        CertificateError: the bytes are not a DER certificate.
    """
    tag, start, end = _read(der, 0)
    if tag != _SEQUENCE or end != len(der):
        raise CertificateError("expected a DER SEQUENCE spanning the whole certificate")
    parts = _children(der, start, end)
    if len(parts) != 3 or parts[0][0] != _SEQUENCE:
        raise CertificateError("expected tbsCertificate, signatureAlgorithm, signature")
    tbs = _children(der, parts[0][1], parts[0][2])
    index = 5 if tbs and tbs[0][0] == _CONTEXT_0 else 4
    if len(tbs) <= index + 1 or tbs[index][0] != _SEQUENCE:
        raise CertificateError("expected a subject Name in tbsCertificate")
    _, s_start, s_end = tbs[index]
    return ParsedCertificate(der=der, thumbprint=thumbprint(der),
                             subject=_name(der, s_start, s_end))


# -- writing ------------------------------------------------------------------------------


def _tlv(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _oid(text: str) -> bytes:
    numbers = [int(p) for p in text.split(".")]
    out = bytearray([numbers[0] * 40 + numbers[1]])
    for arc in numbers[2:]:
        chunk, rest = [arc & 0x7F], arc >> 7
        while rest:
            chunk.append(0x80 | (rest & 0x7F))
            rest >>= 7
        out += bytes(reversed(chunk))
    return _tlv(_OID, bytes(out))


def parse_subject(subject: str) -> list[tuple[str, str]]:
    """Split ``"CN=Contoso Ltd, O=Contoso"`` into (key, value) pairs as written.

    Raises:
        CertificateError: a part without ``=``, or a key Windows does not name.
    """
    pairs: list[tuple[str, str]] = []
    text, i = subject, 0
    while i < len(text):
        while i < len(text) and text[i] == " ":
            i += 1
        eq = text.find("=", i)
        if eq < 0:
            raise CertificateError(f"expected KEY=value in the subject {subject!r}, "
                                   f"found {text[i:]!r}")
        key = text[i:eq].strip().upper()
        i = eq + 1
        if i < len(text) and text[i] == '"':
            value, i = "", i + 1
            while i < len(text):
                if text[i] == '"' and text[i + 1:i + 2] == '"':
                    value, i = value + '"', i + 2
                elif text[i] == '"':
                    i += 1
                    break
                else:
                    value, i = value + text[i], i + 1
        else:
            comma = text.find(",", i)
            comma = len(text) if comma < 0 else comma
            value, i = text[i:comma].strip(), comma
        if key not in _OIDS and not key.startswith("OID."):
            raise CertificateError(f"expected a subject key such as CN, O, OU, C, found {key!r}")
        pairs.append((key, value))
        while i < len(text) and text[i] in " ,":
            i += 1
    if not pairs:
        raise CertificateError(f"expected a subject such as 'CN=Contoso Ltd', found {subject!r}")
    return pairs


def _name_der(subject: str) -> bytes:
    rdns = b""
    for key, value in reversed(parse_subject(subject)):  # Rule 2: written last first
        oid = _OIDS.get(key) or key.removeprefix("OID.")
        # RFC 5280: countryName is a PrintableString; anything it cannot hold is UTF8String.
        tag = 0x13 if key == "C" and _PRINTABLE.fullmatch(value) else 0x0C
        rdns += _tlv(_SET, _tlv(_SEQUENCE, _oid(oid) + _tlv(tag, value.encode("utf-8"))))
    return _tlv(_SEQUENCE, rdns)


_SHA256_RSA: Final = "1.2.840.113549.1.1.11"
_RSA: Final = "1.2.840.113549.1.1.1"


def build_certificate(subject: str) -> bytes:
    """Rule 4: a self-issued DER certificate for ``subject`` (placeholder key and signature)."""
    name = _name_der(subject)
    seed = hashlib.sha256(name).digest()
    serial = _tlv(0x02, b"\x01" + seed[:15])
    algorithm = _tlv(_SEQUENCE, _oid(_SHA256_RSA) + b"\x05\x00")
    validity = _tlv(_SEQUENCE, _tlv(0x17, b"250101000000Z") + _tlv(0x17, b"350101000000Z"))
    key = _tlv(_SEQUENCE, _tlv(_SEQUENCE, _oid(_RSA) + b"\x05\x00")
               + _tlv(0x03, b"\x00" + _tlv(_SEQUENCE, _tlv(0x02, b"\x00" + seed)
                                                + _tlv(0x02, b"\x01\x00\x01"))))
    tbs = _tlv(_SEQUENCE, _tlv(_CONTEXT_0, _tlv(0x02, b"\x02")) + serial + algorithm + name
               + validity + name + key)
    return _tlv(_SEQUENCE, tbs + algorithm + _tlv(0x03, b"\x00" + seed + seed))


def canonical_subject(subject: str) -> str:
    """A subject in one spelling for comparison: ``KEY=value`` pairs as written, lower
    case, joined by ``", "`` (spaces around separators and quoting do not matter)."""
    try:
        pairs = parse_subject(subject)
    except CertificateError:
        return " ".join(subject.split()).lower()
    return ", ".join(f"{key}={value}" for key, value in pairs).lower()
