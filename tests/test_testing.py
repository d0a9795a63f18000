"""sim.testing.patched and the invokesim_patched fixture: your code on the machine after the click.

The two user functions below are the examples of docs/testing.md: ordinary Windows code
(``open``, ``os``, ``pathlib``, ``winreg``) that knows nothing of invokesim.
"""

from __future__ import annotations

import os
import pathlib
import sys
from pathlib import Path

import pytest

import sim
from sim.engine.trace import Trace
from sim.scenario import load_scenario
from sim.testing import patched

GALLERY = Path(__file__).resolve().parent.parent / "scenarios"
START_MENU = r"C:\Users\User\AppData\Roaming\Microsoft\Windows\Start Menu\Programs"


def installed_shortcuts(start_menu: str) -> dict[str, str]:
    """A user's function: every ClickOnce shortcut under the Start menu -> its deployment URL."""
    found = {}
    for path in pathlib.Path(start_menu).rglob("*.appref-ms"):
        text = path.read_bytes().decode("utf-16")  # .appref-ms files are UTF-16 with a BOM
        found[path.stem] = text.split("#", 1)[0]
    return found


def downloaded_zone(path: str) -> int | None:
    """A user's function: the ZoneId of a downloaded file's Mark-of-the-Web, if any."""
    try:
        with open(path + ":Zone.Identifier", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("ZoneId="):
                    return int(line.strip().split("=", 1)[1])
    except FileNotFoundError:
        return None
    return None


def file_class(extension: str) -> str:
    """A user's function: the ProgID Windows opens an extension with (HKCR default value)."""
    import winreg

    with winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, extension) as key:
        return str(winreg.QueryValueEx(key, "")[0])


def _run(name: str) -> Trace:
    trace = sim.simulate(load_scenario(GALLERY / name))
    assert trace.machine is not None
    return trace


def test_shortcut_after_a_clickonce_install_is_found_by_user_code() -> None:
    """After a silent ClickOnce install, the user's own shortcut reader finds the app's URL."""
    trace = _run("clickonce/trusted-publisher-installs-silently.toml")
    assert trace.outcome == "launched"
    assert trace.machine is not None
    with patched(trace.machine):
        assert installed_shortcuts(START_MENU) == {
            "Contoso App": "https://apps.example.test/deploy/App.application"}
        assert file_class(".application") == "Application.Manifest"


def test_downloaded_manifest_is_where_chrome_saved_it() -> None:
    """Chrome's download is at C:\\Users\\User\\Downloads, readable with open(), and the
    folder lists it alone, as Windows lists it."""
    trace = _run("chrome/clickonce-downloaded.toml")
    assert trace.machine is not None
    with patched(trace.machine):
        with open(r"C:\Users\User\Downloads\App.application", "rb") as handle:
            assert handle.read().startswith(b"<?xml")
        assert os.listdir(r"C:\Users\User\Downloads") == ["App.application"]
        assert downloaded_zone(r"C:\Users\User\Downloads\App.application") is None
        assert os.path.isdir(r"C:\Users\User\Desktop")  # empty folders are there too


def test_mark_of_the_web_as_a_stream_file_when_asked() -> None:
    """With streams=True the Mark-of-the-Web reads back through open(path + ':Zone.Identifier')."""
    trace = _run("chrome/clickonce-downloaded.toml")
    assert trace.machine is not None
    with patched(trace.machine, streams=True):
        assert downloaded_zone(r"C:\Users\User\Downloads\App.application") == 3


def test_patching_ends_with_the_block() -> None:
    """Outside the block the real file system and the real (absent) winreg are back."""
    trace = _run("clickonce/trusted-publisher-installs-silently.toml")
    assert trace.machine is not None
    before = sys.modules.get("winreg")
    with patched(trace.machine) as installed:
        assert installed.winreg is sys.modules["winreg"]
        assert os.path.exists(START_MENU)
    assert sys.modules.get("winreg") is before
    assert not os.path.exists(START_MENU)
    assert os.path.exists(__file__)


def test_registry_writes_inside_go_to_the_machine() -> None:
    """The facade writes to the machine's registry, so the test can check what code wrote."""
    trace = _run("clickonce/trusted-publisher-installs-silently.toml")
    assert trace.machine is not None and trace.machine.registry is not None
    with patched(trace.machine):
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER,  # type: ignore[attr-defined]
                              r"Software\Contoso") as key:
            winreg.SetValueEx(key, "Seen", 0, winreg.REG_DWORD, 1)  # type: ignore[attr-defined]
    assert trace.machine.registry.get_value(r"HKCU\Software\Contoso", "Seen") is not None


def test_fixture_gives_the_machine(invokesim_patched: object) -> None:
    """The pytest plugin's invokesim_patched fixture installs a machine until the test ends."""
    trace = _run("clickonce/trusted-publisher-installs-silently.toml")
    assert trace.machine is not None and callable(invokesim_patched)
    invokesim_patched(trace.machine)
    assert "Contoso App" in installed_shortcuts(START_MENU)


def test_fixture_nests_with_pyfakefs_fs(fs: object, invokesim_patched: object) -> None:
    """Beside pyfakefs's fs fixture, both share one fake file system holding the disk."""
    fs.pause()  # type: ignore[attr-defined]
    trace = _run("chrome/clickonce-downloaded.toml")
    fs.resume()  # type: ignore[attr-defined]
    assert trace.machine is not None and callable(invokesim_patched)
    installed = invokesim_patched(trace.machine)
    assert installed.fs is fs
    assert fs.exists(r"C:\Users\User\Downloads\App.application")  # type: ignore[attr-defined]


def test_a_machine_without_windows_has_no_winreg() -> None:
    """A macOS machine has no registry: winreg stays as it was, the file system is empty."""
    from sim.world.presets import machine_for_os

    with patched(machine_for_os("macos")) as installed:
        assert installed.winreg is None
        assert not os.path.exists(r"C:\Users")


@pytest.mark.parametrize("name", ["clickonce/trusted-publisher-installs-silently.toml"])
def test_every_disk_file_is_readable_inside(name: str) -> None:
    """Every file of the machine's disk reads back, byte for byte, through open()."""
    trace = _run(name)
    assert trace.machine is not None and trace.machine.disk is not None
    files = list(trace.machine.disk.files())
    with patched(trace.machine):
        for stored in files:
            with open(stored.path, "rb") as handle:
                assert handle.read() == stored.data
