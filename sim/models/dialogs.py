"""The dialogs a simulation can show: ids, titles, texts, buttons, defaults and sources.

Rules:
1. Every dialog id scenarios may answer (docs/scenarios.md, "Dialogs and answers") is
   in :data:`DIALOGS`, with the texts its sources give; each cites the table of
   sources (:mod:`sim.core.citations`), and wording no source gives is marked
   ``inferred`` and says what it was inferred from.
2. Buttons are named as ``[answers]`` names them: lower case with dashes.
3. A dialog the scenario does not answer takes its default answer, the one a
   user who wants the file takes: ``open``, ``install``, ``ok``.
4. Texts fill ``{filename}`` and ``{host}`` from the URL as shown: Edge shows the
   file name percent-encoded as in the URL path (the screenshots of "Understand the
   ClickOnce and DirectInvoke features in Microsoft Edge"). The external-protocol
   prompt fills ``{app}`` (the program the scheme starts) and ``{origin}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = ["DIALOGS", "Dialog", "DialogSpec", "show"]

_BROWSER_DOWNLOAD_UI: Final = (
    "ie-download: inferred from the download UI with Open and Save, where "
    "X-Download-Options: noopen removes Open (the wording is not in the source)"
)
_CHROMIUM_PROTOCOL: Final = (
    "chromium-external-protocol-dialog: GetWindowTitle, IDS_EXTERNAL_PROTOCOL_TITLE "
    "\"Open $1?\" with the program name, and the message "
    "IDS_EXTERNAL_PROTOCOL_MESSAGE_WITH_INITIATING_ORIGIN \"$1 wants to open this "
    "application.\" with the origin"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DialogSpec:
    """A dialog as a browser or handler draws it."""

    id: str
    title: str
    text: str  # may hold {filename} and {host}
    buttons: tuple[str, ...]
    default: str
    source: str
    inferred: bool = False
    link: str | None = None  # a link drawn under the text, if any


@dataclass(frozen=True, slots=True, kw_only=True)
class Dialog:
    """A dialog as shown in one simulation, with the answer taken."""

    id: str
    title: str
    text: str
    buttons: tuple[str, ...]
    answer: str

    def to_json(self) -> dict[str, object]:
        """The documented JSON form: id, title, text, buttons, answer."""
        return {"id": self.id, "title": self.title, "text": self.text,
                "buttons": list(self.buttons), "answer": self.answer}


def _download(browser: str, title: str, source: str = _BROWSER_DOWNLOAD_UI) -> DialogSpec:
    return DialogSpec(
        id=f"{browser}.download",
        title=title,
        text="{filename} from {host}",
        buttons=("open", "save", "cancel"),
        default="open",
        source=source,
        inferred=True,
    )


def _external_protocol(browser: str) -> DialogSpec:
    chromium = browser in ("edge", "chrome")
    return DialogSpec(
        id=f"{browser}.external_protocol",
        title="Open {app}?",
        text="{origin} wants to open this application.",
        buttons=("open", "cancel"),
        default="open",
        source=_CHROMIUM_PROTOCOL if chromium else (
            "chromium-external-protocol-dialog: inferred from Chromium's prompt (this "
            "browser's own wording is not in any source)"),
        inferred=not chromium,
    )


_SPECS: Final = (
    DialogSpec(
        id="ie.open_file",
        title="Internet Explorer",
        text="Do you want to open {filename} from {host}?",
        buttons=("open", "cancel"),
        default="open",
        source='ie-directinvoke: inferred from section "DirectInvoke in action": "The user has '
        'the option to either Open or Cancel, but not save the file" (the wording is not '
        'in the source)',
        inferred=True,
    ),
    _download("ie", "Internet Explorer"),
    DialogSpec(
        id="edge-legacy.open_file",
        title="Microsoft Edge",
        text="Do you want to open {filename} from {host}?",
        buttons=("open", "cancel"),
        default="open",
        source='lawrence-clickonce: inferred from "Such files launch correctly from Internet '
        'Explorer and pre-Chromium Edge" (the prompt\'s wording is not in any source)',
        inferred=True,
    ),
    _download("edge-legacy", "Microsoft Edge"),
    DialogSpec(
        id="edge.open_file",
        title="Open this file?",
        text="Do you want to open {filename} from {host}?",
        buttons=("open", "cancel"),
        default="open",
        source='edge-co-di: section "ClickOnce and DirectInvoke file handling security": '
        '"The user can Report the file as unsafe, Cancel the request, or click Open", and '
        'its screenshot of the first popup',
        link="Report file as unsafe",
    ),
    DialogSpec(
        id="edge.unsafe_file",
        title="This file may be unsafe",
        text="The site hosting {filename} has been reported as unsafe by Microsoft "
        "SmartScreen. Are you sure you want to open this file?",
        buttons=("cancel", "open"),
        default="open",
        source='edge-co-di: section "ClickOnce and DirectInvoke file handling security": '
        '"a second popup is displayed. This popup warns the user that the file was flagged '
        'as unsafe", and its screenshot',
        link="Report file as safe",
    ),
    _download("edge", "Downloads"),
    _download("chrome", "Downloads"),
    _download("firefox", "Downloads"),
    *(_external_protocol(b) for b in ("ie", "edge-legacy", "edge", "chrome", "firefox")),
    DialogSpec(
        id="dfshim.security_warning",
        title="Application Install - Security Warning",
        text="{lead}Are you sure you want to install this application?\n"
        "Name: {name}\nFrom: {host}\nPublisher: {publisher}",
        buttons=("install", "dont-install"),
        default="install",
source='edge-co-di: the screenshot of the ClickOnce prompt after Open: "Publisher cannot '
        'be verified. Are you sure you want to install this application?", Name, From, '
        'Publisher "Unknown Publisher", Install and Don\'t Install; flylib-clickonce-signing: '
        '"the Application Install - Security Warning"',
    ),
    DialogSpec(
        id="dfshim.update_available",
        title="Update Available",
        text="A new version of {name} is available. Do you want to download it now?",
        buttons=("ok", "skip"),
        default="ok",
        source="vs-deployment-element: inferred from <subscription> <update> "
        "<beforeApplicationStartup/> (the prompt's wording is not in the source)",
        inferred=True,
    ),
    DialogSpec(
        id="dfshim.cannot_start",
        title="Cannot Start Application",
        text="Application cannot be started.  Contact the application vendor.",
        buttons=("ok", "details"),
        default="ok",
        source='kb-2647493: "Message BoxTitle: Cannot Start Application. Application cannot '
        'be started.  Contact the application vendor. (OK) (Details)"',
    ),
)

DIALOGS: Final[Mapping[str, DialogSpec]] = MappingProxyType({spec.id: spec for spec in _SPECS})


def show(dialog_id: str, answers: Mapping[str, str], *, without: tuple[str, ...] = (),
         **fields: str) -> Dialog:
    """Show ``dialog_id`` with its text filled from ``fields``; answer it (Rule 3).

    ``without`` removes buttons (``X-Download-Options: noopen`` removes Open). An
    answer naming a removed button cannot be given, so the default is taken: the
    first remaining button of ``open``, ``save``, ``install``, ``ok``, else the first.

    Raises:
        KeyError: an unknown dialog id (a bug: ids come from the models).
        ValueError: an answer that is not one of the dialog's buttons.
    """
    spec = DIALOGS[dialog_id]
    buttons = tuple(b for b in spec.buttons if b not in without)
    default = spec.default if spec.default in buttons else next(
        (b for b in ("open", "save", "install", "ok") if b in buttons), buttons[0])
    answer = answers.get(dialog_id, default)
    if answer not in spec.buttons:
        raise ValueError(f"answers.{dialog_id}: expected one of {', '.join(spec.buttons)}, "
                         f"found {answer!r}")
    if answer not in buttons:
        answer = default
    return Dialog(id=spec.id, title=spec.title.format_map(_Fields(fields)),
                  text=spec.text.format_map(_Fields(fields)), buttons=buttons,
                  answer=answer)


class _Fields(dict[str, str]):
    """Leave a placeholder the caller did not give as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
