"""Unit tests of ClickOnce manifests: safe XML, parsing, semantic checks, digests, signatures."""

from __future__ import annotations

import pytest

from sim.models.clickonce.digest import explain_mismatch, file_digest
from sim.models.clickonce.manifest import (
    ManifestInvalid,
    ManifestUnreadable,
    parse_application,
    parse_deployment,
    validate_application,
    validate_deployment,
    validate_frameworks,
)
from sim.models.clickonce.publish import AppSpec, publish, resign
from sim.models.clickonce.publishers import CONTOSO
from sim.models.clickonce.xml_safe import MAX_MANIFEST_BYTES, XmlRefused, parse_xml

APP = "https://apps.example.test/deploy/App.application"
APP_MANIFEST = "Application Files/App_1_0_0_0/App.exe.manifest"


def test_dtd_is_refused_before_entities_expand() -> None:
    """An entity bomb is refused at its DOCTYPE, with .NET's DTD message and a position."""
    bomb = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>')
    with pytest.raises(XmlRefused, match=r"DTD is prohibited.*Line 1"):
        parse_xml(bomb)


def test_external_entity_is_refused() -> None:
    """A SYSTEM entity (an external file) is refused, never read."""
    with pytest.raises(XmlRefused, match="DTD is prohibited"):
        parse_xml(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>')


def test_malformed_xml_names_line_and_position() -> None:
    """A syntax error is reported with expat's reason, its line and its position."""
    with pytest.raises(XmlRefused, match=r"mismatched tag\. Line 2"):
        parse_xml(b"<a>\n<b></a>")


def test_oversized_manifest_is_refused_unread() -> None:
    """A document over the size cap is refused before parsing."""
    with pytest.raises(XmlRefused, match="over the"):
        parse_xml(b" " * (MAX_MANIFEST_BYTES + 1))


def test_wrong_root_namespace_is_unreadable() -> None:
    """A root outside urn:schemas-microsoft-com:asm.v1 is not a manifest."""
    with pytest.raises(ManifestUnreadable, match=r"asm\.v1"):
        parse_deployment(b'<assembly manifestVersion="1.0"/>')


def test_published_deployment_parses_with_every_field() -> None:
    """A Visual Studio style deployment manifest reads back identity, description,
    deployment flags, subscription, provider, frameworks and the application reference."""
    files = publish(AppSpec(provider=APP, create_desktop_shortcut=True))
    manifest = parse_deployment(files["App.application"])
    validate_deployment(manifest)
    assert manifest.identity is not None
    assert manifest.identity.display() == (
        "App.application, Version=1.0.0.0, Culture=neutral, PublicKeyToken=0000000000000000, "
        "processorArchitecture=msil")
    assert (manifest.publisher, manifest.product) == ("Contoso", "Contoso App")
    assert manifest.install is True and manifest.map_file_extensions
    assert manifest.create_desktop_shortcut
    assert manifest.update is not None and manifest.update.before_startup
    assert manifest.provider == APP
    assert manifest.frameworks == ("4.7.2",)
    (ref,) = manifest.applications
    assert ref.codebase == "Application Files\\App_1_0_0_0\\App.exe.manifest"
    assert ref.hash is not None and ref.hash.algorithm == "sha256"
    assert ref.hash.value == file_digest(files[APP_MANIFEST], "sha256")
    assert manifest.signature.state == "unsigned"


def test_application_manifest_has_entry_point_and_hashed_payload() -> None:
    """The application manifest names its entry point and hashes each payload file's bytes."""
    files = publish(AppSpec(algorithm="sha1"))
    app = parse_application(files[APP_MANIFEST])
    validate_application(app)
    assert [e.file for e in app.entry_points] == ["App.exe"]
    exe = next(d for d in app.dependencies if d.codebase == "App.exe")
    assert exe.hash is not None and exe.hash.algorithm == "sha1"
    assert exe.hash.value == file_digest(
        files["Application Files/App_1_0_0_0/App.exe.deploy"], "sha1")
    assert [f.codebase for f in app.files] == ["App.exe.config"]


def test_expiration_update_is_read() -> None:
    """<expiration maximumAge unit> is a background check, not before startup."""
    manifest = parse_deployment(publish(AppSpec(update="background"))["App.application"])
    assert manifest.update is not None and not manifest.update.before_startup
    assert (manifest.update.maximum_age, manifest.update.unit) == (7, "days")


@pytest.mark.parametrize(
    ("edit", "detail"),
    [
        (lambda t: t.replace(' install="true"', ""), "requires the install attribute"),
        (lambda t: t.replace('<dependency>', '<x>').replace('</dependency>', '</x>'),
         "exactly one application manifest"),
    ],
)
def test_semantic_checks_name_the_problem(edit: object, detail: str) -> None:
    """A deployment missing a required part is "not semantically valid", with a detail."""
    text = publish(AppSpec())["App.application"].decode()
    manifest = parse_deployment(edit(text).encode())  # type: ignore[operator]
    with pytest.raises(ManifestInvalid) as caught:
        validate_deployment(manifest)
    assert caught.value.message == "Deployment manifest is not semantically valid."
    assert detail in caught.value.detail


def _without_frameworks(text: str) -> bytes:
    return text.replace("<compatibleFrameworks", "<x").replace(
        "</compatibleFrameworks>", "</x>").encode()


def test_compatible_frameworks_required_for_the_net4_runtime_only() -> None:
    """A deployment without <compatibleFrameworks> is refused for a CLR 4 application and
    accepted for a CLR 2.0 (.NET Framework 2.0-3.5) one."""
    files = publish(AppSpec())
    deployment = parse_deployment(_without_frameworks(files["App.application"].decode()))
    validate_deployment(deployment)
    app_text = files["Application Files/App_1_0_0_0/App.exe.manifest"].decode()
    with pytest.raises(ManifestInvalid) as caught:
        validate_frameworks(deployment, parse_application(app_text.encode()))
    assert caught.value.detail == "Deployment manifest is missing <compatibleFrameworks>."
    clr2 = parse_application(app_text.replace('version="4.0.30319.0"',
                                              'version="2.0.50727.0"').encode())
    validate_frameworks(deployment, clr2)


def test_online_only_with_minimum_version_is_invalid() -> None:
    """install=false must not set minimumRequiredVersion (vs-deployment-element)."""
    spec = AppSpec(install=False, update=None, minimum_required_version="1.0.0.0")
    with pytest.raises(ManifestInvalid, match="minimumRequiredVersion"):
        validate_deployment(parse_deployment(publish(spec)["App.application"]))


def test_signed_manifest_names_its_publisher() -> None:
    """A signed manifest's signature verifies and its publisher is the certificate's CN."""
    files = publish(AppSpec(signer=CONTOSO))
    signature = parse_deployment(files["App.application"]).signature
    assert signature.state == "signed"
    assert signature.shown_publisher == "Contoso Ltd"
    assert parse_application(files[APP_MANIFEST]).signature.state == "signed"


def test_any_edit_after_signing_invalidates_and_resigning_repairs() -> None:
    """Editing a signed manifest breaks its digest; re-signing makes it valid again."""
    data = publish(AppSpec(signer=CONTOSO))["App.application"]
    edited = data.replace(b'version="1.0.0.0"', b'version="1.0.0.1"', 1)
    assert parse_deployment(edited).signature.state == "invalid"
    assert parse_deployment(resign(edited, CONTOSO)).signature.state == "signed"


def test_unsigned_publisher_is_unknown() -> None:
    """An unsigned manifest's publisher shows as Unknown Publisher."""
    signature = parse_deployment(publish(AppSpec())["App.application"]).signature
    assert signature.shown_publisher == "Unknown Publisher"


def test_signed_token_is_derived_and_unsigned_is_zero() -> None:
    """Signed apps carry a 16-hex public key token; unsigned ones 0000000000000000."""
    signed = parse_deployment(publish(AppSpec(signer=CONTOSO))["App.application"])
    unsigned = parse_deployment(publish(AppSpec())["App.application"])
    assert signed.identity is not None and unsigned.identity is not None
    assert len(signed.identity.public_key_token) == 16
    assert signed.identity.public_key_token != "0000000000000000"
    assert unsigned.identity.public_key_token == "0000000000000000"


def test_publish_lays_out_deploy_files_in_the_version_folder() -> None:
    """mapFileExtensions adds .deploy to payload files under Application Files/<Name>_<v>."""
    assert sorted(publish(AppSpec(version="2.1.0.3"))) == [
        "App.application",
        "Application Files/App_2_1_0_3/App.exe.config.deploy",
        "Application Files/App_2_1_0_3/App.exe.deploy",
        "Application Files/App_2_1_0_3/App.exe.manifest",
    ]
    assert "Application Files/App_1_0_0_0/App.exe" in publish(
        AppSpec(map_file_extensions=False))


def test_mismatch_explanation_names_a_digest_of_the_wrong_length() -> None:
    """A SHA-1 DigestMethod recording a 32-byte value (as one real .NET 5+ publish does) is
    named in the explanation, with both digests and both sizes."""
    recorded = file_digest(b"other", "sha256")
    text = explain_mismatch("App.exe.manifest", b"abc\n", "sha1", recorded, 5)
    assert f"records sha1 {recorded}" in text
    assert f"give {file_digest(b'abc' + bytes([10]), 'sha1')}" in text
    assert "size of 5 bytes" in text
    assert "not a sha1 digest (32 bytes, the length of a SHA-256 digest)" in text
