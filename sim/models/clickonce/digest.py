"""Digests and signatures of ClickOnce manifests.

Rules:
1. A ``<hash>`` is base64 of SHA-1 or SHA-256 over the referenced file's raw bytes as
   served, with no canonicalisation (msbuild-manifestutil: MSBuild's
   ``Util.GetFileInfoImpl``; the Identity hash transform).
2. A manifest is signed when it holds an XMLDSig ``<Signature>`` (vs-clickonce-errors). Its
   ``<Reference URI="">`` digest covers the document with the enveloped signature
   removed; the model canonicalises that document with C14N 2.0
   (:func:`xml.etree.ElementTree.canonicalize`) [inf: Windows uses exclusive C14N 1.0;
   both are deterministic, and any edit after signing changes the digest either way].
   A digest that does not match is "Manifest XML signature is not valid." (vs-clickonce-errors).
3. The RSA ``<SignatureValue>`` and the certificate chain are not verified: a scenario
   holds no key material [inf]. The publisher is ``<publisherIdentity name>``; whether
   it is trusted is the scenario's ``[machine] trusted_publishers`` (the Trusted
   Publishers store, vs-trust-prompt).
4. An unsigned manifest is accepted with the log warning "The manifest for this
   application does not have a signature. Signature validation will be ignored." and
   its publisher is "Unknown Publisher" (vs-clickonce-errors, vs-trust-prompt).
"""

from __future__ import annotations

import base64
import copy
import hashlib
from dataclasses import dataclass
from typing import Final
from xml.etree.ElementTree import Element, canonicalize, tostring

__all__ = [
    "NOT_SIGNED_WARNING",
    "SIGNATURE_INVALID",
    "UNKNOWN_PUBLISHER",
    "Signature",
    "enveloped_digest",
    "file_digest",
    "read_signature",
]

_DSIG: Final = "http://www.w3.org/2000/09/xmldsig#"
_ASM_V2: Final = "urn:schemas-microsoft-com:asm.v2"
NOT_SIGNED_WARNING: Final = ("The manifest for this application does not have a signature. "
                             "Signature validation will be ignored.")
SIGNATURE_INVALID: Final = "Manifest XML signature is not valid."
UNKNOWN_PUBLISHER: Final = "Unknown Publisher"


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """A manifest's signature state: unsigned, signed (digest matches) or invalid."""

    state: str  # unsigned | signed | invalid
    publisher: str | None = None  # the publisherIdentity name, e.g. "CN=Contoso"

    @property
    def shown_publisher(self) -> str:
        """The publisher as the trust prompt names it (Rule 4)."""
        if self.state != "signed" or not self.publisher:
            return UNKNOWN_PUBLISHER
        cn = [p.strip()[3:] for p in self.publisher.split(",") if p.strip().upper()
              .startswith("CN=")]
        return cn[0] if cn else self.publisher


def file_digest(data: bytes, algorithm: str) -> str:
    """Rule 1: base64 of the digest of ``data`` (``sha1`` or ``sha256``)."""
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")


def _without_signature(root: Element) -> Element:
    stripped = copy.deepcopy(root)
    for signature in stripped.findall(f"{{{_DSIG}}}Signature"):
        stripped.remove(signature)
    return stripped


def enveloped_digest(root: Element, algorithm: str = "sha256") -> str:
    """Rule 2: the digest the signature's reference covers."""
    text = canonicalize(tostring(_without_signature(root), encoding="unicode"))
    return file_digest(text.encode("utf-8"), algorithm)


def read_signature(root: Element) -> Signature:
    """Rules 2-4: the signature state of the manifest ``root``."""
    signature = root.find(f"{{{_DSIG}}}Signature")
    identity = root.find(f"{{{_ASM_V2}}}publisherIdentity")
    publisher = identity.get("name") if identity is not None else None
    if signature is None:
        return Signature(state="unsigned")
    reference = signature.find(f"{{{_DSIG}}}SignedInfo/{{{_DSIG}}}Reference")
    value = reference.find(f"{{{_DSIG}}}DigestValue") if reference is not None else None
    method = reference.find(f"{{{_DSIG}}}DigestMethod") if reference is not None else None
    algorithm = "sha1" if method is not None and method.get(
        "Algorithm", "").endswith("sha1") else "sha256"
    if value is None or (value.text or "").strip() != enveloped_digest(root, algorithm):
        return Signature(state="invalid", publisher=publisher)
    return Signature(state="signed", publisher=publisher)
