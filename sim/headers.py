"""HTTP response headers that decide a download: Content-Type, Content-Disposition,
X-MS-InvokeApp and X-Download-Options.

Rule 1: parsers never raise on header text; a malformed value parses to what the
browser makes of it (Chromium's ``net/http/http_content_disposition.cc`` and
``http_util.cc`` for Content-Disposition and Content-Type).

Rule 2 (Content-Disposition, RFC 6266 with RFC 8187 ``filename*``, as Chromium
reads it): the disposition type is the first token before ``;``; ``inline`` and
``attachment`` (any case) are themselves, any other token is handled as
``attachment`` (RFC 6266 section 4.2); a value that does not start with a token
(``filename=x``, ``; filename=x``) has no type and is ``inline``. Parameters are
``;``-separated ``name=value`` pairs, values tokens or quoted strings. The file
name is ``filename*`` when it decodes (``UTF-8'lang'%xx..`` or
``ISO-8859-1'..``), else ``filename`` (RFC 2047 encoded words and %-escapes
decoded), else the legacy ``name``; path separators are kept here, the download
manager sanitises names.

Rule 3 (X-MS-InvokeApp): no specification is published; the values seen in the
wild are ``1`` and ``1; RequireReadOnly`` (seed 001_51a2abd0d1cc96cd.txt,
../shared/facts/browser-facts.md 1.4-1.5). Inferred grammar [inf]: the first
``;``-separated item, trimmed, must be ``1``; later items are flags compared
case-insensitively, ``RequireReadOnly`` the only one known, others ignored.

Rule 4 (X-Download-Options): ``noopen`` (any case) removes Open from IE's download
bar (browser-facts 1.7).
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote_to_bytes

__all__ = [
    "ContentDisposition",
    "ContentType",
    "Headers",
    "InvokeApp",
    "parse_content_disposition",
    "parse_content_type",
    "parse_download_options",
    "parse_invoke_app",
]

# RFC 9110 tchar.
_TOKEN_CHARS: Final = frozenset(
    "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
_LWS: Final = " \t"


def _is_token(text: str) -> bool:
    return bool(text) and all(ch in _TOKEN_CHARS for ch in text)


class Headers:
    """Response headers: names compared case-insensitively, values in order."""

    __slots__ = ("_items",)

    def __init__(self, items: Iterable[tuple[str, str]] = ()) -> None:
        self._items: tuple[tuple[str, str], ...] = tuple(items)

    def get_all(self, name: str) -> list[str]:
        """Return every value of a header, in order."""
        wanted = name.lower()
        return [value for key, value in self._items if key.lower() == wanted]

    def get(self, name: str) -> str | None:
        """Return the first value of a header, or None."""
        values = self.get_all(name)
        return values[0] if values else None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._items)


# -- parameters ---------------------------------------------------------------------


def _parameters(text: str) -> Iterator[tuple[str, str, bool]]:
    """Yield (name lowercased, value, was quoted) for ``; name=value`` pairs."""
    i, n = 0, len(text)
    while i < n:
        while i < n and text[i] in _LWS + ";":
            i += 1
        start = i
        while i < n and text[i] not in "=;":
            i += 1
        name = text[start:i].strip(_LWS).lower()
        if i >= n or text[i] == ";":
            continue  # a name without a value: ignored
        i += 1
        while i < n and text[i] in _LWS:
            i += 1
        if i < n and text[i] == '"':
            value, i = _quoted(text, i + 1)
            yield name, value, True
            while i < n and text[i] != ";":
                i += 1
        else:
            start = i
            while i < n and text[i] != ";":
                i += 1
            yield name, text[start:i].strip(_LWS), False


def _quoted(text: str, i: int) -> tuple[str, int]:
    """Read a quoted string's body from ``i`` (after the quote); return it and the index
    after the closing quote (an unclosed string runs to the end)."""
    out: list[str] = []
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            out.append(text[i + 1])
            i += 2
            continue
        if ch == '"':
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    return "".join(out), i


# -- Content-Type -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentType:
    """A parsed Content-Type: the MIME type lowercased ("" when invalid) and parameters."""

    mime: str
    charset: str = ""
    parameters: tuple[tuple[str, str], ...] = ()

    @property
    def essence(self) -> str:
        """The ``type/subtype`` without parameters."""
        return self.mime


def parse_content_type(value: str | None) -> ContentType:
    """Parse a Content-Type header value (Rule 1)."""
    if not value:
        return ContentType(mime="")
    head, _sep, rest = value.partition(";")
    mime = head.strip(_LWS).lower()
    kind, slash, subtype = mime.partition("/")
    if not slash or not _is_token(kind) or not _is_token(subtype):
        mime = ""
    params = tuple((name, val) for name, val, _quoted_ in _parameters(rest) if name)
    charset = next((val.lower() for name, val in params if name == "charset"), "")
    return ContentType(mime=mime, charset=charset, parameters=params)


# -- Content-Disposition ------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentDisposition:
    """A parsed Content-Disposition: ``inline`` or ``attachment``, and the file name."""

    type: str
    filename: str = ""
    raw_type: str = ""  # the type token as sent ("" when there was none)

    @property
    def is_attachment(self) -> bool:
        """True for ``attachment`` (and every unknown type)."""
        return self.type == "attachment"


_ENCODED_WORD: Final = re.compile(r"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")


def _decode_rfc2047(text: str) -> str | None:
    """Decode RFC 2047 encoded words (``=?UTF-8?B?...?=``); None if any fails."""
    out: list[str] = []
    pos = 0
    for match in _ENCODED_WORD.finditer(text):
        between = text[pos : match.start()]
        if between.strip(_LWS) or not out:
            out.append(between)
        charset, encoding, payload = match.groups()
        try:
            if encoding in "Bb":
                raw = base64.b64decode(payload, validate=True)
            else:
                raw = quopri.decodestring(payload.replace("_", " ").encode("ascii"), header=True)
            out.append(raw.decode(charset))
        except (binascii.Error, LookupError, UnicodeError, ValueError):
            return None
        pos = match.end()
    out.append(text[pos:])
    return "".join(out)


def _decode_filename(value: str) -> str:
    """Decode a ``filename``/``name`` value as Chromium's DecodeFilenameValue does [inf:
    encoded words first, then %-escapes decoded as UTF-8 when they form UTF-8]."""
    if value.isascii() and "=?" in value:
        decoded = _decode_rfc2047(value)
        if decoded is not None:
            return decoded
    if "%" in value and value.isascii():
        try:
            return unquote_to_bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            return value
    return value


def _decode_ext_value(value: str) -> str | None:
    """Decode an RFC 8187 ext-value ``charset'lang'pct-encoded``; None when invalid."""
    parts = value.split("'", 2)
    if len(parts) != 3:
        return None
    charset, _lang, encoded = parts
    if charset.lower() not in ("utf-8", "iso-8859-1") or not encoded.isascii():
        return None
    if re.search(r"%(?![0-9A-Fa-f]{2})", encoded) or any(c in encoded for c in ' "'):
        return None
    try:
        return unquote_to_bytes(encoded).decode(charset.lower())
    except UnicodeDecodeError:
        return None


def _disposition_type(value: str) -> tuple[str, str, str]:
    """Return (type, raw type token, the parameters text) as Chromium reads them."""
    head, sep, rest = value.partition(";")
    token = head.strip(_LWS)
    if not _is_token(token):  # no type: the whole value is parameters
        return "inline", "", value
    lowered = token.lower()
    kind = lowered if lowered in ("inline", "attachment") else "attachment"
    return kind, token, rest if sep else ""


def parse_content_disposition(value: str | None) -> ContentDisposition:
    """Parse a Content-Disposition header value (Rules 1-2)."""
    if not value:
        return ContentDisposition(type="inline")
    kind, raw_type, rest = _disposition_type(value)
    filename = ext = name = ""
    for param, text, _was_quoted in _parameters(rest):
        if param == "filename" and not filename:
            filename = _decode_filename(text)
        elif param == "filename*" and not ext:
            ext = _decode_ext_value(text) or ""
        elif param == "name" and not name:
            name = _decode_filename(text)
    return ContentDisposition(type=kind, filename=ext or filename or name, raw_type=raw_type)


# -- X-MS-InvokeApp and X-Download-Options --------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class InvokeApp:
    """What an X-MS-InvokeApp value asks for."""

    requested: bool = False
    require_read_only: bool = False
    unknown: tuple[str, ...] = ()


def parse_invoke_app(value: str | None) -> InvokeApp:
    """Parse X-MS-InvokeApp (Rule 3): ``1`` asks for DirectInvoke."""
    if value is None:
        return InvokeApp()
    items = [item.strip(_LWS) for item in value.split(";")]
    if items[0] != "1":
        return InvokeApp(unknown=tuple(i for i in items if i))
    flags = [item for item in items[1:] if item]
    read_only = any(flag.lower() == "requirereadonly" for flag in flags)
    unknown = tuple(flag for flag in flags if flag.lower() != "requirereadonly")
    return InvokeApp(requested=True, require_read_only=read_only, unknown=unknown)


def parse_download_options(value: str | None) -> bool:
    """Return whether X-Download-Options says ``noopen`` (Rule 4)."""
    if value is None:
        return False
    return any(item.strip(_LWS).lower() == "noopen" for item in value.split(","))
