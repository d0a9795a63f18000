"""The virtual disk: Windows name rules, case, known folders, Mark-of-the-Web, download names."""

from __future__ import annotations

import pytest

from sim.world.disk import DiskError, VirtualDisk, ZoneIdentifier

DL = r"C:\Users\User\Downloads"


@pytest.mark.parametrize(
    "name",
    ["CON", "con.txt", "LPT1", "COM9.log", "a<b", "a:b", 'a"b', "a|b", "a?b", "a*b", "tab\there",
     "trailing.", "trailing "],
)
def test_names_windows_refuses_are_refused(name: str) -> None:
    """Reserved device names, invalid characters and trailing dots or spaces are errors."""
    with pytest.raises(DiskError, match="expected"):
        VirtualDisk().write(rf"{DL}\{name}", b"")


def test_relative_paths_are_refused() -> None:
    """A path without a drive is an error."""
    with pytest.raises(DiskError, match="absolute"):
        VirtualDisk().write("Downloads\\a.txt", b"")


def test_paths_are_case_insensitive_and_slashes_are_backslashes() -> None:
    """A file written once is found under any case and with forward slashes."""
    disk = VirtualDisk()
    disk.write(rf"{DL}\Q3.fuzzle", b"x")
    assert disk.read("c:/users/user/downloads/q3.FUZZLE") == b"x"
    assert disk.get(rf"{DL}\q3.fuzzle").path == rf"{DL}\Q3.fuzzle"  # type: ignore[union-attr]


def test_known_folders_exist() -> None:
    """Downloads, the Internet cache and the ClickOnce store exist on a new disk."""
    disk = VirtualDisk()
    for name in ("Downloads", "InternetCache", "ClickOnceStore", "System", "Programs"):
        assert disk.is_dir(disk.folders[name])
    assert disk.environment["LOCALAPPDATA"] == r"C:\Users\User\AppData\Local"


def test_download_names_are_uniquified() -> None:
    """An existing name gets ' (1)', ' (2)' before the extension."""
    disk = VirtualDisk()
    assert disk.unique_name(DL, "q3.fuzzle") == "q3.fuzzle"
    disk.write(rf"{DL}\q3.fuzzle", b"")
    assert disk.unique_name(DL, "q3.fuzzle") == "q3 (1).fuzzle"
    disk.write(rf"{DL}\q3 (1).fuzzle", b"")
    assert disk.unique_name(DL, "Q3.FUZZLE") == "Q3 (2).FUZZLE"


def test_listing_is_sorted_case_insensitively() -> None:
    """listdir is sorted by upper-cased name, whatever the creation order."""
    disk = VirtualDisk()
    for name in ("b.txt", "A.txt", "_c.txt", "a1.txt"):
        disk.write(rf"{DL}\{name}", b"")
    assert disk.listdir(DL) == ["A.txt", "a1.txt", "b.txt", "_c.txt"]


def test_mark_of_the_web_is_kept_and_rendered() -> None:
    """A downloaded file keeps its Zone.Identifier, written as Windows writes it."""
    disk = VirtualDisk()
    zone = ZoneIdentifier(3, host_url="https://x.test/a.exe", referrer_url="https://x.test/")
    stored = disk.write(rf"{DL}\a.exe", b"MZ", zone=zone)
    assert stored.zone == zone
    assert zone.stream_text() == (
        "[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://x.test/\r\n"
        "HostUrl=https://x.test/a.exe\r\n"
    )


def test_fork_is_independent() -> None:
    """Writes to a fork do not show in the original."""
    disk = VirtualDisk()
    twin = disk.fork()
    twin.write(rf"{DL}\a.txt", b"")
    assert not disk.exists(rf"{DL}\a.txt")


def test_as_fakefs_gives_a_windows_pyfakefs_copy() -> None:
    """The pyfakefs copy holds the files, case-insensitively, with their Zone.Identifier."""
    disk = VirtualDisk()
    disk.write(rf"{DL}\a.exe", b"MZ", zone=ZoneIdentifier(3))
    fs = disk.as_fakefs()
    assert fs.exists(r"c:\users\user\downloads\A.EXE")
    assert fs.exists(rf"{DL}\a.exe:Zone.Identifier")
