"""Edge (Chromium): whether ClickOnce and DirectInvoke are on, and when the prompt is skipped.

Rules (:data:`EDGE_FEATURE_RULES`; sources: the Edge policy reference, release notes and CO/DI doc):
1. ClickOnce: the ``ClickOnceEnabled`` policy (Edge 78+) decides when set and
   overrides ``edge://flags/#edge-click-once``; else the flag decides when set to
   enabled or disabled; else the version's default: off before 87, on from 87.
2. DirectInvoke: on out of the box; the ``DirectInvokeEnabled`` policy (78+) set to
   false turns it off ("the file is saved to the file system").
3. A policy set on an Edge older than 78 does not exist there and is ignored [inf].
4. Auto-open: ``AutoOpenFileTypes`` lists extensions without the dot; it applies
   only on managed devices (AD, Azure AD or MDM), and only to URLs matching
   ``AutoOpenAllowedForURLs`` when that list is set. It exists from 85 for
   downloads; from 93 it also skips the ClickOnce/DirectInvoke prompt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sim.core.rules import Rule, Step, rule_table
from sim.models.browsers.url_filter import matches_any

__all__ = [
    "AUTO_OPEN_DOWNLOADS_SINCE",
    "AUTO_OPEN_SKIPS_PROMPT_SINCE",
    "CLICKONCE_DEFAULT_ON_SINCE",
    "EDGE_FEATURE_RULES",
    "MODELLED_FLAGS",
    "MODELLED_POLICIES",
    "POLICIES_SINCE",
    "Gate",
    "auto_open",
    "clickonce_gate",
    "directinvoke_gate",
]


POLICIES_SINCE: Final = 78  # ClickOnceEnabled, DirectInvokeEnabled (edge-policies)
# 87.0.664.41 "ClickOnce ... enabled by default" (edge-relnotes)
CLICKONCE_DEFAULT_ON_SINCE: Final = 87
AUTO_OPEN_DOWNLOADS_SINCE: Final = 85  # AutoOpenFileTypes, AutoOpenAllowedForURLs (edge-policies)
# 93.0.961.38 "Policies to bypass ... prompts" (edge-relnotes)
AUTO_OPEN_SKIPS_PROMPT_SINCE: Final = 93

# What a scenario's [browser] flags and policies may name.
MODELLED_FLAGS: Final = ("edge-click-once",)
MODELLED_POLICIES: Final = (
    "AutoOpenAllowedForURLs",
    "AutoOpenFileTypes",
    "ClickOnceEnabled",
    "DirectInvokeEnabled",
)

EDGE_FEATURE_RULES: Final = rule_table(
    [
        Rule(id="edge.clickonce_policy", source='edge-policies: section ClickOnceEnabled',
             summary="ClickOnceEnabled, when set, decides and overrides edge://flags"),
        Rule(id="edge.clickonce_flag", source=(
            'lawrence-clickonce: section "Edge 77+ Implementation": "enabled via '
            'edge://flags/#edge-click-once"'),
             summary="edge://flags/#edge-click-once set to Enabled or Disabled decides"),
        Rule(id="edge.clickonce_default", source=(
            'edge-relnotes: version 87.0.664.41 "ClickOnce deployment enabled by default"'),
             summary="unset: ClickOnce is off before Edge 87 and on from 87"),
        Rule(id="edge.directinvoke_policy", source='edge-policies: section DirectInvokeEnabled',
             summary="DirectInvokeEnabled set to false saves the file instead"),
        Rule(id="edge.directinvoke_default", source=(
            'edge-co-di: "DirectInvoke is supported out of the box for all Windows users"'),
             summary="DirectInvoke is supported out of the box"),
        Rule(id="edge.policy_unsupported", source=(
            "edge-policies: inferred from each policy's \"Supported versions\" line"),
             inferred=True,
             summary="a policy set on an Edge version before it existed is ignored"),
        Rule(id="edge.auto_open", source=(
            "edge-policies: sections AutoOpenFileTypes and AutoOpenAllowedForURLs"),
             summary="AutoOpenFileTypes (+ AutoOpenAllowedForURLs) on a managed device"),
    ]
)


@dataclass(frozen=True, slots=True)
class Gate:
    """Whether a feature is on, and the steps that decided it."""

    enabled: bool
    steps: tuple[Step, ...]


def _policy(version: int, policies: Mapping[str, object], name: str,
            steps: list[Step]) -> object | None:
    value = policies.get(name)
    if value is not None and version < POLICIES_SINCE:
        steps.append(Step("edge.policy_unsupported",
                          f"{name} exists from Edge {POLICIES_SINCE}; Edge {version} ignores it"))
        return None
    return value


def clickonce_gate(version: int, flag: str, policies: Mapping[str, object]) -> Gate:
    """Rule 1 (and 3): whether Edge ``version`` handles ClickOnce by URL."""
    steps: list[Step] = []
    policy = _policy(version, policies, "ClickOnceEnabled", steps)
    if policy is not None:
        enabled = bool(policy)
        steps.append(Step("edge.clickonce_policy", f"ClickOnceEnabled={policy!r}: "
                          + ("enabled" if enabled else "disabled")))
    elif flag in ("enabled", "disabled"):
        enabled = flag == "enabled"
        steps.append(Step("edge.clickonce_flag", f"edge://flags/#edge-click-once: {flag}"))
    else:
        enabled = version >= CLICKONCE_DEFAULT_ON_SINCE
        steps.append(Step("edge.clickonce_default", f"Edge {version}: ClickOnce "
                          + ("on by default" if enabled else "off by default")))
    return Gate(enabled, tuple(steps))


def directinvoke_gate(version: int, policies: Mapping[str, object]) -> Gate:
    """Rules 2 and 3: whether Edge ``version`` hands DirectInvoke types their URL."""
    steps: list[Step] = []
    policy = _policy(version, policies, "DirectInvokeEnabled", steps)
    if policy is not None and not policy:
        steps.append(Step("edge.directinvoke_policy", f"DirectInvokeEnabled={policy!r}: disabled"))
        return Gate(False, tuple(steps))
    steps.append(Step("edge.directinvoke_default", "DirectInvoke enabled"))
    return Gate(True, tuple(steps))


def auto_open(version: int, *, managed: bool, policies: Mapping[str, object], extension: str,
              url: str, skip_prompt: bool) -> Gate:
    """Rule 4: whether AutoOpenFileTypes opens ``extension`` from ``url`` without asking.

    ``skip_prompt`` asks about the ClickOnce/DirectInvoke prompt (93+); otherwise
    about opening a finished download (85+).
    """
    since = AUTO_OPEN_SKIPS_PROMPT_SINCE if skip_prompt else AUTO_OPEN_DOWNLOADS_SINCE
    types = policies.get("AutoOpenFileTypes")
    if not isinstance(types, list) or not types:
        return Gate(False, ())
    wanted = extension.lower().removeprefix(".")
    if wanted not in [str(t).lower().removeprefix(".") for t in types]:
        return Gate(False, (Step("edge.auto_open", f"AutoOpenFileTypes does not list {wanted}"),))
    if version < since:
        what = "skips the open prompt" if skip_prompt else "opens downloads"
        return Gate(False, (Step("edge.auto_open",
                                 f"AutoOpenFileTypes {what} from Edge {since}, not {version}"),))
    if not managed:
        return Gate(False, (Step("edge.auto_open",
                                 "AutoOpenFileTypes applies only on managed devices"),))
    allowed = policies.get("AutoOpenAllowedForURLs")
    if isinstance(allowed, list) and allowed:
        hit = matches_any([str(a) for a in allowed], url)
        if hit is None:
            return Gate(False, (Step("edge.auto_open",
                                     f"AutoOpenAllowedForURLs does not match {url}"),))
        return Gate(True, (Step("edge.auto_open",
                                f"{wanted} listed; AutoOpenAllowedForURLs matches {hit!r}"),))
    return Gate(True, (Step("edge.auto_open", f"AutoOpenFileTypes lists {wanted}"),))
