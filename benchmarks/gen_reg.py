r"""Deterministic generator of a large regedit-style ``.reg`` export for the registry benchmark.

The file looks like what ``regedit /e`` writes for ``HKEY_CURRENT_USER\Software`` and
``HKEY_LOCAL_MACHINE\SOFTWARE\Classes``: a BOM, UTF-16LE text, CRLF line endings, the
``Windows Registry Editor Version 5.00`` header, a blank line before every ``[key]``, the
keys of a tree in depth-first order with subkeys sorted case-insensitively (the order of a
hive's subkey index), and the values of a key in creation order. Values mix REG_SZ (with the
``\\`` and ``\"`` escapes), ``dword:``, ``hex:`` (security descriptors, window placements,
PIDLs long enough to wrap), ``hex(0):``, ``hex(2):`` and ``hex(7):`` data, and ``@`` default
values. Hex data wraps as Wine's ``programs/regedit/regproc.c`` (``export_hex_data``) and
Windows regedit do: a line breaks after the comma that brings it to 77 columns or more, with
``\`` + CRLF + two spaces.

Content: file extensions, ProgIDs with shell verbs and DDE, CLSIDs (also under
``Wow6432Node``), interfaces, type libraries, AppIDs, shell extensions,
``SystemFileAssociations`` and the ``MrtCache`` under ``SOFTWARE\Classes``; per-application
settings, MRU lists, Explorer ``FileExts`` and ``ComDlg32`` MRUs, uninstall entries and
per-user classes under ``HKEY_CURRENT_USER\Software``. Key paths are 3 to 8 levels deep below
the hive (their ancestors are exported too, as regedit does).

Deterministic: only a local ``random.Random`` seeded with a constant is used, so the same
``keys`` gives the same file byte for byte. The number of value lines is steered so that the
file has about ``keys * 10 / 3`` lines (1,000,000 lines for the default 300,000 keys).

CLI: ``python benchmarks/gen_reg.py OUT.reg [--keys N] [--samples SAMPLES.json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 2
DEFAULT_KEYS = 300_000
LINES_PER_KEY = 10 / 3  # 1,000,000 lines for 300,000 keys
HEADER = "Windows Registry Editor Version 5.00"
# Wine regproc.c MAX_HEX_CHARS: a hex line breaks once it reaches 77 columns.
HEX_WRAP_COLUMN = 77
SEED = 20_240_601

REG_NONE, REG_EXPAND_SZ, REG_BINARY, REG_MULTI_SZ = 0, 2, 3, 7

Sample = tuple[str, str]
Value = tuple[str, list[str]]  # a value's name and its formatted lines


# --------------------------------------------------------------------------------------
# Value formatting, as regedit exports them
# --------------------------------------------------------------------------------------


def quote(text: str) -> str:
    r"""Return ``text`` as a quoted .reg string: ``\`` becomes ``\\`` and ``"`` becomes ``\"``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def name_part(name: str) -> str:
    """Return the left-hand side of a value line: ``@=`` or ``"name"=``."""
    return "@=" if name == "" else quote(name) + "="


def sz(name: str, text: str) -> Value:
    """Return a REG_SZ value."""
    return name, [name_part(name) + quote(text)]


def dword(name: str, number: int) -> Value:
    """Return a REG_DWORD value (``dword:`` and 8 lowercase hex digits)."""
    return name, [f"{name_part(name)}dword:{number:08x}"]


def hex_lines(name: str, reg_type: int, data: bytes) -> list[str]:
    """Return the lines of a hex value, wrapped as regedit wraps them (77 columns)."""
    prefix = name_part(name) + ("hex:" if reg_type == REG_BINARY else f"hex({reg_type:x}):")
    lines: list[str] = []
    parts = [prefix]
    column = len(prefix)
    last = len(data) - 1
    for index, byte in enumerate(data):
        if index == last:
            parts.append(f"{byte:02x}")
            break
        parts.append(f"{byte:02x},")
        column += 3
        if column >= HEX_WRAP_COLUMN:
            lines.append("".join(parts) + "\\")
            parts = ["  "]
            column = 2
    lines.append("".join(parts))
    return lines


def binary(name: str, reg_type: int, data: bytes) -> Value:
    """Return a value written as hex (``hex:`` for REG_BINARY, else ``hex(N):``)."""
    return name, hex_lines(name, reg_type, data)


def expand_sz(name: str, text: str) -> Value:
    """Return a REG_EXPAND_SZ value: UTF-16LE with its NUL, as ``hex(2):``."""
    return binary(name, REG_EXPAND_SZ, (text + "\0").encode("utf-16-le"))


def multi_sz(name: str, items: list[str]) -> Value:
    """Return a REG_MULTI_SZ value: NUL-separated, double-NUL terminated, as ``hex(7):``."""
    data = "".join(item + "\0" for item in items) + "\0"
    return binary(name, REG_MULTI_SZ, data.encode("utf-16-le"))


# --------------------------------------------------------------------------------------
# The key tree
# --------------------------------------------------------------------------------------


class _Node:
    """One key: its subkeys by name and its values (name -> formatted lines) in order."""

    __slots__ = ("children", "values")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.values: dict[str, list[str]] = {}


class _Tree:
    """Keys created under a budget, with the running count of keys and file lines."""

    def __init__(self, budget: int) -> None:
        self.root = _Node()
        self.budget = budget
        self.keys = 0
        self.lines = 2  # the header line and the file's closing blank line

    def key(self, path: str) -> _Node | None:
        """Return the key at ``path``, creating it and its ancestors; None past the budget."""
        parts = path.split("\\")
        node = self.root
        for depth, part in enumerate(parts):
            child = node.children.get(part)
            if child is None:
                missing = len(parts) - depth
                if self.keys + missing > self.budget:
                    return None
                for new_part in parts[depth:]:
                    child = _Node()
                    node.children[new_part] = child
                    node = child
                self.keys += missing
                self.lines += 2 * missing  # blank line + [key] line
                return node
            node = child
        return node

    def put(self, node: _Node, name: str, lines: list[str]) -> None:
        """Set a value's formatted lines (a second value of the same name replaces it)."""
        old = node.values.get(name)
        self.lines += len(lines) - (len(old) if old else 0)
        node.values[name] = lines

    def deficit(self) -> int:
        """Return how many lines the file is short of ``LINES_PER_KEY`` per key so far."""
        return int(self.keys * LINES_PER_KEY) - self.lines


# --------------------------------------------------------------------------------------
# Names and data
# --------------------------------------------------------------------------------------

VENDORS = (
    "Contoso", "Fabrikam", "Northwind", "Adatum", "Litware", "Tailspin", "Woodgrove",
    "Proseware", "Wingtip", "Fourth Coffee", "Alpine Ski House", "Coho Winery", "Relecloud",
    "Humongous Insurance", "Lucerne Publishing", "Trey Research", "Wide World Importers",
    "Blue Yonder Airlines", "Graphic Design Institute", "VanArsdel", "Munson's Pickles",
    "Margie's Travel", "Southridge Video", "City Power & Light", "Bellows College",
    "Consolidated Messenger", "Datum", "Lamna Healthcare", "Nod Publishers", "Olympia",
)  # fmt: skip
WORDS = (
    "Studio", "Viewer", "Editor", "Reader", "Player", "Sync", "Agent", "Designer", "Suite",
    "Notes", "Mail", "Backup", "Scanner", "Browser", "Writer", "Sheets", "Paint", "Photo",
    "Media", "Capture", "Share", "Vault", "Update", "Helper", "Connect", "Office", "Cloud",
    "Archive", "Draw", "Code", "Term", "Chart", "Maps", "Music", "Video", "Print", "Fax",
)  # fmt: skip
PERCEIVED = ("text", "document", "image", "audio", "video", "compressed", "system")
THREADING = ("Apartment", "Both", "Free", "Neutral")
VERBS = ("open", "edit", "print", "printto", "preview", "play", "runas", "explore")
USERS = ("alice", "bob", "Zoë", "jürgen", "maria", "sam", "Ólafur", "admin")
DOC_WORDS = ("Report", "Budget", "Résumé", "Notes", "Invoice", "Plan", "Draft", 'Q3 "final"')
SPECIAL_FOLDERS = ("%SystemRoot%", "%ProgramFiles%", "%ProgramFiles(x86)%", "%CommonProgramFiles%")
PSOA_GUID = "{00020424-0000-0000-C000-000000000046}"
CATEGORIES = (
    "{62C8FE65-4EBB-45E7-B440-6E39B2CDBF29}",
    "{7DD95801-9882-11CF-9FA9-00AA006C42C4}",
    "{7DD95802-9882-11CF-9FA9-00AA006C42C4}",
    "{40FC6ED5-2438-11CF-A3DB-080036F12502}",
)


class _Names:
    """Deterministic names, GUIDs and data drawn from a seeded local generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.counter = 0

    def serial(self) -> int:
        """Return the next serial number (keeps generated names unique)."""
        self.counter += 1
        return self.counter

    def guid(self) -> str:
        """Return a registry-style GUID in braces, upper case."""
        bits = self.rng.getrandbits(128)
        text = f"{bits:032X}"
        return f"{{{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}}}"

    def vendor(self) -> str:
        """Return a vendor name."""
        return self.rng.choice(VENDORS)

    def product(self) -> str:
        """Return a product name of one or two words."""
        first = self.rng.choice(WORDS)
        return first if self.rng.random() < 0.4 else first + " " + self.rng.choice(WORDS)

    def ext(self) -> str:
        """Return a file extension such as ``.qzx`` (2 to 5 letters and digits)."""
        letters = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "." + "".join(self.rng.choice(letters) for _ in range(self.rng.randint(2, 5)))

    def progid(self, vendor: str, product: str) -> str:
        """Return a ProgID such as ``Contoso.ViewerDocument.12``."""
        stem = vendor.split(maxsplit=1)[0].replace("'", "")
        return f"{stem}.{product.replace(' ', '')}.{self.serial()}"

    def exe_path(self, vendor: str, product: str) -> str:
        """Return an install path of an executable."""
        folder = self.rng.choice(("C:\\Program Files", "C:\\Program Files (x86)"))
        exe = product.split(maxsplit=1)[0].lower() + ".exe"
        return f"{folder}\\{vendor}\\{product}\\{exe}"

    def doc_path(self) -> str:
        """Return a user document path, sometimes with non-ASCII letters and quotes."""
        user = self.rng.choice(USERS)
        word = self.rng.choice(DOC_WORDS)
        return f"C:\\Users\\{user}\\Documents\\{word} {self.rng.randint(1, 999)}.docx"

    def blob(self, low: int, high: int) -> bytes:
        """Return ``low`` to ``high`` random bytes."""
        return self.rng.randbytes(self.rng.randint(low, high))

    def security_descriptor(self) -> bytes:
        """Return a self-relative security descriptor-like blob (header 01,00,04,80)."""
        return b"\x01\x00\x04\x80" + self.blob(56, 140)

    def pidl(self) -> bytes:
        """Return an ITEMIDLIST-like blob (shell item IDs, double-NUL terminated)."""
        return b"\x14\x00\x1f\x50\xe0\x4f\xd0\x20\xea\x3a\x69\x10" + self.blob(60, 260) + b"\0\0"


# --------------------------------------------------------------------------------------
# Entities: groups of keys as installers and the shell write them
# --------------------------------------------------------------------------------------

CLASSES = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes"
USER_SOFTWARE = "HKEY_CURRENT_USER\\Software"
EXPLORER = USER_SOFTWARE + "\\Microsoft\\Windows\\CurrentVersion\\Explorer"


@dataclass(slots=True)
class _Ctx:
    """What an entity writer needs: the tree and the name source."""

    tree: _Tree
    names: _Names

    @property
    def rng(self) -> random.Random:
        """The seeded local generator."""
        return self.names.rng

    def key(self, path: str, *values: Value) -> _Node | None:
        """Create a key and set the given values."""
        node = self.tree.key(path)
        if node is not None:
            for name, lines in values:
                self.tree.put(node, name, lines)
        return node

    def chance(self, probability: float) -> bool:
        """Return True with the given probability."""
        return self.rng.random() < probability


def _ext_entity(c: _Ctx) -> None:
    ext = c.names.ext()
    vendor, product = c.names.vendor(), c.names.product()
    progid = c.names.progid(vendor, product)
    values = [sz("", progid)]
    if c.chance(0.35):
        values.append(sz("Content Type", f"application/x-{ext[1:]}"))
    if c.chance(0.2):
        values.append(sz("PerceivedType", c.rng.choice(PERCEIVED)))
    if c.key(f"{CLASSES}\\{ext}", *values) is None:
        return
    if c.chance(0.6):
        progids = [c.names.progid(c.names.vendor(), product) for _ in range(c.rng.randint(1, 2))]
        c.key(f"{CLASSES}\\{ext}\\OpenWithProgids", *(binary(p, REG_NONE, b"") for p in progids))
    if c.chance(0.15):
        shell_new = (
            sz("NullFile", "")
            if c.chance(0.6)
            else expand_sz(
                "ItemName",
                f"@%ProgramFiles%\\{vendor}\\{product}\\res.dll,-{c.rng.randint(100, 999)}",
            )
        )
        c.key(f"{CLASSES}\\{ext}\\{progid}\\ShellNew", shell_new)
    if c.chance(0.1):
        c.key(f"{CLASSES}\\{ext}\\PersistentHandler", sz("", c.names.guid()))


def _command(c: _Ctx, exe: str) -> str:
    """Return a shell command line with quotes, as installers register them."""
    tail = c.rng.choice((' "%1"', ' /open "%1"', ' -n "%1" %*', ' "%L"', " %1"))
    return f'"{exe}"{tail}'


def _progid_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    progid = c.names.progid(vendor, product)
    base = f"{CLASSES}\\{progid}"
    exe = c.names.exe_path(vendor, product)
    values = [sz("", f"{vendor} {product} Document")]
    if c.chance(0.2):
        values.append(expand_sz("FriendlyTypeName", f"@{exe},-{c.rng.randint(100, 200)}"))
    if c.chance(0.3):
        values.append(binary("EditFlags", REG_BINARY, bytes((0, 0, 1, 0))))
    if c.key(base, *values) is None:
        return
    if c.chance(0.4):
        c.key(f"{base}\\CLSID", sz("", c.names.guid()))
    icon = f"{exe},{c.rng.randint(0, 12)}"
    c.key(f"{base}\\DefaultIcon", expand_sz("", icon) if c.chance(0.3) else sz("", icon))
    c.key(f"{base}\\shell", sz("", "open"))
    for verb in c.rng.sample(VERBS, c.rng.randint(1, 3)):
        if c.chance(0.3):
            c.key(f"{base}\\shell\\{verb}", sz("FriendlyAppName", f"{vendor} {product}"))
        c.key(f"{base}\\shell\\{verb}\\command", sz("", _command(c, exe)))
        if c.chance(0.1):
            c.key(f"{base}\\shell\\{verb}\\ddeexec", sz("", f'[{verb}("%1")]'))
            c.key(
                f"{base}\\shell\\{verb}\\ddeexec\\Application", sz("", product.split(maxsplit=1)[0])
            )
            c.key(f"{base}\\shell\\{verb}\\ddeexec\\Topic", sz("", "System"))


def _server_path(c: _Ctx, vendor: str, product: str) -> Value:
    if c.chance(0.3):
        folder = c.rng.choice(SPECIAL_FOLDERS)
        return expand_sz("", f"{folder}\\{vendor}\\{product}\\{product.split(maxsplit=1)[0]}.dll")
    return sz("", f"C:\\Program Files\\{vendor}\\{product}\\{product.split(maxsplit=1)[0]}64.dll")


def _clsid_entity(c: _Ctx, prefix: str = CLASSES) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    guid = c.names.guid()
    base = f"{prefix}\\CLSID\\{guid}"
    values = [sz("", f"{vendor} {product} Class")]
    if c.chance(0.2):
        values.append(sz("AppID", c.names.guid()))
    if c.key(base, *values) is None:
        return
    if c.chance(0.8):
        c.key(
            f"{base}\\InprocServer32",
            _server_path(c, vendor, product),
            sz("ThreadingModel", c.rng.choice(THREADING)),
        )
    else:
        exe = c.names.exe_path(vendor, product)
        c.key(f"{base}\\LocalServer32", sz("", f'"{exe}" /automation'))
    progid = c.names.progid(vendor, product)
    c.key(f"{base}\\ProgID", sz("", progid))
    if c.chance(0.5):
        c.key(f"{base}\\VersionIndependentProgID", sz("", progid.rsplit(".", 1)[0]))
    if c.chance(0.4):
        c.key(f"{base}\\TypeLib", sz("", c.names.guid()))
    if c.chance(0.3):
        c.key(f"{base}\\Version", sz("", f"{c.rng.randint(1, 9)}.{c.rng.randint(0, 9)}"))
    if c.chance(0.4):
        c.key(f"{base}\\Implemented Categories\\{c.rng.choice(CATEGORIES)}")


def _wow64_clsid_entity(c: _Ctx) -> None:
    _clsid_entity(c, CLASSES + "\\Wow6432Node")


def _interface_entity(c: _Ctx) -> None:
    base = f"{CLASSES}\\Interface\\{c.names.guid()}"
    if c.key(base, sz("", "I" + c.names.product().replace(" ", ""))) is None:
        return
    c.key(f"{base}\\ProxyStubClsid32", sz("", PSOA_GUID))
    if c.chance(0.5):
        c.key(f"{base}\\ProxyStubClsid", sz("", PSOA_GUID))
    c.key(f"{base}\\TypeLib", sz("", c.names.guid()), sz("Version", "1.0"))
    if c.chance(0.5):
        c.key(f"{base}\\NumMethods", sz("", str(c.rng.randint(3, 40))))


def _typelib_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    version = f"{c.rng.randint(1, 4)}.{c.rng.randint(0, 9)}"
    base = f"{CLASSES}\\TypeLib\\{c.names.guid()}\\{version}"
    if c.key(base, sz("", f"{vendor} {product} {version} Type Library")) is None:
        return
    tlb = f"C:\\Program Files\\{vendor}\\{product}\\{product.split(maxsplit=1)[0]}.tlb"
    c.key(f"{base}\\0\\win32", sz("", tlb.replace("Program Files", "Program Files (x86)")))
    if c.chance(0.6):
        c.key(f"{base}\\0\\win64", sz("", tlb))
    c.key(f"{base}\\FLAGS", sz("", "0"))
    c.key(f"{base}\\HELPDIR", sz("", f"C:\\Program Files\\{vendor}\\{product}"))


def _appid_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    guid = c.names.guid()
    values = [sz("", f"{vendor} {product}")]
    if c.chance(0.3):
        values.append(sz("DllSurrogate", ""))
    values.append(binary("AccessPermission", REG_BINARY, c.names.security_descriptor()))
    if c.chance(0.5):
        values.append(binary("LaunchPermission", REG_BINARY, c.names.security_descriptor()))
    if c.key(f"{CLASSES}\\AppID\\{guid}", *values) is not None and c.chance(0.4):
        exe = product.split(maxsplit=1)[0].lower() + f"{c.names.serial()}.exe"
        c.key(f"{CLASSES}\\AppID\\{exe}", sz("AppID", guid))


def _shellex_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    handler = f"{vendor.split(maxsplit=1)[0]}{product.replace(' ', '')}{c.names.serial()}"
    target = c.rng.choice(("*", "Directory", "Folder", "Drive", "AllFilesystemObjects"))
    c.key(f"{CLASSES}\\{target}\\shellex\\ContextMenuHandlers\\{handler}", sz("", c.names.guid()))
    if c.chance(0.5):
        exe = c.names.exe_path(vendor, product)
        verb = f"{handler}.{c.rng.choice(VERBS)}"
        bg = c.rng.choice(("Directory\\Background", "Directory", "Drive"))
        c.key(f"{CLASSES}\\{bg}\\shell\\{verb}", sz("", f"Open with {product}"),
              sz("Icon", f"{exe},0"))  # fmt: skip
        c.key(f"{CLASSES}\\{bg}\\shell\\{verb}\\command", sz("", _command(c, exe)))


def _sfa_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    exe = c.names.exe_path(vendor, product)
    group = c.rng.choice((c.names.ext(), "image", "audio", "video", "text"))
    verb = f"{vendor.split(maxsplit=1)[0]}.{c.rng.choice(VERBS)}{c.names.serial()}"
    base = f"{CLASSES}\\SystemFileAssociations\\{group}\\shell\\{verb}"
    if c.key(base, sz("", f"&{c.rng.choice(VERBS).title()} with {product}")) is not None:
        c.key(f"{base}\\command", sz("", _command(c, exe)))


def _mrt_entity(c: _Ctx) -> None:
    package = f"{c.names.vendor().split(maxsplit=1)[0]}.{c.names.product().replace(' ', '')}"
    full = f"{package}_{c.rng.randint(1, 30)}.{c.rng.randint(0, 9999)}.0.0_x64__8wekyb3d8bbwe"
    folder = f"C:%5CProgram Files%5CWindowsApps%5C{full}%5Cresources.pri"
    base = f"{CLASSES}\\Local Settings\\MrtCache\\{folder}\\{c.rng.getrandbits(52):013x}"
    resources = ("AppName", "AppDescription", "AppStoreName", "ShortDisplayName")
    values = [
        sz(f"@{{{full}?ms-resource://{package}/Resources/{res}}}", c.names.product())
        for res in c.rng.sample(resources, c.rng.randint(1, 4))
    ]
    c.key(base, *values)


def _app_settings_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    base = f"{USER_SOFTWARE}\\{vendor}\\{product} {c.names.serial()}\\{c.rng.randint(1, 16)}.0"
    if c.key(base) is None:
        return
    settings = [dword("FirstRun", c.rng.randint(0, 1))]
    extra = max(0, min(60, c.tree.deficit() - 4))
    for index in range(c.rng.randint(0, 3) + extra):
        settings.append(_setting(c, index))
    c.key(f"{base}\\Settings", *settings)
    if c.chance(0.5):
        recent = [sz(f"File{i}", c.names.doc_path()) for i in range(1, c.rng.randint(2, 6))]
        c.key(f"{base}\\Recent File List", *recent)
    if c.chance(0.3):
        placement = b"\x2c\x00\x00\x00" + c.names.blob(40, 40)
        c.key(f"{base}\\Window", binary("WindowPlacement", REG_BINARY, placement))
    if c.chance(0.3):
        c.key(f"{base}\\Toolbars\\Standard", dword("Visible", 1),
              dword("Position", c.rng.randint(0, 4)))  # fmt: skip
    if c.chance(0.3):
        plugin = f"{base}\\Plugins\\{c.names.product().replace(' ', '')}\\Options"
        path = f"%APPDATA%\\{vendor}\\Plugins\\p{c.names.serial()}.dll"
        c.key(plugin, dword("Enabled", c.rng.randint(0, 1)), expand_sz("Path", path))


def _setting(c: _Ctx, index: int) -> Value:
    """Return one application setting: a DWORD, a string, a path or a multi-string."""
    kind = c.rng.random()
    name = f"{c.rng.choice(WORDS)}Option{index}"
    if kind < 0.45:
        return dword(name, c.rng.getrandbits(c.rng.choice((1, 8, 16, 32))))
    if kind < 0.75:
        return sz(name, c.rng.choice(("true", "false", "Auto", 'say "hi"', "C:\\Temp\\x")))
    if kind < 0.9:
        return sz(name + "Path", c.names.doc_path())
    return multi_sz(name + "List", [c.rng.choice(WORDS) for _ in range(c.rng.randint(1, 4))])


def _fileexts_entity(c: _Ctx) -> None:
    ext = c.names.ext()
    base = f"{EXPLORER}\\FileExts\\{ext}"
    if c.key(base) is None:
        return
    apps = [c.rng.choice(WORDS).lower() + ".exe" for _ in range(c.rng.randint(1, 3))]
    letters = "abc"[: len(apps)]
    mru = [sz(letter, app) for letter, app in zip(letters, apps, strict=True)]
    c.key(f"{base}\\OpenWithList", *mru, sz("MRUList", letters[::-1]))
    progid = c.names.progid(c.names.vendor(), c.names.product())
    if c.chance(0.5):
        c.key(f"{base}\\OpenWithProgids", binary(progid, REG_NONE, b""))
    if c.chance(0.4):
        digest = c.rng.randbytes(8).hex().upper()
        c.key(f"{base}\\UserChoice", sz("ProgId", progid), sz("Hash", digest))


def _comdlg_entity(c: _Ctx) -> None:
    mru = c.rng.choice(("OpenSavePidlMRU", "LastVisitedPidlMRU", "OpenSaveMRU"))
    base = f"{EXPLORER}\\ComDlg32\\{mru}\\{c.names.ext()[1:]}"
    count = c.rng.randint(1, 3)
    values = [binary(str(i), REG_BINARY, c.names.pidl()) for i in range(count)]
    order = b"".join(i.to_bytes(4, "little") for i in reversed(range(count))) + b"\xff" * 4
    c.key(base, *values, binary("MRUListEx", REG_BINARY, order))


def _uninstall_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    exe = c.names.exe_path(vendor, product)
    base = f"{USER_SOFTWARE}\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{c.names.guid()}"
    c.key(
        base,
        sz("DisplayName", f"{vendor} {product}"),
        sz("DisplayVersion", f"{c.rng.randint(1, 20)}.{c.rng.randint(0, 99)}"),
        sz("Publisher", vendor),
        sz("UninstallString", f'"{exe}" /uninstall'),
        dword("EstimatedSize", c.rng.randint(100, 900_000)),
    )


def _user_class_entity(c: _Ctx) -> None:
    vendor, product = c.names.vendor(), c.names.product()
    progid = c.names.progid(vendor, product)
    base = f"{USER_SOFTWARE}\\Classes\\{progid}"
    if c.key(base, sz("", f"{product} URL"), sz("URL Protocol", "")) is not None:
        exe = c.names.exe_path(vendor, product)
        c.key(f"{base}\\shell\\open\\command", sz("", _command(c, exe)))


_Entity = Callable[[_Ctx], None]
ENTITIES: tuple[tuple[_Entity, int], ...] = (
    (_ext_entity, 16),
    (_progid_entity, 9),
    (_clsid_entity, 10),
    (_wow64_clsid_entity, 4),
    (_interface_entity, 7),
    (_typelib_entity, 4),
    (_appid_entity, 1),
    (_shellex_entity, 3),
    (_sfa_entity, 4),
    (_mrt_entity, 3),
    (_app_settings_entity, 10),
    (_fileexts_entity, 6),
    (_comdlg_entity, 1),
    (_uninstall_entity, 1),
    (_user_class_entity, 3),
)


# --------------------------------------------------------------------------------------
# Building and writing
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Generated:
    """What was written: counts, and samples as (key index, key path, value name)."""

    keys: int
    values: int
    lines: int
    size: int
    samples: list[tuple[int, str, str]]


def _build(keys: int) -> _Tree:
    """Build the key tree of exactly ``keys`` keys (the hive roots count as keys)."""
    rng = random.Random(SEED)
    tree = _Tree(keys)
    ctx = _Ctx(tree, _Names(rng))
    for root in (CLASSES, USER_SOFTWARE):
        tree.key(root)
    writers = [entity for entity, _ in ENTITIES]
    weights = [weight for _, weight in ENTITIES]
    while tree.keys < keys:
        if keys - tree.keys < 16:  # the last few keys: single-key extensions fill exactly
            ctx.key(f"{CLASSES}\\{ctx.names.ext()}", sz("", "txtfile"))
            continue
        rng.choices(writers, weights)[0](ctx)
    return tree


def _walk(node: _Node, path: str) -> Iterator[tuple[str, _Node]]:
    """Yield (path, key) depth-first, subkeys in case-insensitive order as a hive lists them."""
    yield path, node
    for name in sorted(node.children, key=str.upper):
        yield from _walk(node.children[name], f"{path}\\{name}" if path else name)


def _text_chunks(tree: _Tree, samples: list[tuple[int, str, str]]) -> Iterator[str]:
    """Yield the file text in chunks, and collect one sample value per key that has values."""
    rng = random.Random(SEED + 1)
    chunk = [HEADER]
    index = 0
    # Hive roots first in regedit's order (HKEY_CURRENT_USER before HKEY_LOCAL_MACHINE).
    for hive in sorted(tree.root.children, key=lambda name: name != "HKEY_CURRENT_USER"):
        for path, node in _walk(tree.root.children[hive], hive):
            chunk.append("")
            chunk.append(f"[{path}]")
            for lines in node.values.values():
                chunk.extend(lines)
            if node.values:
                samples.append((index, path, rng.choice(list(node.values))))
            index += 1
            if len(chunk) >= 20_000:
                yield "\r\n".join(chunk) + "\r\n"
                chunk = []
    chunk.append("")
    yield "\r\n".join(chunk) + "\r\n"


def generate_file(path: str | Path, keys: int = DEFAULT_KEYS) -> Generated:
    """Write the .reg file of ``keys`` keys (UTF-16LE, BOM, CRLF); return counts and samples."""
    tree = _build(keys)
    samples: list[tuple[int, str, str]] = []
    lines = 0
    size = 2
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        out.write(b"\xff\xfe")
        for text in _text_chunks(tree, samples):
            data = text.encode("utf-16-le")
            out.write(data)
            size += len(data)
            lines += text.count("\r\n")
    values = sum(len(node.values) for _, node in _walk(tree.root, ""))
    return Generated(keys=tree.keys, values=values, lines=lines, size=size, samples=samples)


def generate(path: str | Path, keys: int = DEFAULT_KEYS) -> list[Sample]:
    """Write the .reg file of ``keys`` keys; return (key path, value name) lookup samples.

    Key paths are full (``HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\...``); a value name ``""``
    is the key's default value. There is one sample for each key that has values.
    """
    return [(key, name) for _, key, name in generate_file(path, keys).samples]


def write_samples(path: str | Path, generated: Generated) -> None:
    """Write the samples and counts as JSON, for reuse by later benchmark runs."""
    document = {
        "generator_version": GENERATOR_VERSION,
        "keys": generated.keys,
        "values": generated.values,
        "lines": generated.lines,
        "size": generated.size,
        "samples": generated.samples,
    }
    Path(path).write_text(json.dumps(document), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: write the file, print its counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path, help="the .reg file to write")
    parser.add_argument("--keys", type=int, default=DEFAULT_KEYS, help="number of keys")
    parser.add_argument("--samples", type=Path, help="also write lookup samples as JSON here")
    args = parser.parse_args(argv)
    generated = generate_file(args.out, args.keys)
    if args.samples:
        write_samples(args.samples, generated)
    print(
        f"{args.out}: {generated.keys:,} keys, {generated.values:,} values, "
        f"{generated.lines:,} lines, "
        f"{generated.size:,} bytes, {len(generated.samples):,} samples"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
