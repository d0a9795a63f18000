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
A refusal or a syntax error raises :class:`XmlRefused` with the line and column.
"""

from __future__ import annotations

from typing import Final, NoReturn
from xml.etree.ElementTree import Element, TreeBuilder
from xml.parsers import expat

from sim.errors import SimError

__all__ = ["MAX_MANIFEST_BYTES", "XmlRefused", "parse_xml"]

MAX_MANIFEST_BYTES: Final = 16 * 1024 * 1024
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
    builder = TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*_: object) -> NoReturn:
        raise XmlRefused(f"{DTD_PROHIBITED} Line {parser.CurrentLineNumber}, position "
                         f"{parser.CurrentColumnNumber + 1}.")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _name(name), {_name(k): v for k, v in attrs.items()})
    parser.EndElementHandler = lambda name: builder.end(_name(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlRefused(f"{expat.errors.messages[exc.code]}. Line {exc.lineno}, position "
                         f"{exc.offset + 1}.") from None
    return builder.close()
