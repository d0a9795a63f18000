"""Unit tests of .reg import: regedit's rules, warnings, strict mode, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.errors import RegImportError
from sim.loader import import_reg_file
from sim.registry import Registry, RegType
from sim.registry.reg_syntax import Header

V5 = "Windows Registry Editor Version 5.00\r\n\r\n"
KEY = r"HKEY_CURRENT_USER\Software\Test"


def imported(body: str, header: str = V5) -> Registry:
    reg = Registry()
    reg.import_reg(header + f"[{KEY}]\r\n" + body)
    return reg


def raw(reg: Registry, name: str) -> bytes | None:
    value = reg.get_value(KEY, name)
    return None if value is None else value.raw


class TestHeader:
    def test_both_headers_import(self) -> None:
        """REGEDIT4 and version 5.00 headers are both accepted."""
        for header in ("REGEDIT4\n\n", V5):
            assert imported('"a"="b"\n', header).get_value(KEY, "a") is not None

    def test_invalid_header_raises_in_lenient_mode_and_imports_nothing(self) -> None:
        """A first line that is not a header makes regedit refuse the file."""
        reg = Registry()
        with pytest.raises(RegImportError, match=r"<string>:1: expected the header"):
            reg.import_reg(f"regedit4\n[{KEY}]\n")
        assert not reg.has_key(KEY)

    def test_header_must_be_the_first_line(self) -> None:
        """A blank line before the header makes the file invalid (regedit reads line 1)."""
        with pytest.raises(RegImportError):
            Registry().import_reg("\nREGEDIT4\n")

    def test_fuzzy_regedit_header_imports_nothing_with_a_warning(self) -> None:
        """'REGEDIT 4' is accepted by regedit, which then imports nothing."""
        reg = Registry()
        report = reg.import_reg(f"REGEDIT 4\n\n[{KEY}]\n")
        assert report.header is Header.FUZZY and report.warnings
        assert not reg.has_key(KEY)

    def test_leading_bom_and_whitespace_before_header_are_ignored(self) -> None:
        """A U+FEFF and spaces before the header do not matter."""
        reg = Registry()
        reg.import_reg(f"\ufeff  REGEDIT4\n[{KEY}]\n")
        assert reg.has_key(KEY)

    def test_win31_mode_sets_hkcr_default_values(self) -> None:
        """'REGEDIT' alone: 'HKEY_CLASSES_ROOT\\path = value' lines set default values."""
        reg = Registry()
        reg.import_reg("REGEDIT\nHKEY_CLASSES_ROOT\\.txt = txtfile\n")
        assert reg.get_value(r"HKCR\.txt").data == "txtfile"  # type: ignore[union-attr]


class TestKeys:
    def test_key_deletion_removes_the_tree(self) -> None:
        """[-key] deletes the key and everything below it."""
        reg = imported("")
        reg.create_key(KEY + r"\child\grandchild")
        reg.import_reg(V5 + f"[-{KEY}]\n")
        assert not reg.has_key(KEY)

    def test_space_after_bracket_ignores_the_line(self) -> None:
        """'[ HKEY...]' is not a key line."""
        reg = Registry()
        report = reg.import_reg(V5 + f"[ {KEY}]\n")
        assert not reg.has_key(KEY) and report.warnings

    def test_bad_root_ignores_its_values(self) -> None:
        """Values after a key with an unknown root are not imported anywhere."""
        reg = Registry()
        report = reg.import_reg(V5 + "[HKEY_CURRENT_USERS\\Software\\X]\n\"v\"=\"x\"\n")
        assert len(report.warnings) == 2
        assert report.values == 0

    def test_trailing_backslash_is_tolerated(self) -> None:
        """'[HKEY_CURRENT_USER\\Software\\Test\\]' opens the key."""
        reg = Registry()
        reg.import_reg(V5 + f"[{KEY}\\]\n\"v\"=\"x\"\n")
        assert reg.get_value(KEY, "v") is not None

    def test_key_names_keep_trailing_spaces(self) -> None:
        """Trailing spaces are part of the key name."""
        reg = Registry()
        reg.import_reg(V5 + f"[{KEY} ]\n")
        assert reg.subkeys(r"HKCU\Software") == ["Test "]


class TestValues:
    def test_string_escapes(self) -> None:
        """\\\\ gives a backslash and \\" a quote."""
        reg = imported(r'"v"="C:\\Path \"quoted\""' + "\n")
        assert reg.get_value(KEY, "v").data == 'C:\\Path "quoted"'  # type: ignore[union-attr]

    def test_unknown_escape_drops_the_backslash_with_a_warning(self) -> None:
        """'\\P' imports as 'P' and is reported, not skipped."""
        reg = Registry()
        report = reg.import_reg(V5 + f"[{KEY}]\n" + r'"v"="C:\Program"' + "\n")
        assert reg.get_value(KEY, "v").data == "C:Program"  # type: ignore[union-attr]
        assert [w.skipped for w in report.warnings] == [False]

    def test_nul_escape_is_rejected(self) -> None:
        """'\\0' in a string makes regedit skip the value."""
        assert raw(imported(r'"v"="a\0b"' + "\n"), "v") is None

    def test_text_after_a_string_must_be_a_comment(self) -> None:
        """Only a ';' comment may follow the closing quote; '#' is rejected."""
        reg = imported('"a"="x" ;ok\n"b"="x" #no\n')
        assert raw(reg, "a") is not None and raw(reg, "b") is None

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("dword:1", 1),
            ("dword:ffffffff", 0xFFFFFFFF),
            ("dword:  0000002a ;c", 42),
            ("dword:0x1", None),
            ("dword:123456789", None),
            ("dword:-1", None),
            ("dword:", None),
            ("dword:1234 #c", None),
        ],
    )
    def test_dword_forms(self, line: str, expected: int | None) -> None:
        """dword: takes 1 to 8 hex digits and an optional ';' comment, nothing else."""
        value = imported(f'"v"={line}\n').get_value(KEY, "v")
        assert (None if value is None else value.data) == expected

    def test_hex_types_keep_any_type_number(self) -> None:
        """hex(N): stores type N, including unnamed types."""
        reg = imported('"a"=hex(0):01\n"b"=hex(b):01,00,00,00,00,00,00,00\n"c"=hex(100):ff\n')
        assert [(v.type, v.raw) for v in reg.values(KEY)] == [
            (0, b"\x01"),
            (RegType.REG_QWORD, b"\x01" + b"\x00" * 7),
            (0x100, b"\xff"),
        ]

    def test_hex_0x_type_is_rejected(self) -> None:
        """'hex(0x2):' is not a type."""
        assert raw(imported('"v"=hex(0x2):41,00\n'), "v") is None

    def test_empty_hex_gives_a_zero_size_value(self) -> None:
        """'hex(2):' with no bytes stores an empty REG_EXPAND_SZ."""
        value = imported('"v"=hex(2):\n').get_value(KEY, "v")
        assert value is not None and value.type == 2 and value.raw == b""

    def test_hex_4_with_eight_bytes_is_a_dword_of_size_eight(self) -> None:
        """The type comes from hex(N), the size from the bytes."""
        value = imported('"v"=hex(4):01,02,03,04,05,06,07,08\n').get_value(KEY, "v")
        assert value is not None and value.type == 4 and len(value.raw) == 8

    def test_continuation_lines_with_blank_and_comment_lines_between(self) -> None:
        """A hex list continues over lines; blank and ';' lines between are skipped."""
        reg = imported('"v"=hex:01,02,\\\n\n; comment\n   03,04\n')
        assert raw(reg, "v") == b"\x01\x02\x03\x04"

    def test_bad_continuation_drops_the_value_and_the_line(self) -> None:
        """A continuation line not starting with a hex digit drops the value."""
        reg = Registry()
        report = reg.import_reg(V5 + f"[{KEY}]\n" + '"v"=hex:01,\\\n"w"="x"\n')
        assert reg.get_value(KEY, "v") is None and reg.get_value(KEY, "w") is None
        assert report.warnings[0].line == 5

    def test_unicode_string_types_get_a_terminator(self) -> None:
        """Under version 5, hex(2) bytes without a NUL get one added."""
        assert raw(imported('"v"=hex(2):41,00\n'), "v") == b"A\x00\x00\x00"

    def test_ansi_string_types_are_converted_to_utf16(self) -> None:
        """Under REGEDIT4, hex(2) bytes are ANSI text converted to UTF-16 with a NUL."""
        reg = imported('"v"=hex(2):41,e9\n', "REGEDIT4\n\n")
        assert raw(reg, "v") == "Aé\x00".encode("utf-16-le")

    def test_value_deletion(self) -> None:
        """'"v"=-' deletes the value; '"v"=-"x"' is rejected."""
        reg = imported('"v"="x"\n"w"="y"\n')
        report = reg.import_reg(V5 + f"[{KEY}]\n" + '"v"=-\n"w"=-"y"\n')
        assert raw(reg, "v") is None and raw(reg, "w") is not None
        assert report.deleted_values == 1 and len(report.warnings) == 1

    def test_values_before_any_key_are_ignored(self) -> None:
        """A value line with no key open is reported and not imported."""
        report = Registry().import_reg(V5 + '"v"="x"\n')
        assert report.values == 0 and "no key is open" in report.warnings[0].message

    def test_line_endings_cr_lf_and_crlf(self) -> None:
        """CR, LF and CRLF all end lines."""
        reg = Registry()
        reg.import_reg(f'REGEDIT4\r[{KEY}]\n"a"="1"\r\n"b"="2"\r')
        assert [v.name for v in reg.values(KEY)] == ["a", "b"]


class TestStrict:
    def test_strict_reports_every_problem_and_applies_nothing(self) -> None:
        """Strict mode lists all bad lines with their numbers and changes nothing."""
        reg = Registry()
        text = V5 + f"[{KEY}]\n" + '"ok"="x"\njunk\n"d"=dword:xyz\n'
        with pytest.raises(RegImportError) as info:
            reg.import_reg(text, strict=True, source="fuzzle.reg")
        assert [p.line for p in info.value.problems] == [5, 6]
        assert str(info.value).startswith("fuzzle.reg:5: expected a key line")
        assert not reg.has_key(KEY)

    def test_strict_accepts_a_clean_file(self) -> None:
        """A valid file imports the same in strict mode."""
        reg = Registry()
        report = reg.import_reg(V5 + f"[{KEY}]\n" + '"ok"="x"\n; note\n', strict=True)
        assert report.values == 1 and not report.warnings


class TestFiles:
    def test_utf16_file_with_bom(self, tmp_path: Path) -> None:
        """A UTF-16LE file with a BOM is read as regedit reads it."""
        path = tmp_path / "a.reg"
        path.write_bytes(b"\xff\xfe" + (V5 + f"[{KEY}]\r\n\"v\"=\"é\"\r\n").encode("utf-16-le"))
        reg = Registry()
        import_reg_file(reg, path)
        assert reg.get_value(KEY, "v").data == "é"  # type: ignore[union-attr]

    def test_ansi_file(self, tmp_path: Path) -> None:
        """A file without a BOM is ANSI (Windows-1252)."""
        path = tmp_path / "a.reg"
        path.write_bytes(f'REGEDIT4\r\n[{KEY}]\r\n"v"="\xe9"\r\n'.encode("cp1252"))
        reg = Registry()
        import_reg_file(reg, path)
        assert reg.get_value(KEY, "v").data == "é"  # type: ignore[union-attr]

    def test_utf8_bom_is_refused_with_a_remedy(self, tmp_path: Path) -> None:
        """A UTF-8 BOM file is refused with a message saying how to save it."""
        path = tmp_path / "a.reg"
        path.write_bytes(b"\xef\xbb\xbfREGEDIT4\r\n")
        with pytest.raises(RegImportError, match="UTF-16LE"):
            import_reg_file(Registry(), path)

    def test_missing_file_names_the_file(self, tmp_path: Path) -> None:
        """A missing file is an import error naming it."""
        with pytest.raises(RegImportError, match=r"nope\.reg"):
            import_reg_file(Registry(), tmp_path / "nope.reg")


class TestLimits:
    def test_depth_limit_applies_to_imported_keys(self) -> None:
        """A key 512 levels deep imports; one 513 levels deep is skipped with a warning."""
        deep = "HKEY_LOCAL_MACHINE\\" + "\\".join(["k"] * 512)
        reg = Registry()
        assert not reg.import_reg(V5 + f"[{deep}]\n").warnings
        report = reg.import_reg(V5 + f"[{deep}\\k]\n")
        assert report.keys == 0 and "512 levels" in report.warnings[0].message

    def test_depth_limit_on_a_multi_level_jump(self) -> None:
        """A key many levels below the previous one is checked as a whole."""
        reg = Registry()
        deep = "HKEY_LOCAL_MACHINE\\" + "\\".join(["k"] * 513)
        text = V5 + "[HKEY_LOCAL_MACHINE\\a]\n" + f"[{deep}]\n"
        report = reg.import_reg(text)
        assert report.keys == 1 and len(report.warnings) == 1

    def test_long_key_names_are_refused_on_import(self) -> None:
        """A 257-character component is skipped with a warning; 256 imports."""
        reg = Registry()
        ok = reg.import_reg(V5 + f"[{KEY}\\{'n' * 256}]\n")
        bad = reg.import_reg(V5 + f"[{KEY}]\n[{KEY}\\{'n' * 257}]\n")
        assert not ok.warnings and "at most 256" in bad.warnings[0].message


def test_an_import_that_repeats_a_value_keeps_its_first_spelling() -> None:
    """A value name repeated in another case updates the data, not the spelling."""
    reg = Registry()
    reg.import_reg(V5 + f"[{KEY}]\n" + '"Name"="1"\n"NAME"="2"\n"name"="C:\\\\x"\n')
    assert [(v.name, v.data) for v in reg.values(KEY)] == [("Name", "C:\\x")]


class TestCollector:
    def test_collector_state_is_restored(self) -> None:
        """An import leaves the cyclic collector as it found it, nothing left frozen."""
        import gc

        Registry().import_reg(V5 + f"[{KEY}]\n")
        assert gc.isenabled() and gc.get_freeze_count() == 0
        gc.disable()
        try:
            Registry().import_reg(V5 + f"[{KEY}]\n")
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_objects_the_program_froze_stay_frozen(self) -> None:
        """An import does not unfreeze what the program froze with gc.freeze."""
        import gc

        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            Registry().import_reg(V5 + f"[{KEY}]\n")
            assert gc.get_freeze_count() == frozen
        finally:
            gc.unfreeze()


def test_a_repeated_value_on_every_fast_form_keeps_one_entry() -> None:
    """Each value form, set twice in one key, ends as one value with the second data."""
    forms = ['"x"', '"a\\"b"', '"c\\\\d"', '"\x01\\"e"', "dword:00000001", "hex:01,02",
             "hex(2):41,00,00,00", "hex:01,\\\n  02"]
    for form in forms:
        reg = Registry()
        reg.import_reg(V5 + f"[{KEY}]\n" + f'"v"={form}\n"V"={form}\n' + "@=\"1\"\n@=\"2\"\n")
        values = reg.values(KEY)
        assert [v.name for v in values] == ["v", ""], form
        assert values[1].data == "2"


def test_control_character_beside_an_escaped_backslash_survives_import() -> None:
    """A U+0001 in the data of a value whose name ends in an escaped backslash is kept as is
    (the fast path uses U+0001 internally and must leave such lines to the full parser)."""
    reg = Registry()
    reg.import_reg('Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\X]\r\n'
                   '"\\\\"="\x01"\r\n', strict=True)
    value = reg.get_value(r"HKEY_LOCAL_MACHINE\X", "\\")
    assert value is not None and value.text == "\x01"
