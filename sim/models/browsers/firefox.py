"""Firefox: no ClickOnce or DirectInvoke; render or download, then open by path.

Rule: Firefox downloads a ``.application`` (and any type it does not render) and the
user opens the file from its downloads (lawrence-clickonce); the .NET
Framework Assistant add-on that once launched ClickOnce is discontinued
(vs-clickonce-server-config).
"""

from __future__ import annotations

from typing import Final

from sim.core.rules import Rule, rule_table
from sim.models.browsers.common import Plan, Response, Session
from sim.models.browsers.download import render_or_download

__all__ = ["FIREFOX_RULES", "decide_firefox"]

FIREFOX_RULES: Final = rule_table(
    [
        Rule(id="firefox.no_native_support", source=(
            'lawrence-clickonce: "Chrome and Firefox can successfully install and launch '
            "ClickOnce's .application files if the .application file specifies a "
            'deploymentProvider"'),
             summary="Firefox downloads; the user opens the file by path"),
    ]
)


def decide_firefox(session: Session, response: Response) -> Plan:
    """Render or download (the Rule)."""
    return render_or_download(session, response, "firefox", "firefox.no_native_support")
