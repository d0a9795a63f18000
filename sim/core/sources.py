"""The sources browser rules and dialogs cite, named once (../shared/facts/browser-facts.md).

Each constant is a seed file name or a URL from the facts' source list; modules
cite them by name so one source is spelled one way everywhere.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BROWSER_FACTS",
    "EDGE_CO_DI",
    "EDGE_POLICIES",
    "EDGE_RELEASE_NOTES",
    "IE_DIRECT_INVOKE",
    "IE_DOWNLOAD",
    "OFFICE_URI_SCHEMES",
    "SEED_001",
    "SEED_002",
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
