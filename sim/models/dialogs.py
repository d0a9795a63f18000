"""The dialogs a simulation can show: ids, titles, texts, buttons, defaults and sources.

Rules:
1. Every dialog id of the contract (section 1, "Dialog ids that must exist") is in
   :data:`DIALOGS`, with the texts the sources give; wording no retrievable source
   gives is marked ``inferred`` and says so in ``source``
   (../shared/facts/browser-facts.md sections 1.3, 4.3 and 5; windows-facts.md 2.2-2.3).
2. Buttons are named as ``[answers]`` names them: lower case with dashes.
3. A dialog the scenario does not answer takes its default answer, the one a
   user who wants the file takes (contract): ``open``, ``install``, ``ok``.
4. Texts fill ``{filename}`` and ``{host}`` from the URL as shown: Edge shows the
   file name percent-encoded as in the URL path (browser-facts 4.3, [obs]).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from sim.core.sources import EDGE_CO_DI, IE_DIRECT_INVOKE, IE_DOWNLOAD

__all__ = ["DIALOGS", "Dialog", "DialogSpec", "show"]

_KB_2647493: Final = "https://support.microsoft.com/en-us/help/2647493"
_BROWSER_DOWNLOAD_UI: Final = (
    "download UI: the file name and Open/Save as in "
    "../shared/facts/browser-facts.md sections 1.7, 4.3 and 6.2; exact wording not "
    "retrievable"
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
        """The contract's JSON form: id, title, text, buttons, answer."""
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
    return DialogSpec(
        id=f"{browser}.external_protocol",
        title="Open {app}?",
        text="{host} wants to open this application.",
        buttons=("open", "cancel"),
        default="open",
        source="external-protocol prompt; exact wording not in ../shared/facts",
        inferred=True,
    )


_SPECS: Final = (
    DialogSpec(
        id="ie.open_file",
        title="Internet Explorer",
        text="Do you want to open {filename} from {host}?",
        buttons=("open", "cancel"),
        default="open",
        source=IE_DIRECT_INVOKE + " (buttons Open/Cancel, no Save; wording not retrievable)",
        inferred=True,
    ),
    _download("ie", "Internet Explorer", IE_DOWNLOAD + " (Open/Save; wording inferred)"),
    DialogSpec(
        id="edge-legacy.open_file",
        title="Microsoft Edge",
        text="Do you want to open {filename} from {host}?",
        buttons=("open", "cancel"),
        default="open",
        source="Edge Legacy prompt text and buttons not retrievable (browser-facts 5)",
        inferred=True,
    ),
    _download("edge-legacy", "Microsoft Edge"),
    DialogSpec(
        id="edge.open_file",
        title="Open this file?",
        text="Do you want to open {filename} from {host}?",
        buttons=("open", "cancel"),
        default="open",
        source=EDGE_CO_DI,
        link="Report file as unsafe",
    ),
    DialogSpec(
        id="edge.unsafe_file",
        title="This file may be unsafe",
        text="The site hosting {filename} has been reported as unsafe by Microsoft "
        "SmartScreen. Are you sure you want to open this file?",
        buttons=("cancel", "open"),
        default="open",
        source=EDGE_CO_DI,
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
        source="https://flylib.com/books/en/2.617.1.26/1 (title); " + EDGE_CO_DI + " (text, "
        "Name/From/Publisher, Unknown Publisher; browser-facts 4.3). The lead \"Publisher "
        "cannot be verified.\" is left out for a validly signed publisher [inf]",
    ),
    DialogSpec(
        id="dfshim.update_available",
        title="Update Available",
        text="A new version of {name} is available. Do you want to download it now?",
        buttons=("ok", "skip"),
        default="ok",
        source="ClickOnce's update prompt for <beforeApplicationStartup/> "
        "(../shared/facts/windows-facts.md 1.5; the wording is not in the facts)",
        inferred=True,
    ),
    DialogSpec(
        id="dfshim.cannot_start",
        title="Cannot Start Application",
        text="Application cannot be started.  Contact the application vendor.",
        buttons=("ok", "details"),
        default="ok",
        source=_KB_2647493,
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
