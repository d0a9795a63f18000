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
``;``-separated ``name=value`` pairs (quotes respected); a pair without ``=``,
with an empty value or with a quote in its name ends them. The file name is
``filename*`` when it decodes (``charset'lang'%xx..``, normalised to NFC), else
``filename`` (RFC 2047 encoded words and %-escaped UTF-8 decoded, each whitespace
character a space; any undecodable word empties it); ``name`` is not a file
name. Path separators are kept here: the download manager sanitises names. The
170 vectors in tests/data/headers/ pin this to Chromium's own tests.

Rule 3 (X-MS-InvokeApp): no specification is published; the values seen in the
wild are ``1`` and ``1; RequireReadOnly`` (ie-directinvoke,
ie-directinvoke). Inferred grammar [inf]: the first
``;``-separated item, trimmed, must be ``1``; later items are flags compared
case-insensitively, ``RequireReadOnly`` the only one known, others ignored.

Rule 4 (X-Download-Options): ``noopen`` (any case) removes Open from IE's download
bar (ie-download).
"""

from __future__ import annotations

import base64
import binascii
import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final
from urllib.parse import unquote_to_bytes

from sim.registry.codepage import ansi_to_unicode

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
_HEX: Final = frozenset("0123456789abcdefABCDEF")


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


# -- Content-Type (Chromium HttpUtil::ParseContentType) ------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentType:
    """A parsed Content-Type: the MIME type lowercased ("" when absent) and its charset."""

    mime: str
    charset: str = ""
    had_charset: bool = False
    boundary: str = ""


def _ct_value(text: str, offset: int) -> tuple[str | None, int]:
    """Read a parameter value at ``offset``; return (value or None to skip, next offset)."""
    n = len(text)
    while offset < n and text[offset] in _LWS:
        offset += 1
    if offset >= n or text[offset] == ";":
        return None, offset  # an unquoted value of only whitespace is skipped
    if text[offset] != '"':
        end = text.find(";", offset)
        end = n if end < 0 else end
        return text[offset:end].rstrip(_LWS), end
    out: list[str] = []
    offset += 1
    while offset < n and text[offset] != '"':
        if text[offset] == "\\" and offset + 1 < n:
            offset += 1
        out.append(text[offset])
        offset += 1
    end = text.find(";", offset)
    return "".join(out), n if end < 0 else end


def parse_content_type(value: str | None) -> ContentType:
    """Parse a Content-Type value as Chromium does (Rule 1): the type is not validated
    beyond holding a ``/`` (``*/*`` means none); the first ``charset`` and ``boundary``
    parameters with a value count; parameter names keep trailing spaces."""
    text = value or ""
    start = len(text) - len(text.lstrip(_LWS))
    end = start
    while end < len(text) and text[end] not in _LWS + ";(":
        end += 1
    charset = boundary = None
    offset = text.find(";", end)
    while 0 <= offset < len(text):
        offset += 1
        while offset < len(text) and text[offset] in _LWS:
            offset += 1
        name_start = offset
        while offset < len(text) and text[offset] not in ";=":
            offset += 1
        if offset >= len(text) or text[offset] == ";":
            continue  # a name without a value
        name = text[name_start:offset].lower()
        param, offset = _ct_value(text, offset + 1)
        if param is None:
            continue
        if name == "charset" and charset is None:
            charset = param
        elif name == "boundary" and boundary is None:
            boundary = param
    if not text or text == "*/*" or "/" not in text:
        return ContentType(mime="")
    return ContentType(
        mime=text[start:end].lower(),
        charset=(charset or "").strip(" \t\n\r\f\v").lower(),
        had_charset=charset is not None,
        boundary=boundary or "",
    )


# -- Content-Disposition (Chromium HttpContentDisposition) ---------------------------


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


def _segments(text: str) -> Iterator[str]:
    """Split on ``;`` outside quotes (a backslash escapes inside them), trimmed, empty
    segments skipped (Chromium's ValuesIterator over a quote-aware StringTokenizer)."""
    start, quoted, escaped = 0, False, False
    for index, ch in enumerate(text):
        if quoted:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch == ";":
            segment = text[start:index].strip(_LWS)
            if segment:
                yield segment
            start = index + 1
    segment = text[start:].strip(_LWS)
    if segment:
        yield segment


def _pairs(text: str) -> Iterator[tuple[str, str, str]]:
    """Yield (name, unquoted value, raw value) as NameValuePairsIterator does: a pair
    without ``=``, with an empty value or with a quote before its ``=`` ends the list."""
    for segment in _segments(text):
        equals = segment.find("=")
        if equals <= 0 or '"' in segment[:equals]:
            return
        name, raw = segment[:equals].strip(_LWS), segment[equals + 1 :].strip(_LWS)
        if not raw:
            return
        value = raw
        if raw[0] == '"':
            if len(raw) > 1 and raw[-1] == '"':
                value, _end = _unquote(raw[1:-1])
            else:
                value = raw[1:]  # a mismatched quote is dropped, nothing unescaped
        yield name, value, raw


def _unquote(body: str) -> tuple[str, int]:
    out: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            i += 1
        out.append(body[i])
        i += 1
    return "".join(out), i


# Python codecs that are no charset a server can name: escape and transfer
# encodings, Windows' process code pages, and the deliberately failing "undefined".
# Chromium hands the label to ICU's converters, which know none of these
# (net/http/http_content_disposition.cc, DecodeExtValue -> ConvertToUtf8AndNormalize).
_NOT_CHARSETS: Final = frozenset({
    "undefined", "unicode_escape", "raw_unicode_escape", "escape_codec", "idna", "punycode",
    "mbcs", "oem", "charmap", "palmos",
})
_LOOSE_ISO8859: Final = re.compile(r"iso8859(\d{1,2})")


def _charset(label: str) -> str | None:
    """The Python codec of a charset label, or ``None`` (the filename then fails, as an
    unknown ICU converter does). ICU's loose spellings such as ``iso88591`` are accepted;
    ISO-8859-1 is read as windows-1252, as browsers do (WHATWG). Total: any label,
    however long or odd, gives a text codec or ``None``; nothing recurses."""
    loose = _LOOSE_ISO8859.fullmatch(re.sub(r"[^a-z0-9]", "", label.lower()[:64]))
    for candidate in (label, f"iso8859_{loose.group(1)}" if loose else None):
        if candidate is None:
            continue
        try:
            info = codecs.lookup(candidate)
        except (LookupError, ValueError, UnicodeError):
            continue
        if not getattr(info, "_is_text_encoding", True) or info.name.replace(
                "-", "_") in _NOT_CHARSETS:
            return None
        return "cp1252" if info.name in ("latin-1", "iso8859-1") else info.name
    return None


def _to_text(raw: bytes, charset: str) -> str | None:
    codec = _charset(charset)
    if codec is None:
        return None
    if codec == "cp1252":
        return ansi_to_unicode(raw)
    try:
        return raw.decode(codec)
    except (UnicodeError, ValueError, LookupError):
        return None


def _q_decode(text: str) -> bytes | None:
    out = bytearray()
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "_":
            out.append(0x20)
        elif ch == "=":
            pair = text[i + 1 : i + 3]
            if len(pair) < 2 or not all(c in _HEX for c in pair):
                return None
            out.append(int(pair, 16))
            i += 2
        elif 0x20 < ord(ch) < 0x7F and ch != "?":
            out.append(ord(ch))
        else:
            return None
        i += 1
    return bytes(out)


def _decode_encoded_word(word: str) -> tuple[str | None, bool]:
    """Decode ``=?charset?B|Q?text?=`` (RFC 2047) as Chromium's DecodeWord does.

    Returns (text, True) for an encoded word, (None, True) for a broken one (the
    whole filename fails), and (None, False) when ``word`` is not one.
    """
    parts = [p for p in word.split("?") if p]
    if not parts or parts[0] != "=":
        return None, False
    if len(parts) < 4 or len(parts[2]) != 1 or parts[2] not in "bBqQ":
        return (None, True) if len(parts) > 4 or len(parts) == 4 else (None, False)
    if len(parts) != 5 or parts[4] != "=" or not word.endswith("="):
        return None, True
    charset, kind, payload = parts[1], parts[2], parts[3]
    raw: bytes | None
    if kind in "bB":
        try:
            raw = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raw = None
    else:
        raw = _q_decode(payload)
    if raw is None:
        return None, True
    return (_to_text(raw, charset) if raw else ""), True


def _decode_word(word: str) -> tuple[str | None, bool]:
    """One whitespace-separated word of a ``filename`` value: (text or None, was RFC 2047)."""
    if not word.isascii():
        return word, False  # already text here (Chromium: UTF-8 or the ANSI code page)
    decoded, encoded = _decode_encoded_word(word)
    if encoded:
        return decoded, True
    try:
        return unquote_to_bytes(word).decode("utf-8"), False
    except UnicodeDecodeError:
        return None, False


def _decode_filename(value: str) -> str:
    """Decode a ``filename`` value: words RFC 2047-decoded or %-decoded as UTF-8, each
    whitespace character a space except right after an encoded word; "" on any failure."""
    out: list[str] = []
    previous_encoded = True
    for token in re.split(r"([ \t\n\r])", value):
        if token in (" ", "\t", "\n", "\r"):
            if not previous_encoded:
                out.append(" ")
            continue
        if not token:
            continue
        decoded, previous_encoded = _decode_word(token)
        if decoded is None:
            return ""
        out.append(decoded)
    return "".join(out)


def _decode_ext_value(raw: str) -> str:
    """Decode a ``filename*`` value, ``charset'lang'%xx...`` (RFC 8187), or ""."""
    if '"' in raw:
        return ""
    charset, sep, rest = raw.partition("'")
    _lang, sep2, encoded = rest.partition("'")
    if not sep or not sep2 or not charset or not encoded.isascii():
        return ""
    text = _to_text(unquote_to_bytes(encoded), charset)
    return unicodedata.normalize("NFC", text) if text else ""


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
    filename = ext = ""
    for name, text, raw in _pairs(rest):
        lowered = name.lower()
        if lowered == "filename" and not filename:
            filename = _decode_filename(text)
        elif lowered == "filename*" and not ext:
            ext = _decode_ext_value(raw)
    return ContentDisposition(type=kind, filename=ext or filename, raw_type=raw_type)


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
