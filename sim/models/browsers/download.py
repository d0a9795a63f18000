"""The regular download every browser falls back to, and its download UI.

Rules (:data:`DOWNLOAD_RULES`):
1. The download UI (``<browser>.download``) offers Open, Save and Cancel; Open
   opens the finished file by path, Save keeps it, Cancel drops it (IE10's
   "Customizing the download experience").
2. ``X-Download-Options: noopen`` removes Open (IE; the same page).
3. A download SmartScreen flags as unsafe is blocked like any other unsafe download
   (Edge's CO/DI doc) [inf: the user does not override the block].
4. An auto-opened download (Edge's AutoOpenFileTypes) opens without the UI.
"""

from __future__ import annotations

from typing import Final

from sim.core.outcomes import Outcome
from sim.core.rules import Rule, rule_table
from sim.models.browsers.common import Plan, Response, Session, renders

__all__ = ["DOWNLOAD_RULES", "regular_download", "render_or_download"]


DOWNLOAD_RULES: Final = rule_table(
    [
        Rule(id="download.ui", source=(
            'invokesim-scenarios: section "Dialogs and answers": "a <browser>.download dialog '
            'is the browser\'s download UI"'),
             summary="the download UI: Open opens by path, Save keeps, Cancel drops"),
        Rule(id="download.noopen", source=(
            'ie-download: X-Download-Options: noopen removes Open from the download '
            'notification'),
             summary="X-Download-Options: noopen removes Open"),
        Rule(id="download.smartscreen_block", source=(
            'edge-co-di: inferred from "if flagged as unsafe, will be marked as unsafe. This '
            'is consistent with the treatment of other unsafe downloads"'), inferred=True,
             summary="an unsafe SmartScreen verdict blocks the download"),
        Rule(id="download.auto_open", source=('edge-policies: section AutoOpenFileTypes'),
             summary="an auto-opened download opens without the download UI"),
    ]
)

_OUTCOME: Final[dict[str, Outcome]] = {"save": "saved", "cancel": "cancelled"}


def regular_download(session: Session, response: Response, browser: str, *,
                     auto_open: bool = False, honours_noopen: bool = False,
                     smartscreen_blocks: bool = False,
                     without: tuple[str, ...] = ()) -> Plan:
    """Plan a regular download through ``browser``'s download UI (Rules 1-4)."""
    if smartscreen_blocks and session.settings.smartscreen == "unsafe":
        session.note("download.smartscreen_block", f"{response.filename}: blocked as unsafe")
        return Plan(route="download", action="stop", outcome="blocked",
                    error=f"{response.filename} was blocked as unsafe by Microsoft SmartScreen")
    if auto_open:
        session.note("download.auto_open", response.filename)
        return Plan(route="download", action="download", open_after=True)
    removed = without
    if honours_noopen and response.noopen:
        session.note("download.noopen", "Open removed")
        removed = (*removed, "open")
    answer = session.ask(f"{browser}.download", response, without=removed)
    session.note("download.ui", f"{browser}.download: {answer}")
    if answer in _OUTCOME:
        return Plan(route="download", action="download" if answer == "save" else "stop",
                    outcome=_OUTCOME[answer])
    return Plan(route="download", action="download", open_after=True)


def render_or_download(session: Session, response: Response, browser: str, rule: str) -> Plan:
    """A browser without ClickOnce or DirectInvoke: render in the tab, else download.

    ``rule`` is the browser's own "no native support" rule, recorded before the
    download so the trace says why nothing else happened.
    """
    step = renders(response, download_attribute=session.download_attribute, viewers=True)
    if step is not None:
        session.add(step)
        return Plan(route="render", action="render")
    session.note(rule, response.filename)
    return regular_download(session, response, browser)
