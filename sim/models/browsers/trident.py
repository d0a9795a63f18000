"""Internet Explorer 10/11 and Edge Legacy (EdgeHTML 12-18): DirectInvoke the Windows way.

Sources: IE's DirectInvoke page ("Invoke applications directly in Internet Explorer",
jj215788, cited as the IE doc), IE10's "Customizing the download experience" (jj542450),
and Eric Lawrence's posts "Web-to-App Communication: DirectInvoke" and "Demystifying
ClickOnce" (:mod:`sim.core.sources`).

Rules (:data:`TRIDENT_RULES`):
1. DirectInvoke happens on Windows 8 and later (IE on Windows 8 introduced it,
   the IE doc) when the server sends ``X-MS-InvokeApp: 1`` or the type's ProgID has
   FTA_AlwaysUseDirectInvoke (Windows 8+), and the default handler for the MIME
   type takes the URL (SupportedProtocols or UseUrl) (the IE doc; Lawrence).
2. ``Content-Disposition: attachment`` wins over ``X-MS-InvokeApp``: the download UI
   (the IE doc, "Handling header conflicts"; jj542450). ``<a download>`` does nothing
   in IE ("anywhere but IE", Lawrence); Edge Legacy honours it like attachment.
3. Before DirectInvoke the user is asked Open/Cancel, no Save (S1); the prompt
   is skipped for a type with FTA_OpenIsSafe from the Intranet or Trusted zones
   (Lawrence: "sites in your Intranet/Trusted Zone could spawn the .application
   handler without any prompt"; every safe type, not only ``.application`` [inf]).
4. Otherwise IE on the desktop hands a type whose ProgID has a ``CLSID`` subkey to
   that legacy MIME handler after its download prompt (Lawrence, "Demystifying
   ClickOnce", PS: "removing the EditFlags value entirely causes IE to show an
   additional prompt but the install still succeeds ... IE activates the file using
   a MIME handler (see the CLSID subkey of Application.Manifest)"). The handler gets
   the URL [inf: the install succeeds even for a manifest without a
   deploymentProvider, which a local copy could not do]; every Windows preset
   registers the subkey (its GUID is not published). Immersive IE downloads (the IE
   doc), and so do Edge Legacy and types without a MIME handler.
6. ``X-MS-InvokeApp: 1; RequireReadOnly`` opens the file read-only instead of with
   the default verb (the IE doc); the verb used is the class's ``OpenAsReadOnly``
   when it has one [inf: Office's read-only verb name], else the default verb.
7. The prompt shows Content-Disposition's file name; the handler still gets the
   URL (the IE doc).
5. Edge Legacy's download manager has no Save button for a type with
   FTA_AlwaysUseDirectInvoke (Lawrence, "Demystifying ClickOnce").
"""

from __future__ import annotations

from typing import Final

from sim.core.rules import Rule, rule_table
from sim.models.browsers.common import Plan, Response, Session, default_handler, renders
from sim.models.browsers.download import regular_download
from sim.shell.editflags import FTA_ALWAYS_USE_DIRECT_INVOKE, open_is_safe
from sim.world.zones import Zone, zone_for_url

__all__ = ["TRIDENT_RULES", "decide_edge_legacy", "decide_ie"]


TRIDENT_RULES: Final = rule_table(
    [
        Rule(id="ie.direct_invoke_request", source=(
            'ie-directinvoke: section "Configure your server for DirectInvoke": "X-MS-InvokeApp: '
            '1"'),
             summary="X-MS-InvokeApp: 1 asks for DirectInvoke"),
        Rule(id="ie.always_use_direct_invoke", source=(
            'lawrence-directinvoke: "for certain types, the server doesn\'t even need to ask '
            'for DirectInvoke behavior via the X-MS-InvokeApp header"'),
             summary="FTA_AlwaysUseDirectInvoke asks for DirectInvoke without the header"),
        Rule(id="ie.needs_windows_8", source=(
            'ie-directinvoke: "The DirectInvoke feature in Internet Explorer on Windows 8"'),
             summary="DirectInvoke exists from Windows 8"),
        Rule(id="ie.handler_needs_file", source=(
            'ie-directinvoke: section "How it works": "If the application is registered to '
            'support DirectInvoke behavior, IE prompts the user"'),
             summary="the default handler does not take URLs: no DirectInvoke"),
        Rule(id="ie.attachment_wins", source=(
            'ie-directinvoke: section "Handling header conflicts": "the content-disposition '
            'header has priority over the InvokeApp header"'),
             summary="Content-Disposition: attachment has priority over X-MS-InvokeApp; "
             "<a download> is ignored by IE ('anywhere but IE'), honoured by Edge Legacy"),
        Rule(id="ie.read_only", source=(
            'ie-directinvoke: inferred from "The application will start using its default verb '
            'unless RequireReadOnly is specified to open the file as read only"'), inferred=True,
             summary="RequireReadOnly opens read-only: the OpenAsReadOnly verb if any"),
        Rule(id="ie.open_is_safe", source=(
            'lawrence-clickonce: inferred from section "Edge 77+ Implementation": "sites in '
            'your Intranet/Trusted Zone could spawn the .application handler without any '
            'prompt" (the flag generalised from .application to every type)'), inferred=True,
             summary="FTA_OpenIsSafe from the Intranet or Trusted zone: no prompt (stated "
             "for .application; applied to every safe type [inf])"),
        Rule(id="ie.prompt", source=(
            'ie-directinvoke: section "DirectInvoke in action": "The user has the option to '
            'either Open or Cancel, but not save the file"'),
             summary="Open or Cancel before DirectInvoke, no Save"),
        Rule(id="ie.direct_invoke", source=(
            'ie-directinvoke: section "How it works": "IE uses ShellExecute to start the '
            'registered application and pass the URL"'),
             summary="ShellExecute of the default handler's verb with the URL"),
        Rule(id="ie.immersive_direct_invoke", source=(
            'ie-directinvoke: inferred from section "How it works", which describes Internet '
            'Explorer for the desktop only'), inferred=True,
             summary="IE in the new Windows UI DirectInvokes as the desktop does (no source "
             "says whether immersive IE honours DirectInvoke)"),
        Rule(id="ie.download_immersive", source=(
            'ie-directinvoke: section "How it works": "If a link is clicked in Internet '
            'Explorer in the new Windows UI, the file is downloaded"'),
             summary="IE in the new Windows UI downloads when DirectInvoke does not apply"),
        Rule(id="ie.mime_handler", source=(
            'ie-directinvoke: section "How it works": "In Internet Explorer for the desktop, '
            'if a legacy MIME handler exists, it will be used to open the file"; '
            'lawrence-clickonce: inferred from the postscript "the install still succeeds" '
            'that the handler gets the URL'), inferred=True,
             summary="IE on the desktop hands the type to its ProgID's CLSID MIME handler "
             "after its download prompt; the handler gets the URL [inf: 'the install still "
             "succeeds' without EditFlags, which needs the URL]"),
        Rule(id="edge_legacy.no_save", source=(
            'lawrence-clickonce: "Setting FTA_AlwaysUseDirectInvoke also has the side-effect '
            'of removing the Save button from Edge\'s download manager"'),
             summary="no Save button for a FTA_AlwaysUseDirectInvoke type"),
    ]
)


def decide_ie(session: Session, response: Response) -> Plan:
    """Rules 1-4 for IE 10/11."""
    return _decide(session, response, "ie")


def decide_edge_legacy(session: Session, response: Response) -> Plan:
    """Rules 1-3 and 5 for Edge Legacy."""
    return _decide(session, response, "edge-legacy")


def _decide(session: Session, response: Response, browser: str) -> Plan:
    # IE never supported <a download> ("anywhere but IE"): it neither forces a download
    # nor stops DirectInvoke there; Edge Legacy honours it.
    attribute = session.download_attribute and browser != "ie"
    step = renders(response, download_attribute=attribute, viewers=False)
    if step is not None:
        session.add(step)
        return Plan(route="render", action="render")
    if response.disposition.type == "attachment" or attribute:
        session.note("ie.attachment_wins", response.filename)
        return regular_download(session, response, browser, honours_noopen=True)
    assoc, takes_url = default_handler(session, response)
    always = bool(assoc.edit_flags & FTA_ALWAYS_USE_DIRECT_INVOKE)
    asked = response.invoke_app.requested or always
    if response.invoke_app.requested:
        session.note("ie.direct_invoke_request", "X-MS-InvokeApp: 1")
    if always:
        session.note("ie.always_use_direct_invoke", f"{assoc.progid}")
    windows8 = session.machine.windows_at_least("windows-8")
    if asked and not windows8:
        session.note("ie.needs_windows_8", session.machine.os)
    if asked and windows8 and assoc.found and not takes_url:
        session.note("ie.handler_needs_file", f"{assoc.progid}")
    if asked and windows8 and assoc.found and takes_url:
        return _direct_invoke(session, response, browser, assoc.progid or "", assoc.edit_flags)
    return _fallback(session, response, browser, assoc.progid, always)


def _direct_invoke(session: Session, response: Response, browser: str, progid: str,
                   edit_flags: int) -> Plan:
    if browser == "ie" and session.settings.mode == "immersive":
        session.note("ie.immersive_direct_invoke", progid)
    zone = zone_for_url(response.url, session.zones)
    session.add(zone.step)
    if open_is_safe(response.extension, edit_flags) and zone.zone in (Zone.INTRANET,
                                                                       Zone.TRUSTED):
        session.note("ie.open_is_safe", f"{progid} from {zone.zone.label}")
    else:
        session.note("ie.prompt", "Open or Cancel")
        if session.ask(f"{browser}.open_file", response) == "cancel":
            return Plan(route="none", action="stop", outcome="cancelled")
    verb = None
    reg = session.machine.registry
    if response.invoke_app.require_read_only and reg is not None:
        has = reg.has_key(rf"HKEY_CLASSES_ROOT\{progid}\shell\OpenAsReadOnly\command")
        verb = "OpenAsReadOnly" if has else None
        session.note("ie.read_only", verb or "no OpenAsReadOnly verb: the default verb")
    session.note("ie.direct_invoke", f"{progid}: {response.url}")
    return Plan(route="direct-invoke", action="shell_url", cls=progid, verb=verb)


def _fallback(session: Session, response: Response, browser: str, progid: str | None,
              always: bool) -> Plan:
    reg = session.machine.registry
    desktop_ie = browser == "ie" and session.settings.mode != "immersive"
    if desktop_ie and progid and reg is not None and reg.has_key(
            rf"HKEY_CLASSES_ROOT\{progid}\CLSID"):
        session.note("ie.mime_handler", f"{progid}\\CLSID")
        plan = regular_download(session, response, browser, honours_noopen=True)
        if not plan.open_after:
            return plan
        return Plan(route="mime-handler", action="shell_url", cls=progid, url_argument=True)
    if browser == "ie" and session.settings.mode == "immersive":
        session.note("ie.download_immersive", response.filename)
    without = ("save",) if browser == "edge-legacy" and always else ()
    if without:
        session.note("edge_legacy.no_save", f"{progid}")
    return regular_download(session, response, browser, honours_noopen=browser == "ie",
                            without=without)
