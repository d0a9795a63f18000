"""Chromium browsers: Edge (ClickOnce and DirectInvoke by version), Chrome, and extensions.

Rules (:data:`CHROMIUM_RULES`; edge-relnotes, edge-co-di):
1. Edge off Windows: no ClickOnce or DirectInvoke, a regular download (edge-co-di).
2. Edge on Windows, in the suggested order of edge-co-di [inf as an order]:
   a ClickOnce response is gated by ClickOnce (:func:`clickonce_gate`), one with
   ``X-MS-InvokeApp: 1`` by DirectInvoke (:func:`directinvoke_gate`). A type that
   only has FTA_AlwaysUseDirectInvoke is not honoured (Lawrence's DirectInvoke post,
   for Edge 79; unknown for later versions [inf]). ``Content-Disposition: attachment``
   stops DirectInvoke: "If a server specifies attachment, DirectInvoke will not be
   used" (same post); ``<a download>`` is taken the same way [inf].
3. A disabled feature is a regular download, auto-opened when AutoOpenFileTypes
   matches (85+), blocked when SmartScreen flags it (S12, S22).
4. An enabled feature needs a handler "registered to the operating system as
   supporting ClickOnce or DirectInvoke" (S12), found from the MIME type, else the
   extension [inf: as IE finds it]; else a regular download. For DirectInvoke the
   handler's verb must take the URL (SupportedProtocols, UseUrl, or
   FTA_AlwaysUseDirectInvoke on Windows 8+: :mod:`sim.shell.urlcap`). For ClickOnce
   the ClickOnce runtime itself (dfshim's ``ShOpenVerbApplication``) is such a
   handler on every Windows Edge ran on, Windows 7 included: Edge "passes the URL as
   an argument" (S12), so no cached copy is made. AutoOpenFileTypes (93+) skips the
   prompt; otherwise "Open this file?", then "This file may be unsafe" when
   SmartScreen flags the URL; then ShellExecute of the handler's verb with the URL
   (S12, S24).
5. Chrome has no native support: render or download, then the user opens the
   file by path (edge-co-di, lawrence-clickonce).
6. Extensions (Chrome or Edge): a clicked URL whose path ends in ``.application``
   goes to ClickOnce by URL before any download (Windows Remix, boxstarter-97; Meta4's
   mechanism is unverified and modelled the same [inf]).
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from sim.core.rules import Rule, rule_table
from sim.models.browsers.common import (
    Plan,
    Response,
    Session,
    default_handler,
    is_clickonce,
    renders,
)
from sim.models.browsers.download import regular_download, render_or_download
from sim.models.browsers.edge_features import auto_open, clickonce_gate, directinvoke_gate

__all__ = ["CHROMIUM_RULES", "decide_chrome", "decide_edge", "intercept_extension"]

CLICKONCE_CLASS: Final = "Application.Manifest"

CHROMIUM_RULES: Final = rule_table(
    [
        Rule(id="edge.not_windows", source=(
            "edge-co-di: \"ClickOnce and DirectInvoke aren't supported on any platforms other "
            'than Windows"'),
             summary="ClickOnce and DirectInvoke are not supported off Windows"),
        Rule(id="edge.no_invoke_request", source=(
            'lawrence-directinvoke: inferred from "The current version of Edge 79 does not yet '
            'support FTA_AlwaysUseDirectInvoke"'), inferred=True,
             summary="no ClickOnce type and no X-MS-InvokeApp: FTA_AlwaysUseDirectInvoke "
             "alone is not honoured (stated for Edge 79; unknown for later versions)"),
        Rule(id="edge.attachment_wins", source=(
            'lawrence-directinvoke: "If a server specifies attachment, DirectInvoke will not '
            'be used"'),
             summary="Content-Disposition: attachment: DirectInvoke is not used, a download"),
        Rule(id="edge.download_attribute_wins", source=(
            'lawrence-directinvoke: inferred from "If a server specifies attachment, '
            'DirectInvoke will not be used" and the download attribute being honoured '
            '"anywhere but IE"'), inferred=True,
             summary="<a download> asks for a download as attachment does: no DirectInvoke"),
        Rule(id="edge.handler_lookup", source=(
            'edge-co-di: inferred from section "Overview: prerequisites and process": the '
            'handler is "registered for the requested file type" (the MIME type first, as IE '
            'finds it)'), inferred=True,
             summary="the handler is the MIME type's default, else the extension's (the doc "
             "says only 'registered for the requested file type')"),
        Rule(id="edge.handler_needs_file", source=(
            'edge-co-di: section "Overview: prerequisites and process": the handler "must be '
            'registered to the operating system as supporting ClickOnce or DirectInvoke"'),
             summary="the handler is not registered as taking the URL: a regular download"),
        Rule(id="edge.clickonce_handler", source=(
            'edge-co-di: section "Overview: prerequisites and process": the browser "passes '
            'the URL as an argument" to the ClickOnce runtime'),
             summary="the ClickOnce runtime (dfshim ShOpenVerbApplication) is the handler: "
             "Edge passes it the URL as an argument"),
        Rule(id="edge.feature_off", source=(
            'edge-co-di: "If ClickOnce or DirectInvoke are disabled, requested files are '
            'treated as regular downloads"'),
             summary="a disabled ClickOnce/DirectInvoke is handled as a regular download"),
        Rule(id="edge.no_handler", source=(
            'edge-co-di: section "Overview: prerequisites and process": "The browser checks the '
            'operating system registry to see if the file handler is registered"'),
             summary="no handler registered for the type: a regular download"),
        Rule(id="edge.prompt_skipped", source=(
            'edge-policies: section AutoOpenFileTypes; edge-relnotes: 93.0.961.38 "Policies to '
            'bypass ClickOnce and DirectInvoke prompts"'),
             summary="AutoOpenFileTypes skips the Open this file? prompt"),
        Rule(id="edge.prompt", source=(
            'edge-co-di: "The first popup asks the user if they want to open the file. This '
            'popup is displayed regardless of whether the file was flagged as safe or unsafe"'),
             summary="Open this file? before every ClickOnce/DirectInvoke launch"),
        Rule(id="edge.smartscreen_unsafe", source=(
            'edge-co-di: section "ClickOnce and DirectInvoke file handling security": "a second '
            'popup is displayed"'),
             summary="SmartScreen flags the URL: This file may be unsafe"),
        Rule(id="edge.direct_invoke", source=(
            'edge-co-di: "the browser calls the file handler and passes the URL as an '
            'argument"; urielberdeja-clickonce: "rundll32.exe dfshim.dll,ShOpenVerbApplication"'),
             summary="ShellExecute of the handler's verb with the URL"),
        Rule(id="chromium.no_native_support", source=(
            'edge-co-di: "Chromium doesn\'t provide native support for ClickOnce or '
            'DirectInvoke"; lawrence-clickonce: "fail in Firefox and Chrome with an error '
            'message"'),
             summary="Chrome has no native ClickOnce or DirectInvoke: a regular download"),
        Rule(id="extension.clickonce", source=(
            'boxstarter-97: the Windows Remix ClickOnce Helper hands the URL to ClickOnce '
            'through Native Messaging; lawrence-clickonce: section "Workarounds"'),
             summary="an extension sends a URL ending in .application to ClickOnce"),
        Rule(id="extension.missed", source=(
            'boxstarter-97: the helper only catches links whose URL path ends in .application; '
            'lawrence-clickonce: "if the target URL\'s path component ends in .application"'),
             summary="the extension only sees URLs whose path ends in .application"),
    ]
)


def intercept_extension(session: Session, url: str) -> Plan | None:
    """Rule 6: an installed ClickOnce extension takes a ``.application`` URL."""
    installed = session.settings.extensions
    if not installed or session.settings.name not in ("chrome", "edge"):
        return None
    if not session.machine.is_windows:  # the native host starts dfshim: Windows only
        session.note("extension.missed", f"{', '.join(installed)}: no ClickOnce on "
                     f"{session.machine.os}")
        return None
    if urlsplit(url).path.lower().endswith(".application"):
        session.note("extension.clickonce", f"{installed[0]}: {url}")
        return Plan(route="extension", action="extension", cls=CLICKONCE_CLASS)
    session.note("extension.missed", f"{', '.join(installed)}: {url}")
    return None


def decide_chrome(session: Session, response: Response) -> Plan:
    """Rule 5."""
    return render_or_download(session, response, "chrome", "chromium.no_native_support")


def decide_edge(session: Session, response: Response) -> Plan:
    """Rules 1-4."""
    step = renders(response, download_attribute=session.download_attribute, viewers=True)
    if step is not None:
        session.add(step)
        return Plan(route="render", action="render")
    policies: dict[str, object] = dict(session.settings.policies)
    if not session.machine.is_windows:
        session.note("edge.not_windows", session.machine.os)
        return _edge_download(session, response, policies)
    refused = _edge_request(session, response, policies)
    if refused is not None:
        return refused
    handler = _edge_handler(session, response)
    if handler is None:
        return _edge_download(session, response, policies)
    progid, url_argument = handler
    settings = session.settings
    skip = auto_open(session.version, managed=session.machine.managed, policies=policies,
                     extension=response.extension, url=response.url, skip_prompt=True)
    session.add(*skip.steps)
    if skip.enabled and settings.smartscreen != "unsafe":
        session.note("edge.prompt_skipped", response.extension)
    else:
        session.note("edge.prompt", "Open this file?")
        if session.ask("edge.open_file", response, edge_name=True) == "cancel":
            return Plan(route="none", action="stop", outcome="cancelled")
        if settings.smartscreen == "unsafe":
            session.note("edge.smartscreen_unsafe", response.url)
            if session.ask("edge.unsafe_file", response, edge_name=True) == "cancel":
                return Plan(route="none", action="stop", outcome="cancelled")
    session.note("edge.direct_invoke", f"{progid}: {response.url}")
    return Plan(route="direct-invoke", action="shell_url", cls=progid,
                url_argument=url_argument)


def _edge_request(session: Session, response: Response,
                  policies: dict[str, object]) -> Plan | None:
    """Rule 2 and 3: the download plan when ClickOnce/DirectInvoke is not asked or is off."""
    version = session.version
    if is_clickonce(response):
        flag = session.settings.flags.get("edge-click-once", "default")
        gate = clickonce_gate(version, flag, policies)
    elif response.invoke_app.requested:
        if response.disposition.type == "attachment":
            session.note("edge.attachment_wins", response.filename)
            return _edge_download(session, response, policies)
        if session.download_attribute:
            session.note("edge.download_attribute_wins", response.filename)
            return _edge_download(session, response, policies)
        gate = directinvoke_gate(version, policies)
    else:
        session.note("edge.no_invoke_request", f"{response.content_type.mime or '-'}")
        return _edge_download(session, response, policies)
    session.add(*gate.steps)
    if not gate.enabled:
        session.note("edge.feature_off", response.filename)
        return _edge_download(session, response, policies)
    return None


def _edge_handler(session: Session, response: Response) -> tuple[str, bool] | None:
    """Rule 4: (the handler's class, whether Edge passes it the URL itself), or None."""
    session.note("edge.handler_lookup", response.content_type.mime or response.extension)
    assoc, takes_url = default_handler(session, response)
    if not assoc.found or assoc.progid is None:
        session.note("edge.no_handler", response.content_type.mime or response.extension)
        return None
    if takes_url:
        return assoc.progid, False
    if is_clickonce(response) and runs_clickonce(assoc.command):
        session.note("edge.clickonce_handler", f"{assoc.progid}: {assoc.command}")
        return assoc.progid, True
    session.note("edge.handler_needs_file", f"{assoc.progid}")
    return None


def runs_clickonce(command: str | None) -> bool:
    """Whether a verb's command is the ClickOnce runtime's ``ShOpenVerbApplication``."""
    text = (command or "").lower()
    return "dfshim.dll" in text and "shopenverbapplication" in text


def _edge_download(session: Session, response: Response, policies: dict[str, object]) -> Plan:
    """Rule 3: a regular download, auto-opened or blocked as the policies and verdict say."""
    opened = auto_open(session.version, managed=session.machine.managed, policies=policies,
                       extension=response.extension, url=response.url, skip_prompt=False)
    session.add(*opened.steps)
    return regular_download(session, response, "edge", auto_open=opened.enabled,
                            smartscreen_blocks=True)
