"""Laws of download names: whatever a server sends, every browser saves a name Windows accepts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.models.browsers.download_name import download_name
from sim.models.browsers.names_chromium import generate_file_name
from sim.world.disk import DiskError, check_name

pytestmark = pytest.mark.property

# Names built from what makes Windows names hard: separators, dots, spaces, device names,
# illegal and control characters, and ordinary text.
hostile = st.lists(st.sampled_from(
    ["CON", "com1", "LPT9", "clock$", ".", "..", " ", "/", "\\", ":", "*", "?", '"', "<", ">",
     "|", "~", "\x00", "\x1f", "\u00a0", "\u3000", "\u200e", "a", "b.txt", ".lnk", ".local",
     "{x}", "desktop.ini", "é", "日本", "-", "_", "%2f", "%00"]), max_size=8).map("".join)
mimes = st.sampled_from(["", "text/plain", "application/octet-stream", "image/png",
                         "application/x-chrome-extension", "dance/party"])


def _accepted(name: str) -> bool:
    try:
        check_name(name)
    except DiskError:
        return False
    return True


@given(hostile, hostile, mimes)
def test_chromium_names_are_always_valid_windows_names(disposition: str, suggested: str,
                                                       mime: str) -> None:
    """GenerateFileName with Chrome's default never yields a name the disk refuses
    (device names Chromium does not know, COM0 and the superscripts, aside)."""
    name = generate_file_name("https://h.test/p?q=1", disposition, suggested=suggested,
                              mime=mime, default="download").name
    assert name and name not in (".", "..")
    if not name.upper().startswith(("COM0", "LPT0", "COM\u00b9", "COM\u00b2", "COM\u00b3",
                                    "LPT\u00b9", "LPT\u00b2", "LPT\u00b3")):
        assert _accepted(name), name


@given(st.sampled_from(["firefox", "ie", "edge-legacy"]), hostile, hostile)
def test_other_browsers_save_valid_windows_names(browser: str, disposition: str,
                                                 suggested: str) -> None:
    """Firefox's, IE's and Edge Legacy's names are names the disk accepts."""
    named = download_name(browser, url="https://h.test/x", disposition_name=disposition,
                          suggested=suggested, mime="", registry=None)
    assert _accepted(named.name), named.name
