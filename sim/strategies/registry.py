"""Strategies for registry names, values, registries, .reg text and handler registrations."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Final, Literal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from sim.registry import Registry, RegType
from sim.registry.values import RegValue, encode_multi_sz, encode_sz


def _joined(root: str, parts: list[str]) -> str:
    return "\\".join([root, *parts])


def _exported(reg: Registry, *, version: int) -> str:
    return reg.export_reg(version=version)

# --------------------------------------------------------------------------- registry

# Key names: no backslash, not empty, mixed case and letters whose case folding
# differs between Windows and Python (ß, ı, İ): the registry's name rules.
_NAME_CHARS: Final = st.sampled_from(list("abcXYZ019 ._-{}éÉßıİ\u00e0\u00c0"))
# String data a .reg file carries exactly: anything but NUL and lone surrogates (utf-8).
# Every code point UTF-8 (and UTF-16) can carry: all but the surrogates (category Cs).
# Said by category, not codec="utf-8": Hypothesis computes a codec's character set on
# first use (seconds), which fails its too_slow health check on a fresh cache.
SURROGATES: Final[tuple[Literal["Cs"]]] = ("Cs",)
_REG_TEXT: Final = st.text(
    st.characters(exclude_categories=SURROGATES, exclude_characters="\x00"), max_size=12
)
_ROOTS: Final = (
    r"HKEY_LOCAL_MACHINE\SOFTWARE",
    r"HKEY_CURRENT_USER\Software",
    r"HKEY_LOCAL_MACHINE\SOFTWARE\Classes",
    r"HKEY_CURRENT_USER\Software\Classes",
)


def reg_key_names() -> st.SearchStrategy[str]:
    """One key name (no backslash), with case and non-ASCII variety.

    Helps test that names compare case-insensitively the way Windows folds them
    (``docs/registry.md``): ``Registry().create_key("HKCU\\\\T\\\\" + name)``.
    """
    return st.text(_NAME_CHARS, min_size=1, max_size=8)


def reg_value_names() -> st.SearchStrategy[str]:
    """A value name, ``""`` (the default value) included, with the characters a .reg
    file must escape (``\\``, ``"``) and those that look like syntax (``=;[]@``).
    """
    return st.text(st.sampled_from(list('abAB \\"=;[]@é')), max_size=6)


def reg_key_paths(roots: Sequence[str] = _ROOTS) -> st.SearchStrategy[str]:
    """A full key path under one of ``roots`` (default: HKLM/HKCU Software and Classes)."""
    if not roots:
        raise InvalidArgument("expected at least one root key, found roots=()")
    return st.builds(_joined,
                     st.sampled_from(list(roots)), st.lists(reg_key_names(), min_size=1,
                                                            max_size=3))


@st.composite
def _reg_value(draw: st.DrawFn, name: str | None) -> RegValue:
    if name is None:
        name = draw(reg_value_names())
    kind = draw(st.sampled_from(["sz", "expand", "multi", "dword", "qword", "binary", "other"]))
    if kind == "sz":
        return RegValue(name, RegType.REG_SZ, encode_sz(draw(_REG_TEXT)))
    if kind == "expand":
        return RegValue(name, RegType.REG_EXPAND_SZ, encode_sz(draw(_REG_TEXT)))
    if kind == "multi":
        items = draw(st.lists(_REG_TEXT.filter(bool), max_size=3))
        return RegValue(name, RegType.REG_MULTI_SZ, encode_multi_sz(items))
    if kind == "dword":
        return RegValue(name, RegType.REG_DWORD, draw(st.binary(min_size=4, max_size=4)))
    if kind == "qword":
        return RegValue(name, RegType.REG_QWORD, draw(st.binary(min_size=8, max_size=8)))
    if kind == "binary":
        return RegValue(name, RegType.REG_BINARY, draw(st.binary(max_size=90)))
    other = draw(st.sampled_from([0, 4, 5, 6, 8, 9, 10, 0x20, 0xFFFFFFFF]))
    return RegValue(name, other, draw(st.binary(max_size=12)))


def reg_values(name: str | None = None) -> st.SearchStrategy[RegValue]:
    """A value the .reg format carries exactly: every type, odd types (``hex(20):``) too.

    Helps test the export/import round trip (regedit's forms, ``docs/registry.md``).
    """
    return _reg_value(name)


@st.composite
def _registry(draw: st.DrawFn, max_values: int) -> Registry:
    reg = Registry()
    for path, value in draw(st.lists(st.tuples(reg_key_paths(), reg_values()),
                                     max_size=max_values)):
        reg.set_value(path, value.name, value.raw, value.type)
    return reg


def registries(*, max_values: int = 8) -> st.SearchStrategy[Registry]:
    """An empty-based :class:`~sim.registry.Registry` holding up to ``max_values`` values.

    Helps test registry laws: ``Registry().import_reg(reg.export_reg())`` gives
    the same export (regedit's round trip), forks never see later writes.
    """
    if max_values < 0:
        raise InvalidArgument(f"expected max_values >= 0, found max_values={max_values!r}")
    return _registry(max_values)


def reg_texts(*, version: int = 5, max_values: int = 8) -> st.SearchStrategy[str]:
    """``.reg`` text as regedit exports it (``version`` 5 or 4) from :func:`registries`.

    Helps test importers: strict import accepts it with no warning and exports the
    same text again.
    """
    if version not in (4, 5):
        raise InvalidArgument(f"expected version 4 or 5, found version={version!r}")
    return registries(max_values=max_values).map(partial(_exported, version=version))


# Handler registrations: a file type, its ProgID and an open command, optionally
# taking URLs (SupportedProtocols or App Paths UseUrl) or FTA_AlwaysUseDirectInvoke.
HANDLER_EXTENSION: Final = ".fuzzle"
HANDLER_CONTENT_TYPE: Final = "application/x-fuzzle"
HANDLER_EXE: Final = r"C:\Program Files\Fuzzle\fuzzle.exe"


@st.composite
def _handler(draw: st.DrawFn, hive: str | None) -> str:
    root = hive or draw(st.sampled_from(["HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE"]))
    classes = rf"{root}\Software\Classes"
    lines = ["Windows Registry Editor Version 5.00", "",
             rf"[{classes}\{HANDLER_EXTENSION}]", '@="Fuzzle.Document"',
             f'"Content Type"="{HANDLER_CONTENT_TYPE}"', "",
             rf"[{classes}\MIME\Database\Content Type\{HANDLER_CONTENT_TYPE}]",
             f'"Extension"="{HANDLER_EXTENSION}"', ""]
    flags = draw(st.sampled_from([None, 0x00010000, 0x00400000, 0x00410000]))
    if flags is not None:  # FTA_OpenIsSafe, FTA_AlwaysUseDirectInvoke (sim.shell.editflags)
        lines += [rf"[{classes}\Fuzzle.Document]", f'"EditFlags"=dword:{flags:08x}', ""]
    if draw(st.booleans()):  # a COM class: what IE's legacy MIME handler looks for
        lines += [rf"[{classes}\Fuzzle.Document\CLSID]",
                  '@="{8E2B3C1A-6F4D-4B7E-9C21-5A3F0D7E4B19}"', ""]
    argument = draw(st.sampled_from(['\\"%1\\"', "%1", '/open \\"%1\\"']))
    lines += [rf"[{classes}\Fuzzle.Document\shell\open\command]",
              '@="\\"C:\\\\Program Files\\\\Fuzzle\\\\fuzzle.exe\\" ' + argument + '"', ""]
    urls = draw(st.sampled_from(["none", "supported_protocols", "use_url"]))
    if urls == "supported_protocols":
        lines += [rf"[{classes}\Applications\fuzzle.exe\SupportedProtocols]",
                  '"http"=""', '"https"=""', ""]
    elif urls == "use_url":
        lines += [rf"[{root}\Software\Microsoft\Windows\CurrentVersion\App Paths\fuzzle.exe]",
                  '@="C:\\\\Program Files\\\\Fuzzle\\\\fuzzle.exe"', '"UseUrl"=dword:00000001',
                  ""]
    return "\n".join(lines)


def handler_registrations(*, hive: str | None = None) -> st.SearchStrategy[str]:
    """``.reg`` text registering a ``.fuzzle`` handler (``application/x-fuzzle``,
    ProgID ``Fuzzle.Document``, ``C:\\Program Files\\Fuzzle\\fuzzle.exe``), with or
    without URL support, EditFlags and a CLSID, under HKCU or HKLM (``hive`` fixes one).

    Helps test the DirectInvoke decision (ie-directinvoke: a verb
    takes a URL only when it says so); pair it with a file at :data:`HANDLER_EXE`.
    """
    if hive not in (None, "HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE"):
        raise InvalidArgument("expected hive HKEY_CURRENT_USER or HKEY_LOCAL_MACHINE, "
                              f"found hive={hive!r}")
    return _handler(hive)
