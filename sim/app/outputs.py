"""Rendered pages for ``invokesim run --format ... [--output DIR]``, and writing them safely.

Rules:
1. A page's file name is the scenario's path relative to the folder argument it
   was found under (a file argument: its name alone), with the format's extension
   (:data:`sim.render.EXTENSIONS`): ``run --output out scenarios/`` writes
   ``out/ie/attachment-wins.html``. Two scenarios mapping to one name is an error
   before anything is written.
2. Each file is written to a temporary file beside it, then renamed over the
   target (``os.replace``), so no page is ever half-written. The temporary name is
   unique and created exclusively, never following a link planted there; it is
   removed when anything fails, and each failure is an :class:`OutputError`
   naming the path (exit 2), never a traceback.
3. A page's story (:class:`sim.render.Story`) is read from its scenario file again,
   so the engine's loop stays the only place that simulates.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sim.engine.trace import Trace
from sim.errors import SimError
from sim.render import EXTENSIONS, Story, render
from sim.scenario import load_scenario

__all__ = ["OutputError", "page_names", "render_pages", "write_atomic"]


class OutputError(SimError):
    """Pages cannot be written as asked (two scenarios, one file name; a folder that
    cannot be made or written; a folder where the page should go)."""


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


def write_atomic(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Rule 2: write ``content`` (text as UTF-8 with ``\\n`` line ends) to ``path`` at once.

    The temporary file is created in the target's folder with a unique name and
    ``O_CREAT | O_EXCL`` (:func:`tempfile.mkstemp`), so a file or symbolic link planted
    at a predictable name is never opened or followed; it is removed on any failure.
    ``os.replace`` then swaps the name: a symbolic link at the target is replaced, not
    followed.

    Raises:
        OutputError: the folder cannot be made or written, or the target is a folder.
    """
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_dir() and not target.is_symlink():
        raise OutputError(f"{target}: expected a file to write, found a folder at that path")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"{target.parent}: expected a folder to write into, found a file "
                          "at that path") from None
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot create the folder: "
                          f"{exc.strerror or exc}") from None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write into the folder: "
                          f"{exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644 & ~_umask())
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{target}: cannot write the file: {exc.strerror or exc}") from None


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
