"""ClickOnce manifest signatures verified as Windows verifies them.

Rules (each checked on real Visual Studio and mage publishes, see ``tests/data/clickonce``):
1. A signed manifest ends with ``<publisherIdentity name issuerKeyHash>`` and an enveloped
   XMLDSig ``<Signature Id="StrongNameSignature">`` (https://learn.microsoft.com/visualstudio/
   deployment/clickonce-deployment-manifest, ``<publisherIdentity>`` and ``<Signature>``
   rows). Its ``<Reference URI="">`` applies the transforms
   ``http://www.w3.org/2000/09/xmldsig#enveloped-signature`` then
   ``http://www.w3.org/2001/10/xml-exc-c14n#``: Exclusive XML Canonicalization 1.0
   without comments (https://www.w3.org/TR/xml-exc-c14n/; comments are removed for a
   same-document ``URI=""`` reference, https://www.w3.org/TR/xmldsig-core1/ section
   4.4.3.3). The canonical form is computed with lxml (libxml2's ``xmlC14NDocSaveTo``),
   not by hand.
2. The ``<SignedInfo>``, canonicalised the same way, is signed with RSA PKCS#1 v1.5
   (``rsa-sha1``, or ``rsa-sha256`` under the URI ``http://www.w3.org/2000/09/
   xmldsig#rsa-sha256`` that Visual Studio writes, or the RFC 6931 URI); the key is the
   ``<KeyInfo><KeyValue><RSAKeyValue>``; verified with ``cryptography``. The identity's
   ``publicKeyToken`` is the strong-name token of that key: the last 8 bytes, reversed,
   of the SHA-1 of the key's strong-name public key blob (https://learn.microsoft.com/
   dotnet/standard/assembly/strong-named, "public key token") [inf: on every real signed
   manifest tested the token equals this value].
3. The key info holds an XrML ``<r:license>`` whose ``<as:ManifestInformation Hash>``
   is the reference digest, byte-reversed, in hex; whose
   ``<as:AuthenticodePublisher><as:X509SubjectName>`` names the publisher; and whose
   ``<r:issuer>`` holds a second enveloped signature (``Id="AuthenticodeSignature"``) over
   the license itself, by the key of the ``<X509Certificate>`` it carries [inf: the
   layout of every real signed publish tested; the XrML license is named in
   clickonce-deployment-manifest's ``<Signature>`` row].
4. Any failure of Rules 1-3 is "Manifest XML signature is not valid."
   (https://learn.microsoft.com/visualstudio/deployment/
   troubleshooting-specific-errors-in-clickonce-deployments). A manifest with a
   ``<publisherIdentity>`` or a non-zero ``publicKeyToken`` but no signature (claimed
   signed), and a signature without the Authenticode license or certificate, fail the
   same way [inf: every unsigned real publish tested has neither; ClickOnce
   requires an Authenticode certificate, https://learn.microsoft.com/visualstudio/
   deployment/trusted-application-deployment-overview, "All ClickOnce applications must be
   signed with a digital certificate"].
5. The publisher's certificate must carry a valid signature by its issuer when the
   chain in the license includes the issuer (by itself when self-signed). Then: its
   subject as the license writes it, its thumbprint
   (SHA-1 of the DER certificate, upper-case hex, as certmgr shows it) and whether it is
   self-signed (a "test cert": ClickOnce names its publisher "Unknown Publisher",
   https://learn.microsoft.com/visualstudio/deployment/clickonce-and-authenticode,
   "How using certificate authorities helps users").
Not verifiable offline, and modelled as stated: the certificate chain to a root the
machine trusts, revocation and the RFC 3161 timestamp; see :mod:`sim.models.clickonce.trust`.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import re
import warnings
from dataclasses import dataclass
from typing import Any, Final

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from lxml import etree

__all__ = [
    "EXC_C14N",
    "Publisher",
    "SignatureCheck",
    "canonical",
    "check_signature",
    "strong_name_token",
]

DSIG: Final = "http://www.w3.org/2000/09/xmldsig#"
EXC_C14N: Final = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED: Final = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
_NS: Final = {"ds": DSIG, "asmv1": "urn:schemas-microsoft-com:asm.v1",
              "asmv2": "urn:schemas-microsoft-com:asm.v2",
              "msrel": "http://schemas.microsoft.com/windows/rel/2005/reldata",
              "r": "urn:mpeg:mpeg21:2003:01-REL-R-NS",
              "as": "http://schemas.microsoft.com/windows/pki/2005/Authenticode"}
# Rule 1: canonicalisation methods -> (exclusive, with comments).
_C14N: Final = {EXC_C14N: (True, False),
                "http://www.w3.org/2001/10/xml-exc-c14n#WithComments": (True, True),
                "http://www.w3.org/TR/2001/REC-xml-c14n-20010315": (False, False)}
DIGESTS: Final = {"http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
                  "http://www.w3.org/2000/09/xmldsig#sha256": "sha256",
                  "http://www.w3.org/2001/04/xmlenc#sha256": "sha256"}
_SIGNATURES: Final[dict[str, type[hashes.HashAlgorithm]]] = {
    "http://www.w3.org/2000/09/xmldsig#rsa-sha1": hashes.SHA1,
    "http://www.w3.org/2000/09/xmldsig#rsa-sha256": hashes.SHA256,
    "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": hashes.SHA256,
}
_ZERO_TOKEN: Final = "0000000000000000"
_PARSER: Final = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 huge_tree=False, remove_blank_text=False)


class _Invalid(Exception):
    """A signature that does not verify; the message says which check failed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Publisher:
    """The Authenticode certificate that signed a manifest (Rule 5)."""

    subject: str  # as the license's X509SubjectName writes it, e.g. "CN=Contoso, O=Contoso"
    thumbprint: str  # SHA-1 of the DER certificate, upper-case hex
    self_signed: bool

    @property
    def common_name(self) -> str:
        """The subject's CN, else the whole subject."""
        for part in re.split(r",\s*(?=[A-Za-z][A-Za-z0-9.]*=)", self.subject):
            key, _, value = part.partition("=")
            if key.strip().upper() == "CN" and value.strip():
                return value.strip()
        return self.subject


@dataclass(frozen=True, slots=True, kw_only=True)
class SignatureCheck:
    """A manifest's signature: ``unsigned``, ``signed`` (Rules 1-3 hold) or ``invalid``."""

    state: str
    reason: str = ""  # why it is invalid, or what the signature is
    algorithm: str | None = None  # the reference digest: sha1 | sha256
    publisher: Publisher | None = None


def canonical(element: Any, *, exclusive: bool = True, comments: bool = False) -> bytes:
    """Rule 1: the canonical bytes of ``element`` (lxml's C14N)."""
    return bytes(etree.tostring(element, method="c14n", exclusive=exclusive,
                                with_comments=comments))


def _text(node: Any) -> str:
    return "".join((node.text or "").split()) if node is not None else ""


def _b64(node: Any, what: str) -> bytes:
    try:
        return base64.b64decode(_text(node), validate=True)
    except (binascii.Error, ValueError):
        raise _Invalid(f"{what} is not base64") from None


def _rsa_key(signature: Any) -> rsa.RSAPublicKey:
    value = signature.find("ds:KeyInfo/ds:KeyValue/ds:RSAKeyValue", _NS)
    if value is None:
        raise _Invalid("the signature has no RSAKeyValue")
    modulus = int.from_bytes(_b64(value.find("ds:Modulus", _NS), "Modulus"), "big")
    exponent = int.from_bytes(_b64(value.find("ds:Exponent", _NS), "Exponent"), "big")
    try:
        return rsa.RSAPublicNumbers(exponent, modulus).public_key()
    except ValueError:
        raise _Invalid("the RSAKeyValue is not an RSA key") from None


def _verify(document: Any, signature: Any, key: rsa.RSAPublicKey | None, what: str) -> str:
    """Rules 1-2 for ``signature`` enveloped in ``document``; return the digest (base64)."""
    info = signature.find("ds:SignedInfo", _NS)
    if info is None:
        raise _Invalid(f"{what}: no SignedInfo")
    c14n = _C14N.get(info.find("ds:CanonicalizationMethod", _NS).get("Algorithm", "")
                     if info.find("ds:CanonicalizationMethod", _NS) is not None else "")
    method = info.find("ds:SignatureMethod", _NS)
    sig_hash = _SIGNATURES.get(method.get("Algorithm", "") if method is not None else "")
    refs = info.findall("ds:Reference", _NS)
    if c14n is None or sig_hash is None or len(refs) != 1 or refs[0].get("URI") != "":
        raise _Invalid(f"{what}: unsupported SignedInfo (canonicalisation, signature "
                       "method or reference)")
    ref = refs[0]
    transforms = [t.get("Algorithm") for t in ref.findall("ds:Transforms/ds:Transform", _NS)]
    if not transforms or transforms[0] != ENVELOPED or any(
            t not in _C14N for t in transforms[1:]):
        raise _Invalid(f"{what}: unsupported transforms {transforms}")
    digest_node = ref.find("ds:DigestMethod", _NS)
    algorithm = DIGESTS.get(digest_node.get("Algorithm", "") if digest_node is not None else "")
    if algorithm is None:
        raise _Invalid(f"{what}: unsupported digest method")
    stripped = copy.deepcopy(document)
    twin = stripped
    for index in _child_path(document, signature):
        twin = twin[index]
    _remove_keeping_tail(twin)
    exclusive, comments = _C14N.get(transforms[-1], (True, False))
    want = _text(ref.find("ds:DigestValue", _NS))
    got = base64.b64encode(hashlib.new(algorithm, canonical(
        stripped, exclusive=exclusive, comments=comments)).digest()).decode("ascii")
    if got != want:
        raise _Invalid(f"{what}: the document's {algorithm} digest is {got}, the signature "
                       f"records {want} (the manifest was changed after it was signed)")
    key = key or _rsa_key(signature)
    exclusive, comments = c14n
    try:
        key.verify(_b64(signature.find("ds:SignatureValue", _NS), "SignatureValue"),
                   canonical(info, exclusive=exclusive, comments=comments),
                   padding.PKCS1v15(), sig_hash())
    except InvalidSignature:
        raise _Invalid(f"{what}: the RSA SignatureValue does not verify with the key") from None
    return want


def _remove_keeping_tail(node: Any) -> None:
    """Remove ``node`` but not the text after it (lxml's remove() drops the tail)."""
    parent, previous, tail = node.getparent(), node.getprevious(), node.tail
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def _child_path(root: Any, node: Any) -> list[int]:
    """The child indices from ``root`` down to ``node``."""
    path: list[int] = []
    while node is not root:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    return path[::-1]


def strong_name_token(key: rsa.RSAPublicKey) -> str:
    """Rule 2: the public key token of ``key`` (16 lower-case hex digits)."""
    numbers = key.public_numbers()
    modulus = numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")[::-1]
    blob = (b"\x06\x02\x00\x00" + (0x2400).to_bytes(4, "little") + b"RSA1"
            + (len(modulus) * 8).to_bytes(4, "little") + numbers.e.to_bytes(4, "little")
            + modulus)
    full = ((0x2400).to_bytes(4, "little") + (0x8004).to_bytes(4, "little")
            + len(blob).to_bytes(4, "little") + blob)
    return hashlib.sha1(full).digest()[-8:][::-1].hex()


def _same_key(certificate: x509.Certificate, key: rsa.RSAPublicKey) -> bool:
    public = certificate.public_key()
    return isinstance(public, rsa.RSAPublicKey) and (
        public.public_numbers() == key.public_numbers())


def _check_issued(signer: x509.Certificate, certificates: list[x509.Certificate]) -> None:
    """Rule 5: the certificate's own signature, by its issuer when the chain carries it
    (itself when self-signed); an issuer not carried is not checked (see the module's
    modelling decisions)."""
    issuer = signer if signer.issuer == signer.subject else next(
        (c for c in certificates if c.subject == signer.issuer), None)
    public = issuer.public_key() if issuer is not None else None
    if not isinstance(public, rsa.RSAPublicKey):
        return
    try:
        # By hand: makecert's certificates name SHA-1 by the old OIW identifier
        # (1.3.14.3.2.29), which verify_directly_issued_by refuses.
        algorithm = signer.signature_hash_algorithm
    except UnsupportedAlgorithm:
        return
    if algorithm is None:
        return
    try:
        public.verify(signer.signature, signer.tbs_certificate_bytes, padding.PKCS1v15(),
                      algorithm)
    except (ValueError, TypeError, InvalidSignature):
        raise _Invalid("the publisher's certificate is not validly signed by its issuer "
                       f"({signer.issuer.rfc4514_string()})") from None


def _publisher(license_: Any, digest: str) -> Publisher:
    """Rule 3: the license's hash, its Authenticode signature and certificate."""
    info = license_.find("r:grant/as:ManifestInformation", _NS)
    try:
        recorded = bytes.fromhex(info.get("Hash", "")) if info is not None else b""
    except ValueError:
        recorded = b""
    if recorded[::-1] != base64.b64decode(digest):
        raise _Invalid("the Authenticode license records another manifest hash")
    document = etree.fromstring(etree.tostring(license_), _PARSER)
    signature = document.find("r:issuer/ds:Signature", _NS)
    if signature is None:
        raise _Invalid("the Authenticode license is not signed")
    certificates = []
    for node in signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", _NS):
        try:
            with warnings.catch_warnings():
                # Visual Studio's temporary certificates have negative serial numbers,
                # which RFC 5280 disallows and cryptography warns about; Windows accepts them.
                warnings.simplefilter("ignore")
                certificates.append(x509.load_der_x509_certificate(_b64(node, "certificate")))
        except ValueError:
            raise _Invalid("an X509Certificate is not a DER certificate") from None
    key = _rsa_key(signature)
    signer = next((c for c in certificates if _same_key(c, key)), None)
    if signer is None:
        raise _Invalid("no certificate for the Authenticode signature's key")
    _check_issued(signer, certificates)
    _verify(document, signature, key, "the Authenticode signature")
    subject = _text_keep(license_.find("r:grant/as:AuthenticodePublisher/as:X509SubjectName",
                                       _NS)) or signer.subject.rfc4514_string()
    return Publisher(subject=subject,
                     thumbprint=signer.fingerprint(hashes.SHA1()).hex().upper(),
                     self_signed=signer.issuer == signer.subject)


def _text_keep(node: Any) -> str:
    return (node.text or "").strip() if node is not None else ""


def check_signature(data: bytes) -> SignatureCheck:
    """Rules 1-5 on a manifest's bytes (already accepted by the safe XML parser)."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        return SignatureCheck(state="invalid", reason=f"not well-formed XML: {exc}")
    identity = root.find("asmv1:assemblyIdentity", _NS)
    token = (identity.get("publicKeyToken") or _ZERO_TOKEN) if identity is not None else (
        _ZERO_TOKEN)
    claimed = root.find("asmv2:publisherIdentity", _NS)
    signatures = root.findall("ds:Signature", _NS)
    if not signatures:
        if claimed is not None or token.strip("0"):
            return SignatureCheck(state="invalid", reason=(
                "the manifest names a publisher (publisherIdentity or publicKeyToken "
                f"{token}) but has no signature"))
        return SignatureCheck(state="unsigned")
    try:
        if len(signatures) != 1:
            raise _Invalid(f"expected one Signature, found {len(signatures)}")
        signature = signatures[0]
        key = _rsa_key(signature)
        digest = _verify(root, signature, key, "the manifest signature")
        if strong_name_token(key) != token.lower():
            raise _Invalid(f"the publicKeyToken {token} is not the signing key's token "
                           f"{strong_name_token(key)}")
        license_ = signature.find("ds:KeyInfo/msrel:RelData/r:license", _NS)
        if license_ is None:
            raise _Invalid("the signature carries no Authenticode certificate")
        publisher = _publisher(license_, digest)
    except _Invalid as exc:
        return SignatureCheck(state="invalid", reason=str(exc))
    except etree.LxmlError as exc:
        # libxml2 refuses some documents, e.g. a relative namespace URI (C14N 1.0 section
        # 2.3 leaves them undefined): Windows' canonicaliser accepts no more [inf].
        return SignatureCheck(state="invalid", reason="the manifest cannot be canonicalised "
                              f"(Exclusive XML Canonicalization refuses it: {exc})")
    except (ValueError, UnsupportedAlgorithm) as exc:  # a key or certificate it refuses
        return SignatureCheck(state="invalid", reason=f"the signature cannot be read: {exc}")
    method = signature.find("ds:SignedInfo/ds:Reference/ds:DigestMethod", _NS)
    return SignatureCheck(state="signed", algorithm=DIGESTS[method.get("Algorithm")],
                          publisher=publisher, reason=f"signed by {publisher.subject}")
