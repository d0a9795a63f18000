"""The pipeline every click goes through, as a graph, and which nodes a trace took.

Rules:
1. One static graph of stages (click, fetch, headers, gates, route, ShellExecute,
   handler, outcome; ``architecture.md``'s flow) is drawn per browser family
   (:data:`FAMILIES`): each family lists the gate nodes its model has
   (``sim/models/browsers/``); an edge is drawn when both its ends are in the family.
2. A trace's path is found by table, not by branching: each event's rule id maps to
   a node (:data:`RULE_NODES`, else the first matching prefix in
   :data:`PREFIX_NODES`, so the handler models' ``dfshim.``, ``clickonce.`` and
   ``handler.`` rules land on the ``handler`` stage); the route and the outcome map
   to their own nodes. A rule id in neither table is skipped: it just does not
   highlight.
3. The path is the taken nodes in the order the trace first reached them, from
   ``click`` to the outcome.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sim.engine.trace import Trace

__all__ = ["EDGES", "FAMILIES", "NODES", "PREFIX_NODES", "RULE_NODES", "Graph", "family_of",
           "graph_for", "path_of"]

ROUTES: Final = ("render", "download", "direct-invoke", "mime-handler", "protocol",
                 "extension", "none")
OUTCOMES: Final = ("rendered", "saved", "launched", "failed", "cancelled", "blocked", "nothing")

NODES: Final[Mapping[str, str]] = {  # in pipeline order: every edge goes forward (Rule 3)
    "click": "Click a link",
    "protocol": "App protocol link",
    "protocol_prompt": "External-protocol prompt",
    "extension": "Extension sees the URL",
    "fetch": "Browser fetches the URL",
    "http_error": "HTTP error page",
    "headers": "Read the headers: file name, type",
    "render": "Renders in the tab?",
    "not_windows": "Windows?",
    "no_native": "No native ClickOnce or DirectInvoke",
    "attachment": "Content-Disposition: attachment",
    "invokeapp": "X-MS-InvokeApp: 1",
    "clickonce_type": "ClickOnce type",
    "fta_always": "FTA_AlwaysUseDirectInvoke",
    "co_gate": "ClickOnce gate: policy, flag, version",
    "di_gate": "DirectInvoke gate: policy",
    "feature_off": "Feature off: regular download",
    "win8": "Windows 8 or later",
    "handler_check": "Default handler takes the URL?",
    "auto_open": "AutoOpenFileTypes",
    "zone": "Security zone",
    "open_is_safe": "FTA_OpenIsSafe: no prompt",
    "prompt": "Open or Cancel prompt",
    "smartscreen": "SmartScreen verdict",
    "mime_handler": "MIME handler (CLSID)",
    "immersive": "Immersive IE downloads",
    "download_ui": "Download UI",
    **{f"route_{r.replace('-', '_')}": f"route: {r}" for r in ROUTES},
    "saved": "Saved to Downloads with Mark-of-the-Web",
    "open_download": "Opened by path",
    "shellexec": "ShellExecute",
    "handler": "Handler",
    **{f"outcome_{o}": f"outcome: {o}" for o in OUTCOMES},
}

# Rule 2: rule id -> node. Ids come from sim.engine.RULES.
RULE_NODES: Final[Mapping[str, str]] = {
    "engine.no_click": "click",
    "engine.fetch_failed": "fetch",
    "engine.http_error": "http_error",
    "engine.saved": "saved",
    "engine.open_download": "open_download",
    "engine.handler_started": "handler",
    "engine.shell_error": "shellexec",
    # The machine as the click finds it: shorthands written, Edge policies read.
    "engine.shorthand": "click",
    "edge.policy_read": "click",
    "edge.policy_overridden": "click",
    "edge.policy_ignored": "click",
    "edge.auto_open_entry_skipped": "click",
    "protocol.link": "protocol",
    "protocol.not_windows": "protocol",
    "protocol.prompt": "protocol_prompt",
    "extension.clickonce": "extension",
    "extension.missed": "extension",
    "browser.fetch": "fetch",
    "browser.file_name": "headers",
    "browser.render": "render",
    "browser.attachment": "attachment",
    "browser.clickonce_type": "clickonce_type",
    "browser.default_handler": "handler_check",
    "download.ui": "download_ui",
    "download.noopen": "download_ui",
    "download.auto_open": "auto_open",
    "download.smartscreen_block": "smartscreen",
    "edge.not_windows": "not_windows",
    "edge.no_invoke_request": "fta_always",
    "edge.feature_off": "feature_off",
    "edge.no_handler": "handler_check",
    "edge.prompt_skipped": "auto_open",
    "edge.prompt": "prompt",
    "edge.smartscreen_unsafe": "smartscreen",
    "edge.direct_invoke": "shellexec",
    "edge.clickonce_policy": "co_gate",
    "edge.clickonce_flag": "co_gate",
    "edge.clickonce_default": "co_gate",
    "edge.directinvoke_policy": "di_gate",
    "edge.directinvoke_default": "di_gate",
    "edge.policy_unsupported": "co_gate",
    "edge.auto_open": "auto_open",
    "chromium.no_native_support": "no_native",
    "firefox.no_native_support": "no_native",
    "ie.direct_invoke_request": "invokeapp",
    "ie.always_use_direct_invoke": "fta_always",
    "ie.needs_windows_8": "win8",
    "ie.handler_needs_file": "handler_check",
    "ie.attachment_wins": "attachment",
    "ie.read_only": "shellexec",
    "ie.open_is_safe": "open_is_safe",
    "ie.prompt": "prompt",
    "ie.direct_invoke": "shellexec",
    "ie.download_immersive": "immersive",
    "ie.mime_handler": "mime_handler",
    "edge_legacy.no_save": "prompt",
    "protocol.unregistered": "protocol",
    "edge.attachment_wins": "attachment",
    "edge.download_attribute_wins": "attachment",
    "edge.handler_lookup": "handler_check",
    "edge.handler_needs_file": "handler_check",
    "edge.clickonce_handler": "handler_check",
    "ie.immersive_direct_invoke": "handler_check",
    "ie.file_name": "headers",
    "ie.download_attribute_ignored": "headers",
    "firefox.file_name": "headers",
    "firefox.name_fallback": "headers",
}
PREFIX_NODES: Final = (
    ("dfshim.", "handler"),
    ("clickonce.", "handler"),
    ("certstore.", "handler"),
    ("handler.", "handler"),
    ("shell.", "shellexec"),
    ("zones.", "zone"),
    ("chromium.", "headers"),  # Chromium's download-name rules
)

_E = tuple[str, str, str]
EDGES: Final[tuple[_E, ...]] = (
    ("click", "protocol", "app link"),
    ("protocol", "protocol_prompt", ""),
    ("protocol_prompt", "route_protocol", "open"),
    ("protocol_prompt", "route_none", "cancel"),
    ("click", "extension", "extension"),
    ("extension", "route_extension", ".application"),
    ("extension", "fetch", "missed"),
    ("click", "fetch", "web link"),
    ("fetch", "http_error", "4xx/5xx"),
    ("fetch", "route_none", "refused"),
    ("http_error", "route_render", ""),
    ("fetch", "headers", "200"),
    ("headers", "render", ""),
    ("render", "route_render", "yes"),
    ("render", "attachment", "no"),
    ("render", "not_windows", "no"),
    ("render", "no_native", "no"),
    ("attachment", "download_ui", "attachment"),
    ("attachment", "invokeapp", ""),
    ("attachment", "fta_always", ""),
    ("attachment", "clickonce_type", ""),
    ("not_windows", "download_ui", "no"),
    ("not_windows", "attachment", "yes"),
    ("no_native", "download_ui", ""),
    ("invokeapp", "win8", ""),
    ("fta_always", "win8", ""),
    ("win8", "handler_check", "yes"),
    ("win8", "mime_handler", "no"),
    ("clickonce_type", "co_gate", ""),
    ("invokeapp", "di_gate", ""),
    ("fta_always", "download_ui", "not honoured"),
    ("co_gate", "feature_off", "off"),
    ("di_gate", "feature_off", "off"),
    ("co_gate", "handler_check", "on"),
    ("di_gate", "handler_check", "on"),
    ("feature_off", "smartscreen", ""),
    ("feature_off", "download_ui", ""),
    ("handler_check", "zone", "yes"),
    ("handler_check", "auto_open", "yes"),
    ("handler_check", "mime_handler", "no"),
    ("handler_check", "immersive", "no"),
    ("handler_check", "download_ui", "no"),
    ("zone", "open_is_safe", "intranet, trusted"),
    ("zone", "prompt", ""),
    ("auto_open", "prompt", "no match"),
    ("auto_open", "route_direct_invoke", "match"),
    ("prompt", "smartscreen", "unsafe"),
    ("prompt", "route_direct_invoke", "open"),
    ("prompt", "route_none", "cancel"),
    ("smartscreen", "route_direct_invoke", "open"),
    ("smartscreen", "route_none", "cancel"),
    ("smartscreen", "route_download", "block"),
    ("open_is_safe", "route_direct_invoke", ""),
    ("mime_handler", "route_mime_handler", ""),
    ("mime_handler", "download_ui", "none"),
    ("immersive", "download_ui", ""),
    ("download_ui", "route_download", ""),
    ("auto_open", "route_download", "auto-open"),
    ("route_download", "saved", ""),
    ("saved", "open_download", "open"),
    ("saved", "outcome_saved", "save"),
    ("open_download", "shellexec", ""),
    ("route_direct_invoke", "shellexec", ""),
    ("route_protocol", "shellexec", ""),
    ("route_extension", "shellexec", ""),
    ("route_mime_handler", "handler", ""),
    ("shellexec", "handler", "started"),
    ("shellexec", "outcome_failed", "error"),
    ("handler", "outcome_launched", ""),
    ("handler", "outcome_failed", ""),
    ("route_render", "outcome_rendered", ""),
    ("route_none", "outcome_cancelled", ""),
    ("route_none", "outcome_blocked", ""),
    ("route_none", "outcome_nothing", ""),
    ("route_download", "outcome_blocked", ""),
)

_COMMON: Final = (
    "click", "protocol", "protocol_prompt", "fetch", "http_error", "headers", "render",
    "download_ui", "saved", "open_download", "shellexec", "handler",
    *(f"route_{r.replace('-', '_')}" for r in ROUTES), *(f"outcome_{o}" for o in OUTCOMES),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    """A browser family's graph: its nodes and the labels it words differently."""

    name: str
    title: str
    nodes: frozenset[str]
    labels: Mapping[str, str]


FAMILIES: Final[Mapping[str, Family]] = {
    family.name: family
    for family in (
        Family(name="trident", title="Internet Explorer and Edge Legacy", nodes=frozenset((
            *_COMMON, "attachment", "invokeapp", "fta_always", "win8", "handler_check",
            "zone", "open_is_safe", "prompt", "mime_handler", "immersive")),
            labels={"prompt": "Open or Cancel prompt (no Save)"}),
        Family(name="edge", title="Edge (Chromium)", nodes=frozenset((
            *_COMMON, "extension", "not_windows", "attachment", "clickonce_type", "invokeapp",
            "fta_always", "co_gate", "di_gate", "feature_off", "handler_check", "auto_open",
            "prompt", "smartscreen")),
            labels={"prompt": "Open this file?",
                    "smartscreen": "SmartScreen: This file may be unsafe"}),
        Family(name="chrome", title="Chrome", nodes=frozenset((
            *_COMMON, "extension", "no_native")), labels={}),
        Family(name="firefox", title="Firefox", nodes=frozenset((*_COMMON, "no_native")),
               labels={}),
    )
}
_BROWSER_FAMILY: Final = {"ie": "trident", "edge-legacy": "trident", "edge": "edge",
                          "chrome": "chrome", "firefox": "firefox"}


def family_of(browser: str) -> Family:
    """The family of a browser name (``[browser] name``); an unknown name draws Edge's."""
    return FAMILIES[_BROWSER_FAMILY.get(browser, "edge")]


@dataclass(frozen=True, slots=True, kw_only=True)
class Graph:
    """A family's nodes (id, label) and edges, and the trace's way through them.

    ``path`` holds the nodes the trace's events reached; ``passed`` the nodes
    between two of them that the trace went through without a step of their own
    (a gate that said no); ``lit`` the indexes in ``edges`` of the way taken.
    """

    family: Family
    nodes: tuple[tuple[str, str], ...]
    edges: tuple[_E, ...]
    path: tuple[str, ...]
    passed: frozenset[str]
    lit: tuple[int, ...]


def node_of(rule: str) -> str | None:
    """Rule 2: the node an event's rule id lands on, or None."""
    node = RULE_NODES.get(rule)
    if node is not None:
        return node
    return next((n for prefix, n in PREFIX_NODES if rule.startswith(prefix)), None)


_ORDER: Final = {node: index for index, node in enumerate(NODES)}


def path_of(trace: Trace) -> tuple[str, ...]:
    """Rule 3: the nodes the trace reached, with its route and outcome, in pipeline order.

    Reading the headers implies the fetch (the browser emits no step for a plain
    fetch).
    """
    taken = {"click", f"route_{trace.route.replace('-', '_')}", f"outcome_{trace.outcome}"}
    taken.update(n for n in (node_of(e.rule) for e in trace.events) if n is not None)
    if "headers" in taken:
        taken.add("fetch")
    return tuple(sorted((n for n in taken if n in _ORDER), key=_ORDER.__getitem__))


def _way(edges: tuple[_E, ...], start: str, end: str,
         avoid: set[str]) -> list[int] | None:
    """The shortest way from ``start`` to ``end`` (edge indexes) not through ``avoid``."""
    frontier: list[tuple[str, list[int]]] = [(start, [])]
    seen = {start} | avoid
    while frontier:
        following: list[tuple[str, list[int]]] = []
        for node, way in frontier:
            for index, (a, b, _label) in enumerate(edges):
                if a != node or b in seen:
                    continue
                if b == end:
                    return [*way, index]
                seen.add(b)
                following.append((b, [*way, index]))
        frontier = following
    return None


def graph_for(trace: Trace, browser: str) -> Graph:
    """Rules 1 and 3: the family's graph for ``browser`` and the trace's way through it.

    Consecutive path nodes are joined by the shortest way between them through
    nodes off the path (so a gate that said no is passed through); a pair with no
    such way is left unjoined.
    """
    family = family_of(browser)
    nodes = tuple((n, family.labels.get(n, label)) for n, label in NODES.items()
                  if n in family.nodes)
    edges = tuple(e for e in EDGES if e[0] in family.nodes and e[1] in family.nodes)
    path = tuple(n for n in path_of(trace) if n in family.nodes)
    on_path = set(path)
    lit: set[int] = set()
    passed: set[str] = set()
    for start, end in itertools.pairwise(path):
        way = _way(edges, start, end, on_path - {end})
        if way is None:
            continue
        lit.update(way)
        passed.update(edges[i][1] for i in way if edges[i][1] != end)
    return Graph(family=family, nodes=nodes, edges=edges, path=path,
                 passed=frozenset(passed - on_path), lit=tuple(sorted(lit)))
