"""Rendered pages for ``invokesim run --format ... [--output DIR]``, and writing them safely.

Rules:
1. A page's file name is the scenario's path relative to the folder argument it
   was found under (a file argument: its name alone), with the format's extension
   (:data:`sim.render.EXTENSIONS`): ``run --output out scenarios/`` writes
   ``out/ie/attachment-wins.html``. Two scenarios mapping to one name is an error
   before anything is written.
2. Each file is written to a temporary file beside it, then renamed over the
   target (``os.replace``), so no page is ever half-written.
3. A page's story (:class:`sim.render.Story`) is read from its scenario file again,
   so the engine's loop stays the only place that simulates.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sim.engine.trace import Trace
from sim.errors import SimError
from sim.render import EXTENSIONS, Story, render
from sim.scenario import load_scenario

__all__ = ["OutputError", "page_names", "render_pages", "write_atomic"]


class OutputError(SimError):
    """Pages cannot be written as asked (two scenarios, one file name)."""


def page_names(arguments: Sequence[str], found: Sequence[str], fmt: str) -> list[str]:
    """Rule 1: the relative file name of each found scenario's page."""
    folders = [os.path.abspath(a) for a in arguments if os.path.isdir(a)]
    names: list[str] = []
    for path in found:
        full = os.path.abspath(path)
        base = next((f for f in folders if full.startswith(f + os.sep)), None)
        relative = os.path.relpath(full, base) if base else os.path.basename(full)
        names.append(str(Path(relative).with_suffix(EXTENSIONS[fmt])))
    seen: dict[str, str] = {}
    for name, path in zip(names, found, strict=True):
        if name in seen:
            raise OutputError(f"{path}: its page {name} would overwrite the page of "
                              f"{seen[name]}; give the scenarios under one folder")
        seen[name] = path
    return names


def render_pages(found: Sequence[str], traces: Sequence[Trace], fmt: str) -> list[str]:
    """Rule 3: each trace rendered in ``fmt`` with its scenario's story."""
    return [render(trace, fmt, Story.from_scenario(load_scenario(path), name=trace.scenario))
            for path, trace in zip(found, traces, strict=True)]


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Rule 2: write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` all at once."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, target)
