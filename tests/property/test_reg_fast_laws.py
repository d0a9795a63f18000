"""The fast import path and the general parser always agree."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.errors import RegImportError
from sim.registry import Registry
from sim.registry.reg_import import ImportReport, chunks_of, import_chunks
from sim.registry.reg_parser import Parser
from sim.registry.values import RegValue
from sim.strategies import reg_key_paths, reg_values

pytestmark = pytest.mark.property

# Lines that look like regedit's forms but are not quite, and lines of other kinds.
ODD_LINES = st.sampled_from(
    [
        "", "   ", "; comment", "# comment", "junk", '"v"=dword:0x1', '"v"="a\\Pb"',
        '"v"=hex(2):41,00,\\', "  42,00", "  ; between", "  zz", '@=-', '"v"=-',
        "[-HKEY_CURRENT_USER\\Software\\T]", "[ HKEY_CURRENT_USER\\x]", "[HKEY_BAD\\x]",
        "[HKEY_CLASSES_ROOT\\.x]", '"v"="x" ;c', '"v"="x" #c', '@="\\\\\\""', '"a"=hex:01,\\',
        "[HKEY_CURRENT_USER\\Software\\T\\]", '"u"="é\\"q"', "\x00", '"n\x00"="x"',
    ]
)


def _import(text: str, parser: type[Parser] | None) -> tuple[str, ImportReport | str]:
    reg = Registry()
    try:
        if parser is None:
            report = import_chunks(reg, chunks_of(text))
        else:
            report = import_chunks(reg, chunks_of(text), parser=parser)
    except RegImportError as error:
        return reg.export_reg(), str(error)
    return reg.export_reg(), report


@given(st.lists(st.tuples(reg_key_paths(), reg_values()), max_size=8), st.data())
def test_fast_and_general_parsers_agree(
    entries: list[tuple[str, RegValue]], data: st.DataObject
) -> None:
    """An export with odd lines mixed in imports the same through either parser."""
    reg = Registry()
    for path, value in entries:
        reg.set_value(path, value.name, value.raw, value.type)
    lines = reg.export_reg().split("\r\n")
    for _ in range(data.draw(st.integers(0, 6))):
        index = data.draw(st.integers(1, len(lines)))
        lines.insert(index, data.draw(ODD_LINES))
    text = "\r\n".join(lines)
    assert _import(text, None) == _import(text, Parser)
