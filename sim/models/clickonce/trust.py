"""ClickOnce's trust decision: Trusted Publishers, then the zone's TrustManager PromptingLevel.

Rule (:data:`TRUST_DOC`): a valid signature by a publisher in the Trusted Publishers
store (read from the registry, :mod:`sim.world.certstore`) is trusted without a prompt.
Otherwise the zone's PromptingLevel (``HKLM\\SOFTWARE\\MICROSOFT\\.NETFramework\\Security
\\TrustManager\\PromptingLevel``; defaults Enabled, UntrustedSites Disabled) decides:
Enabled prompts ("Application Install - Security Warning", Install / Don't Install);
AuthenticodeRequired prompts only for a validly signed manifest; Disabled, and
AuthenticodeRequired unsigned, block without asking.
"""

from __future__ import annotations

from typing import Final

from sim.models.clickonce.manifest import DeploymentManifest
from sim.models.context import HandlerContext
from sim.world.certstore import read_trusted_publishers
from sim.world.zones import Zone

__all__ = ["PROMPTING_LEVEL_KEY", "TRUST_DOC", "decide_trust", "prompting_level"]

TRUST_DOC: Final = ("https://learn.microsoft.com/visualstudio/deployment/"
                    "how-to-configure-the-clickonce-trust-prompt-behavior")
PROMPTING_LEVEL_KEY: Final = (r"HKEY_LOCAL_MACHINE\SOFTWARE\MICROSOFT\.NETFramework\Security"
                              r"\TrustManager\PromptingLevel")
_DEFAULT_LEVELS: Final = {"MyComputer": "Enabled", "LocalIntranet": "Enabled",
                          "TrustedSites": "Enabled", "Internet": "Enabled",
                          "UntrustedSites": "Disabled"}


def prompting_level(ctx: HandlerContext, zone: Zone) -> str:
    """The zone's PromptingLevel from the registry, else the documented default."""
    name = zone.trust_manager_name
    reg = ctx.machine.registry
    value = reg.get_value(PROMPTING_LEVEL_KEY, name) if reg is not None else None
    text = value.text if value is not None and value.text else None
    return text if text in ("Enabled", "AuthenticodeRequired", "Disabled") else (
        _DEFAULT_LEVELS[name])


def decide_trust(ctx: HandlerContext, manifest: DeploymentManifest, zone: Zone,
                 host: str) -> str:
    """The Rule: ``granted``, ``refused`` (Don't Install) or ``blocked``."""
    signature = manifest.signature
    trusted = read_trusted_publishers(ctx.machine.registry)  # the store, from the registry
    ctx.steps.extend(trusted.steps)
    if signature.state == "signed" and trusted.trusts(subject=signature.publisher):
        ctx.note("dfshim.trust", f"{signature.publisher} is a trusted publisher: no prompt")
        return "granted"
    level = prompting_level(ctx, zone)
    if level == "Disabled" or (level == "AuthenticodeRequired" and signature.state != "signed"):
        ctx.note("dfshim.trust", f"{zone.trust_manager_name} PromptingLevel={level}: "
                     "blocked")
        return "blocked"
    ctx.note("dfshim.trust", f"{zone.trust_manager_name} PromptingLevel={level}: prompt")
    lead = ("Publisher cannot be verified. " if signature.state != "signed" else "")
    answer = ctx.ask("dfshim.security_warning", lead=lead,
                         name=manifest.product or (manifest.identity.name
                                                   if manifest.identity else ""),
                         host=host, publisher=signature.shown_publisher)
    return "granted" if answer == "install" else "refused"
