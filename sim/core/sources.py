"""The one table of sources: every rule, dialog, preset and scenario cites a row of it.

Each :class:`Source` has a stable id, the title a reader sees and a public URL (a
project page under ``docs/`` for the project's own conventions). Rules and dialogs
cite sources by id plus a section or a quote (:mod:`sim.core.citations`); the
renderers print the title and the URL. One source is spelled one way everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["SOURCES", "Source"]


@dataclass(frozen=True, slots=True)
class Source:
    """A public document a rule can cite: its id, its title and where to read it."""

    id: str
    title: str
    url: str


_LEARN: Final = "https://learn.microsoft.com/en-us/"
_VS: Final = _LEARN + "visualstudio/deployment/"
_IE: Final = _LEARN + "previous-versions/windows/internet-explorer/ie-developer/"
_CR: Final = "https://source.chromium.org/chromium/chromium/src/+/main:"
_GH: Final = "https://github.com/"

_TABLE: Final = (
    # Microsoft Edge
    Source("edge-co-di", "Microsoft Edge docs: Understand the ClickOnce and DirectInvoke "
           "features in Microsoft Edge", _LEARN + "deployedge/edge-learn-more-co-di"),
    Source("edge-policies", "Microsoft Edge docs: Microsoft Edge browser policy documentation",
           _LEARN + "deployedge/microsoft-edge-policies"),
    Source("edge-relnotes", "Microsoft Edge docs: Archived release notes for Microsoft Edge "
           "Stable Channel", _LEARN + "deployedge/microsoft-edge-relnote-archive-stable-channel"),
    Source("edge-enterprise-418", "MicrosoftDocs/Edge-Enterprise#418: Clarify ClickOnce "
           "policy behavior", _GH + "MicrosoftDocs/Edge-Enterprise/issues/418"),
    Source("chromium-auto-open-policy", "Chromium source: "
           "download_auto_open_policy_handler.cc", _CR + "chrome/browser/download/"
           "download_auto_open_policy_handler.cc"),
    # Internet Explorer
    Source("ie-directinvoke", "Internet Explorer docs: Invoke applications directly in "
           "Internet Explorer", _IE + "dev-guides/jj215788(v=vs.85)"),
    Source("ie-download", "Internet Explorer docs: Customizing the download experience",
           _IE + "compatibility/jj542450(v=vs.85)"),
    Source("ie-zones", "Internet Explorer security zones registry entries for advanced users",
           _LEARN + "previous-versions/troubleshoot/browsers/security-privacy/"
           "ie-security-zones-registry-entry"),
    Source("ie-maputltozone", "Internet Explorer docs: IInternetSecurityManager::MapUrlToZone",
           _IE + "platform-apis/ms537133(v=vs.85)"),
    Source("ms-fscc-zone-identifier", "[MS-FSCC] 5.6.1 Zone.Identifier Stream Name",
           _LEARN + "openspecs/windows_protocols/ms-fscc/6e3f7352-d11c-4d76-8c39-2516a9df36e8"),
    # Eric Lawrence's posts (text/plain)
    Source("lawrence-directinvoke", "Eric Lawrence: Web-to-App Communication: DirectInvoke",
           "https://textslashplain.com/2019/09/25/web-to-app-communication-directinvoke/"),
    Source("lawrence-clickonce", "Eric Lawrence: Demystifying ClickOnce",
           "https://textslashplain.com/2019/01/02/demystifying-clickonce/"),
    Source("lawrence-authenticode", "Eric Lawrence: Authenticode and ClickOnce",
           "https://textslashplain.com/2015/04/08/authenticode-and-clickonce/"),
    # Chromium, Firefox, standards
    Source("chromium-filename-util", "Chromium source: net/base/filename_util.cc",
           _CR + "net/base/filename_util.cc"),
    Source("chromium-external-protocol-dialog", "Chromium source: "
           "chrome/browser/ui/views/external_protocol_dialog.cc",
           _CR + "chrome/browser/ui/views/external_protocol_dialog.cc"),
    Source("chromium-generated-resources", "Chromium source: chrome/app/generated_resources.grd",
           _CR + "chrome/app/generated_resources.grd"),
    Source("chromium-download-file-types", "Chromium source: download_file_types.asciipb",
           _CR + "components/safe_browsing/content/resources/download_file_types.asciipb"),
    Source("rfc6266", "RFC 6266: Use of the Content-Disposition Header Field in HTTP",
           "https://www.rfc-editor.org/rfc/rfc6266"),
    Source("firefox-userchoice", "Firefox source: browser/components/shell/WindowsUserChoice.h",
           "https://searchfox.org/mozilla-central/source/browser/components/shell/"
           "WindowsUserChoice.h"),
    Source("vs-clickonce-server-config", "Visual Studio docs: Server and client configuration "
           "issues in ClickOnce deployments",
           _VS + "server-and-client-configuration-issues-in-clickonce-deployments"),
    Source("boxstarter-97", "chocolatey-community/boxstarter#97: New ClickOnce extension "
           "for Chrome", _GH + "chocolatey-community/boxstarter/issues/97"),
    Source("ibapi-tools-2", "tradewright/ibapi-tools#2 (a .application shown as XML)",
           _GH + "tradewright/ibapi-tools/issues/2"),
    Source("sharepoint-downloads", "Microsoft support: A SharePoint file is downloaded instead "
           "of opening the Office application", _LEARN + "sharepoint/troubleshoot/"
           "lists-and-libraries/files-downloaded-instead-of-opening-office-application"),
    Source("urielberdeja-clickonce", "ClickOnce Technical Details (blog.urielberdeja.com)",
           "https://blog.urielberdeja.com/windows/clickonce-technical-details"),
    # Windows shell and registry
    Source("win32-app-registration", "Windows docs: Application Registration",
           _LEARN + "windows/win32/shell/app-registration"),
    Source("win32-fa-verbs", "Windows docs: Verbs and File Associations",
           _LEARN + "windows/win32/shell/fa-verbs"),
    Source("win32-verbs-legacy", "Windows docs (archive): Verbs and File Associations",
           _LEARN + "previous-versions/bb776883(v=vs.85)"),
    Source("win32-fa-file-types", "Windows docs: File Types",
           _LEARN + "windows/win32/shell/fa-file-types"),
    Source("win32-default-programs", "Windows docs: Default Programs",
           _LEARN + "windows/win32/shell/default-programs"),
    Source("win32-open-with", "Windows docs: How to Include an Application in the Open With "
           "Dialog Box", _LEARN + "windows/win32/shell/"
           "how-to-include-an-application-on-the-open-with-dialog-box"),
    Source("win32-shellexecute", "Windows docs: ShellExecuteA function (shellapi.h)",
           _LEARN + "windows/win32/api/shellapi/nf-shellapi-shellexecutea"),
    Source("win32-commandlinetoargvw", "Windows docs: CommandLineToArgvW function (shellapi.h)",
           _LEARN + "windows/win32/api/shellapi/nf-shellapi-commandlinetoargvw"),
    Source("win32-filetypeattributeflags", "Windows docs: FILETYPEATTRIBUTEFLAGS enumeration "
           "(shlwapi.h)", _LEARN + "windows/win32/api/shlwapi/ne-shlwapi-filetypeattributeflags"),
    Source("win32-hkcr", "Windows docs: Merged View of HKEY_CLASSES_ROOT",
           _LEARN + "windows/win32/sysinfo/merged-view-of-hkey-classes-root"),
    Source("win-rundll32", "Windows commands: rundll32",
           _LEARN + "windows-server/administration/windows-commands/rundll32"),
    Source("win-cmd", "Windows commands: cmd",
           _LEARN + "windows-server/administration/windows-commands/cmd"),
    Source("wine-shlexec", "Wine source: dlls/shell32/shlexec.c (ShellExecute)",
           _GH + "wine-mirror/wine/blob/master/dlls/shell32/shlexec.c"),
    Source("wine-shlexec-tests", "Wine tests: dlls/shell32/tests/shlexec.c (Windows behaviour "
           "the tests pin down)",
           _GH + "wine-mirror/wine/blob/master/dlls/shell32/tests/shlexec.c"),
    # Office
    Source("office-uri-schemes", "Office docs: Office URI Schemes",
           _LEARN + "office/client-developer/office-uri-schemes"),
    Source("kb-2019105", "Microsoft support: Authentication requests when you open Office "
           "documents", "https://support.microsoft.com/en-us/help/2019105"),
    Source("kb-932118", "Microsoft support: Persistent cookies are not shared between Internet "
           "Explorer and Office applications", "http://support.microsoft.com/kb/932118"),
    Source("dotnet-tls", ".NET docs: Transport Layer Security (TLS) best practices with the "
           ".NET Framework", _LEARN + "dotnet/framework/network-programming/tls"),
    Source("kb-q129157", "Microsoft KB Q129157: XL: Cannot Find 'Filename' Saving, Opening, "
           "or Linking to File", "https://techshelps.github.io/MSDN/KB/Source/excel/q129157.htm"),
    # ClickOnce (Visual Studio docs) and dfshim
    Source("vs-deployment-manifest", "Visual Studio docs: ClickOnce deployment manifest",
           _VS + "clickonce-deployment-manifest"),
    Source("vs-application-manifest", "Visual Studio docs: ClickOnce application manifest",
           _VS + "clickonce-application-manifest"),
    Source("vs-deployment-element", "Visual Studio docs: <deployment> element (ClickOnce "
           "deployment)", _VS + "deployment-element-clickonce-deployment"),
    Source("vs-dependency-element", "Visual Studio docs: <dependency> element (ClickOnce "
           "deployment)", _VS + "dependency-element-clickonce-deployment"),
    Source("vs-description-element", "Visual Studio docs: <description> element (ClickOnce "
           "deployment)", _VS + "description-element-clickonce-deployment"),
    Source("vs-compatibleframeworks-element", "Visual Studio docs: <compatibleFrameworks> "
           "element (ClickOnce deployment)",
           _VS + "compatibleframeworks-element-clickonce-deployment"),
    Source("vs-clickonce-errors", "Visual Studio docs: Troubleshoot specific errors in ClickOnce "
           "deployments", _VS + "troubleshooting-specific-errors-in-clickonce-deployments"),
    Source("vs-trust-prompt", "Visual Studio docs: Configure the ClickOnce trust prompt "
           "behavior", _VS + "how-to-configure-the-clickonce-trust-prompt-behavior"),
    Source("vs-clickonce-cache", "Visual Studio docs: ClickOnce cache overview",
           _VS + "clickonce-cache-overview"),
    Source("vs-resign-manifests", "Visual Studio docs: Re-sign application and deployment "
           "manifests", _VS + "how-to-re-sign-application-and-deployment-manifests"),
    Source("noyes-trusted-publishers", "Brian Noyes: Configuring ClickOnce Trusted Publishers",
           _LEARN + "previous-versions/dotnet/articles/ms996418(v=msdn.10)"),
    Source("kb-2647493", "Microsoft support: ClickOnce installation errors with message "
           "\"Application cannot be started. Contact the application vendor.\"",
           "https://support.microsoft.com/en-us/help/2647493"),
    Source("flylib-clickonce-signing", "ClickOnce book excerpt: 3.1 Signing (flylib.com)",
           "https://flylib.com/books/en/2.617.1.26/1"),
    Source("lolbas-dfsvc", "LOLBAS project: Dfsvc.exe",
           _GH + "LOLBAS-Project/LOLBAS/blob/master/yml/OSBinaries/Dfsvc.yml"),
    Source("lolbas-dfshim", "LOLBAS project: Dfshim.dll",
           _GH + "LOLBAS-Project/LOLBAS/blob/master/yml/OSLibraries/Dfshim.yml"),
    Source("stackoverflow-33003209", "Stack Overflow question 33003209: launching an "
           ".appref-ms with ShOpenVerbShortcut", "https://stackoverflow.com/questions/33003209"),
    Source("devbox-31", "microsoft/windows-dev-box-setup-scripts#31 (a ClickOnce log: "
           "zones do not match)", _GH + "microsoft/windows-dev-box-setup-scripts/issues/31"),
    Source("keyvault-explorer-19", "microsoft/AzureKeyVaultExplorer#19 (a ClickOnce log: "
           "deployment provider identity)", _GH + "microsoft/AzureKeyVaultExplorer/issues/19"),
    Source("confuserex-337", "yck1509/ConfuserEx#337 (a ClickOnce log: identities, "
           "download errors)", _GH + "yck1509/ConfuserEx/issues/337"),
    Source("nuget-explorer-157", "NuGetPackageExplorer/NuGetPackageExplorer#157 (a ClickOnce "
           "log: unsigned manifest, provider)",
           _GH + "NuGetPackageExplorer/NuGetPackageExplorer/issues/157"),
    Source("msbuild-manifestutil", "MSBuild source: src/Tasks/ManifestUtil/Util.cs (manifest "
           "digests)", _GH + "dotnet/msbuild/blob/main/src/Tasks/ManifestUtil/Util.cs"),
    Source("filext-appref-ms", "FILExt: APPREF-MS file extension",
           "https://filext.com/file-extension/APPREF-MS"),
    # The project's own conventions (shipped docs)
    Source("invokesim-scenarios", "invokesim docs: The scenario format", "docs/scenarios.md"),
    Source("invokesim-cli", "invokesim docs: The command line", "docs/cli.md"),
    # Download names, shipped versions (browser and shell fidelity)
    Source("chromium-filename-util-internal", "Chromium source: "
           "net/base/filename_util_internal.cc (GenerateFileName)",
           _CR + "net/base/filename_util_internal.cc"),
    Source("chromium-file-util-icu", "Chromium source: base/i18n/file_util_icu.cc "
           "(ReplaceIllegalCharactersInPath)", _CR + "base/i18n/file_util_icu.cc"),
    Source("chromium-mime-util", "Chromium source: net/base/mime_util.cc",
           _CR + "net/base/mime_util.cc"),
    Source("chromium-filename-util-unittest", "Chromium source: "
           "net/base/filename_util_unittest.cc", _CR + "net/base/filename_util_unittest.cc"),
    Source("chromium-download-target-determiner", "Chromium source: "
           "chrome/browser/download/download_target_determiner.cc",
           _CR + "chrome/browser/download/download_target_determiner.cc"),
    Source("firefox-download-paths", "Firefox source: toolkit/components/downloads/"
           "DownloadPaths.sys.mjs (sanitize)", "https://searchfox.org/mozilla-central/source/"
           "toolkit/components/downloads/DownloadPaths.sys.mjs"),
    Source("win32-naming-files", "Windows docs: Naming Files, Paths, and Namespaces",
           _LEARN + "windows/win32/fileio/naming-a-file"),
    Source("ie-app-protocols-immersive", "Internet Explorer docs: Asynchronous Pluggable "
           "Protocols (Internet Explorer in the new Windows UI)",
           _IE + "platform-apis/jj650247(v=vs.85)"),
    Source("edge-supported-os", "Microsoft Edge docs: Microsoft Edge supported Operating "
           "Systems", _LEARN + "deployedge/microsoft-edge-supported-operating-systems"),
    Source("chrome-support-windows-7", "Google Chrome Help: Chrome browser system "
           "requirements (Windows 7, 8, 8.1 supported up to Chrome 109)",
           "https://support.google.com/chrome/answer/95346"),
    Source("firefox-esr-windows-7", "Mozilla support: Firefox users on Windows 7, 8 and 8.1 "
           "moving to Extended Support Release", "https://support.mozilla.org/kb/"
           "firefox-users-windows-7-8-and-81-moving-extended-support"),
    # Security zones, policies and certificate stores read from the registry
    Source("wine-sec-mgr", "Wine source: dlls/urlmon/sec_mgr.c (MapUrlToZone)",
           "https://gitlab.winehq.org/wine/wine/-/blob/master/dlls/urlmon/sec_mgr.c"),
    Source("ieinternals-intranet-zone", "IEInternals: The Intranet Zone",
           _LEARN + "archive/blogs/ieinternals/the-intranet-zone"),
    Source("chromium-policy-loader-win", "Chromium source: components/policy/core/common/"
           "policy_loader_win.cc", _CR + "components/policy/core/common/policy_loader_win.cc"),
    Source("chromium-policy-map", "Chromium source: components/policy/core/common/"
           "policy_map.cc", _CR + "components/policy/core/common/policy_map.cc"),
    Source("chromium-registry-dict", "Chromium source: components/policy/core/common/"
           "registry_dict.cc", _CR + "components/policy/core/common/registry_dict.cc"),
    Source("win32-system-store-locations", "Windows docs: System Store Locations",
           _LEARN + "windows/win32/seccrypto/system-store-locations"),
    Source("wine-crypt32-regstore", "Wine source: dlls/crypt32/regstore.c",
           "https://gitlab.winehq.org/wine/wine/-/blob/master/dlls/crypt32/regstore.c"),
    Source("chromium-net-error-list", "Chromium source: net/base/net_error_list.h",
           _CR + "net/base/net_error_list.h"),
    Source("ie-lifecycle", "Microsoft Lifecycle FAQ: Internet Explorer and Microsoft Edge",
           _LEARN + "lifecycle/faq/internet-explorer-microsoft-edge"),
)

SOURCES: Final[Mapping[str, Source]] = MappingProxyType({s.id: s for s in _TABLE})
