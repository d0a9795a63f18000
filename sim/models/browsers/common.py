"""What every browser model shares: the response as a browser reads it, the session, the plan.

Rules (:data:`COMMON_RULES`):
1. The file name is Content-Disposition's ``filename*``/``filename``, else the last
   segment of the final URL's path, percent-decoded, else ``download`` (Chromium's
   net::GenerateFileName order; https://source.chromium.org/chromium/chromium/src/+/main:net/base/filename_util.cc).
2. The default handler of a response is found from its MIME type through
   ``HKCR\\MIME\\Database\\Content Type``, else from its file name's extension
   (browser-facts 1.2 (c): "the default handler for that MIME type").
3. Renderable types are shown in the tab unless ``Content-Disposition: attachment``
   or ``<a download>`` asks for a download: HTML, plain text, XML (a ``.application``
   served as XML renders as text, browser-facts 6.6), images, and in Chromium and
   Firefox PDF [inf: the browsers' built-in viewers].
4. A ClickOnce response is ``application/x-ms-application`` or a ``.application``
   file (browser-facts 11, the suggested decision order step 2).
"""

from __future__ import annotations

import ntpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import unquote, urlsplit

from sim.core.rules import Rule, Step, rule_table
from sim.core.sources import BROWSER_FACTS
from sim.models.dialogs import Dialog, show
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
        Rule(id="browser.file_name", source="https://source.chromium.org/chromium/chromium/"
             "src/+/main:net/base/filename_util.cc",
             summary="the file name: Content-Disposition, else the URL path, else download"),
        Rule(id="browser.default_handler", source=BROWSER_FACTS + " section 1.2",
             summary="the default handler for the MIME type (else the extension)"),
        Rule(id="browser.render", source=BROWSER_FACTS + " section 6.6", inferred=True,
             summary="HTML, text, XML and images render in the tab"),
        Rule(id="browser.attachment", source="https://www.rfc-editor.org/rfc/rfc6266",
             summary="Content-Disposition: attachment or <a download> asks for a download"),
        Rule(id="browser.fetch", source="contract section 1 ([[web]])",
             summary="the browser fetches the clicked URL with its cookies and credentials"),
        Rule(id="browser.clickonce_type", source=BROWSER_FACTS + " section 11", inferred=True,
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


def read_response(result: FetchResult) -> tuple[Response, Step]:
    """Rule 1: read a fetched response's headers and name its file."""
    headers = Headers(result.headers)
    disposition = parse_content_disposition(headers.get("Content-Disposition"))
    from_url = unquote(urlsplit(result.url).path.rsplit("/", 1)[-1])
    name = disposition.filename or from_url or "download"
    name = ntpath.basename(name.replace("/", "\\")) or "download"
    response = Response(
        url=result.url,
        status=result.status,
        body=result.body,
        content_type=parse_content_type(headers.get("Content-Type")),
        disposition=disposition,
        invoke_app=parse_invoke_app(headers.get("X-MS-InvokeApp")),
        noopen=parse_download_options(headers.get("X-Download-Options")),
        filename=name,
    )
    how = "Content-Disposition" if disposition.filename else "URL path" if from_url else "default"
    return response, Step("browser.file_name", f"{name} (from the {how})")


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
class Session:
    """One simulation's browser state: the machine, the settings, what was shown."""

    machine: Machine
    settings: BrowserSettings
    version: int
    answers: Mapping[str, str]
    zones: Zones
    download_attribute: bool = False
    steps: list[Step] = field(default_factory=list)
    dialogs: list[Dialog] = field(default_factory=list)

    def note(self, rule: str, detail: str) -> None:
        """Record that ``rule`` fired."""
        self.steps.append(Step(rule, detail))

    def add(self, *steps: Step) -> None:
        """Record steps another model took."""
        self.steps.extend(steps)

    def ask(self, dialog_id: str, response: Response, *, edge_name: bool = False,
            without: tuple[str, ...] = ()) -> str:
        """Show ``dialog_id`` for ``response``; return the answer taken."""
        name = response.shown_name if edge_name else response.filename
        dialog = show(dialog_id, self.answers, without=without, filename=name,
                      host=response.host)
        self.dialogs.append(dialog)
        return dialog.answer


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """What the browser decided; the engine carries it out.

    ``action`` is ``render``, ``download`` (written to Downloads, then opened by
    path when ``open_after``), ``shell_url`` (ShellExecute of the URL with class
    ``cls``), ``extension`` (a native host hands the URL to ``cls``) or ``stop``
    (``outcome`` says how it ended).
    """

    route: str
    action: str
    cls: str | None = None
    verb: str | None = None
    open_after: bool = False
    outcome: str | None = None
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
