r"""A link to an app protocol (``ms-word:ofe|u|https://...``): the external-protocol prompt.

Rules (:data:`PROTOCOL_RULES`):
1. A clicked URL whose scheme is not a web one (http, https, file, ftp) asks no
   server: the browser looks the scheme up as an app protocol (Office's schemes
   are registered with Windows on install, ``office-uri-schemes``).
2. Chrome and Edge first ask Windows for the program registered for the scheme; with
   none, they show nothing and nothing happens ("ShellExecute won't do anything.
   Don't bother warning the user.", Chromium's ``external_protocol_dialog.cc``;
   Lawrence: "either nothing will happen or ... a potentially confusing error
   message"). A scheme is registered when its key has ``URL Protocol`` and a verb
   with a command.
2a. Otherwise the browser asks before starting the app
   (``<browser>.external_protocol``) [inf: the wording is not published]; Cancel ends
   it. IE, Edge Legacy and Firefox ask even for an unregistered scheme and the shell
   then fails [inf].
3. Open hands the whole URL to ShellExecute with no class: the scheme's key must
   carry ``URL Protocol`` and its verb gets the URL (:mod:`sim.shell.execute`).
4. Off Windows there is no registry to find an app in: nothing happens [inf].
"""

from __future__ import annotations

import ntpath
from typing import Final
from urllib.parse import urlsplit

from sim.core.rules import Rule, rule_table
from sim.models.browsers.common import Plan, Session
from sim.registry import Registry
from sim.shell.argv import command_line_to_argv
from sim.shell.assoc import associate_class
from sim.world.machine import Machine

__all__ = ["PROTOCOL_RULES", "app_protocol", "is_web_url", "link_origin", "program_name"]

_WEB_SCHEMES: Final = frozenset({"http", "https", "file", "ftp"})

PROTOCOL_RULES: Final = rule_table(
    [
        Rule(id="protocol.link", source=(
            "office-uri-schemes: the full form <scheme>:<command>|<descriptor>|<argument>, which "
            "names no server"),
             summary="a link to an app protocol asks no server"),
        Rule(id="protocol.prompt", source=(
            'chromium-external-protocol-dialog: inferred from the Chromium dialog '
            '(IDS_EXTERNAL_PROTOCOL_TITLE with the program name) for every browser'),
             inferred=True, summary="the browser asks before starting the app"),
        Rule(id="protocol.unregistered", source=(
            'chromium-external-protocol-dialog: "ShellExecute won\'t do anything. Don\'t '
            'bother warning the user."'),
             summary="Chrome and Edge: no program registered for the scheme, no dialog, "
             "nothing happens"),
        Rule(id="protocol.not_windows", source=(
            'office-uri-schemes: inferred from Office registering its schemes with Windows on '
            'install'), inferred=True,
             summary="no Windows registry: no app protocol handler"),
    ]
)


def _registered(reg: Registry, scheme: str) -> bool:
    """Whether Windows names a program for ``scheme`` (Rule 2)."""
    if not scheme or "\\" in scheme:
        return False
    if reg.get_value(rf"HKEY_CLASSES_ROOT\{scheme}", "URL Protocol") is None:
        return False
    return associate_class(reg, scheme).found


def is_web_url(url: str) -> bool:
    """Rule 1: whether the browser fetches ``url`` from a server."""
    return urlsplit(url.strip()).scheme.lower() in _WEB_SCHEMES


def app_protocol(session: Session, url: str) -> Plan:
    """Rules 1-4: the plan for a click on an app protocol link."""
    scheme = urlsplit(url.strip()).scheme.lower()
    session.note("protocol.link", f"{scheme}: {url}")
    if not session.machine.is_windows:
        session.note("protocol.not_windows", session.machine.os)
        return Plan(route="none", action="stop", outcome="nothing")
    reg = session.machine.registry
    if session.settings.name in ("chrome", "edge") and reg is not None and not _registered(
            reg, scheme):
        session.note("protocol.unregistered", f"{scheme}: no program")
        return Plan(route="none", action="stop", outcome="nothing")
    dialog_id = f"{session.settings.name}.external_protocol"
    session.note("protocol.prompt", dialog_id)
    answer = session.show(dialog_id, {"app": program_name(session.machine, scheme),
                                      "origin": link_origin(url)})
    if answer == "cancel":
        return Plan(route="none", action="stop", outcome="cancelled")
    return Plan(route="protocol", action="shell_url", cls=None)


def program_name(machine: Machine, scheme: str) -> str:
    """Rule 2: the program the prompt names: FriendlyAppName, else its file, else the scheme."""
    reg = machine.registry
    if reg is None:
        return scheme
    command = reg.get_value(rf"HKEY_CLASSES_ROOT\{scheme}\shell\open\command")
    if command is None or not isinstance(command.data, str) or not command.data.strip():
        return scheme
    argv = command_line_to_argv(command.data)
    exe = ntpath.basename(argv[0]) if argv and argv[0] else scheme
    friendly = reg.get_value(rf"HKEY_CLASSES_ROOT\Applications\{exe}", "FriendlyAppName")
    if friendly is not None and isinstance(friendly.data, str) and friendly.data.strip():
        return friendly.data.strip()
    return exe


def link_origin(url: str) -> str:
    """Rule 2: the origin the prompt names: an Office URI's document site, else "A website"."""
    for part in url.split("|")[1:]:
        split = urlsplit(part)
        if split.scheme in ("http", "https") and split.hostname:
            return f"{split.scheme}://{split.netloc}"
    return "A website"
