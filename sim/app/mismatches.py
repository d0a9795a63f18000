"""A failed ``[expect]`` as ``<file>:<line>: expect.<key>: expected ..., found ...`` lines.

Rule: each mismatch of :attr:`sim.engine.trace.ExpectResult.mismatches` starts with
its key (``launch.argv: expected ...``); it is placed at the line of that key in the
scenario's ``[expect]`` (or of the ``[expect]`` table when the key is written inside
an inline table; :func:`sim.scenario.toml_lines.key_lines`), so an editor or a
terminal jumps to it. ``invokesim run``, ``invokesim explain`` and the pytest plugin
print the same lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from sim.scenario.toml_lines import key_lines, line_of

__all__ = ["mismatch_lines"]

_MISMATCH_KEY: Final = re.compile(r"^([a-z_.]+): ")


def mismatch_lines(source: str, text: str, mismatches: Sequence[str]) -> list[str]:
    """The Rule's lines for ``mismatches`` of the scenario ``source`` whose TOML is ``text``."""
    lines = key_lines(text)
    out = []
    for mismatch in mismatches:
        match = _MISMATCH_KEY.match(mismatch)
        path: tuple[str | int, ...] = ("expect", *match.group(1).split(".")) if match else (
            "expect",)
        line = line_of(lines, path)
        where = f"{source}:{line}" if line is not None else source
        out.append(f"{where}: expect.{mismatch}")
    return out
