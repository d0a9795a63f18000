"""dfshim's rules: the table every ClickOnce activation step cites, with its sources.

The behaviour lives in :mod:`sim.models.clickonce.dfshim`; this table names each rule, what
it does and where it is documented (the ids of :mod:`sim.core.sources`).
"""

from __future__ import annotations

from typing import Final

from sim.core.rules import Rule, rule_table

__all__ = ["DFSHIM_RULES"]

DFSHIM_RULES: Final = rule_table(
    [
        Rule(id="dfshim.activate", source=(
            'lolbas-dfshim: "rundll32.exe dfshim.dll,ShOpenVerbApplication"; lawrence-clickonce: '
            "\"passing along the .application file's path or URL in a parameter (%1)\""),
             summary="ShOpenVerbApplication activates a URL or a local path"),
        Rule(id="dfshim.read_deployment", source=(
            "vs-deployment-manifest: the elements and attributes; vs-clickonce-errors: "
            '"Deployment manifest is not semantically valid"'),
             summary="the deployment manifest is read with dfshim's own client and checked"),
        Rule(id="dfshim.signature", source=(
            "vs-deployment-manifest: <publisherIdentity> and <Signature>; vs-clickonce-errors: "
            '"Manifest XML signature is not valid"'),
             summary="an unsigned manifest is logged; a broken signature is an error"),
        Rule(id="dfshim.follow_provider", source=(
            'vs-deployment-element: <deploymentProvider> codebase; keyvault-explorer-19: "The '
            "deployment identity at the deployment provider is not the same as the original "
            'deployment identity."'),
             summary="a deploymentProvider elsewhere is followed and its identity compared"),
        Rule(id="dfshim.zones", source=(
            'devbox-31: inferred from the log "Deployment and application do not have matching '
            "security zones.\"; ie-maputltozone: a saved file's zone"),
             inferred=True,
             summary="deployment and application manifests must be in the same zone"),
        Rule(id="dfshim.read_application", source=(
            'vs-dependency-element: <hash>; vs-clickonce-errors: "The reference in the '
            'deployment does not match the identity defined in the application manifest"'),
             summary="the application manifest's hash and identity must match the reference"),
        Rule(id="dfshim.trust", source=(
            "vs-trust-prompt: the PromptingLevel values per zone (Enabled, AuthenticodeRequired, "
            "Disabled); noyes-trusted-publishers: Trusted Publishers install without a prompt"),
             summary="Trusted Publishers install silently; else the zone's PromptingLevel"),
        Rule(id="dfshim.download_files", source=(
            "vs-deployment-element: mapFileExtensions; vs-dependency-element: <hash> of each "
            "file"),
             summary="the payload is downloaded (.deploy stripped) and each digest checked"),
        Rule(id="dfshim.install", source=(
            "vs-deployment-element: install; vs-description-element: publisher and product name "
            "the Start menu shortcut; vs-clickonce-cache: the ClickOnce cache"),
             summary="installed to Apps\\2.0 with a Start-menu .appref-ms; online-only: no "
             "shortcut"),
        Rule(id="dfshim.update", source=(
            "vs-deployment-element: inferred from <subscription> <beforeApplicationStartup/> and "
            "minimumRequiredVersion"), inferred=True,
             summary="an installed app: same version runs; a newer one is an update"),
        Rule(id="dfshim.start_app", source=(
            "vs-application-manifest: <entryPoint>; vs-deployment-element: disallowUrlActivation"),
             summary="the entry point starts (not after URL activation when disallowed)"),
        Rule(id="dfshim.cannot_start", source=(
            'kb-2647493: "Cannot Start Application ... Application cannot be started. Contact '
            'the application vendor."'),
             summary="any failure shows Cannot Start Application with the log"),
        Rule(id="dfshim.shortcut", source=(
            'stackoverflow-33003209: "rundll32.exe dfshim.dll,ShOpenVerbShortcut %1|%2"; '
            "filext-appref-ms: the .appref-ms URL#identity line"),
             summary="ShOpenVerbShortcut reads the .appref-ms URL#identity and activates it"),
    ]
)
