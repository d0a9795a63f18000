"""The only module of the core that reads files from the host.

Rule: bytes come in here and leave as text; nothing else in ``sim`` opens a file.
Scenario files are UTF-8 TOML; paths written in them are confined to their folder.
.reg files are decoded as regedit decodes them: a UTF-16LE byte-order mark
(``FF FE``) means UTF-16LE, anything else is ANSI (Windows-1252 on the
simulated en-US machine [inf]) (wine-regedit-tests).
"""

from __future__ import annotations

import io
import os
import stat
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Final, NoReturn

from sim.errors import RegImportError, RegProblem, ScenarioError, ScenarioProblem
from sim.registry import Registry
from sim.registry.codepage import ANSI_STREAM_ENCODING, ansi_from_latin1, ansi_to_unicode
from sim.registry.reg_import import ImportReport, import_chunks

__all__ = [
    "MAX_REG_FILE_BYTES",
    "MAX_SCENARIO_BYTES",
    "MAX_SCENARIO_TOTAL_BYTES",
    "HostFileError",
    "RegFileText",
    "confined_path",
    "decode_reg_bytes",
    "import_reg_file",
    "line_chunks",
    "open_reg_lines",
    "open_regular_file",
    "read_reg_file",
    "read_regular_file",
    "read_scenario_bytes",
    "read_scenario_folder",
    "read_scenario_text",
]

# A scenario is a few KB; bodies it embeds stay small. The cap bounds hostile input.
MAX_SCENARIO_BYTES: Final = 16 * 1024 * 1024
# All a scenario reads (its text, every body_file and reg_files entry, each reference
# counted) together: 150 entries naming one 16 MiB file would otherwise take gigabytes.
MAX_SCENARIO_TOTAL_BYTES: Final = 64 * 1024 * 1024

# A ``[[web]] folder`` (a whole publish folder): real ClickOnce publishes hold 4 to a few
# hundred files; the caps bound hostile input.
MAX_FOLDER_FILES: Final = 20000
MAX_FOLDER_BYTES: Final = 256 * 1024 * 1024
MAX_FOLDER_FILE_BYTES: Final = 256 * 1024 * 1024

# Refuse anything larger before reading it: a real full-machine export is a few
# hundred MB at most; this bounds memory on hostile input.
MAX_REG_FILE_BYTES: Final = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class RegFileText:
    """A decoded .reg file: its text and whether it was UTF-16 (regedit's "unicode")."""

    text: str
    unicode: bool


def decode_reg_bytes(data: bytes, source: str) -> RegFileText:
    """Decode .reg file bytes as regedit does (BOM ``FF FE`` or ANSI)."""
    if data[:2] == b"\xff\xfe":
        if len(data) % 2:
            _odd_utf16(source, data.count(b"\n\x00") + 1, len(data))
        return RegFileText(data[2:].decode("utf-16-le", "surrogatepass"), True)
    if data[:3] == b"\xef\xbb\xbf":
        raise RegImportError(
            source,
            (
                RegProblem(
                    line=1,
                    message=(
                        "expected a UTF-16LE file with a byte-order mark (FF FE) or an ANSI file, "
                        "found a UTF-8 byte-order mark: regedit would read it as ANSI and refuse "
                        "the header; save the file as UTF-16LE, or as ANSI without the mark"
                    ),
                ),
            ),
        )
    return RegFileText(ansi_to_unicode(data), False)


class HostFileError(Exception):
    """A host file that may not be read: the message says what was expected and found."""


_KINDS: Final = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                 (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                 (stat.S_ISSOCK, "a socket"))


def open_regular_file(path: str | os.PathLike[str], limit: int,
                      what: str = "file") -> tuple[BinaryIO, int]:
    """Open a host file for reading, refusing anything but a regular file; (handle, size).

    Rule: only a regular file is read. A FIFO, a device (``/dev/zero``), a socket or
    a folder is refused before a byte is read, since reading one can block forever or
    never end. The file is opened without blocking (a FIFO with no writer would block
    the open itself) and checked with ``fstat`` on the open handle, so a path swapped
    after the check cannot slip through. A path holding a NUL character is refused:
    no file system has one.

    Raises:
        HostFileError: missing, unreadable, not a regular file, or over ``limit`` bytes.
    """
    source = os.fspath(path)
    if "\0" in source:
        raise HostFileError("expected a path without NUL characters, found one")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        raise HostFileError(f"expected a readable {what}, found: {exc.strerror or exc}") \
            from None
    handle = os.fdopen(fd, "rb")
    info = os.fstat(fd)
    problem = None
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "no regular file")
        problem = f"expected a regular {what}, found {kind}"
    elif info.st_size > limit:
        problem = f"expected a {what} of at most {limit} bytes, found {info.st_size} bytes"
    if problem is not None:
        handle.close()
        raise HostFileError(problem)
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return handle, info.st_size


def read_regular_file(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The whole of a regular host file of at most ``limit`` bytes (:func:`open_regular_file`).

    It reads ``limit + 1`` bytes at most, so a file that grows while it is read is
    refused too.

    Raises:
        HostFileError: missing, unreadable, not a regular file, or over ``limit`` bytes.
    """
    handle, _size = open_regular_file(path, limit, what)
    with handle:
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise HostFileError(f"expected a readable {what}, found: {exc.strerror or exc}") \
                from None
    if len(data) > limit:
        raise HostFileError(f"expected a {what} of at most {limit} bytes, found more "
                            "(it grew while read)")
    return data


# Decoded .reg files by (real path, size, modification time, limit): scenarios that name
# the same unchanged export get the same text object back, read and decoded once, so the
# engine's shared imports find it without hashing it again (sim.engine.machine_build).
_REG_TEXTS: OrderedDict[tuple[str, int, int, int], RegFileText] = OrderedDict()
_REG_TEXTS_KEPT: Final = 4


def read_reg_file(path: str | os.PathLike[str], limit: int = MAX_REG_FILE_BYTES) -> RegFileText:
    """Read and decode a .reg file from the host (at most ``limit`` bytes; an unchanged
    file is read once).

    Raises:
        RegImportError: the file is missing, unreadable, not a regular file, too large,
        a UTF-8 file or an odd-sized UTF-16 file.
    """
    source = os.fspath(path)
    try:
        info = os.stat(source)
    except (OSError, ValueError):
        info = None
    identity = ((os.path.realpath(source), info.st_size, info.st_mtime_ns, limit)
                if info is not None and stat.S_ISREG(info.st_mode) else None)
    if identity is not None and identity in _REG_TEXTS:
        _REG_TEXTS.move_to_end(identity)
        return _REG_TEXTS[identity]
    decoded = _read_reg_file(source, limit)
    if identity is not None:
        _REG_TEXTS[identity] = decoded
        if len(_REG_TEXTS) > _REG_TEXTS_KEPT:
            _REG_TEXTS.popitem(last=False)
    return decoded


def _read_reg_file(source: str, limit: int) -> RegFileText:
    try:
        data = read_regular_file(source, limit, ".reg file")
    except HostFileError as exc:
        raise _problem(source, str(exc)) from None
    return decode_reg_bytes(data, source)


def _odd_utf16(source: str, line: int, size: int) -> NoReturn:
    """A UTF-16LE file is whole 2-byte units; an odd size means its last byte is cut off."""
    raise RegImportError(source, (RegProblem(line=line, message=(
        f"expected a UTF-16LE file of whole 2-byte characters, found {size} bytes (an odd "
        "count): the last character is cut off; save the file again as UTF-16LE")),))


# The package's own folder. Package data is read from the installed files directly:
# importlib.resources would serve a zipped install too, but pulls in tempfile, zipfile
# and threading at every start (``docs/architecture.md``, "Cold start"); invokesim is
# installed as files (pyproject.toml, package-data).
_PACKAGE: Final = os.path.dirname(os.path.abspath(__file__))  # sim/


def read_package_text(relative: str) -> str:
    """Read a data file shipped inside the ``sim`` package (presets), by a ``/`` path."""
    with open(os.path.join(_PACKAGE, *relative.split("/")), encoding="utf-8") as handle:
        return handle.read()


def package_names(folder: str, suffix: str) -> list[str]:
    """Return the sorted stems of the package data files in ``folder`` ending in ``suffix``."""
    return sorted(name[: -len(suffix)]
                  for name in os.listdir(os.path.join(_PACKAGE, *folder.split("/")))
                  if name.endswith(suffix))


def _problem(source: str, message: str) -> RegImportError:
    return RegImportError(source, (RegProblem(line=0, message=message),))


@contextmanager
def open_reg_lines(path: str | os.PathLike[str]) -> Iterator[tuple[Iterator[str], bool]]:
    """Open a .reg file as regedit reads it; yield (its text in chunks, whether UTF-16).

    The file is decoded as it is read, so a large export never sits in memory
    whole. Line ends (CR, LF or CRLF) come as LF, chunks end at a line end.

    Raises:
        RegImportError: the file is missing, unreadable, too large or a UTF-8 file.
    """
    source = os.fspath(path)
    try:
        handle, size = open_regular_file(source, MAX_REG_FILE_BYTES, ".reg file")
    except HostFileError as exc:
        raise _problem(source, str(exc)) from None
    with handle:
        head = handle.read(3)
        if head == b"\xef\xbb\xbf":
            decode_reg_bytes(head, source)  # raises the UTF-8 remedy
        unicode = head[:2] == b"\xff\xfe"
        if unicode and size % 2:
            _odd_utf16(source, 0, size)
        handle.seek(2 if unicode else 0)
        if unicode:
            text = io.TextIOWrapper(handle, encoding="utf-16-le", errors="surrogatepass",
                                    newline=None)
            yield line_chunks(text), unicode
        else:
            text = io.TextIOWrapper(handle, encoding=ANSI_STREAM_ENCODING, newline=None)
            yield map(ansi_from_latin1, line_chunks(text)), unicode


def import_reg_file(registry: Registry, path: str | os.PathLike[str], *,
                    strict: bool = False) -> ImportReport:
    """Import a .reg file into ``registry``, its encoding detected from the BOM as regedit does.

    Raises:
        RegImportError: the file is unreadable or too large, or (strict) any line is bad.
    """
    with open_reg_lines(path) as (chunks, unicode):
        return import_chunks(registry, chunks, strict=strict, source=os.fspath(path),
                             unicode=unicode)


_CHUNK: Final = 1 << 20


def line_chunks(stream: io.TextIOBase) -> Iterator[str]:
    """Yield a text stream (line ends already LF) as chunks of whole lines ending in LF.

    Reads a megabyte at a time, so the whole text is never held at once.
    """
    pending = ""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        cut = chunk.rfind("\n") + 1
        if cut == 0:
            pending += chunk
            continue
        yield pending + chunk[:cut]
        pending = chunk[cut:]
    if pending:
        yield pending + "\n"


def _scenario_error(source: str, key: str, message: str, line: int | None = None) -> ScenarioError:
    return ScenarioError(source, (ScenarioProblem(line=line, key=key, message=message),))


def read_scenario_text(path: str | os.PathLike[str]) -> str:
    """Read a scenario file: UTF-8 TOML (a leading BOM is tolerated), at most 16 MiB.

    TOML files are UTF-8 (https://toml.io/en/v1.0.0#spec).

    Raises:
        ScenarioError: the file is missing, unreadable, not a regular file, too large
        or not UTF-8.
    """
    source = os.fspath(path)
    try:
        data = read_regular_file(source, MAX_SCENARIO_BYTES, "scenario file")
    except HostFileError as exc:
        raise _scenario_error(source, "", str(exc)) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _scenario_error(
            source,
            "",
            f"expected UTF-8 text (TOML files are UTF-8), found byte 0x{data[exc.start]:02x}",
            line,
        ) from None


def read_scenario_bytes(path: str | os.PathLike[str], key: str,
                        limit: int = MAX_SCENARIO_BYTES) -> bytes:
    """Read a file a scenario names (``body_file``): at most ``limit`` bytes (16 MiB).

    Raises:
        ScenarioError: naming ``key``, when the file is missing, unreadable, not a
        regular file or too large.
    """
    source = os.fspath(path)
    try:
        return read_regular_file(source, limit)
    except HostFileError as exc:
        raise _scenario_error(source, key, f"{exc} ({source})") from None


def confined_path(scenario: str | os.PathLike[str], relative: str, key: str) -> str:
    """Resolve a path written in a scenario, refusing one that leaves the scenario's folder.

    Rule (docs/scenarios.md): paths are relative to the scenario file and may not
    escape the folder tree that holds it. Both ``/`` and ``\\`` separate folders, so a
    scenario written on Windows runs anywhere; symbolic links are followed before
    the check, so a link cannot lead outside either.

    Raises:
        ScenarioError: naming ``key``, for an empty or absolute path or one leading outside.
    """
    source = os.fspath(scenario)
    portable = relative.replace("\\", "/")
    if "\0" in relative:
        raise _scenario_error(source, key, "expected a path without NUL characters, found "
                              f"{relative!r}")
    if not portable.strip():
        raise _scenario_error(
            source, key, f"expected a path relative to the scenario, found {relative!r}"
        )
    if portable.startswith("/") or (len(portable) >= 2 and portable[1] == ":"):
        raise _scenario_error(
            source,
            key,
            f"expected a path relative to the scenario's folder, found the absolute path "
            f"{relative!r}",
        )
    folder = os.path.realpath(os.path.dirname(os.path.abspath(source)))
    target = os.path.realpath(os.path.join(folder, *portable.split("/")))
    if os.path.commonpath([folder, target]) != folder:
        raise _scenario_error(
            source,
            key,
            f"expected a path inside the scenario's folder {folder!r}, found {relative!r}, "
            "which leads outside it",
        )
    return target


def _read_folder_file(path: str, key: str) -> bytes:
    """One file of a ``[[web]] folder``: at most :data:`MAX_FOLDER_FILE_BYTES` (payload
    assemblies can exceed ``body_file``'s cap)."""
    try:
        return read_regular_file(path, MAX_FOLDER_FILE_BYTES)
    except HostFileError as exc:
        raise _scenario_error(path, key, f"{exc} ({path})") from None


def read_scenario_folder(scenario: str | os.PathLike[str], relative: str,
                         key: str) -> tuple[tuple[str, bytes], ...]:
    """Read every file under the folder a ``[[web]] folder`` names, confined like
    ``body_file`` (:func:`confined_path`): ``(path relative to the folder with / separators,
    bytes)``, sorted by path. Symbolic links are followed and must stay inside the
    scenario's folder; hidden files (a leading ``.``) are skipped, as static servers
    skip them [inf: IIS and common static hosts do not serve dot-files by default].

    Raises:
        ScenarioError: naming ``key``, for a path outside, not a folder, or too much data.
    """
    source = os.fspath(scenario)
    root = confined_path(scenario, relative, key)
    if not os.path.isdir(root):
        raise _scenario_error(source, key, f"expected a folder, found {relative!r}, which "
                              "is not one")
    outer = os.path.realpath(os.path.dirname(os.path.abspath(source)))
    found: list[tuple[str, bytes]] = []
    total = 0
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(folder, name)
            real = os.path.realpath(path)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if os.path.commonpath([outer, real]) != outer:
                raise _scenario_error(source, key, f"expected files inside the scenario's "
                                      f"folder, found {rel!r}, a link leading outside it")
            if len(found) >= MAX_FOLDER_FILES:
                raise _scenario_error(source, key, f"expected at most {MAX_FOLDER_FILES} "
                                      f"files in {relative!r}, found more")
            data = _read_folder_file(real, key)
            total += len(data)
            if total > MAX_FOLDER_BYTES:
                raise _scenario_error(source, key, f"expected at most {MAX_FOLDER_BYTES} "
                                      f"bytes in {relative!r}, found more")
            found.append((rel, data))
    return tuple(sorted(found))
