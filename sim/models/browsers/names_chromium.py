"""Chromium's download file names on Windows (Chrome and Edge): ``net::GenerateFileName``.

Rules (Chromium source, github.com/chromium/chromium):
1. The name is Content-Disposition's file name, else the suggested name (the
   ``<a download="NAME">`` value), else the last segment of the URL's path
   (before any ``;``), percent-decoded as UTF-8 (else the referrer charset,
   else the ANSI code page), none for ``about:`` and ``data:`` URLs; else the
   URL's host when the caller gives no default name; else the default name,
   else ``download`` (``net/base/filename_util_internal.cc``,
   ``GetSuggestedFilenameImpl`` and ``GetFileNameFromURL``). Chrome's downloads
   pass the default name ``download`` (``chrome/browser/download/
   download_target_determiner.cc``: ``IDS_DEFAULT_DOWNLOAD_FILENAME``), so the
   host is never used there.
2. Windows trimming (``SanitizeGeneratedFileName``, "Handle CreateFile()
   stripping trailing dots and spaces on filenames", KB 115827): trailing dots
   and spaces, then trailing whitespace, are cut and each cut character is
   appended back as ``_`` (``evil.exe.`` -> ``evil.exe_``); then dots are trimmed
   at both ends (``.test.html`` -> ``test.html``); ``/`` and ``\\`` become ``_``. A
   name left with only ``-`` and ``_`` becomes the default name (or ``download``).
3. Illegal characters become ``_`` (``base/i18n/file_util_icu.cc``,
   ``ReplaceIllegalCharactersInPath``): ``"~*/:<>?\\|``, control (Cc) and format
   (Cf) characters and non-characters anywhere; whitespace and ``.`` at either end.
4. Extension (``EnsureSafeExtension``): a name from Content-Disposition keeps its
   extension and gets none from the MIME type; otherwise a name without an
   extension, or one from a URL with a query (a generator, ``npdf.php?fn=x``),
   takes the MIME type's preferred extension unless its extension (or its final
   extension, ``tar.gz`` -> ``gz``) is one the type lists. The preferred
   extension comes from the Windows MIME database
   (``HKCR\\MIME\\Database\\Content Type\\<type>`` ``Extension``), then Chromium's
   own tables (``net/base/mime_util.cc``, :data:`PRIMARY_MAPPINGS` then
   :data:`SECONDARY_MAPPINGS`); ``application/octet-stream`` has none.
5. Shell-integrated extensions are renamed to ``download``: ``.lnk`` (CVE-2010-2568),
   ``.local`` (it decides "which DLLs to load for an application") and a
   ``{...}`` CLSID extension (CVE-2004-0420) (``IsShellIntegratedExtension``).
6. A reserved name gets a leading ``_`` (``net/base/filename_util.cc``,
   ``IsReservedNameOnWindows``): CON, PRN, AUX, NUL, COM1-9, LPT1-9 and
   ``clock$``, alone or followed by a dot, and the shell's ``desktop.ini`` and
   ``thumbs.db``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote_to_bytes, urlsplit

from sim.core.rules import Rule, rule_table

__all__ = [
    "CHROMIUM_NAME_RULES",
    "NO_PLATFORM",
    "PRIMARY_MAPPINGS",
    "SECONDARY_MAPPINGS",
    "GeneratedName",
    "MimeExtensions",
    "generate_file_name",
    "generate_safe_file_name",
    "is_reserved_name",
]

CHROMIUM_NAME_RULES: Final = rule_table(
    [
        Rule(id="chromium.default_name", source=(
            'chromium-download-target-determiner: the default name download '
            '(IDS_DEFAULT_DOWNLOAD_FILENAME) passed to GenerateFileName'),
             summary="no usable name: the default name download (Chrome and Edge pass it, "
             "so the host is never used)"),
        Rule(id="chromium.trailing", source=(
            'chromium-filename-util-internal: SanitizeGeneratedFileName (trailing dots and '
            'spaces, leading dots)'),
             summary="trailing dots and spaces become _; leading dots go; / and \\ become _"),
        Rule(id="chromium.illegal_characters", source=(
            'chromium-file-util-icu: ReplaceIllegalCharactersInPath'),
             summary='"~*/:<>?\\| and control characters become _'),
        Rule(id="chromium.mime_extension", source=(
            'chromium-mime-util: GetPreferredExtensionForMimeType; '
            'chromium-filename-util-internal: GenerateFileNameImpl (extension from the MIME '
            'type)'),
             summary="a name from the URL without a usable extension takes the MIME type's"),
        Rule(id="chromium.shell_extension", source=(
            'chromium-filename-util-internal: EnsureSafeExtension (.lnk, .local and {CLSID} '
            'become .download)'),
             summary=".lnk, .local and {CLSID} extensions are renamed .download"),
        Rule(id="chromium.reserved_name", source=(
            'chromium-filename-util: IsReservedNameOnWindows'),
             summary="CON, PRN, AUX, NUL, COM1-9, LPT1-9, clock$, desktop.ini, thumbs.db get _"),
        Rule(id="chromium.ansi_fallback", source=(
            "chromium-filename-util-internal: inferred from GetFileNameFromURL's fallback to "
            "the system's native code page (Windows-1252 on an English Windows)"),
             inferred=True,
             summary="URL bytes that are not UTF-8 are read as Windows-1252 (an English "
             "Windows' ANSI code page)"),
    ]
)

FALLBACK: Final = "download"
SHELL_EXTENSION_REPLACEMENT: Final = "download"

# net/base/mime_util.cc kPrimaryMappings and kSecondaryMappings: type -> extensions,
# the first preferred.
PRIMARY_MAPPINGS: Final[dict[str, tuple[str, ...]]] = {
    "video/webm": ("webm",), "audio/mpeg": ("mp3",), "application/wasm": ("wasm",),
    "application/x-chrome-extension": ("crx",),
    "application/xhtml+xml": ("xhtml", "xht", "xhtm"), "audio/flac": ("flac",),
    "audio/mp3": ("mp3",), "audio/ogg": ("ogg", "oga", "opus"), "audio/wav": ("wav",),
    "audio/webm": ("webm",), "audio/x-m4a": ("m4a",), "image/avif": ("avif",),
    "image/gif": ("gif",), "image/jpeg": ("jpeg", "jpg"), "image/jxl": ("jxl",),
    "image/png": ("png",), "image/apng": ("png",), "image/webp": ("webp",),
    "multipart/related": ("mht", "mhtml"), "text/css": ("css",),
    "text/html": ("html", "htm", "shtml", "shtm"), "text/javascript": ("js", "mjs"),
    "text/xml": ("xml",), "video/mp4": ("mp4", "m4v"), "video/ogg": ("ogv", "ogm"),
}
SECONDARY_MAPPINGS: Final[dict[str, tuple[str, ...]]] = {
    "image/x-icon": ("ico",), "application/epub+zip": ("epub",),
    "application/font-woff": ("woff",), "application/gzip": ("gz", "tgz"),
    "application/javascript": ("js",), "application/json": ("json",),
    "application/octet-stream": ("bin", "exe", "com"), "application/pdf": ("pdf",),
    "application/pkcs7-mime": ("p7m", "p7c", "p7z"), "application/pkcs7-signature": ("p7s",),
    "application/postscript": ("ps", "eps", "ai"), "application/rdf+xml": ("rdf",),
    "application/rss+xml": ("rss",), "application/vnd.android.package-archive": ("apk",),
    "application/vnd.mozilla.xul+xml": ("xul",), "application/vnd.ms-excel": ("xls",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/x-gzip": ("gz", "tgz"), "application/x-mpegurl": ("m3u8",),
    "application/x-shockwave-flash": ("swf", "swl"), "application/x-tar": ("tar",),
    "application/x-x509-ca-cert": ("cer", "crt"), "application/zip": ("zip",),
    "audio/webm": ("weba",), "image/bmp": ("bmp",), "image/jpeg": ("jfif", "pjpeg", "pjp"),
    "image/svg+xml": ("svg", "svgz"), "image/tiff": ("tiff", "tif"),
    "image/vnd.microsoft.icon": ("ico",), "image/x-png": ("png",),
    "image/x-xbitmap": ("xbm",), "message/rfc822": ("eml",), "text/calendar": ("ics",),
    "text/html": ("ehtml",), "text/plain": ("txt", "text"), "text/x-sh": ("sh",),
    "text/xml": ("xsl", "xbl", "xslt"), "video/mpeg": ("mpeg", "mpg"),
}

_RESERVED_DEVICES: Final = (
    "con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)), "clock$",
)
_MAGIC_NAMES: Final = frozenset({"desktop.ini", "thumbs.db"})
# base's kWhitespaceWide and ICU [:WSpace:] (the same code points).
_WHITESPACE: Final = frozenset(
    "\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
    + "".join(chr(c) for c in range(0x2000, 0x200B))
)
_ILLEGAL_ASCII: Final = frozenset('"~*/:<>?\\|')
_DOUBLE_SUFFIXES: Final = frozenset({"gz", "z", "bz2", "bz"})  # base/files/file_path.cc
_DOUBLE_EXTENSIONS: Final = frozenset({"user.js"})


@dataclass(frozen=True, slots=True)
class MimeExtensions:
    """The MIME type -> extensions lookup of Rule 4, with Windows' database first.

    ``platform`` returns the ``Extension`` value the registry's MIME database
    holds for a type (without its dot), or None.
    """

    platform: Callable[[str], str | None]

    def preferred(self, mime: str) -> str | None:
        """GetPreferredExtensionForMimeType: platform, then the two tables."""
        if mime == "application/octet-stream":
            return None
        found = self.platform(mime)
        if found:
            return found
        for table in (PRIMARY_MAPPINGS, SECONDARY_MAPPINGS):
            if mime in table:
                return table[mime][0]
        return None

    def all(self, mime: str) -> tuple[str, ...]:
        """GetExtensionsForMimeType: the primary table, the platform, the secondary table."""
        found = self.platform(mime)
        return (*PRIMARY_MAPPINGS.get(mime, ()), *((found,) if found else ()),
                *SECONDARY_MAPPINGS.get(mime, ()))


NO_PLATFORM: Final = MimeExtensions(platform=lambda _mime: None)


@dataclass(frozen=True, slots=True)
class GeneratedName:
    """A generated download name and where it came from."""

    name: str
    source: str  # "Content-Disposition" | "download attribute" | "URL path" | "host" | "default"
    raw: str  # the name before sanitising ("" for the default)
    fired: tuple[str, ...] = ()  # the rules that changed it, in order


# -- base::FilePath extension handling (base/files/file_path.cc) ----------------------


def _final_dot(name: str) -> int:
    return -1 if name in (".", "..") else name.rfind(".")


def _extension_dot(name: str) -> int:
    last = _final_dot(name)
    if last <= 0:
        return last
    penultimate = name.rfind(".", 0, last)
    if penultimate < 0:
        return last
    if name[penultimate + 1:].lower() in _DOUBLE_EXTENSIONS:
        return penultimate
    if name[last + 1:].lower() in _DOUBLE_SUFFIXES and 1 < last - penultimate <= 5:
        return penultimate
    return last


def extension(name: str) -> str:
    """FilePath::Extension without its dot: ``tar.gz`` for ``a.tar.gz``."""
    dot = _extension_dot(name)
    return "" if dot < 0 else name[dot + 1:]


def final_extension(name: str) -> str:
    """FilePath::FinalExtension without its dot: ``gz`` for ``a.tar.gz``."""
    dot = _final_dot(name)
    return "" if dot < 0 else name[dot + 1:]


def replace_extension(name: str, ext: str) -> str:
    """FilePath::ReplaceExtension."""
    dot = _extension_dot(name)
    stem = name if dot < 0 else name[:dot]
    if not ext:
        return stem
    return stem + ext if stem.endswith(".") else f"{stem}.{ext}"


# -- the rules ------------------------------------------------------------------------


def is_reserved_name(name: str) -> bool:
    """Rule 6."""
    lower = name.lower()
    for device in _RESERVED_DEVICES:
        if lower.startswith(device) and (len(lower) == len(device) or lower[len(device)] == "."):
            return True
    return lower in _MAGIC_NAMES


def _is_shell_integrated(ext: str) -> bool:
    """Rule 5."""
    lower = ext.lower()
    return lower in ("local", "lnk") or (len(lower) > 0 and lower[0] == "{" and lower[-1] == "}")


def _corrected_extension(mime: str, ignore_extension: bool, name: str,
                         table: MimeExtensions) -> str:
    ext = extension(name)
    if not mime or (ext and not ignore_extension):
        return ext
    preferred = table.preferred(mime)
    if preferred is None:
        return ext
    listed = table.all(mime)
    if ext in listed or final_extension(name) in listed:
        return ext
    return preferred


def generate_safe_file_name(mime: str, ignore_extension: bool, name: str,
                            table: MimeExtensions = NO_PLATFORM) -> str:
    """Rules 4-6 on a sanitised name (net::GenerateSafeFileName on Windows)."""
    return _safe(mime, ignore_extension, name, table)[0]


def _safe(mime: str, ignore_extension: bool, name: str,
          table: MimeExtensions) -> tuple[str, tuple[str, ...]]:
    fired: list[str] = []
    ext = _corrected_extension(mime, ignore_extension, name, table)
    if ext != extension(name):
        fired.append("chromium.mime_extension")
    if _is_shell_integrated(ext):
        ext = SHELL_EXTENSION_REPLACEMENT
        fired.append("chromium.shell_extension")
    name = replace_extension(name, ext)
    if is_reserved_name(name):
        name = f"_{name}"
        fired.append("chromium.reserved_name")
    return name, tuple(fired)


def _sanitize(name: str) -> str:
    """Rule 2 (SanitizeGeneratedFileName with replace_trailing on Windows)."""
    if not name:
        return name
    length = len(name)
    name = name.rstrip(" .")
    while name and name[-1] in _WHITESPACE:
        name = name[:-1]
    if not name:
        return name
    name += "_" * (length - len(name))
    name = name.strip(".")
    return name.replace("/", "_").replace("\\", "_")


def _illegal(ch: str, at_end: bool) -> bool:
    code = ord(ch)
    if ch in _ILLEGAL_ASCII or unicodedata.category(ch) in ("Cc", "Cf"):
        return True
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return True
    return at_end and (ch in _WHITESPACE or ch == ".")


def replace_illegal_characters(name: str) -> str:
    """Rule 3 (ReplaceIllegalCharactersInPath with ``_``)."""
    last = len(name) - 1
    return "".join("_" if _illegal(ch, i in (0, last)) else ch for i, ch in enumerate(name))


def _decode(raw: bytes, charset: str) -> tuple[str, bool]:
    """The URL segment's text, and whether the ANSI code page had to be used."""
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            return raw.decode(charset), False
        except (LookupError, UnicodeDecodeError):
            pass
    # SysNativeMBToWide: the ANSI code page of an English Windows [inf].
    return raw.decode("cp1252", errors="replace"), True


def name_from_url(url: str, referrer_charset: str = "") -> tuple[str, bool, bool]:
    """GetFileNameFromURL: (name, whether its extension may be overwritten, whether the
    ANSI code page decoded it)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if not scheme or scheme in ("about", "data"):
        return "", False, False
    path = parts.path.replace("\\", "/") if scheme in ("http", "https", "file", "ftp") else (
        parts.path)
    segment = path.rsplit("/", 1)[-1].split(";", 1)[0]
    decoded, ansi = _decode(unquote_to_bytes(segment), referrer_charset)
    has_query = "?" in url.split("#", 1)[0]
    return decoded, bool(decoded) and has_query, ansi


def generate_file_name(url: str, disposition_name: str, *, suggested: str = "", mime: str = "",
                       default: str = "", referrer_charset: str = "",
                       table: MimeExtensions = NO_PLATFORM) -> GeneratedName:
    """Rules 1-6: the file name Chromium gives a download (net::GenerateFileName on Windows).

    ``disposition_name`` is the file name Content-Disposition gave (already
    parsed and decoded; "" when none).
    """
    overwrite = ansi = False
    if disposition_name:
        raw, source = disposition_name, "Content-Disposition"
    elif suggested:
        raw, source = suggested, "download attribute"
    else:
        raw, overwrite, ansi = name_from_url(url, referrer_charset)
        source = "URL path"
        if not raw and not default:
            host = urlsplit(url.strip()).hostname or ""
            raw, source = host, "host"
    fired: list[str] = ["chromium.ansi_fallback"] if ansi else []
    name = _sanitize(raw)
    if name != raw:
        fired.append("chromium.trailing")
    if not name.strip("-_"):
        name, source, overwrite = default or FALLBACK, "default", False
        fired.append("chromium.default_name")
    cleaned = replace_illegal_characters(name)
    if cleaned != name:
        fired.append("chromium.illegal_characters")
    mime_used = "" if source == "Content-Disposition" else mime
    final, more = _safe(mime_used, overwrite, cleaned, table)
    return GeneratedName(final, source, raw, (*fired, *more))
