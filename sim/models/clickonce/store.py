"""The ClickOnce store: where an activated app is written, and its Start-menu shortcut.

Rule (vs-clickonce-cache, vs-description-element, vs-deployment-element, lolbas-dfshim):
an app goes to
``%LOCALAPPDATA%\\Apps\\2.0\\<obfuscated>\\<obfuscated>\\<app folder>`` (the names are
derived from the identity [inf: Windows' obfuscation is not documented]); an installable
app gets ``Programs\\<publisher>\\<product>.appref-ms`` holding ``URL#identity`` in
UTF-16LE (and a desktop copy with ``createDesktopShortcut``); an online-only app
(``install="false"``) is cached with no shortcut.
"""

from __future__ import annotations

import hashlib

from sim.models.clickonce.log import ClickOnceLog
from sim.models.clickonce.manifest import ApplicationManifest, DeploymentManifest, Identity
from sim.models.clickonce.xml_safe import ascii_int
from sim.models.context import HandlerContext
from sim.world.disk import VirtualDisk

__all__ = ["entry_point_path", "install", "store_folder"]


def store_folder(identity: Identity) -> str:
    """The app's folder under Apps\\2.0 (obfuscated names, derived from the identity)."""
    digest = hashlib.sha1(identity.display().encode("utf-8")).hexdigest()
    first, second = digest[:8].upper(), digest[8:16].upper()
    name = identity.name
    short = f"{name[:4]}..{name[-4:]}" if len(name) > 10 else name
    version = "_".join(f"{number:04x}" if (number := ascii_int(p, 10)) is not None else p
                       for p in identity.version.split("."))
    return (f"{first}.{digest[16:19].upper()}\\{second}.{digest[19:22].upper()}\\"
            f"{short.lower()}_{identity.public_key_token}_{version}_{digest[22:38]}")


def entry_point_path(disk: VirtualDisk, identity: Identity, entry: str) -> str:
    """The full path of the app's entry point in the store."""
    return (f"{disk.folders['ClickOnceStore']}\\{store_folder(identity)}\\"
            f"{entry.replace('/', chr(92))}")


def install(ctx: HandlerContext, log: ClickOnceLog, deployment: DeploymentManifest,
            deployment_url: str, app: ApplicationManifest, *, app_data: bytes,
            payload: dict[str, bytes]) -> None:
    """The Rule: write the app to the store, and its shortcuts when installable."""
    disk = ctx.machine.disk
    assert disk is not None and app.identity is not None and deployment.identity is not None
    folder = f"{disk.folders['ClickOnceStore']}\\{store_folder(app.identity)}"
    disk.write(f"{folder}\\{app.identity.name}.manifest", app_data)
    for name, data in payload.items():
        disk.write(f"{folder}\\{name}", data)
    if deployment.install:
        ident = deployment.identity
        reference = (f"{deployment_url}#{ident.name}, Culture={ident.language}, "
                     f"PublicKeyToken={ident.public_key_token}, "
                     f"processorArchitecture={ident.processor_architecture}")
        data = b"\xff\xfe" + reference.encode("utf-16-le")
        publisher = deployment.publisher or "Unknown Publisher"
        product = deployment.product or ident.name
        shortcut = f"{disk.folders['Programs']}\\{publisher}\\{product}.appref-ms"
        disk.write(shortcut, data)
        if deployment.create_desktop_shortcut:
            disk.write(f"{disk.folders['Desktop']}\\{product}.appref-ms", data)
        log.summary.append("Installable application.")
        ctx.note("dfshim.install", f"{folder}; Start menu: {shortcut}")
    else:
        log.summary.append("Online only application.")
        ctx.note("dfshim.install", f"online only: cached in {folder}, no shortcut")
    if deployment.trust_url_parameters:
        log.summary.append("Trust url parameter is set.")
