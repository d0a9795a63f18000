"""Every registry location the models read: one table, with what reads it and why.

Rule: a model reads the registry only at a location listed in :data:`LOCATIONS`
(``tests/test_locations.py`` runs the gallery on a recording registry and fails on
any other read). Each row names the keys (``<name>`` stands for one key name, a
final ``\\...`` for the key and any key below it), the model that reads them, what
they decide, the public source, and the keys ``invokesim capture-script`` exports
(``reg export``) so a real machine's values can be replayed in ``[machine]
reg_files`` (``docs/what-would-happen.md``). ``docs/generated/registry-locations.md``
is generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["LOCATIONS", "Location", "capture_roots", "find_location"]

_HKLM_CLASSES: Final = r"HKEY_LOCAL_MACHINE\SOFTWARE\Classes"
_HKCU_CLASSES: Final = r"HKEY_CURRENT_USER\Software\Classes"
_CLASSES: Final = (_HKLM_CLASSES, _HKCU_CLASSES)
_MERGED: Final = "https://learn.microsoft.com/windows/win32/sysinfo/merged-view-of-hkey-classes-root"
_IS: Final = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings"
_POLICY_IS: Final = r"SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings"
_ZONES_DOC: Final = ("https://learn.microsoft.com/troubleshoot/developer/browsers/"
                     "security-privacy/ie-security-zones-registry-entries")
_EDGE_DOC: Final = "https://learn.microsoft.com/deployedge/microsoft-edge-policies"
_STORES_DOC: Final = ("https://learn.microsoft.com/windows/win32/seccrypto/"
                      "system-store-locations")
_TRUST_DOC: Final = ("https://learn.microsoft.com/visualstudio/deployment/"
                     "how-to-configure-the-clickonce-trust-prompt-behavior")


@dataclass(frozen=True, slots=True)
class Location:
    """One registry location the models read."""

    pattern: str
    reader: str  # the module that reads it
    decides: str
    source: str
    capture: tuple[str, ...]  # the keys `reg export` saves for it


def _trusted_publisher(root: str, store: str) -> Location:
    key = rf"{root}\TrustedPublisher" if root.endswith("EnterpriseCertificates") else (
        rf"{root}\SystemCertificates\TrustedPublisher")
    return Location(rf"{key}\...", "sim.world.certstore",
                    f"certificates of the Trusted Publishers store ({store})", _STORES_DOC,
                    (key,))


LOCATIONS: Final[tuple[Location, ...]] = (
    Location(r"HKEY_CLASSES_ROOT\<class>", "sim.shell.assoc, sim.shell.execute",
             "an extension's ProgID and Content Type; a ProgID's EditFlags; a scheme's "
             "URL Protocol", _MERGED, _CLASSES),
    Location(r"HKEY_CLASSES_ROOT\<.ext>\OpenWithProgids", "sim.shell.assoc",
             "other ProgIDs that open the extension",
             "https://learn.microsoft.com/windows/win32/shell/fa-progids", _CLASSES),
    Location(r"HKEY_CLASSES_ROOT\<class>\shell\...", "sim.shell.assoc, sim.models.browsers",
             "verbs, their command lines, DelegateExecute and DropTarget handlers",
             "https://learn.microsoft.com/windows/win32/shell/fa-verbs", _CLASSES),
    Location(r"HKEY_CLASSES_ROOT\<ProgID>\CLSID", "sim.models.browsers.trident",
             "the ProgID's COM class: IE's legacy MIME handler",
             "https://learn.microsoft.com/windows/win32/com/-progid--key", _CLASSES),
    Location(r"HKEY_CLASSES_ROOT\MIME\Database\Content Type\<type>", "sim.shell.assoc",
             "the extension a MIME type maps to",
             "https://learn.microsoft.com/windows/win32/com/mime-type", _CLASSES),
    Location(r"HKEY_CLASSES_ROOT\Applications\<exe>", "sim.models.browsers.protocol",
             "the program name the external-protocol prompt shows (FriendlyAppName)",
             "https://learn.microsoft.com/windows/win32/shell/app-registration", _CLASSES),
    Location(r"HKEY_CLASSES_ROOT\Applications\<exe>\SupportedProtocols", "sim.shell.urlcap",
             "whether a program takes URLs of a scheme",
             "https://learn.microsoft.com/windows/win32/shell/app-registration", _CLASSES),
    Location(r"HKEY_CLASSES_ROOT\CLSID\<clsid>\SupportedProtocols", "sim.shell.urlcap",
             "whether a verb's COM handler takes URLs of a scheme",
             "https://learn.microsoft.com/windows/win32/shell/app-registration", _CLASSES),
    Location(r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Explorer\FileExts"
             r"\...", "sim.shell.assoc", "the user's choice of program (UserChoice ProgId)",
             "https://learn.microsoft.com/windows/win32/shell/default-programs",
             (r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Explorer\FileExts",)),
    Location(r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\App Paths\...",
             "sim.shell.execute, sim.shell.urlcap", "where a program name lives; its "
             "SupportedProtocols",
             "https://learn.microsoft.com/windows/win32/shell/app-registration",
             (r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\App Paths",)),
    Location(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\...",
             "sim.shell.execute, sim.shell.urlcap", "where a program name lives; its "
             "SupportedProtocols",
             "https://learn.microsoft.com/windows/win32/shell/app-registration",
             (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths",)),
    Location(r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge\...",
             "sim.models.browsers.edge_policies", "Edge policies, machine scope (mandatory; "
             "Recommended)", _EDGE_DOC, (r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Edge",)),
    Location(r"HKEY_CURRENT_USER\SOFTWARE\Policies\Microsoft\Edge\...",
             "sim.models.browsers.edge_policies", "Edge policies, user scope (mandatory; "
             "Recommended)", _EDGE_DOC, (r"HKEY_CURRENT_USER\SOFTWARE\Policies\Microsoft\Edge",)),
    Location(rf"HKEY_LOCAL_MACHINE\{_POLICY_IS}\...", "sim.world.zonemap, sim.world.intranet",
             "Group Policy: Site to Zone Assignment List (ZoneMapKey), Security_HKLM_only, "
             "intranet settings", _ZONES_DOC, (rf"HKEY_LOCAL_MACHINE\{_POLICY_IS}",)),
    Location(rf"HKEY_CURRENT_USER\{_POLICY_IS}\...", "sim.world.zonemap, sim.world.intranet",
             "Group Policy (user): Site to Zone Assignment List, intranet settings",
             _ZONES_DOC, (rf"HKEY_CURRENT_USER\{_POLICY_IS}",)),
    Location(rf"HKEY_CURRENT_USER\{_IS}\ZoneMap\...", "sim.world.zonemap, sim.world.intranet",
             "the user's site-to-zone mappings (Domains, Ranges) and intranet detection "
             "(AutoDetect, IntranetName, UNCAsIntranet)", _ZONES_DOC,
             (rf"HKEY_CURRENT_USER\{_IS}\ZoneMap",)),
    Location(rf"HKEY_LOCAL_MACHINE\{_IS}\ZoneMap\...", "sim.world.zonemap, sim.world.intranet",
             "the machine's site-to-zone mappings and intranet detection", _ZONES_DOC,
             (rf"HKEY_LOCAL_MACHINE\{_IS}\ZoneMap",)),
    _trusted_publisher(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft", "local machine"),
    _trusted_publisher(r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft", "group policy"),
    _trusted_publisher(r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\EnterpriseCertificates",
                       "enterprise"),
    _trusted_publisher(r"HKEY_CURRENT_USER\Software\Microsoft", "current user"),
    _trusted_publisher(r"HKEY_CURRENT_USER\Software\Policies\Microsoft",
                       "current user group policy"),
    Location(r"HKEY_LOCAL_MACHINE\SOFTWARE\MICROSOFT\.NETFramework\Security\TrustManager"
             r"\PromptingLevel", "sim.models.clickonce.trust",
             "ClickOnce's trust prompt per zone (Enabled, AuthenticodeRequired, Disabled)",
             _TRUST_DOC,
             (r"HKEY_LOCAL_MACHINE\SOFTWARE\MICROSOFT\.NETFramework\Security\TrustManager",)),
)


def _split(path: str) -> list[str]:
    return [p for p in path.upper().split("\\") if p]


def _matches(pattern: str, path: str) -> bool:
    want, have = _split(pattern), _split(path)
    for index, part in enumerate(want):
        if part == "...":
            return True
        if index >= len(have):
            return False
        if not (part.startswith("<") and part.endswith(">")) and part != have[index]:
            return False
    return len(want) == len(have)


def find_location(path: str) -> Location | None:
    """The row of :data:`LOCATIONS` that covers the key ``path`` (full root name), or None."""
    return next((loc for loc in LOCATIONS if _matches(loc.pattern, path)), None)


def capture_roots() -> list[str]:
    """The keys the capture script exports, each once, in table order."""
    seen: list[str] = []
    for loc in LOCATIONS:
        for key in loc.capture:
            if key.upper() not in (s.upper() for s in seen):
                seen.append(key)
    return seen
