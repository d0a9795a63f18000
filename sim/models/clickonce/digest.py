"""Digests of the files a manifest references, and a manifest's signature state.

Rules:
1. A ``<hash>`` is base64 of SHA-1 or SHA-256 over the referenced file's raw bytes as
   served, with no canonicalisation: MSBuild hashes the file itself
   (https://github.com/dotnet/msbuild, ``src/Tasks/ManifestUtil/Util.cs``,
   ``GetFileInfoImpl``) under the identity transform
   ``urn:schemas-microsoft-com:HashTransforms.Identity``
   (https://learn.microsoft.com/visualstudio/deployment/
   dependency-element-clickonce-deployment, ``<hash>``).
2. A manifest's signature is verified by :mod:`sim.models.clickonce.xmldsig` (exclusive
   C14N, RSA, the Authenticode license). An unsigned manifest is accepted with the log
   warning "The manifest for this application does not have a signature. Signature
   validation will be ignored." (observed in ClickOnce logs, e.g.
   https://github.com/microsoft/XmlNotepad/issues/105) and its publisher is "Unknown
   Publisher"; so is a self-signed ("test") certificate's
   (https://learn.microsoft.com/visualstudio/deployment/clickonce-and-authenticode).
3. Beyond Windows' own message, a digest that does not match is explained: the file, the
   algorithm, both digests, the size the manifest records against the size served, and,
   where the bytes differ only in line endings, that they do: git's end-of-line conversion
   of committed publish folders (``core.autocrlf``, ``text=auto``;
   https://git-scm.com/docs/gitattributes, "Effects", ``text``) is the usual cause
   [inf: found in many public repositories holding publish folders].
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from sim.models.clickonce.xmldsig import Publisher

__all__ = [
    "NOT_SIGNED_WARNING",
    "SIGNATURE_INVALID",
    "UNKNOWN_PUBLISHER",
    "UNSIGNED",
    "Signature",
    "explain_mismatch",
    "file_digest",
    "read_signature",
]

NOT_SIGNED_WARNING: Final = ("The manifest for this application does not have a signature. "
                             "Signature validation will be ignored.")
SIGNATURE_INVALID: Final = "Manifest XML signature is not valid."
UNKNOWN_PUBLISHER: Final = "Unknown Publisher"


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """A manifest's signature state: ``unsigned``, ``signed`` or ``invalid`` (Rule 2)."""

    state: str
    reason: str = ""  # why it is invalid
    publisher: Publisher | None = None  # the signing certificate when signed
    algorithm: str | None = None  # the signature's reference digest

    @property
    def subject(self) -> str | None:
        """The publisher certificate's subject, e.g. ``CN=Contoso Ltd, O=Contoso Ltd``."""
        return self.publisher.subject if self.publisher is not None else None

    @property
    def thumbprint(self) -> str | None:
        """The publisher certificate's SHA-1 thumbprint (upper-case hex)."""
        return self.publisher.thumbprint if self.publisher is not None else None

    @property
    def shown_publisher(self) -> str:
        """The publisher as the trust prompt names it (Rule 2)."""
        if self.state != "signed" or self.publisher is None or self.publisher.self_signed:
            return UNKNOWN_PUBLISHER
        return self.publisher.common_name


UNSIGNED: Final = Signature(state="unsigned")


def file_digest(data: bytes, algorithm: str) -> str:
    """Rule 1: base64 of the digest of ``data`` (``sha1`` or ``sha256``)."""
    return base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii")


@functools.lru_cache(maxsize=256)
def read_signature(data: bytes) -> Signature:
    """Rule 2: the signature state of the manifest ``data``; cached by content."""
    # Deferred for start-up time: lxml and cryptography load only for a manifest that is
    # or claims to be signed (sim.models.clickonce.manifest answers "unsigned" itself).
    from sim.models.clickonce.xmldsig import check_signature  # noqa: PLC0415

    check = check_signature(data)
    return Signature(state=check.state, reason=check.reason, publisher=check.publisher,
                     algorithm=check.algorithm)


def _eol_variants(data: bytes) -> tuple[tuple[str, bytes], ...]:
    lf = data.replace(b"\r\n", b"\n")
    return (("CRLF", lf.replace(b"\n", b"\r\n")), ("LF", lf))


def explain_mismatch(name: str, data: bytes, algorithm: str, recorded: str,
                     size: int | None) -> str:
    """Rule 3: why ``data`` (served as ``name``) does not have the ``recorded`` digest."""
    served = file_digest(data, algorithm)
    text = (f"{name}: the manifest records {algorithm} {recorded}, the {len(data)} bytes "
            f"served give {served}")
    if size is not None and size != len(data):
        text += f"; the manifest records a size of {size} bytes"
    try:
        length = len(base64.b64decode(recorded, validate=True))
    except ValueError:
        length = -1
    expected = hashlib.new(algorithm).digest_size
    if length != expected:
        other = {20: "SHA-1", 32: "SHA-256"}.get(length)
        text += (f"; the recorded value is not a {algorithm} digest ({length} bytes"
                 + (f", the length of a {other} digest" if other else "") + ")")
    for ending, variant in _eol_variants(data):
        if variant != data and file_digest(variant, algorithm) == recorded:
            return (text + f". With {ending} line endings the bytes give the recorded digest:"
                    " the file differs only in line endings, as after git's end-of-line "
                    "conversion (mark publish files -text in .gitattributes)")
    crlf, lf = data.count(b"\r\n"), data.count(b"\n") - data.count(b"\r\n")
    if size is not None and size > len(data) and crlf == 0 and size - len(data) <= lf:
        return (text + f". The file has {lf} LF and no CRLF line endings and is "
                f"{size - len(data)} bytes short: consistent with git converting CRLF to LF"
                " (mark publish files -text in .gitattributes)")
    return text
