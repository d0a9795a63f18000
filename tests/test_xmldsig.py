"""ClickOnce signatures: real Visual Studio publishes verify; the project's own signing is
checked by an independent implementation written here with lxml and cryptography."""

from __future__ import annotations

import base64
import copy
import hashlib
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from lxml import etree

from sim.models.clickonce.digest import read_signature
from sim.models.clickonce.publish import AppSpec, publish
from sim.models.clickonce.publishers import CONTOSO, DEVBOX, signer_for
from sim.models.clickonce.sign import sign_manifest
from sim.models.clickonce.xmldsig import canonical, check_signature

DATA = Path(__file__).parent / "data" / "clickonce"
REAL_PUBLISH = (Path(__file__).parent.parent / "scenarios" / "clickonce" / "real"
                / "linkandsync" / "publish")
DS = "{http://www.w3.org/2000/09/xmldsig#}"

# (file, reference digest, subject, thumbprint): read off the certificates by hand.
SIGNED = [
    ("AllYourTexts--AllYourTexts/publish/AllYourTexts.application", "sha1",
     "CN=AllYourTexts Software", "2D513475EE8E98412B1596C5F2EE790D34D788BD"),
    ("AllYourTexts--AllYourTexts/publish/Application Files/AllYourTexts_1_3_0_22/"
     "AllYourTexts.exe.manifest", "sha1", "CN=AllYourTexts Software",
     "2D513475EE8E98412B1596C5F2EE790D34D788BD"),
    ("CodeConnect--SourceBrowser/publish/SourceBrowser.Generator.application", "sha256",
     "CN=OELAPTOP3\\Josh", "171BAD4E1DCF5C778DB334F7B56E1A2313D18E82"),
    ("CodeConnect--SourceBrowser/publish/Application Files/SourceBrowser.Generator_1_0_0_1/"
     "SourceBrowser.Generator.exe.manifest", "sha256", "CN=OELAPTOP3\\Josh",
     "171BAD4E1DCF5C778DB334F7B56E1A2313D18E82"),
]
UNSIGNED = [
    "ridercz--ClickonceDemo/publish/ClickonceDemo.application",
    "ridercz--ClickonceDemo/publish/Application Files/ClickonceDemo_1_0_0_0/"
    "ClickonceDemo.dll.manifest",
    "microsoft--NetPassage/publish/NetPassage.application",
    "microsoft--NetPassage/publish/Application Files/NetPassage_1_0_0_0/NetPassage.dll.manifest",
]


@pytest.mark.parametrize(("name", "algorithm", "subject", "thumbprint"), SIGNED,
                         ids=[s[0].split("/")[-1] for s in SIGNED])
def test_real_signed_manifests_verify(name: str, algorithm: str, subject: str,
                                      thumbprint: str) -> None:
    """A manifest Visual Studio signed verifies, with its certificate's subject and
    thumbprint."""
    check = check_signature((DATA / name).read_bytes())
    assert (check.state, check.algorithm) == ("signed", algorithm), check.reason
    assert check.publisher is not None
    assert (check.publisher.subject, check.publisher.thumbprint) == (subject, thumbprint)
    assert check.publisher.self_signed


@pytest.mark.parametrize("name", UNSIGNED, ids=[u.split("/")[-1] for u in UNSIGNED])
def test_real_unsigned_manifests_are_unsigned(name: str) -> None:
    """A publish without a certificate is unsigned: not invalid, Unknown Publisher."""
    signature = read_signature((DATA / name).read_bytes())
    assert signature.state == "unsigned"
    assert signature.shown_publisher == "Unknown Publisher"


def test_real_gallery_publish_verifies() -> None:
    """Both manifests of the gallery's real .NET 5+ publish verify (RSA-SHA1)."""
    for path in (REAL_PUBLISH / "LinkAndSync.application",
                 REAL_PUBLISH / "Application Files/LinkAndSync_1_0_0_2/LinkAndSync.dll.manifest"):
        check = check_signature(path.read_bytes())
        assert check.state == "signed", check.reason
        assert check.publisher is not None and check.publisher.subject == "CN=HopeCore"


def test_real_signature_needs_exclusive_canonicalisation() -> None:
    """The recorded digest is reproduced by exclusive C14N and not by inclusive C14N."""
    data = (DATA / SIGNED[0][0]).read_bytes()
    root = etree.fromstring(data)
    signature = root.find(f"{DS}Signature")
    recorded = signature.findtext(f"{DS}SignedInfo/{DS}Reference/{DS}DigestValue").strip()
    stripped = copy.deepcopy(root)
    stripped.remove(stripped.find(f"{DS}Signature"))

    def digest(exclusive: bool) -> str:
        return base64.b64encode(hashlib.sha1(
            canonical(stripped, exclusive=exclusive)).digest()).decode()

    assert digest(exclusive=True) == recorded
    assert digest(exclusive=False) != recorded


@pytest.mark.parametrize(("old", "new"), [
    (b'asmv2:product="AllYourTexts"', b'asmv2:product="AllYourTexts!"'),
    (b'install="true"', b'install="false"'),
])
def test_any_edit_after_signing_is_invalid(old: bytes, new: bytes) -> None:
    """Editing a real signed manifest breaks its signature, with a reason naming the digest."""
    data = (DATA / SIGNED[0][0]).read_bytes()
    assert old in data
    check = check_signature(data.replace(old, new, 1))
    assert check.state == "invalid"
    assert "changed after it was signed" in check.reason


def test_line_endings_do_not_break_a_signature() -> None:
    """A signed manifest converted from CRLF to LF still verifies (XML normalises line
    ends), though its file hash changes."""
    data = (DATA / SIGNED[0][0]).read_bytes()
    assert b"\r\n" in data
    assert check_signature(data.replace(b"\r\n", b"\n")).state == "signed"


def test_bad_input_is_an_invalid_signature_not_a_crash() -> None:
    """Truncated, claimed-signed and certificate-less manifests are invalid, not errors."""
    data = (DATA / SIGNED[0][0]).read_bytes()
    assert check_signature(data[: len(data) // 2]).state == "invalid"
    start = data.index(b"<publisherIdentity")
    end = data.index(b"</asmv1:assembly>")
    claimed = check_signature(data[:start] + data[end:])
    assert claimed.state == "invalid" and "no signature" in claimed.reason
    license_start = data.index(b"<msrel:RelData")
    license_end = data.index(b"</msrel:RelData>") + len(b"</msrel:RelData>")
    bare = check_signature(data[:license_start] + data[license_end:])
    assert bare.state == "invalid" and "no Authenticode certificate" in bare.reason
    garbled = data.replace(b"<SignatureValue>", b"<SignatureValue>AAAA", 1)
    assert check_signature(garbled).state == "invalid"


def test_a_certificate_not_signed_by_its_issuer_is_invalid() -> None:
    """The publisher's certificate must verify under its issuer's key when the license
    carries it (the self-signed certificate under its own): a changed signature bit fails."""
    data = (DATA / SIGNED[0][0]).read_bytes()
    end = data.index(b"</X509Certificate>")
    flipped = b"A" if data[end - 10:end - 9] != b"A" else b"B"
    check = check_signature(data[:end - 10] + flipped + data[end - 9:])
    assert check.state == "invalid"
    assert "not validly signed by its issuer" in check.reason


def _independent_verify(data: bytes, chain_length: int) -> tuple[str, str]:
    """Verify an enveloped ClickOnce signature with lxml and cryptography directly: the
    manifest digest, the RSA value, and the Authenticode license's signature and
    certificate. Return the certificate's subject (RFC 4514) and SHA-1 thumbprint."""
    root = etree.fromstring(data)
    signature = root.find(f"{DS}Signature")
    doc = copy.deepcopy(root)
    doc.remove(doc.find(f"{DS}Signature"))
    info = signature.find(f"{DS}SignedInfo")
    method = info.find(f"{DS}Reference/{DS}DigestMethod").get("Algorithm").rsplit("#", 1)[1]
    digest = hashlib.new(method, etree.tostring(doc, method="c14n", exclusive=True,
                                                with_comments=False)).digest()
    assert base64.b64encode(digest).decode() == info.findtext(
        f"{DS}Reference/{DS}DigestValue")
    rsa_value = signature.find(f"{DS}KeyInfo/{DS}KeyValue/{DS}RSAKeyValue")
    key = rsa.RSAPublicNumbers(
        int.from_bytes(base64.b64decode(rsa_value.findtext(f"{DS}Exponent")), "big"),
        int.from_bytes(base64.b64decode(rsa_value.findtext(f"{DS}Modulus")), "big"),
    ).public_key()
    hash_type = hashes.SHA256() if method == "sha256" else hashes.SHA1()
    key.verify(base64.b64decode(signature.findtext(f"{DS}SignatureValue")),
               etree.tostring(info, method="c14n", exclusive=True, with_comments=False),
               padding.PKCS1v15(), hash_type)
    license_ = signature.find(".//{urn:mpeg:mpeg21:2003:01-REL-R-NS}license")
    licence_doc = etree.fromstring(etree.tostring(license_))
    inner = licence_doc.find(f".//{DS}Signature")
    certs = [x509.load_der_x509_certificate(base64.b64decode(c.text))
             for c in inner.iter(f"{DS}X509Certificate")]
    assert len(certs) == chain_length
    inner_info = inner.find(f"{DS}SignedInfo")
    inner.getparent().remove(inner)
    assert base64.b64encode(hashlib.new(method, etree.tostring(
        licence_doc, method="c14n", exclusive=True, with_comments=False)).digest(),
    ).decode() == inner_info.findtext(f"{DS}Reference/{DS}DigestValue")
    public = certs[0].public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(base64.b64decode(inner.findtext(f"{DS}SignatureValue")),
                  etree.tostring(inner_info, method="c14n", exclusive=True,
                                 with_comments=False), padding.PKCS1v15(), hash_type)
    return certs[0].subject.rfc4514_string(), certs[0].fingerprint(hashes.SHA1()).hex()


@pytest.mark.parametrize(("signer", "chain", "subject"), [
    (CONTOSO, 2, "CN=Contoso Ltd,O=Contoso Ltd"),
    (DEVBOX, 1, "CN=DEVBOX\\\\developer"),
])
@pytest.mark.parametrize("algorithm", ["sha1", "sha256"])
def test_own_publish_verifies_independently(signer: str, chain: int, subject: str,
                                            algorithm: str) -> None:
    """Both manifests of the project's signed publish verify with an implementation that
    shares no code with the simulator's verifier."""
    files = publish(AppSpec(signer=signer, algorithm=algorithm))
    for name in ("App.application", "Application Files/App_1_0_0_0/App.exe.manifest"):
        found_subject, thumbprint = _independent_verify(files[name], chain)
        assert found_subject == subject
        assert thumbprint.upper() == read_signature(files[name]).thumbprint


def test_signing_is_deterministic_and_self_consistent() -> None:
    """The same manifest signed twice gives the same bytes, which the verifier accepts."""
    unsigned = publish(AppSpec())["App.application"].replace(
        b"0000000000000000", signer_for(CONTOSO).token.encode())
    first = sign_manifest(unsigned, signer_for(CONTOSO))
    assert first == sign_manifest(unsigned, signer_for(CONTOSO))
    assert check_signature(first).state == "signed"
