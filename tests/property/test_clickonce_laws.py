"""Laws of the ClickOnce reader: it is total on any bytes, and a publish always verifies."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.models.clickonce.digest import file_digest
from sim.models.clickonce.manifest import (
    ManifestUnreadable,
    parse_application,
    parse_deployment,
    validate_application,
    validate_deployment,
)
from sim.models.clickonce.publish import AppSpec, publish, version_folder
from sim.models.clickonce.publishers import CONTOSO, DEVBOX

pytestmark = pytest.mark.property

_names = st.text(st.sampled_from("AbcXyz019_"), min_size=1, max_size=12)
_versions = st.tuples(*[st.integers(0, 65535)] * 4).map(lambda t: ".".join(map(str, t)))


@given(st.binary(max_size=400))
def test_reading_any_bytes_gives_a_manifest_or_unreadable(data: bytes) -> None:
    """The deployment reader never raises anything but ManifestUnreadable."""
    with contextlib.suppress(ManifestUnreadable):
        parse_deployment(data)


@given(name=_names, version=_versions, install=st.booleans(),
       signer=st.none() | st.sampled_from([CONTOSO, DEVBOX]),
       algorithm=st.sampled_from(["sha1", "sha256"]),
       payload=st.dictionaries(_names.map(lambda n: n + ".dll"), st.binary(max_size=40),
                               max_size=3))
def test_a_publish_verifies_end_to_end(*, name: str, version: str, install: bool,
                                       signer: str | None, algorithm: str,
                                       payload: dict[str, bytes]) -> None:
    """Whatever is published parses, passes the semantic checks, has valid signatures, and
    every hash equals the digest of the bytes it names."""
    spec = AppSpec(name=name, version=version, install=install, signer=signer,
                   algorithm=algorithm, update="startup" if install else None,
                   payload={f"{name}.exe": b"MZ", **payload})
    files = publish(spec)
    deployment = parse_deployment(files[f"{name}.application"])
    validate_deployment(deployment)
    app_data = files[f"{version_folder(spec)}/{name}.exe.manifest"]
    application = parse_application(app_data)
    validate_application(application)
    expected = "signed" if signer else "unsigned"
    assert deployment.signature.state == application.signature.state == expected
    (ref,) = deployment.applications
    assert ref.hash is not None and ref.hash.value == file_digest(app_data, algorithm)
    assert ref.identity is not None and application.identity is not None
    assert ref.identity.same_as(application.identity)
    for dep in (*application.dependencies, *application.files):
        if dep.codebase:
            data = files[f"{version_folder(spec)}/{dep.codebase}.deploy"]
            assert dep.hash is not None and dep.hash.value == file_digest(data, algorithm)
