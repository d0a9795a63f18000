"""Machine presets: every OS and profile builds, every registration is cited, bad names fail."""

from __future__ import annotations

import pytest

from sim.world.machine import OS_NAMES, WINDOWS_VERSIONS
from sim.world.presets import (
    PresetError,
    load_preset,
    machine_for_os,
    preset_names,
    profile_names,
    registry_for_os,
)


@pytest.mark.parametrize("name", preset_names())
def test_every_registration_and_file_names_its_source(name: str) -> None:
    """Each preset registration and file says what it is and where it comes from."""
    preset = load_preset(name)
    assert preset.description
    for item in (*preset.registrations, *preset.files):
        assert item.what and item.source


@pytest.mark.parametrize("os", WINDOWS_VERSIONS)
def test_every_windows_version_has_clickonce(os: str) -> None:
    """Each Windows base ships Application.Manifest, dfshim and rundll32."""
    m = machine_for_os(os)
    assert m.registry is not None and m.disk is not None
    assert m.registry.get_value(r"HKCR\.application").data == "Application.Manifest"  # type: ignore[union-attr]
    assert m.disk.is_file(r"C:\Windows\System32\dfshim.dll")


def test_always_use_direct_invoke_arrives_with_windows_8() -> None:
    """Application.Manifest has FTA_AlwaysUseDirectInvoke from Windows 8 on, not on 7."""
    flags = {os: registry_for_os(os).get_value(r"HKCR\Application.Manifest", "EditFlags")
             for os in WINDOWS_VERSIONS}
    assert flags["windows-7"].data == 0x00010000  # type: ignore[union-attr]
    assert all(flags[os].data == 0x00410000 for os in WINDOWS_VERSIONS[1:])  # type: ignore[union-attr]


def test_office_profile_registers_word_excel_powerpoint_and_protocols() -> None:
    """The office profile adds the three apps, their MIME types and ms-* protocols."""
    reg = registry_for_os("windows-10", ["office"])
    for scheme in ("ms-word", "ms-excel", "ms-powerpoint"):
        assert reg.get_value(rf"HKCR\{scheme}", "URL Protocol") is not None
    assert "office" in profile_names()


def test_machines_are_forks_of_one_parse() -> None:
    """Two machines of the same preset do not share writes."""
    a, b = machine_for_os("windows-10"), machine_for_os("windows-10")
    a.registry.set_value(r"HKCU\Software\X", "v", 1)  # type: ignore[union-attr]
    assert not b.registry.has_key(r"HKCU\Software\X")  # type: ignore[union-attr]


@pytest.mark.parametrize("os", [o for o in OS_NAMES if o not in WINDOWS_VERSIONS])
def test_non_windows_machines_have_no_registry(os: str) -> None:
    """macos and linux have no registry or disk, and refuse Windows profiles."""
    m = machine_for_os(os)
    assert m.registry is None and m.disk is None and not m.is_windows
    with pytest.raises(PresetError, match="no registry"):
        machine_for_os(os, ["office"])


def test_unknown_names_list_what_exists() -> None:
    """An unknown OS or profile is an error naming the known ones."""
    with pytest.raises(PresetError, match="windows-10"):
        machine_for_os("windows-12")
    with pytest.raises(PresetError, match="office"):
        machine_for_os("windows-10", ["offise"])
