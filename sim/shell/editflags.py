"""EditFlags: the FILETYPEATTRIBUTEFLAGS bits of a ProgID, and what browsers read from them.

Source: https://learn.microsoft.com/windows/win32/api/shlwapi/ne-shlwapi-filetypeattributeflags
(values confirmed against SDK-derived headers; vs-deployment-manifest
section 3, win32-filetypeattributeflags). EditFlags is a REG_DWORD
on the ProgID key; a REG_BINARY of 4 bytes is read little-endian, as the shell
reads it [inf: older types store EditFlags as binary].
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from sim.registry import RegType, RegValue

__all__ = [
    "FTA",
    "FTA_ALWAYS_UNSAFE",
    "FTA_ALWAYS_USE_DIRECT_INVOKE",
    "FTA_OPEN_IS_SAFE",
    "HIGH_RISK_EXTENSIONS",
    "decode_edit_flags",
    "edit_flags_value",
    "is_dangerous",
    "open_is_safe",
]

# name -> (bit, meaning), in bit order.
FTA: Final[Mapping[str, tuple[int, str]]] = MappingProxyType(
    {
        "FTA_Exclude": (0x00000001, "exclude the type"),
        "FTA_Show": (0x00000002, "show extension-less types (folders)"),
        "FTA_HasExtension": (0x00000004, "the type has a file name extension"),
        "FTA_NoEdit": (0x00000008, "registry entries for the type cannot be edited"),
        "FTA_NoRemove": (0x00000010, "entries cannot be deleted"),
        "FTA_NoNewVerb": (0x00000020, "no new verbs"),
        "FTA_NoEditVerb": (0x00000040, "canonical verbs cannot be modified or deleted"),
        "FTA_NoRemoveVerb": (0x00000080, "canonical verbs cannot be deleted"),
        "FTA_NoEditDesc": (0x00000100, "description locked"),
        "FTA_NoEditIcon": (0x00000200, "icon locked"),
        "FTA_NoEditDflt": (0x00000400, "default verb locked"),
        "FTA_NoEditVerbCmd": (0x00000800, "verb commands locked"),
        "FTA_NoEditVerbExe": (0x00001000, "verbs cannot be modified or deleted"),
        "FTA_NoDDE": (0x00002000, "DDE entries locked"),
        "FTA_NoEditMIME": (0x00008000, "content type and default extension locked"),
        "FTA_OpenIsSafe": (
            0x00010000,
            "the open verb is safe to invoke on downloaded files (safe types only)",
        ),
        "FTA_AlwaysUnsafe": (
            0x00020000,
            "never safe: FTA_OpenIsSafe is not respected, AssocIsDangerous is TRUE",
        ),
        "FTA_NoRecentDocs": (0x00100000, "not added to Recent documents or Jump Lists"),
        "FTA_SafeForElevation": (0x00200000, "Windows 8+: safe from low-trust callers"),
        "FTA_AlwaysUseDirectInvoke": (
            0x00400000,
            "Windows 8+: verbs are invoked with the URL instead of a downloaded copy",
        ),
    }
)

FTA_OPEN_IS_SAFE: Final = FTA["FTA_OpenIsSafe"][0]
FTA_ALWAYS_UNSAFE: Final = FTA["FTA_AlwaysUnsafe"][0]
FTA_ALWAYS_USE_DIRECT_INVOKE: Final = FTA["FTA_AlwaysUseDirectInvoke"][0]


def decode_edit_flags(flags: int) -> tuple[str, ...]:
    """Return the names of the FTA_* bits set in ``flags``, in bit order."""
    return tuple(name for name, (bit, _meaning) in FTA.items() if flags & bit)


def edit_flags_value(value: RegValue | None) -> int:
    """Return the EditFlags number of a registry value (0 when absent or unreadable)."""
    if value is None:
        return 0
    if value.type == RegType.REG_DWORD or (value.type == RegType.REG_BINARY and value.raw):
        return int.from_bytes(value.raw[:4].ljust(4, b"\x00"), "little")
    return 0


# The Attachment Manager's high-risk file types, which AssocIsDangerous treats as
# dangerous whatever their registration. Source: Microsoft KB 883260 ("Description
# of how the Attachment Manager works"); the exact list varies by Windows version
# [inf: the Windows XP SP2 list, as the KB prints it].
HIGH_RISK_EXTENSIONS: Final = frozenset(
    [
        ".ade",
        ".adp",
        ".app",
        ".asp",
        ".bas",
        ".bat",
        ".cer",
        ".chm",
        ".cmd",
        ".com",
        ".cpl",
        ".crt",
        ".csh",
        ".exe",
        ".fxp",
        ".hlp",
        ".hta",
        ".inf",
        ".ins",
        ".isp",
        ".its",
        ".js",
        ".jse",
        ".ksh",
        ".lnk",
        ".mad",
        ".maf",
        ".mag",
        ".mam",
        ".maq",
        ".mar",
        ".mas",
        ".mat",
        ".mau",
        ".mav",
        ".maw",
        ".mda",
        ".mdb",
        ".mde",
        ".mdt",
        ".mdw",
        ".mdz",
        ".msc",
        ".msi",
        ".msp",
        ".mst",
        ".ops",
        ".pcd",
        ".pif",
        ".prf",
        ".prg",
        ".pst",
        ".reg",
        ".scf",
        ".scr",
        ".sct",
        ".shb",
        ".shs",
        ".tmp",
        ".url",
        ".vb",
        ".vbe",
        ".vbs",
        ".vsmacros",
        ".vss",
        ".vst",
        ".vsw",
        ".ws",
        ".wsc",
        ".wsf",
        ".wsh",
    ]
)


def is_dangerous(extension: str, edit_flags: int) -> bool:
    """AssocIsDangerous: a high-risk extension, or a type marked FTA_AlwaysUnsafe.

    https://learn.microsoft.com/windows/win32/api/shlwapi/nf-shlwapi-associsdangerous ;
    FTA_AlwaysUnsafe makes it TRUE (lawrence-clickonce).
    """
    return extension.lower() in HIGH_RISK_EXTENSIONS or bool(edit_flags & FTA_ALWAYS_UNSAFE)


def open_is_safe(extension: str, edit_flags: int) -> bool:
    """FTA_OpenIsSafe counts only for a type that is not dangerous (the flag's doc)."""
    return bool(edit_flags & FTA_OPEN_IS_SAFE) and not is_dangerous(extension, edit_flags)
