"""The sources browser rules and dialogs cite, named once (../shared/facts/browser-facts.md).

Each constant is a seed file name or a URL from the facts' source list; modules
cite them by name so one source is spelled one way everywhere.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BOXSTARTER_REMIX",
    "BROWSER_FACTS",
    "CHROME_SUPPORT",
    "CHROMIUM_DOWNLOAD_TARGET",
    "CHROMIUM_EXTERNAL_PROTOCOL",
    "CHROMIUM_FILENAME",
    "CHROMIUM_FILENAME_TESTS",
    "CHROMIUM_ILLEGAL_CHARS",
    "CHROMIUM_MIME",
    "CHROMIUM_RESERVED",
    "EDGE_CO_DI",
    "EDGE_POLICIES",
    "EDGE_RELEASE_NOTES",
    "EDGE_SUPPORTED_OS",
    "FIREFOX_DOWNLOAD_PATHS",
    "FIREFOX_SUPPORT",
    "IE_DIRECT_INVOKE",
    "IE_DOWNLOAD",
    "IE_IMMERSIVE",
    "IE_LIFECYCLE",
    "LAWRENCE_CLICKONCE",
    "LAWRENCE_DIRECTINVOKE",
    "OFFICE_URI_SCHEMES",
    "RENDERED_XML",
    "SEED_001",
    "SEED_002",
    "WINDOWS_NAMING",
]

BROWSER_FACTS: Final = "../shared/facts/browser-facts.md"
SEED_001: Final = "001_51a2abd0d1cc96cd.txt"  # IE docs: Invoke applications directly
SEED_002: Final = "002_b813b8d41925a418.txt"  # blog posts: DirectInvoke, ClickOnce in Chromium
# S12, "Understand the ClickOnce and DirectInvoke features in Microsoft Edge"
EDGE_CO_DI: Final = "https://learn.microsoft.com/en-us/deployedge/edge-learn-more-co-di"
# S13, the Microsoft Edge policy reference
EDGE_POLICIES: Final = "https://learn.microsoft.com/en-us/deployedge/microsoft-edge-policies"
# S14, the Stable channel release notes archive (87.0.664.41, 93.0.961.38)
EDGE_RELEASE_NOTES: Final = (
    "https://learn.microsoft.com/en-us/deployedge/microsoft-edge-relnote-archive-stable-channel"
)
# S1, "Invoke applications directly in Internet Explorer"
IE_DIRECT_INVOKE: Final = (
    "https://learn.microsoft.com/en-us/previous-versions/windows/internet-explorer/"
    "ie-developer/dev-guides/jj215788(v=vs.85)"
)
# S2, "Customizing the download experience" (IE10)
IE_DOWNLOAD: Final = (
    "https://learn.microsoft.com/en-us/previous-versions/windows/internet-explorer/"
    "ie-developer/compatibility/jj542450(v=vs.85)"
)
# S15, Office URI schemes
OFFICE_URI_SCHEMES: Final = "https://learn.microsoft.com/office/client-developer/office-uri-schemes"

# Eric Lawrence, "Web-to-App Communication: DirectInvoke" (2019-09-25): attachment and
# the download attribute ("anywhere but IE"), DirectInvoke's precedence
LAWRENCE_DIRECTINVOKE: Final = (
    "https://textslashplain.com/2019/09/25/web-to-app-communication-directinvoke/"
)
# Eric Lawrence, "Demystifying ClickOnce" (2019-01-02): the PS on IE's MIME handler
LAWRENCE_CLICKONCE: Final = "https://textslashplain.com/2019/01/02/demystifying-clickonce/"
# Chromium's download file names (Windows), and the unit tests that pin them
_CR: Final = "https://github.com/chromium/chromium/blob/main/"
CHROMIUM_FILENAME: Final = _CR + "net/base/filename_util_internal.cc"
CHROMIUM_RESERVED: Final = _CR + "net/base/filename_util.cc"
CHROMIUM_ILLEGAL_CHARS: Final = _CR + "base/i18n/file_util_icu.cc"
CHROMIUM_MIME: Final = _CR + "net/base/mime_util.cc"
CHROMIUM_FILENAME_TESTS: Final = _CR + "net/base/filename_util_unittest.cc"
CHROMIUM_DOWNLOAD_TARGET: Final = _CR + "chrome/browser/download/download_target_determiner.cc"
CHROMIUM_EXTERNAL_PROTOCOL: Final = (
    _CR + "chrome/browser/ui/views/external_protocol_dialog.cc"
)
# Firefox's download names: DownloadPaths.sanitize
FIREFOX_DOWNLOAD_PATHS: Final = (
    "https://github.com/mozilla/gecko-dev/blob/master/toolkit/components/downloads/"
    "DownloadPaths.sys.mjs"
)
# Windows' file naming rules ("Naming Files, Paths, and Namespaces")
WINDOWS_NAMING: Final = "https://learn.microsoft.com/windows/win32/fileio/naming-a-file"
# The Windows Remix ClickOnce helper sees only URLs whose path ends in .application
BOXSTARTER_REMIX: Final = "https://github.com/chocolatey-community/boxstarter/issues/97"
# A .application served with the wrong MIME type renders as XML
RENDERED_XML: Final = "https://github.com/tradewright/ibapi-tools/issues/2"
# "Asynchronous Pluggable Protocol Overviews": IE in the new Windows UI (Windows 8)
IE_IMMERSIVE: Final = (
    "https://learn.microsoft.com/en-us/previous-versions/windows/internet-explorer/"
    "ie-developer/platform-apis/jj650247(v=vs.85)"
)
# Which browser versions run on which Windows
EDGE_SUPPORTED_OS: Final = "https://learn.microsoft.com/en-us/deployedge/microsoft-edge-supported-operating-systems"
CHROME_SUPPORT: Final = "https://support.google.com/chrome/answer/95346"
FIREFOX_SUPPORT: Final = (
    "https://support.mozilla.org/kb/firefox-users-windows-7-8-and-81-moving-extended-support"
)
IE_LIFECYCLE: Final = "https://learn.microsoft.com/en-us/lifecycle/faq/internet-explorer-microsoft-edge"
