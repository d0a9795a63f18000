"""The machine's Windows disk: files, known folders, Mark-of-the-Web, download names.

Rule 1 (names; https://learn.microsoft.com/windows/win32/fileio/naming-a-file,
"Naming Conventions"): Windows refuses a name that is ``.`` or ``..`` (the current
and parent directory: no file can be named so, a download named ``.`` would name the
Downloads folder itself), a reserved device name (CON, PRN, AUX, NUL, COM0-9,
COM¹²³, LPT0-9, LPT¹²³, alone or before an extension, trailing spaces ignored),
holds ``<>:"/\\|?*`` or a control character (1-31, and NUL), ends with a dot or
a space, or is longer than 255 characters (the component limit the page's
``lpMaximumComponentLength`` note gives for NTFS). Writing one raises
:class:`DiskError`; paths are drive-absolute (``C:\\...``) or UNC
(``\\\\server\\share\\...``), and ``/`` is read as ``\\``.
Rule 2 (case): paths compare case-insensitively, as NTFS does by default, with
the registry's ordinal upper-case rule; listings are sorted in that order, the
order NTFS directory indexes keep [inf].
Rule 3 (Mark-of-the-Web): a downloaded file carries a ``Zone.Identifier``
alternate data stream (``[ZoneTransfer]``, ``ZoneId=3``, ``ReferrerUrl``,
``HostUrl``), kept here as the file's ``zone``
(https://learn.microsoft.com/openspecs/windows_protocols/ms-fscc/6e3f7352-d11c-4d76-8c39-2516a9df36e8).
Rule 4 (download names): a name that exists in the folder gets `` (1)``, ``
(2)``... before its extension (``q3 (1).fuzzle``), as Chromium and IE do.

Storage: two plain maps (files and folders; files are immutable values, so a
fork copies the maps, not the bytes) rather than a pyfakefs ``FakeFilesystem``: pyfakefs 6.3 takes
about 1 ms per file created with Windows emulation on Linux, measured in
``benchmarks/disk_bench.py``, against the 0.5 ms budget a whole simulation has.
:meth:`VirtualDisk.as_fakefs` builds a pyfakefs file system (Windows flavour,
listings unshuffled) holding a copy of the disk, for code that wants the ``os``,
``open`` and ``pathlib`` APIs on it.
"""

from __future__ import annotations

import ntpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from sim.core.session import DEFAULT_USER, known_folders, session_environment
from sim.errors import SimError
from sim.registry.names import fold, order_key

if TYPE_CHECKING:
    from pyfakefs.fake_filesystem import FakeFilesystem

__all__ = [
    "DEFAULT_USER",
    "DiskError",
    "DiskFile",
    "VirtualDisk",
    "ZoneIdentifier",
    "known_folders",
    "session_environment",
]


_RESERVED: Final = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in (*"0123456789", "\u00b9", "\u00b2",
                                                          "\u00b3")]
)
MAX_NAME: Final = 255
_INVALID: Final = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


class DiskError(SimError, ValueError):
    """A path Windows would refuse, or a file that does not exist."""


@dataclass(frozen=True, slots=True)
class ZoneIdentifier:
    """A file's Mark-of-the-Web: the security zone it came from and its URLs."""

    zone_id: int
    host_url: str | None = None
    referrer_url: str | None = None

    def stream_text(self) -> str:
        """Return the ``Zone.Identifier`` stream as Windows 10 browsers write it."""
        lines = ["[ZoneTransfer]", f"ZoneId={self.zone_id}"]
        if self.referrer_url:
            lines.append(f"ReferrerUrl={self.referrer_url}")
        if self.host_url:
            lines.append(f"HostUrl={self.host_url}")
        return "\r\n".join(lines) + "\r\n"


@dataclass(frozen=True, slots=True)
class DiskFile:
    """One file: its path as created, its bytes and its Mark-of-the-Web."""

    path: str
    data: bytes
    zone: ZoneIdentifier | None = None


def normalize(path: str) -> str:
    """Return ``path`` with ``/`` as ``\\``, checked against Rule 1.

    Raises:
        DiskError: a relative path or a name Windows refuses.
    """
    path = path.replace("/", "\\")
    drive, rest = ntpath.splitdrive(path)
    if not drive or not rest.startswith("\\"):
        raise DiskError(f"path {path!r}: expected an absolute path like C:\\folder\\file")
    parts = [p for p in rest.split("\\") if p]
    for part in parts:
        check_name(part, path)
    return "\\".join([drive, *parts]) if parts else drive + "\\"


def check_name(name: str, path: str = "") -> None:
    """Raise :class:`DiskError` unless ``name`` is a valid file or folder name (Rule 1)."""
    where = f"path {path!r}: " if path else ""
    if name in (".", ".."):
        raise DiskError(f"{where}name {name!r}: expected a file name, found a reference to "
                        f"the {'current' if name == '.' else 'parent'} folder")
    bad = _INVALID.search(name)
    if bad:
        raise DiskError(f"{where}name {name!r}: expected no <>:\"/\\|?* or control "
                        f"characters, found {bad.group()!r}")
    if name.endswith((".", " ")):
        raise DiskError(f"{where}name {name!r}: expected no trailing dot or space")
    if name.split(".", 1)[0].rstrip(" ").upper() in _RESERVED:
        raise DiskError(f"{where}name {name!r}: expected a name that is not a reserved "
                        "device name (CON, PRN, AUX, NUL, COM0-9, LPT0-9)")
    if len(name) > MAX_NAME:
        raise DiskError(f"{where}name {name[:40]!r}...: expected at most {MAX_NAME} "
                        f"characters, found {len(name)}")


def _key(path: str) -> str:
    return fold(path)


class VirtualDisk:
    """A machine's disk: preset files shared copy-on-write, the simulation's own writes.

    Example:
        >>> disk = VirtualDisk()
        >>> disk.write(r"C:\\Users\\User\\Downloads\\q3.fuzzle", b"x").path
        'C:\\\\Users\\\\User\\\\Downloads\\\\q3.fuzzle'
        >>> disk.unique_name(r"C:\\Users\\User\\Downloads", "q3.fuzzle")
        'q3 (1).fuzzle'
    """

    __slots__ = ("_dirs", "_files", "environment", "folders", "user")

    def __init__(self, *, user: str = DEFAULT_USER, files: Mapping[str, bytes] | None = None):
        self.user = user
        self.folders = known_folders(user)
        self.environment = session_environment(user)
        self._files: dict[str, DiskFile] = {}
        self._dirs: dict[str, str] = {}
        for folder in self.folders.values():
            self.make_dirs(folder)
        for path, data in (files or {}).items():
            self.write(path, data)

    def fork(self) -> VirtualDisk:
        """Return an independent copy; files are immutable values, so this copies two dicts."""
        twin = VirtualDisk.__new__(VirtualDisk)
        twin.user, twin.folders, twin.environment = self.user, self.folders, self.environment
        twin._files = dict(self._files)
        twin._dirs = dict(self._dirs)
        return twin

    def make_dirs(self, path: str) -> None:
        """Create a folder and its parents."""
        path = normalize(path)
        drive, rest = ntpath.splitdrive(path)
        current = drive
        for part in [p for p in rest.split("\\") if p]:
            current = f"{current}\\{part}"
            self._dirs.setdefault(_key(current), current)

    def write(self, path: str, data: bytes, *, zone: ZoneIdentifier | None = None) -> DiskFile:
        """Write a file (creating its folder), replacing any file at that path."""
        path = normalize(path)
        key = _key(path)
        if key in self._dirs:
            raise DiskError(f"path {path!r}: expected a file, found a folder")
        folder = ntpath.dirname(path)
        self.make_dirs(folder)
        existing = self._files.get(key)
        stored = DiskFile(existing.path if existing else path, bytes(data), zone)
        self._files[key] = stored
        return stored

    def get(self, path: str) -> DiskFile | None:
        """Return the file at ``path``, or None."""
        return self._files.get(_key(normalize(path)))

    def read(self, path: str) -> bytes:
        """Return a file's bytes.

        Raises:
            DiskError: no such file.
        """
        found = self.get(path)
        if found is None:
            raise DiskError(f"path {path!r}: expected a file, found nothing")
        return found.data

    def is_file(self, path: str) -> bool:
        """Tell whether a file exists at ``path``."""
        return self.get(path) is not None

    def is_dir(self, path: str) -> bool:
        """Tell whether a folder exists at ``path``."""
        norm = normalize(path)
        return norm.endswith(":\\") or _key(norm) in self._dirs

    def exists(self, path: str) -> bool:
        """Tell whether a file or folder exists at ``path``."""
        return self.is_file(path) or self.is_dir(path)

    def listdir(self, path: str) -> list[str]:
        """Return the names in a folder, sorted as NTFS lists them (Rule 2)."""
        prefix = _key(normalize(path)).rstrip("\\") + "\\"
        names = {
            stored.rsplit("\\", 1)[1]
            for key, stored in self._iter_paths()
            if key.startswith(prefix) and "\\" not in key[len(prefix):]
        }
        return sorted(names, key=lambda n: order_key(fold(n)))

    def _iter_paths(self) -> Iterator[tuple[str, str]]:
        yield from self._dirs.items()
        for key, stored in self._files.items():
            yield key, stored.path

    def files(self) -> list[DiskFile]:
        """Return every file, sorted by path."""
        return [self._files[k] for k in sorted(self._files, key=order_key)]

    def unique_name(self, folder: str, name: str) -> str:
        """Return ``name`` or the first free ``stem (n).ext`` in ``folder`` (Rule 4)."""
        check_name(name)
        stem, ext = ntpath.splitext(name)
        candidate, n = name, 0
        while self.exists(f"{folder}\\{candidate}"):
            n += 1
            candidate = f"{stem} ({n}){ext}"
        return candidate

    def as_fakefs(self) -> FakeFilesystem:
        """Return a pyfakefs file system (Windows flavour, sorted listings) with a copy
        of this disk; each Mark-of-the-Web is written as ``<file>:Zone.Identifier``."""
        from pyfakefs.fake_filesystem import FakeFilesystem, OSType  # noqa: PLC0415 - on demand

        fs = FakeFilesystem()
        fs.os = OSType.WINDOWS
        fs.shuffle_listdir_results = False
        self.fill_fakefs(fs, streams=True)
        return fs

    def fill_fakefs(self, fs: FakeFilesystem, *, streams: bool = False) -> None:
        """Write this disk into an existing pyfakefs file system (in its Windows flavour):
        every folder, empty ones included, and every file; with ``streams``, each
        Mark-of-the-Web as the file's ``:Zone.Identifier`` stream too (pyfakefs has no
        alternate data streams: it is then a file of that name, which listings show). A
        path already there is replaced."""
        for folder in sorted(self._dirs.values(), key=lambda p: order_key(fold(p))):
            if not fs.exists(folder):
                fs.create_dir(folder)
        for stored in self.files():
            entries = [(stored.path, stored.data)]
            if stored.zone is not None and streams:
                entries.append((f"{stored.path}:Zone.Identifier",
                                stored.zone.stream_text().encode("ascii", "replace")))
            for path, data in entries:
                if fs.exists(path):
                    fs.remove(path)
                fs.create_file(path, contents=data)
