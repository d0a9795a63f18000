"""Sign a ClickOnce manifest as mage and Visual Studio sign it.

Rules (the layout of real signed publishes, verified by :mod:`sim.models.clickonce.xmldsig`):
1. Before ``</asmv1:assembly>`` the signer appends ``<publisherIdentity name="<subject>"
   issuerKeyHash="<SHA-1 of the issuer's PKCS#1 RSA public key>" />`` and an enveloped
   ``<Signature Id="StrongNameSignature">`` whose reference digest is taken over the
   document without the signature, canonicalised with Exclusive C14N 1.0
   (https://www.w3.org/TR/xml-exc-c14n/; https://learn.microsoft.com/visualstudio/
   deployment/clickonce-deployment-manifest, ``<publisherIdentity>``, ``<Signature>``).
2. The signature's key info carries the RSA key and an XrML license: the manifest's
   identity, the reference digest byte-reversed in hex (``ManifestInformation Hash``), the
   publisher's subject (``X509SubjectName``), signed in its ``<r:issuer>`` by an
   ``AuthenticodeSignature`` that carries the certificate chain.
3. SHA-256 signs with ``http://www.w3.org/2000/09/xmldsig#rsa-sha256`` and digests with
   ``http://www.w3.org/2000/09/xmldsig#sha256`` (the URIs Visual Studio writes); SHA-1
   with ``rsa-sha1`` and ``sha1``. RSA PKCS#1 v1.5 is deterministic: the same input and
   key give the same bytes.
4. The subject is written as Windows writes an X.500 name (``CertNameToStr``:
   ``CN=Contoso Ltd, O=Contoso Ltd``; ``S`` for the state, ``PostalCode``, ``E``).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from xml.sax.saxutils import quoteattr

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from sim.models.clickonce.xmldsig import canonical, strong_name_token

__all__ = ["Signer", "sign_manifest", "windows_subject"]

_METHODS: Final = {
    "sha1": ("http://www.w3.org/2000/09/xmldsig#rsa-sha1",
             "http://www.w3.org/2000/09/xmldsig#sha1"),
    "sha256": ("http://www.w3.org/2000/09/xmldsig#rsa-sha256",
               "http://www.w3.org/2000/09/xmldsig#sha256"),
}
_HASHES: Final[dict[str, type[hashes.HashAlgorithm]]] = {"sha1": hashes.SHA1,
                                                          "sha256": hashes.SHA256}
_WINDOWS_NAMES: Final = {NameOID.COMMON_NAME: "CN", NameOID.ORGANIZATION_NAME: "O",
                         NameOID.ORGANIZATIONAL_UNIT_NAME: "OU", NameOID.LOCALITY_NAME: "L",
                         NameOID.STATE_OR_PROVINCE_NAME: "S", NameOID.COUNTRY_NAME: "C",
                         NameOID.EMAIL_ADDRESS: "E", NameOID.STREET_ADDRESS: "STREET",
                         NameOID.POSTAL_CODE: "PostalCode", NameOID.DOMAIN_COMPONENT: "DC"}
_PLACEHOLDER: Final = "@@{}@@"
_PARSER: Final = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True, slots=True)
class Signer:
    """A publisher's key and certificate chain (the signing certificate first)."""

    key: rsa.RSAPrivateKey
    chain: Sequence[x509.Certificate]

    @classmethod
    def from_pem(cls, key_pem: str, chain_der_b64: Sequence[str]) -> Signer:
        """The signer from a PEM private key and base64 DER certificates."""
        key = serialization.load_pem_private_key(key_pem.encode("ascii"), password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        return cls(key, tuple(x509.load_der_x509_certificate(base64.b64decode(c))
                              for c in chain_der_b64))

    @property
    def subject(self) -> str:
        """Rule 4: the signing certificate's subject as Windows writes it."""
        return windows_subject(self.chain[0].subject)

    @property
    def token(self) -> str:
        """The public key token the signed manifests' identities carry."""
        return strong_name_token(self.key.public_key())


def windows_subject(name: x509.Name) -> str:
    """Rule 4: ``name`` as ``CN=..., O=...`` (most specific first)."""
    parts = []
    for attribute in reversed(list(name)):
        key = _WINDOWS_NAMES.get(attribute.oid, attribute.oid.dotted_string)
        value = str(attribute.value)
        parts.append(f'{key}="{value}"' if any(c in value for c in ',+=;<>"') else
                     f"{key}={value}")
    return ", ".join(parts)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _key_value(key: rsa.RSAPublicKey) -> str:
    numbers = key.public_numbers()
    modulus = numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")
    exponent = numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")
    return (f"<KeyValue><RSAKeyValue><Modulus>{_b64(modulus)}</Modulus><Exponent>"
            f"{_b64(exponent)}</Exponent></RSAKeyValue></KeyValue>")


def _signed_info(algorithm: str, digest: str) -> str:
    method, digest_method = _METHODS[algorithm]
    return ('<SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/'
            f'xml-exc-c14n#" /><SignatureMethod Algorithm="{method}" /><Reference URI="">'
            '<Transforms><Transform Algorithm="http://www.w3.org/2000/09/xmldsig#'
            'enveloped-signature" /><Transform Algorithm="http://www.w3.org/2001/10/'
            f'xml-exc-c14n#" /></Transforms><DigestMethod Algorithm="{digest_method}" />'
            f"<DigestValue>{digest}</DigestValue></Reference></SignedInfo>")


def _digest(xml: bytes, algorithm: str) -> str:
    """The enveloped reference digest of a document that has no signature yet."""
    root = etree.fromstring(xml, _PARSER)
    return _b64(hashlib.new(algorithm, canonical(root)).digest())


def _signature_value(signer: Signer, signed_info: str, algorithm: str) -> str:
    namespaced = signed_info.replace(
        "<SignedInfo>", '<SignedInfo xmlns="http://www.w3.org/2000/09/xmldsig#">', 1)
    element = etree.fromstring(namespaced.encode("utf-8"), _PARSER)
    return _b64(signer.key.sign(canonical(element), padding.PKCS1v15(),
                                _HASHES[algorithm]()))


def _identity(root_xml: bytes) -> str:
    root = etree.fromstring(root_xml, _PARSER)
    identity = root.find("{urn:schemas-microsoft-com:asm.v1}assemblyIdentity")
    if identity is None:
        raise ValueError("the manifest has no assemblyIdentity to sign")
    attributes = " ".join(f"{k}={quoteattr(v)}" for k, v in identity.attrib.items())
    return f'<as:assemblyIdentity {attributes} xmlns="urn:schemas-microsoft-com:asm.v1" />'


def _license(signer: Signer, digest: str, identity: str, algorithm: str) -> str:
    subject = signer.subject
    reversed_hex = base64.b64decode(digest)[::-1].hex()
    body = ('<r:license xmlns:r="urn:mpeg:mpeg21:2003:01-REL-R-NS" '
            'xmlns:as="http://schemas.microsoft.com/windows/pki/2005/Authenticode">'
            f'<r:grant><as:ManifestInformation Hash="{reversed_hex}" Description="" Url="">'
            f"{identity}</as:ManifestInformation><as:SignedBy /><as:AuthenticodePublisher>"
            f"<as:X509SubjectName>{_escape(subject)}</as:X509SubjectName>"
            "</as:AuthenticodePublisher></r:grant><r:issuer>{signature}</r:issuer>"
            "</r:license>")
    license_digest = _digest(body.replace("{signature}", "").encode("utf-8"), algorithm)
    info = _signed_info(algorithm, license_digest)
    certificates = "".join(
        f"<X509Certificate>{_b64(c.public_bytes(serialization.Encoding.DER))}"
        "</X509Certificate>" for c in signer.chain)
    signature = ('<Signature Id="AuthenticodeSignature" xmlns="http://www.w3.org/2000/09/'
                 f'xmldsig#">{info}<SignatureValue>'
                 f"{_signature_value(signer, info, algorithm)}</SignatureValue><KeyInfo>"
                 f"{_key_value(signer.key.public_key())}<X509Data>{certificates}</X509Data>"
                 "</KeyInfo></Signature>")
    return body.replace("{signature}", signature)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sign_manifest(data: bytes, signer: Signer, algorithm: str = "sha256") -> bytes:
    """Rules 1-3: ``data`` (an unsigned manifest, UTF-8) signed by ``signer``."""
    text = data.decode("utf-8")
    end = text.rindex("</asmv1:assembly>")
    issuer_key = signer.chain[1].public_key() if len(signer.chain) > 1 else (
        signer.key.public_key())
    assert isinstance(issuer_key, rsa.RSAPublicKey)
    issuer_hash = hashlib.sha1(issuer_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.PKCS1)).hexdigest()
    head = (f"{text[:end]}<publisherIdentity name={quoteattr(signer.subject)} "
            f'issuerKeyHash="{issuer_hash}" />')
    tail = text[end:]
    digest = _digest((head + tail).encode("utf-8"), algorithm)
    info = _signed_info(algorithm, digest)
    signature = ('<Signature Id="StrongNameSignature" xmlns="http://www.w3.org/2000/09/'
                 f'xmldsig#">{info}<SignatureValue>'
                 f"{_signature_value(signer, info, algorithm)}</SignatureValue>"
                 f'<KeyInfo Id="StrongNameKeyInfo">{_key_value(signer.key.public_key())}'
                 '<msrel:RelData xmlns:msrel="http://schemas.microsoft.com/windows/rel/2005/'
                 f'reldata">{_license(signer, digest, _identity(data), algorithm)}'
                 "</msrel:RelData></KeyInfo></Signature>")
    return (head + signature + tail).encode("utf-8")
