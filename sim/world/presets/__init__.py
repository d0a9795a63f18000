"""Built-in machine presets: what each Windows version ships, and extra profiles (office).

Each preset is a TOML file in this package: ``[preset]`` (name, kind ``base`` |
``os`` | ``profile``, ``extends``), ``[[registration]]`` (what, source, inferred,
.reg text without its header) and ``[[file]]`` (path, what, source, inferred,
optional contents). Every registration names its source and says whether its
exact values are inferred, so the docs list them and a reader can check them.

Presets are parsed once per process; :func:`machine_for_os` builds each (OS,
profiles) combination once and hands out copy-on-write forks of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final

import tomli

from sim.errors import SimError
from sim.loader import package_names, read_package_text
from sim.registry import Registry
from sim.registry.reg_syntax import HEADER_V5
from sim.world.disk import VirtualDisk
from sim.world.machine import OS_NAMES, WINDOWS_VERSIONS, Machine

__all__ = [
    "Preset",
    "PresetError",
    "PresetFile",
    "Registration",
    "load_preset",
    "machine_for_os",
    "preset_names",
    "profile_names",
    "registry_for_os",
]

_FOLDER: Final = "world/presets"


class PresetError(SimError, ValueError):
    """An unknown OS or profile name, or a profile that does not fit the OS."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Registration:
    """A group of registry values a preset writes, with its source."""

    what: str
    source: str
    inferred: bool
    reg: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PresetFile:
    """A file a preset places on the disk, with its source."""

    path: str
    what: str
    source: str
    inferred: bool
    contents: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class Preset:
    """One preset file, parsed."""

    name: str
    kind: str
    description: str
    extends: tuple[str, ...]
    registrations: tuple[Registration, ...]
    files: tuple[PresetFile, ...]


@cache
def preset_names() -> tuple[str, ...]:
    """Return the names of every preset file shipped (listed once per process)."""
    return tuple(package_names(_FOLDER, ".toml"))


@cache
def profile_names() -> tuple[str, ...]:
    """Return the names of the extra profiles (``[machine] profiles``)."""
    return tuple(n for n in preset_names() if load_preset(n).kind == "profile")


def _parse(name: str, data: dict[str, Any]) -> Preset:
    head = data["preset"]
    return Preset(
        name=head["name"],
        kind=head["kind"],
        description=head["description"],
        extends=tuple(head.get("extends", ())),
        registrations=tuple(
            Registration(what=r["what"], source=r["source"], inferred=r.get("inferred", False),
                         reg=r["reg"])
            for r in data.get("registration", ())
        ),
        files=tuple(
            PresetFile(path=f["path"], what=f["what"], source=f["source"],
                       inferred=f.get("inferred", False),
                       contents=f.get("contents", "").encode("utf-8"))
            for f in data.get("file", ())
        ),
    )


@cache
def load_preset(name: str) -> Preset:
    """Return a shipped preset by name (parsed once per process)."""
    known = preset_names()
    if name not in known:
        raise PresetError(f"preset {name!r}: expected one of {', '.join(known)}")
    return _parse(name, tomli.loads(read_package_text(f"{_FOLDER}/{name}.toml")))


def _chain(name: str) -> list[Preset]:
    """The preset and everything it extends, base first."""
    preset = load_preset(name)
    chain: list[Preset] = []
    for parent in preset.extends:
        chain += [p for p in _chain(parent) if p not in chain]
    return [*chain, preset]


def _apply(preset: Preset, reg: Registry, disk: VirtualDisk) -> None:
    for registration in preset.registrations:
        reg.import_reg(f"{HEADER_V5}\n\n{registration.reg}", strict=True,
                       source=f"sim/world/presets/{preset.name}.toml")
    for file in preset.files:
        disk.write(file.path, file.contents)


@lru_cache(maxsize=64)
def _built(os: str, profiles: tuple[str, ...]) -> tuple[Registry, VirtualDisk]:
    reg, disk = Registry(), VirtualDisk()
    for preset in _chain(os):
        _apply(preset, reg, disk)
    for name in profiles:
        preset = load_preset(name)
        if preset.kind != "profile":
            raise PresetError(f"profile {name!r}: expected one of {', '.join(profile_names())}")
        _apply(preset, reg, disk)
    return reg, disk


def machine_for_os(os: str = "windows-10", profiles: Sequence[str] = (), *,
                   managed: bool = False) -> Machine:
    """Return a fresh machine: the OS base preset and the profiles, forked from a cache.

    Raises:
        PresetError: an unknown OS or profile, or profiles on a machine without a registry.
    """
    if os not in OS_NAMES:
        raise PresetError(f"os {os!r}: expected one of {', '.join(OS_NAMES)}")
    if os not in WINDOWS_VERSIONS:
        if profiles:
            raise PresetError(f"profiles {list(profiles)}: {os} has no registry or C: drive, "
                              "so Windows profiles cannot apply")
        return Machine(os=os, registry=None, disk=None, managed=managed)
    reg, disk = _built(os, tuple(profiles))
    return Machine(os=os, registry=reg.fork(), disk=disk.fork(), profiles=tuple(profiles),
                   managed=managed)


def registry_for_os(os: str = "windows-10", profiles: Sequence[str] = ()) -> Registry:
    """Return the registry of a built-in machine preset (a fresh copy-on-write fork).

    Raises:
        PresetError: an unknown OS or profile, or an OS without a registry.
    """
    registry = machine_for_os(os, profiles).registry
    if registry is None:
        raise PresetError(f"os {os!r}: has no registry (only Windows machines do)")
    return registry
