"""Unit tests of .reg export: regedit's layout, wrapping, encodings and round trips."""

from __future__ import annotations

from sim.registry import Registry, RegType
from sim.registry.reg_export import export_bytes, format_value
from sim.registry.values import RegValue

KEY = r"HKEY_CURRENT_USER\Software\Test"


def sample() -> Registry:
    reg = Registry()
    reg.set_value(KEY, "", "default")
    reg.set_value(KEY, 'quo"te\\', "C:\\x")
    reg.set_value(KEY, "d", 42)
    reg.set_value(KEY, "q", 1 << 40)
    reg.set_value(KEY, "m", ["a", "b"])
    reg.set_value(KEY, "e", "%SystemRoot%", RegType.REG_EXPAND_SZ)
    reg.create_key(KEY + r"\sub")
    return reg


class TestLayout:
    def test_version5_starts_with_bom_header_and_crlf(self) -> None:
        """Version 5 text: U+FEFF, the header, CRLF line ends, a blank line at the end."""
        text = sample().export_reg(version=5, root=KEY)
        assert text.startswith("\ufeffWindows Registry Editor Version 5.00\r\n\r\n[")
        assert text.endswith("\r\n\r\n") and "\n" not in text.replace("\r\n", "")

    def test_value_lines(self) -> None:
        """Each type is written in regedit's form, in creation order."""
        text = sample().export_reg(version=5, root=KEY)
        body = text.split("\r\n")
        assert body[2:10] == [
            f"[{KEY}]",
            '@="default"',
            '"quo\\"te\\\\"="C:\\\\x"',
            '"d"=dword:0000002a',
            '"q"=hex(b):00,00,00,00,00,01,00,00',
            '"m"=hex(7):61,00,00,00,62,00,00,00,00,00',
            '"e"=hex(2):25,00,53,00,79,00,73,00,74,00,65,00,6d,00,52,00,6f,00,6f,00,74,00,\\',
            "  25,00,00,00",
        ]
        assert body[10:12] == ["", f"[{KEY}\\sub]"]

    def test_hex_wraps_at_77_columns_with_25_bytes_per_continuation(self) -> None:
        """Long hex lists wrap as regedit wraps them."""
        line = format_value(RegValue("v", RegType.REG_BINARY, bytes(range(60))))
        lines = line.split("\r\n")
        assert len(lines[0]) == 78 and lines[0].endswith(",\\")  # 23 bytes after '"v"=hex:'
        assert lines[1].startswith("  ") and lines[1].count(",") == 25
        assert len(lines[1]) == 78
        assert sum(part.count(",") for part in lines) == 59

    def test_version4_is_ansi_with_one_byte_per_character(self) -> None:
        """REGEDIT4 writes hex(2)/hex(7) as ANSI bytes and encodes as Windows-1252."""
        reg = Registry()
        reg.set_value(KEY, "e", "é", RegType.REG_EXPAND_SZ)
        data = export_bytes(reg, version=4, root=KEY)
        assert data.startswith(b"REGEDIT4\r\n") and b'"e"=hex(2):e9,00' in data

    def test_malformed_strings_and_dwords_are_written_as_hex(self) -> None:
        """A REG_SZ without NUL or a 2-byte REG_DWORD is written as hex(1)/hex(4)."""
        assert format_value(RegValue("s", 1, b"a\x00")) == '"s"=hex(1):61,00'
        assert format_value(RegValue("d", 4, b"\x01\x00")) == '"d"=hex(4):01,00'


class TestRoundTrip:
    def test_export_then_import_gives_the_same_registry(self) -> None:
        """Importing an export into an empty registry reproduces every key and value."""
        original = sample()
        original.set_value(KEY, "odd", b"\x01\x02\x03", 0x1234)
        original.set_value(KEY, "nul", "a\x00b\x00".encode("utf-16-le"), RegType.REG_SZ)
        original.set_value(KEY, "nl", "line1\r\nline2")
        text = original.export_reg()
        copy = Registry()
        assert not copy.import_reg(text, strict=True).warnings
        assert copy.export_reg() == text
        assert copy.values(KEY) == original.values(KEY)

    def test_version4_round_trips_ansi_data(self) -> None:
        """REGEDIT4 export then import keeps Windows-1252 strings."""
        original = sample()
        original.set_value(KEY, "accent", "café", RegType.REG_EXPAND_SZ)
        copy = Registry()
        copy.import_reg(original.export_reg(version=4), strict=True)
        assert copy.values(KEY) == original.values(KEY)

    def test_unterminated_string_types_cannot_round_trip(self) -> None:
        """regedit adds a NUL to hex(1)/(2)/(7) data on import, so the .reg format cannot
        carry string-type data that does not end in one: the import gains a terminator."""
        original = Registry()
        original.set_value(KEY, "s", b"a\x00", RegType.REG_SZ)
        copy = Registry()
        copy.import_reg(original.export_reg(), strict=True)
        assert copy.get_value(KEY, "s").raw == b"a\x00\x00\x00"  # type: ignore[union-attr]
