"""Read manifest XML safely: no DTD, no entity, no external reference, a size cap.

Rules:
1. A document type declaration is refused before anything in it is read, so an
   entity bomb ("billion laughs") or an external entity never expands. The message
   is .NET's ``XmlException`` for a DTD under ``DtdProcessing.Prohibit`` [inf: that
   System.Deployment's manifest reader prohibits DTDs is not in a public source; it
   is the .NET 4 default for secure readers].
2. A document larger than :data:`MAX_MANIFEST_BYTES` is refused unread [inf: dfshim's
   own limit is not documented; 16 MiB is far above any real manifest].
3. Names are ``{namespace}local`` as in :mod:`xml.etree.ElementTree`.
4. The encoding an XML declaration names must be one of :data:`ENCODINGS`; any
   other is refused with .NET's ``XmlException`` text "System does not support
   '<name>' encoding." (dotnet/runtime, System.Private.Xml Resources/Strings.resx,
   ``Xml_UnknownEncoding``; https://github.com/dotnet/runtime/blob/main/src/libraries/System.Private.Xml/src/Resources/Strings.resx)
   [inf: the list is what expat reads itself (UTF-8, UTF-16, ISO-8859-1, US-ASCII)
   plus the single-byte Windows and ISO code pages it reads through Python; .NET
   knows more, but no manifest tool writes another].
5. Elements nested more than :data:`MAX_DEPTH` deep are refused [inf: .NET's
   XmlReader sets no depth limit; a real manifest nests about ten levels, and the
   signature's digest walks the tree recursively].
6. Numbers in attributes (sizes, version parts, ages) are ASCII digits within a
   length (:func:`ascii_int`): ``"²"`` or a 5,000-digit size is no number.
A refusal or a syntax error raises :class:`XmlRefused` with the line and column.
"""

from __future__ import annotations

import re
from typing import Final, NoReturn
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from sim.errors import SimError

__all__ = ["ENCODINGS", "MAX_DEPTH", "MAX_MANIFEST_BYTES", "XmlRefused", "ascii_int",
           "parse_xml"]

MAX_MANIFEST_BYTES: Final = 16 * 1024 * 1024
MAX_DEPTH: Final = 256
ENCODINGS: Final = frozenset(
    {"utf-8", "utf8", "utf-16", "utf16", "iso-10646-ucs-2", "us-ascii", "ascii",
     "iso-8859-1", "latin1", "latin-1"}
    | {f"windows-{n}" for n in range(1250, 1259)}
    | {f"iso-8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 9, 13, 15)})
UNKNOWN_ENCODING: Final = "System does not support '{name}' encoding."
_DECLARATION: Final = re.compile(rb"""<\?xml[^>]*?\sencoding\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def ascii_int(text: str | None, digits: int) -> int | None:
    """Rule 6: the number ``text`` holds (1 to ``digits`` ASCII digits), else ``None``."""
    if text is None or not 0 < len(text) <= digits or not text.isascii() or not text.isdigit():
        return None
    return int(text)


def _declared_encoding(data: bytes) -> str | None:
    """The encoding an ASCII-compatible XML declaration names (UTF-16 has a BOM instead)."""
    found = _DECLARATION.match(data.lstrip(b"\xef\xbb\xbf")[:256])
    if found is None:
        return None
    return (found.group(1) or found.group(2) or b"").decode("latin-1")
DTD_PROHIBITED: Final = (
    "For security reasons DTD is prohibited in this XML document. To enable DTD "
    "processing set the DtdProcessing property on XmlReaderSettings to Parse and pass "
    "the settings into XmlReader.Create method."
)


class XmlRefused(SimError, ValueError):
    """Manifest bytes that are not well-formed XML, or that hold a DTD or an entity."""


def _name(raw: str) -> str:
    """expat's ``uri}local`` as ElementTree's ``{uri}local``."""
    return "{" + raw if "}" in raw else raw


def parse_xml(data: bytes) -> Element:
    """Parse ``data`` (Rules 1-3) and return the root element.

    Raises:
        XmlRefused: too large, a DTD or entity declaration, or malformed XML.
    """
    if len(data) > MAX_MANIFEST_BYTES:
        raise XmlRefused(f"the manifest is {len(data)} bytes, over the "
                         f"{MAX_MANIFEST_BYTES}-byte limit")
    encoding = _declared_encoding(data)
    if encoding is not None and encoding.lower() not in ENCODINGS:
        raise XmlRefused(f"{UNKNOWN_ENCODING.format(name=encoding)} Line 1, position "
                         f"{data.find(encoding.encode('latin-1')) + 1}.")
    builder = TreeBuilder()
    depth = [0]

    def start(name: str, attrs: dict[str, str]) -> None:
        depth[0] += 1
        if depth[0] > MAX_DEPTH:
            raise XmlRefused(f"elements nested more than {MAX_DEPTH} levels deep. Line "
                             f"{parser.CurrentLineNumber}, position "
                             f"{parser.CurrentColumnNumber + 1}.")
        builder.start(_name(name), {_name(k): v for k, v in attrs.items()})

    def end(name: str) -> None:
        depth[0] -= 1
        builder.end(_name(name))

    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*_: object) -> NoReturn:
        raise XmlRefused(f"{DTD_PROHIBITED} Line {parser.CurrentLineNumber}, position "
                         f"{parser.CurrentColumnNumber + 1}.")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlRefused(f"{expat.errors.messages[exc.code]}. Line {exc.lineno}, position "
                         f"{exc.offset + 1}.") from None
    except XmlRefused:
        raise
    except (LookupError, ValueError) as exc:  # an encoding expat cannot read after all
        raise XmlRefused(f"{UNKNOWN_ENCODING.format(name=encoding or '')} ({exc})") from None
    return builder.close()
