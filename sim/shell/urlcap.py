"""Whether a verb takes a URL, or needs the shell to download a copy first.

Rules (:data:`URL_RULES`): a verb accepts a URL with scheme S when

- ``HKCR\\Applications\\<exe>\\SupportedProtocols`` lists S or ``*`` (as value
  names or as subkeys; IE's DirectInvoke page, "Register your app");
- ``HKCR\\CLSID\\<verb's DelegateExecute or DropTarget CLSID>\\SupportedProtocols``
  lists S or ``*`` (the same page);
- the exe's App Paths key (HKCU, then HKLM) has ``SupportedProtocols`` naming S in
  a ``scheme1:scheme2`` list (``file:`` implied), or ``UseUrl`` = 1, which on
  Windows 7+ means any http/https URL
  (https://learn.microsoft.com/windows/win32/shell/app-registration);
- or, on Windows 8 and later, the ProgID's EditFlags has FTA_AlwaysUseDirectInvoke,
  which "ensures that the verbs for the file type are invoked with a URL instead
  of a downloaded version of the file" (Lawrence, "Demystifying ClickOnce"; the
  flag's own doc says to use it "only if" the verb is registered through
  SupportedProtocols or UseUrl; that the flag alone suffices is inferred, rule
  ``shell.always_use_direct_invoke``: ClickOnce's Application.Manifest relies on
  the flag alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sim.core.rules import Rule, Step, rule_table
from sim.registry import Registry
from sim.shell.editflags import FTA_ALWAYS_USE_DIRECT_INVOKE

__all__ = ["APP_PATHS", "URL_RULES", "UrlSupport", "app_paths_key", "url_support"]

APP_PATHS: Final = r"Software\Microsoft\Windows\CurrentVersion\App Paths"

URL_RULES: Final = rule_table(
    [
        Rule(id="shell.supported_protocols_app", source=(
            'ie-directinvoke: section "Configure your application for DirectInvoke": '
            '"HKCR\\Applications\\<app.exe>\\SupportedProtocols"'),
             summary="HKCR\\Applications\\<exe>\\SupportedProtocols lists the URL's scheme"),
        Rule(id="shell.supported_protocols_clsid", source=(
            'ie-directinvoke: section "Configure your application for DirectInvoke": '
            '"HKCR\\CLSID\\<verb handler clsid>\\SupportedProtocols"'),
             summary="HKCR\\CLSID\\<verb handler>\\SupportedProtocols lists the URL's scheme"),
        Rule(id="shell.app_paths_supported_protocols", source=(
            "win32-app-registration: App Paths value SupportedProtocols"),
             summary="App Paths SupportedProtocols (scheme1:scheme2) lists the URL's scheme"),
        Rule(id="shell.app_paths_use_url", source='win32-app-registration: App Paths value UseUrl',
             summary="App Paths UseUrl=1: the app takes any http/https URL"),
        Rule(id="shell.always_use_direct_invoke",
             source=(
                 'win32-filetypeattributeflags: inferred from FTA_AlwaysUseDirectInvoke '
                 '"Ensures that the verbs for the file type are invoked with a URL" (its '
                 'documentation also asks for SupportedProtocols or UseUrl, but '
                 'Application.Manifest relies on the flag alone)'), inferred=True,
             summary="EditFlags FTA_AlwaysUseDirectInvoke (Windows 8+) alone: verbs get the "
             "URL (the flag's doc asks for SupportedProtocols or UseUrl as well; "
             "Application.Manifest relies on the flag alone)"),
        Rule(id="shell.url_not_supported", source=(
            'win32-app-registration: App Paths value UseUrl: without it the shell downloads '
            'the document to a local file for the handler'),
             summary="no URL registration: the shell downloads a local copy for the verb"),
    ]
)


@dataclass(frozen=True, slots=True)
class UrlSupport:
    """The answer: does the verb take this URL, and the step that decided."""

    accepted: bool
    step: Step


def app_paths_key(reg: Registry, exe: str) -> str | None:
    """Return the App Paths key of an exe name, HKCU's before HKLM's, or None."""
    for root in ("HKEY_CURRENT_USER", "HKEY_LOCAL_MACHINE"):
        key = rf"{root}\{APP_PATHS}\{exe}"
        if reg.has_key(key):
            return key
    return None


def _listed(reg: Registry, key: str, scheme: str) -> bool:
    if not reg.has_key(key):
        return False
    names = {v.name.lower() for v in reg.values(key) if v.name}
    names |= {k.lower() for k in reg.subkeys(key)}
    return "*" in names or scheme in names


def url_support(
    reg: Registry,
    *,
    exe: str,
    scheme: str,
    delegate_clsid: str | None,
    edit_flags: int,
    windows8_or_later: bool,
) -> UrlSupport:
    """Decide whether the verb whose program is ``exe`` accepts a ``scheme`` URL."""
    scheme = scheme.lower()
    if _listed(reg, rf"HKEY_CLASSES_ROOT\Applications\{exe}\SupportedProtocols", scheme):
        return UrlSupport(True, Step("shell.supported_protocols_app", f"{exe}: {scheme}"))
    if delegate_clsid and _listed(
        reg, rf"HKEY_CLASSES_ROOT\CLSID\{delegate_clsid}\SupportedProtocols", scheme
    ):
        return UrlSupport(True, Step("shell.supported_protocols_clsid",
                                     f"{delegate_clsid}: {scheme}"))
    app = app_paths_key(reg, exe)
    if app is not None:
        listed = reg.get_value(app, "SupportedProtocols")
        schemes = {s.strip().lower() for s in (listed.text or "").split(":")} if listed else set()
        if schemes - {""} and scheme in schemes | {"file"}:
            return UrlSupport(True, Step("shell.app_paths_supported_protocols", f"{exe}: {scheme}"))
        use_url = reg.get_value(app, "UseUrl")
        if use_url is not None and use_url.data in (1, "1") and scheme in ("http", "https"):
            return UrlSupport(True, Step("shell.app_paths_use_url", f"{exe}: UseUrl=1"))
    if windows8_or_later and edit_flags & FTA_ALWAYS_USE_DIRECT_INVOKE:
        return UrlSupport(True, Step("shell.always_use_direct_invoke",
                                     f"EditFlags 0x{edit_flags:08x}"))
    return UrlSupport(False, Step("shell.url_not_supported", f"{exe}: no {scheme} registration"))
