"""Run your own Windows code against a simulated machine: :func:`patched`.

Rule: inside ``with patched(machine):`` the code under test sees the machine as a
Windows program would, on any OS:

- ``import winreg`` gives the registry facade bound to ``machine.registry`` (the
  stdlib ``winreg`` API; :mod:`sim.registry.winreg_install`);
- ``open``, ``os``, ``os.path``, ``pathlib``, ``shutil`` and ``glob`` work on a
  pyfakefs file system in its Windows flavour (``OSType.WINDOWS``: drive letters,
  backslashes, case-insensitive names) holding the machine's disk, empty folders
  included, listings in name order. pyfakefs has no alternate data streams, so a
  Mark-of-the-Web is a ``<file>:Zone.Identifier`` file only with ``streams=True``
  (listings then show it); by default listings are what Windows shows, and the
  Mark-of-the-Web is in ``machine.disk`` (``machine.disk.get(path).zone``). The
  patching is pyfakefs's own ``Patcher``
  (https://pytest-pyfakefs.readthedocs.io/en/latest/usage.html#patch-using-the-patcher-class-as-context-manager),
  so it nests with pyfakefs's ``fs`` fixture: inside that fixture the same fake file
  system is used, switched to the Windows flavour (switching empties it first, as
  pyfakefs documents for ``fs.os``) and filled with the disk.

Changes made inside the block stay in the fake file system and in ``machine.registry``
(the facade writes to it); the machine's :class:`~sim.world.disk.VirtualDisk` is not
changed. The pytest plugin offers the same as the ``invokesim_patched`` fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyfakefs.fake_filesystem import OSType
from pyfakefs.fake_filesystem_unittest import Patcher

from sim.registry.winreg_install import installed_as_winreg

if TYPE_CHECKING:
    from pyfakefs.fake_filesystem import FakeFilesystem

    from sim.registry.winreg_facade import WinregFacade
    from sim.world.machine import Machine

__all__ = ["PatchedMachine", "patched"]


@dataclass(frozen=True, slots=True)
class PatchedMachine:
    """What :func:`patched` installed: the ``winreg`` facade and the fake file system."""

    machine: Machine
    winreg: WinregFacade | None
    fs: FakeFilesystem


@contextmanager
def patched(machine: Machine, *, streams: bool = False) -> Iterator[PatchedMachine]:
    """Install ``machine``'s registry as ``winreg`` and its disk as the file system
    (``streams``: each Mark-of-the-Web also as a ``:Zone.Identifier`` file)."""
    with ExitStack() as stack:
        patcher = stack.enter_context(Patcher())
        fs = patcher.fs
        assert fs is not None
        if fs.os != OSType.WINDOWS:
            fs.os = OSType.WINDOWS
        fs.shuffle_listdir_results = False
        if machine.disk is not None:
            machine.disk.fill_fakefs(fs, streams=streams)
        facade = (stack.enter_context(installed_as_winreg(machine.registry))
                  if machine.registry is not None else None)
        yield PatchedMachine(machine=machine, winreg=facade, fs=fs)
