"""Handler applications: what the process ShellExecute started does next.

Rules (:data:`HANDLER_RULES`):
1. A rundll32 command line calls a DLL entry point (:mod:`sim.models.handlers.rundll32`);
   dfshim's ``ShOpenVerbApplication`` and ``ShOpenVerbShortcut`` are modelled
   (:mod:`sim.models.clickonce.dfshim`, lolbas-dfshim).
2. A document handler is found by its program's path: Office's Word, Excel and
   PowerPoint, and any handler a scenario declares (:mod:`sim.models.handlers.document`).
3. Any other program has no model: it started, which counts as launched (the
   generic handler model) [inf].
The dispatch is the table :data:`RUNDLL32_ENTRIES` plus the context's document
handlers, not branching.
"""

from __future__ import annotations

import ntpath
from collections.abc import Callable
from typing import Final

from sim.core.rules import Rule, rule_table
from sim.models.clickonce.dfshim import DFSHIM_RULES, open_application, open_shortcut
from sim.models.context import HandlerContext, HandlerResult, HandlerSpec
from sim.models.handlers.document import BUILTIN_DOCUMENT_HANDLERS, DOCUMENT_RULES, open_document
from sim.models.handlers.rundll32 import parse_rundll32
from sim.shell.execute import Launch

__all__ = [
    "BUILTIN_DOCUMENT_HANDLERS",
    "HANDLER_RULES",
    "RUNDLL32_ENTRIES",
    "HandlerContext",
    "HandlerResult",
    "HandlerSpec",
    "run_handler",
]

EntryPoint = Callable[[HandlerContext, str], HandlerResult]

RUNDLL32_ENTRIES: Final[dict[tuple[str, str], EntryPoint]] = {
    ("dfshim.dll", "shopenverbapplication"): open_application,
    ("dfshim.dll", "shopenverbapplicationw"): open_application,
    ("dfshim.dll", "shopenverbshortcut"): open_shortcut,
    ("dfshim.dll", "shopenverbshortcutw"): open_shortcut,
}

HANDLER_RULES: Final = rule_table(
    [
        Rule(id="handler.rundll32", source=(
            "win-rundll32: rundll32 <dllname>,<entrypoint> [<optional arguments>]"),
             summary="rundll32 calls <dll>,<entry> with the rest of the command line"),
        Rule(id="handler.unmodelled", source=(
            "invokesim-scenarios: inferred from the scenario format's outcome launched: \"a "
            'handler started and did its job"'), inferred=True,
             summary="a program with no model started: it counts as launched"),
        *DFSHIM_RULES.values(),
        *DOCUMENT_RULES.values(),
    ]
)


def run_handler(ctx: HandlerContext, launch: Launch) -> HandlerResult | None:
    """Rules 1-3: run the model of the started program, or None when it has none."""
    if ntpath.basename(launch.image).lower() == "rundll32.exe":
        call = parse_rundll32(launch.command_line)
        if call is not None:
            entry = RUNDLL32_ENTRIES.get((call.dll, call.entry.lower()))
            ctx.note("handler.rundll32", f"{call.dll},{call.entry} {call.argument}")
            if entry is not None:
                return entry(ctx, call.argument)
    spec = ctx.documents.get(launch.image.lower())
    if spec is not None:
        return open_document(ctx, spec, launch)
    ctx.note("handler.unmodelled", launch.image)
    return None
