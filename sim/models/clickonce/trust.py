"""ClickOnce's trust decision: Trusted Publishers, then the zone's TrustManager PromptingLevel.

Rules:
1. Trusted Application Deployment: the trust manager compares "the certificate used to
   sign the deployment with the certificates stored in the client's trusted publisher
   store"; a match installs without a prompt
   (https://learn.microsoft.com/visualstudio/deployment/trusted-application-deployment-overview,
   "Publish the Application"). The store is read from the registry
   (:mod:`sim.world.certstore`); a certificate matches the deployment's valid signature
   by its SHA-1 thumbprint or its subject (compared as a distinguished name).
2. Otherwise the zone's PromptingLevel (``HKLM\\SOFTWARE\\MICROSOFT\\.NETFramework\\
   Security\\TrustManager\\PromptingLevel``; defaults Enabled, UntrustedSites Disabled)
   decides (:data:`TRUST_DOC`): Enabled prompts ("Application Install - Security
   Warning", Install / Don't Install); AuthenticodeRequired prompts only for a manifest
   signed with a known-identity certificate; Disabled, and AuthenticodeRequired without
   one, block without asking.
3. A self-signed ("test") certificate identifies its publisher as "Unknown Publisher"
   (https://learn.microsoft.com/visualstudio/deployment/clickonce-and-authenticode, "How
   using certificate authorities helps users"): it is not a known identity for Rule 2.
Modelling decisions, for what cannot be checked offline: a certificate issued by another
certificate is taken to chain to a root the machine trusts, and to be neither revoked nor
expired (its timestamp is not checked) [inf: a scenario has no network]. A self-signed
certificate in the Trusted Publishers store stands for the documented practice of adding
it to Trusted Root Certification Authorities too (Brian Noyes, "Configuring ClickOnce
Trusted Publishers",
https://learn.microsoft.com/previous-versions/dotnet/articles/ms996418(v=msdn.10)).
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
    """Rules 1-3: ``granted``, ``refused`` (Don't Install) or ``blocked``."""
    signature = manifest.signature
    trusted = read_trusted_publishers(ctx.machine.registry)  # the store, from the registry
    ctx.record.add(*trusted.steps)
    publisher = signature.publisher
    if signature.state == "signed" and publisher is not None and trusted.trusts(
            subject=publisher.subject, thumbprint=publisher.thumbprint):
        ctx.note("dfshim.trust", f"{publisher.subject} (thumbprint {publisher.thumbprint}) "
                 "is a trusted publisher: no prompt")
        return "granted"
    known = signature.state == "signed" and signature.publisher is not None and (
        not signature.publisher.self_signed)
    level = prompting_level(ctx, zone)
    if level == "Disabled" or (level == "AuthenticodeRequired" and not known):
        ctx.note("dfshim.trust", f"{zone.trust_manager_name} PromptingLevel={level}: "
                 "blocked" + ("" if known else " (no known-identity certificate)"))
        return "blocked"
    ctx.note("dfshim.trust", f"{zone.trust_manager_name} PromptingLevel={level}: prompt")
    lead = "" if known else "Publisher cannot be verified. "
    answer = ctx.ask("dfshim.security_warning", lead=lead,
                     name=manifest.product or (manifest.identity.name
                                               if manifest.identity else ""),
                     host=host, publisher=signature.shown_publisher)
    return "granted" if answer == "install" else "refused"
