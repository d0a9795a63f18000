"""The files a scenario names, read once at load, and the machine it writes, checked at load.

Rules:
1. ``reg_files`` and ``body_file`` paths resolve against the scenario's folder and may
   not leave it (:func:`sim.loader.confined_path`); only regular files are read
   (:func:`sim.loader.read_regular_file`: no FIFO, device or folder).
2. All a scenario reads is bounded together: its text and every ``body_file`` and
   ``reg_files`` entry, each reference counted, at most
   :data:`sim.loader.MAX_SCENARIO_TOTAL_BYTES`. The same file named twice is read once.
3. ``machine.reg``, each ``reg_files`` text and each ``machine.files`` path are checked
   at load as the engine will apply them (a strict .reg import, the disk's name rules),
   so every problem is reported at once with its line: a problem on line ``n`` of a
   ``machine.reg`` string written as a multi-line string (``'''`` or ``\"\"\"`` then a
   line end) is at the key's line plus ``n``; in a one-line string, at the key's line,
   with the .reg line named.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Final

from sim.errors import RegImportError, RegistryError, ScenarioError, ScenarioProblem
from sim.loader import (
    MAX_REG_FILE_BYTES,
    MAX_SCENARIO_BYTES,
    MAX_SCENARIO_TOTAL_BYTES,
    confined_path,
    read_reg_file,
    read_scenario_bytes,
    read_scenario_folder,
)
from sim.registry import Registry
from sim.scenario.problems import dotted
from sim.scenario.schema import ScenarioFile
from sim.scenario.toml_lines import KeyPath, line_of
from sim.world.disk import DiskError, normalize
from sim.world.machine import WINDOWS_VERSIONS

__all__ = ["FileContents", "machine_problems", "read_named_files"]

# The opener of a multi-line string at the end of a line: its text starts on the next line.
_MULTILINE_OPEN: Final = re.compile(r"""=\s*(?:\"\"\"|''')[ \t]*\r?$""")

Folder = tuple[tuple[str, bytes], ...]
FileContents = tuple[tuple[tuple[str, str], ...], dict[int, bytes], dict[int, Folder]]


def read_named_files(model: ScenarioFile, name: str, base: str | os.PathLike[str] | None,
                     lines: dict[KeyPath, int], text_size: int) -> FileContents:
    """Rules 1-2: ``(reg_texts, bodies, folders)``, or a :class:`ScenarioError` with every
    problem. A ``[[web]] folder`` is read whole (:func:`sim.loader.read_scenario_folder`,
    bounded by its own caps, since a real publish's payload can pass the scenario cap)."""
    problems: list[ScenarioProblem] = []
    budget = [MAX_SCENARIO_TOTAL_BYTES - text_size]
    seen: dict[tuple[str, bool], str | bytes] = {}

    def read(path: KeyPath, relative: str, *, reg: bool) -> str | bytes | None:
        key = dotted(path)
        try:
            if base is None:
                raise ScenarioError(name, (ScenarioProblem(line=None, key=key, message=(
                    "expected a scenario loaded from a file (paths are relative to it), "
                    "found text")),))
            resolved = confined_path(base, relative, key)
            if budget[0] < 0:
                return None  # over the cap: reported once, at the first file past it
            content = seen.get((resolved, reg))
            if content is None and budget[0] > 0:
                cap = min(MAX_REG_FILE_BYTES if reg else MAX_SCENARIO_BYTES, budget[0])
                content = (read_reg_file(resolved, cap).text if reg
                           else read_scenario_bytes(resolved, key, cap))
            size = len(content) if content is not None else budget[0] + 1
            if size > budget[0]:
                budget[0] = -1
                raise ScenarioError(name, (ScenarioProblem(line=None, key=key, message=(
                    f"expected at most {MAX_SCENARIO_TOTAL_BYTES} bytes read for one scenario "
                    "(its text and every file it names, each time it is named), found more "
                    f"at {relative!r}; later files are not read")),))
            assert content is not None
            budget[0] -= size
            seen[resolved, reg] = content
            return content
        except ScenarioError as exc:
            problems.extend(_at(p, lines, path) for p in exc.problems)
        except RegImportError as exc:
            problems.extend(ScenarioProblem(line=line_of(lines, path), key=key, message=(
                f"expected a readable .reg file, found: {p.message}")) for p in exc.problems)
        return None

    reg_texts = tuple((relative, str(read(("machine", "reg_files", i), relative, reg=True)))
                      for i, relative in enumerate(model.machine.reg_files))
    bodies = {i: _bytes(read(("web", i, "body_file"), r.body_file, reg=False))
              for i, r in enumerate(model.web) if r.body_file is not None}
    folders = {i: _folder(base, ("web", i, "folder"), r.folder, lines=lines, problems=problems)
               for i, r in enumerate(model.web) if r.folder is not None}
    if problems:
        raise ScenarioError(name, tuple(problems))
    return reg_texts, bodies, folders


def _folder(base: str | os.PathLike[str] | None, path: KeyPath, relative: str, *,
            lines: dict[KeyPath, int], problems: list[ScenarioProblem]) -> Folder:
    """One ``[[web]] folder``'s files, or ``()`` with its problems recorded."""
    key = dotted(path)
    if base is None:
        problems.append(ScenarioProblem(line=line_of(lines, path), key=key, message=(
            "expected a scenario loaded from a file (paths are relative to it), found text")))
        return ()
    try:
        return read_scenario_folder(base, relative, key)
    except ScenarioError as exc:
        problems.extend(_at(p, lines, path) for p in exc.problems)
        return ()


def _bytes(content: str | bytes | None) -> bytes:
    return content if isinstance(content, bytes) else b""


def machine_problems(model: ScenarioFile, reg_texts: tuple[tuple[str, str], ...],
                     lines: dict[KeyPath, int], text: str) -> list[ScenarioProblem]:
    """Rule 3: every problem of ``machine.reg``, ``reg_files`` and ``machine.files``."""
    machine = model.machine
    if machine.os not in WINDOWS_VERSIONS:
        return []  # refused by the loader's machine checks already
    problems: list[ScenarioProblem] = []
    if machine.reg.strip():
        path: KeyPath = ("machine", "reg")
        at = line_of(lines, path)
        offset = _multiline_offset(text, at)

        def place(n: int) -> tuple[int | None, str]:
            if at is not None and offset is not None:
                return at + offset + n - 1, ""
            return at, f".reg line {n}: "

        problems += _reg_problems(machine.reg, "machine.reg", dotted(path), place)
    for index, (name, reg_text) in enumerate(reg_texts):
        problems += _reg_problems(reg_text, name, dotted(("machine", "reg_files", index)),
                                  _in_file(name, line_of(lines, ("machine", "reg_files", index))))
    for file_path in machine.files:
        try:
            normalize(file_path)
        except DiskError as exc:
            problems.append(ScenarioProblem(line=line_of(lines, ("machine", "files", file_path)),
                                            key=dotted(("machine", "files", file_path)),
                                            message=str(exc)))
    return problems


def _in_file(name: str, at: int | None) -> Callable[[int], tuple[int | None, str]]:
    """A ``reg_files`` problem: at the entry's line, naming the file's own line."""
    return lambda n: (at, f"{name}:{n}: ")


def _reg_problems(reg_text: str, source: str, key: str,
                  place: Callable[[int], tuple[int | None, str]]) -> list[ScenarioProblem]:
    """A strict import into an empty registry: each bad line, placed in the scenario."""
    try:
        Registry().import_reg(reg_text, strict=True, source=source)
    except RegImportError as exc:
        out = []
        for problem in exc.problems:
            line, prefix = place(problem.line)
            out.append(ScenarioProblem(line=line, key=key, message=(
                f"expected .reg text regedit imports, found: {prefix}{problem.message}")))
        return out
    except RegistryError as exc:
        line, _prefix = place(1)
        return [ScenarioProblem(line=line, key=key,
                                message=f"expected .reg text regedit imports, found: {exc}")]
    return []


def _multiline_offset(text: str, line: int | None) -> int | None:
    """1 when the value on ``line`` opens a multi-line string at the line's end, else None."""
    if line is None:
        return None
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    row = text[start:] if end < 0 else text[start:end]
    return 1 if _MULTILINE_OPEN.search(row) else None


def _at(problem: ScenarioProblem, lines: dict[KeyPath, int], path: KeyPath) -> ScenarioProblem:
    return ScenarioProblem(line=problem.line or line_of(lines, path), key=problem.key,
                           message=problem.message)
