"""What every browser model shares: the response as a browser reads it, the session, the plan.

Rules (:data:`COMMON_RULES`):
1. The file name is the name the browser saves the download under, each browser by
   its own rules (:mod:`sim.models.browsers.download_name`); dialogs show that name.
2. The default handler of a response is found from its MIME type through
   ``HKCR\\MIME\\Database\\Content Type``, else from its file name's extension
   (ie-directinvoke (c): "the default handler for that MIME type").
3. Renderable types are shown in the tab unless ``Content-Disposition: attachment``
   or ``<a download>`` asks for a download: HTML, plain text, XML (a ``.application``
   served as XML renders as text, ibapi-tools-2), images, and in Chromium and
   Firefox PDF [inf: the browsers' built-in viewers].
4. A ClickOnce response is ``application/x-ms-application`` or a ``.application``
   file (edge-co-di, the suggested decision order step 2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urlsplit

from sim.core.outcomes import Outcome, Route
from sim.core.rules import Rule, Step, rule_table
from sim.models.browsers.download_name import download_name
from sim.models.record import Recorder
from sim.shell.assoc import Association, associate, associate_mime, extension_of
from sim.shell.execute import verb_url_support
from sim.world.headers import (
    ContentDisposition,
    ContentType,
    Headers,
    InvokeApp,
    parse_content_disposition,
    parse_content_type,
    parse_download_options,
    parse_invoke_app,
)
from sim.world.machine import Machine
from sim.world.web import FetchResult
from sim.world.zones import Zones

__all__ = [
    "CLICKONCE_MIME",
    "COMMON_RULES",
    "BrowserSettings",
    "Plan",
    "PolicyValue",
    "Response",
    "Session",
    "default_handler",
    "is_clickonce",
    "read_response",
    "renders",
]

CLICKONCE_MIME: Final = "application/x-ms-application"
_RENDERED: Final = frozenset(
    {"text/html", "text/plain", "text/xml", "application/xml", "application/xhtml+xml",
     "image/png", "image/jpeg", "image/gif", "image/svg+xml", "image/webp", "image/bmp"}
)
_VIEWER_TYPES: Final = frozenset({"application/pdf"})

COMMON_RULES: Final = rule_table(
    [
        Rule(id="browser.file_name", source=(
            'chromium-filename-util: GenerateFileName (Content-Disposition, else the URL path, '
            'else "download")'),
             summary="the file name: Content-Disposition, else <a download>, else the URL "
             "path, else download; then sanitised for Windows"),
        Rule(id="browser.default_handler", source=(
            'ie-directinvoke: section "Requirements for DirectInvoke": "The handler '
            'application must be the default handler for that MIME type"'),
             summary="the default handler for the MIME type (else the extension)"),
        Rule(id="browser.render", source=(
            'ibapi-tools-2: inferred from a .application sent with the wrong type shown as XML '
            'in the tab'), inferred=True,
             summary="HTML, text, XML and images render in the tab"),
        Rule(id="browser.attachment", source=(
            'rfc6266: section 4.2 "Disposition Type"; lawrence-directinvoke: "Setting a download '
            'attribute on the hyperlink"'),
             summary="Content-Disposition: attachment or <a download> asks for a download"),
        Rule(id="browser.fetch", source=(
            'invokesim-scenarios: section "[[web]]": the browser sends its cookies and '
            'credentials'),
             summary="the browser fetches the clicked URL with its cookies and credentials"),
        Rule(id="browser.clickonce_type", source=(
            'lawrence-clickonce: inferred from "the Application.Manifest ProgId (to which the '
            '.application filename extension and application/x-ms-application MIME type are '
            'mapped)"'), inferred=True,
             summary="application/x-ms-application or .application is ClickOnce"),
    ]
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """A response as a browser reads it."""

    url: str
    status: int
    body: bytes
    content_type: ContentType
    disposition: ContentDisposition
    invoke_app: InvokeApp
    noopen: bool
    filename: str

    @property
    def extension(self) -> str:
        """The file name's extension, lower case with its dot ("" when none)."""
        return extension_of(self.filename).lower()

    @property
    def host(self) -> str:
        """The URL's host, as dialogs show it."""
        return urlsplit(self.url).hostname or ""

    @property
    def shown_name(self) -> str:
        """The file name as Edge's prompt shows it: percent-encoded, as in the URL [obs]."""
        path_name = urlsplit(self.url).path.rsplit("/", 1)[-1]
        return path_name if not self.disposition.filename and path_name else self.filename


def read_response(result: FetchResult, session: Session) -> tuple[Response, tuple[Step, ...]]:
    """Rule 1: read a fetched response's headers and name its file."""
    headers = Headers(result.headers)
    disposition = parse_content_disposition(headers.get("Content-Disposition"))
    content_type = parse_content_type(headers.get("Content-Type"))
    named = download_name(session.settings.name, url=result.url,
                          disposition_name=disposition.filename,
                          suggested=session.download_name, mime=content_type.mime or "",
                          registry=session.machine.registry)
    response = Response(
        url=result.url,
        status=result.status,
        body=result.body,
        content_type=content_type,
        disposition=disposition,
        invoke_app=parse_invoke_app(headers.get("X-MS-InvokeApp")),
        noopen=parse_download_options(headers.get("X-Download-Options")),
        filename=named.name,
    )
    return response, (Step("browser.file_name", f"{named.name} (from the {named.source})"),
                      *named.steps)


def is_clickonce(response: Response) -> bool:
    """Rule 4."""
    return response.content_type.mime == CLICKONCE_MIME or response.extension == ".application"


def renders(response: Response, *, download_attribute: bool, viewers: bool) -> Step | None:
    """Rule 3: the step that renders ``response`` in the tab, or None."""
    if response.disposition.type == "attachment" or download_attribute:
        return None
    mime = response.content_type.mime
    if mime in _RENDERED or (viewers and mime in _VIEWER_TYPES):
        return Step("browser.render", f"{mime} renders in the tab")
    return None


# A policy's value as a scenario or the registry gives it (Edge policy reference types).
PolicyValue = bool | int | str | list[str] | list[int]


@dataclass(frozen=True, slots=True, kw_only=True)
class BrowserSettings:
    """The browser the user has, as the models read it: a plain value of this layer.

    The scenario engine builds it from ``[browser]``; nothing here knows the scenario file.
    ``flags`` are ``edge://flags`` states (``default`` | ``enabled`` | ``disabled``);
    ``smartscreen`` is the verdict SmartScreen returns (``clean`` | ``unsafe``).
    """

    name: str
    mode: str | None = None
    flags: Mapping[str, str] = field(default_factory=dict)
    policies: Mapping[str, PolicyValue] = field(default_factory=dict)
    extensions: tuple[str, ...] = ()
    smartscreen: str = "clean"


@dataclass(slots=True, kw_only=True)
class Session(Recorder):
    """One simulation's browser state: the machine, the settings, and the simulation's
    record (a session is the :class:`~sim.models.record.Recorder` every model writes to)."""

    machine: Machine
    settings: BrowserSettings
    version: int
    zones: Zones
    download_attribute: bool = False
    download_name: str = ""  # <a download="NAME">: the suggested name ("" for none)

    def ask(self, dialog_id: str, response: Response, *, edge_name: bool = False,
            without: tuple[str, ...] = ()) -> str:
        """Show ``dialog_id`` for ``response``; return the answer taken."""
        name = response.shown_name if edge_name else response.filename
        return self.show(dialog_id, {"filename": name, "host": response.host}, without=without)


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """What the browser decided; the engine carries it out.

    ``action`` is ``render``, ``download`` (written to Downloads, then opened by
    path when ``open_after``), ``shell_url`` (ShellExecute of the URL with class
    ``cls``), ``extension`` (a native host hands the URL to ``cls``) or ``stop``
    (``outcome`` says how it ended).
    """

    route: Route
    action: str
    cls: str | None = None
    verb: str | None = None
    open_after: bool = False
    url_argument: bool = False  # the browser itself passes the URL to the verb (no copy)
    outcome: Outcome | None = None
    error: str | None = None


def default_handler(session: Session, response: Response) -> tuple[Association, bool]:
    """Rule 2: the default handler and whether its verb takes this URL."""
    reg = session.machine.registry
    assert reg is not None
    env = session.machine.disk.environment if session.machine.disk else {}
    assoc = associate_mime(reg, response.content_type.mime, environment=env) if (
        response.content_type.mime) else None
    if (assoc is None or not assoc.found) and response.extension:
        assoc = associate(reg, response.extension, environment=env)
    if assoc is None:
        session.note("browser.default_handler", "no MIME type and no extension")
        return Association(extension=None, progid=None, verb=None, command=None, edit_flags=0,
                           delegate_clsid=None, steps=()), False
    session.add(*assoc.steps)
    if not assoc.found:
        session.note("browser.default_handler", f"{response.content_type.mime or '-'} / "
                     f"{response.extension or '-'}: no handler")
        return assoc, False
    support = verb_url_support(session.machine, assoc, urlsplit(response.url).scheme)
    session.add(support.step)
    session.note("browser.default_handler", f"{assoc.progid} ({assoc.verb}): "
                 + ("takes the URL" if support.accepted else "needs a local file"))
    return assoc, support.accepted
