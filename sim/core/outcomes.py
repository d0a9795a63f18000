"""The routes a click can take and the outcomes it can end in: one list each.

The scenario schema (``[expect] route`` / ``outcome``), the browser models' plans and the
trace all use these types, so a new route or outcome is added here once. The strings are
the stable names of the scenario files and the JSON output (``docs/scenarios.md``).
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["OUTCOMES", "ROUTES", "Outcome", "Route"]

# How the browser handled the click.
Route = Literal[
    "render", "download", "direct-invoke", "mime-handler", "protocol", "extension", "none"
]
# How it ended for the user.
Outcome = Literal[
    "rendered", "saved", "launched", "failed", "cancelled", "blocked", "nothing"
]

ROUTES: Final[tuple[str, ...]] = get_args(Route)
OUTCOMES: Final[tuple[str, ...]] = get_args(Outcome)
