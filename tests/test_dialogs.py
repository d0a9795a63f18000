"""Every documented dialog exists, fills its texts and takes its answer or default."""

from __future__ import annotations

import pytest

from sim.models.dialogs import DIALOGS, show

CONTRACT_IDS = [
    "ie.open_file", "ie.download", "edge-legacy.open_file", "edge-legacy.download",
    "edge.open_file", "edge.unsafe_file", "edge.download", "chrome.download",
    "firefox.download", "dfshim.security_warning", "dfshim.cannot_start",
    *(f"{b}.external_protocol" for b in ("ie", "edge-legacy", "edge", "chrome", "firefox")),
]


@pytest.mark.parametrize("dialog_id", CONTRACT_IDS)
def test_documented_dialogs_exist_with_a_source(dialog_id: str) -> None:
    """Each dialog id docs/scenarios.md names is modelled, with a source and lower-case buttons."""
    spec = DIALOGS[dialog_id]
    assert spec.source and spec.default in spec.buttons
    assert all(b == b.lower() and " " not in b for b in spec.buttons)


def test_edge_prompt_shows_the_documented_text() -> None:
    """Edge's first popup reads as in Microsoft's screenshots, default Open."""
    dialog = show("edge.open_file", {}, filename="HelloClickOnce.application",
                  host="www.bayden.com")
    assert dialog.title == "Open this file?"
    assert dialog.text == "Do you want to open HelloClickOnce.application from www.bayden.com?"
    assert dialog.buttons == ("open", "cancel") and dialog.answer == "open"


def test_answers_are_taken_and_checked() -> None:
    """A scenario's answer is taken; an answer that is not a button is refused."""
    assert show("edge.unsafe_file", {"edge.unsafe_file": "cancel"}).answer == "cancel"
    with pytest.raises(ValueError, match="expected one of cancel, open, found 'save'"):
        show("edge.unsafe_file", {"edge.unsafe_file": "save"})


def test_defaults_follow_a_user_who_wants_the_file() -> None:
    """Unanswered dialogs take open, install or ok."""
    assert show("dfshim.security_warning", {}).answer == "install"
    assert show("dfshim.cannot_start", {}).answer == "ok"
    assert show("chrome.download", {}).answer == "open"


def test_json_form_matches_the_documented_form() -> None:
    """A dialog's JSON has exactly id, title, text, buttons and answer."""
    data = show("dfshim.cannot_start", {}).to_json()
    assert list(data) == ["id", "title", "text", "buttons", "answer"]
    assert data["text"] == "Application cannot be started.  Contact the application vendor."
