"""Import .reg text into a registry, as regedit imports it.

Rule 1 (lenient, the default): apply exactly what regedit applies; every line
regedit skips or rejects is reported as a :class:`RegWarning` with its line
number, and so is anything regedit accepts with a complaint (an unknown escape).
Rule 2 (strict): any such line is an error; every problem is reported at once
in a :class:`~sim.errors.RegImportError` and nothing is applied.
Rule 3: a first line that is not a registry header makes regedit refuse the
file; that raises in both modes and applies nothing. A ``REGEDIT...`` header
other than the three known ones is accepted by regedit, which then imports
nothing (a warning; an error in strict mode).

The line syntax lives in :mod:`sim.registry.reg_syntax`; the import runs on a
fork of the registry that replaces it only when the import is accepted, so an
import applies whole or not at all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from sim.errors import RegImportError, RegProblem
from sim.registry.codepage import ansi_to_unicode
from sim.registry.reg_fast import FastParser
from sim.registry.reg_parser import Parser, RegWarning
from sim.registry.reg_syntax import HEADER_V4, HEADER_V5, Header, parse_header

if TYPE_CHECKING:
    from sim.registry.core import Registry

__all__ = [
    "ImportReport",
    "RegWarning",
    "ansi_to_unicode",
    "chunks_of",
    "import_chunks",
    "import_text",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """What an import did: counts, the header seen, and every warning in line order."""

    source: str
    header: Header
    keys: int = 0
    values: int = 0
    deleted_keys: int = 0
    deleted_values: int = 0
    warnings: tuple[RegWarning, ...] = ()


def chunks_of(text: str) -> Iterator[str]:
    """Yield ``text`` as one chunk of whole lines, its line ends (CR, LF, CRLF) as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    yield text if text.endswith("\n") else text + "\n"


def _show(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


_BULK: Final = 50_000  # objects allocated while the collector was off


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Build many long-lived objects without the cyclic collector scanning them.

    Building hundreds of thousands of nodes would trigger the collector again and
    again (half the import time), and re-enabling it afterwards would scan them all
    at each young collection. Nothing here makes cycles, and the nodes live as long
    as the registry, so one collection of the young generations at the end
    (``gc.collect(1)``) moves them to the oldest generation in a single pass. It
    also frees the caller's own young garbage, as any collection would: unlike
    ``gc.freeze(); gc.unfreeze()``, which would move that garbage to the oldest
    generation too, where only a rare full collection finds it (20,000 imports
    with a little cyclic garbage each: 175 MiB against 20 MiB at most).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            if gc.get_count()[0] > _BULK:  # a small import leaves it to the collector
                gc.collect(1)
            gc.enable()


def _run(importer: Parser, header: Header, first: str) -> None:
    if header is Header.FUZZY:
        importer.warn(1, f"header {_show(first)}: regedit accepts a 'REGEDIT...' header "
                         "it does not know but imports nothing from the file")
    elif header is Header.WIN31:
        importer.run_win31()
    else:
        importer.run()


def import_text(
    reg: Registry,
    text: str,
    *,
    strict: bool = False,
    source: str = "<string>",
    unicode: bool | None = None,
) -> ImportReport:
    """Import .reg ``text`` into ``reg`` (Rules 1-3 above); a leading U+FEFF is ignored."""
    return import_chunks(reg, chunks_of(text.removeprefix("\ufeff")), strict=strict,
                         source=source, unicode=unicode)


def import_chunks(
    reg: Registry,
    chunks: Iterable[str],
    *,
    strict: bool = False,
    source: str = "<string>",
    unicode: bool | None = None,
    parser: type[Parser] = FastParser,
) -> ImportReport:
    """Import .reg text given in chunks of whole lines, each line ending in LF.

    Args:
        reg: the registry changed in place when the import is accepted.
        chunks: the file's text, the header first (see :func:`chunks_of`).
        strict: refuse the whole text on any warning.
        source: the file name used in messages.
        unicode: whether hex(1)/hex(2)/hex(7) bytes are UTF-16LE (a UTF-16 file)
            or ANSI; by default, decided by the header (version 5 or REGEDIT4).
        parser: the parser class; the general :class:`Parser` gives the same result
            as the default, more slowly (the property tests hold it).

    Raises:
        RegImportError: an invalid header, or any problem in strict mode.
    """
    work = reg.fork()
    importer = parser(work, chunks, True)
    first = importer.next_line() or ""
    header = parse_header(first.split("\x00", 1)[0])
    if header is Header.INVALID:
        raise RegImportError(source, (RegProblem(line=1, message=(
            f"expected the header {HEADER_V5!r} or {HEADER_V4!r} on the first line, "
            f"found {_show(first)}: regedit refuses the file and imports nothing")),))
    importer.unicode = header is Header.V5 if unicode is None else unicode
    with _bulk_allocation():
        _run(importer, header, first)
    if strict and importer.warnings:
        problems = tuple(RegProblem(line=w.line, message=w.message) for w in importer.warnings)
        raise RegImportError(source, problems)
    reg._adopt(work)
    return ImportReport(
        source=source, header=header, keys=importer.keys, values=importer.values,
        deleted_keys=importer.deleted_keys, deleted_values=importer.deleted_values,
        warnings=tuple(importer.warnings),
    )
