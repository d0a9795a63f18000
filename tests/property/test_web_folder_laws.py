"""Laws of the folder form and of signature checking: a served path always reaches its own
file, no bytes make the signature checker raise, and a truncated publish is an outcome."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.models.clickonce.dfshim import open_application
from sim.models.clickonce.publish import AppSpec, publish
from sim.models.clickonce.publishers import CONTOSO
from sim.models.clickonce.xmldsig import check_signature
from sim.models.context import HandlerContext
from sim.models.record import Recorder
from sim.world.presets import machine_for_os
from sim.world.web import Web, normalize_url
from sim.world.web_folder import file_url, folder_resources

pytestmark = pytest.mark.property

BASE = "https://apps.example.test/deploy/"
_segments = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/%"),
                    min_size=1, max_size=8).filter(lambda s: s not in (".", ".."))
_paths = st.lists(_segments, min_size=1, max_size=3).map("/".join)


@given(st.dictionaries(_paths, st.binary(max_size=20), min_size=1, max_size=6))
def test_every_file_is_fetched_at_its_url(files: dict[str, bytes]) -> None:
    """Each file of a served folder answers at file_url with its own bytes, and at the
    URL spelled with its characters unencoded too (where that spelling is a URL path)."""
    keys = {normalize_url(file_url(BASE, p)) for p in files}
    if len(keys) != len(files):  # two paths the server cannot tell apart
        return
    web = Web(folder_resources(BASE, sorted(files.items())))
    for path, body in files.items():
        assert web.fetch(file_url(BASE, path)).body == body
        if path == path.strip() and not any(c in path for c in "?#"):
            assert web.fetch(BASE + path).body == body


_SIGNED = publish(AppSpec(signer=CONTOSO))["App.application"]


@given(st.integers(0, len(_SIGNED) - 1), st.integers(0, 255))
def test_a_changed_byte_is_never_a_crash(position: int, value: int) -> None:
    """Any one-byte change to a signed manifest gives a signature state, never an error;
    a change inside the signed content is never accepted as the same signature."""
    data = bytearray(_SIGNED)
    data[position] = value
    state = check_signature(bytes(data)).state
    assert state in ("signed", "invalid", "unsigned")


_PUBLISH = publish(AppSpec(signer=CONTOSO))


@given(st.sampled_from(sorted(_PUBLISH)), st.integers(0, 10_000))
def test_a_truncated_publish_file_is_an_outcome_not_a_crash(name: str, cut: int) -> None:
    """Any file of a signed publish cut short gives dfshim an outcome (launched or failed
    with a message), never an exception."""
    files = dict(_PUBLISH)
    files[name] = files[name][: cut % (len(files[name]) + 1)]
    web = Web(folder_resources(BASE, sorted(files.items())))
    ctx = HandlerContext(machine=machine_for_os("windows-10"), web=web,
                         record=Recorder(answers={}), zones={})
    result = open_application(ctx, BASE + "App.application")
    assert result.outcome in ("launched", "failed")
    assert result.outcome == "launched" or result.error
