"""Each key of a scenario file is found on the line it is written on."""

from __future__ import annotations

import tomli

from sim.scenario.toml_lines import key_lines, line_of

SCENARIO = '''\
#:schema ../schema.json
[scenario]
title = "Chrome downloads a .application"   # required
sources = [
  "lawrence-clickonce",
  # a comment inside the array
  "https://learn.microsoft.com/",
]

[machine]
os = "windows-10"
reg = \'\'\'
Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\Software\\Classes\\.fuzzle]
@="Fuzzle.Document"
\'\'\'
files = { 'C:\\Program Files\\Fuzzle\\fuzzle.exe' = "" }
zones = { "intranet.example" = "intranet", other = "trusted" }

[browser]
policies = { ClickOnceEnabled = 1, AutoOpenFileTypes = ["application"] }

[[web]]
url = "https://example.test/a"
headers.Content-Type = "application/x-ms-application"
body = """
[not.a.table]
x = 1
"""

[[web]]
url = "https://example.test/b"   # second resource

[expect]
launch.image = 'C:\\Windows\\System32\\rundll32.exe'
"dotted.quoted" = 2
'''


def _lines() -> dict[tuple[str | int, ...], int]:
    tomli.loads(SCENARIO)  # the locator only ever reads tomli-accepted text
    return key_lines(SCENARIO)


def test_table_headers_and_their_keys_carry_their_own_lines() -> None:
    """A table header and each key under it are located on the lines that write them."""
    lines = _lines()
    assert lines[("scenario",)] == 2
    assert lines[("scenario", "title")] == 3
    assert lines[("machine", "os")] == 11


def test_array_elements_spanning_lines_are_each_located() -> None:
    """Elements of a multi-line array are located on their own lines, comments skipped."""
    lines = _lines()
    assert lines[("scenario", "sources")] == 4
    assert lines[("scenario", "sources", 0)] == 5
    assert lines[("scenario", "sources", 1)] == 7


def test_multiline_strings_hide_table_like_text() -> None:
    """Text inside multi-line strings is never read as keys or tables."""
    lines = _lines()
    assert lines[("machine", "reg")] == 12
    assert lines[("machine", "files")] == 18
    assert ("not",) not in lines
    assert not any("HKEY_CURRENT_USER" in str(part) for path in lines for part in path)


def test_inline_tables_locate_their_keys() -> None:
    """Keys inside inline tables, quoted or bare, and arrays in them, get the line."""
    lines = _lines()
    assert lines[("machine", "files", "C:\\Program Files\\Fuzzle\\fuzzle.exe")] == 18
    assert lines[("machine", "zones", "other")] == 19
    assert lines[("browser", "policies", "AutoOpenFileTypes", 0)] == 22


def test_arrays_of_tables_are_numbered_from_zero() -> None:
    """Each [[web]] element is its own index, and its keys resolve under it."""
    lines = _lines()
    assert lines[("web", 0)] == 24
    assert lines[("web", 0, "url")] == 25
    assert lines[("web", 0, "headers", "Content-Type")] == 26
    assert lines[("web", 1)] == 32
    assert lines[("web", 1, "url")] == 33


def test_dotted_and_quoted_keys() -> None:
    """Dotted keys record each prefix; a quoted key with a dot stays one part."""
    lines = _lines()
    assert lines[("expect", "launch")] == 36
    assert lines[("expect", "launch", "image")] == 36
    assert lines[("expect", "dotted.quoted")] == 37


def test_nested_arrays_of_tables_number_per_parent() -> None:
    """[[a.b]] counts from 0 again under each new [[a]] element."""
    text = "[[a]]\n[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[[a]]\n[[a.b]]\nx = 3\n"
    tomli.loads(text)
    lines = key_lines(text)
    assert lines[("a", 0, "b", 1, "x")] == 5
    assert lines[("a", 1, "b", 0, "x")] == 8


def test_every_parsed_key_is_located() -> None:
    """Every key and element tomli returns has a line."""
    data = tomli.loads(SCENARIO)
    lines = key_lines(SCENARIO)

    def walk(node: object, path: tuple[str | int, ...]) -> None:
        if path:
            assert path in lines, path
        if isinstance(node, dict):
            for key, child in node.items():
                walk(child, (*path, key))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, (*path, index))

    walk(data, ())


def test_missing_keys_fall_back_to_their_table() -> None:
    """A key that is absent is reported at the nearest table that exists, else nowhere."""
    lines = _lines()
    assert line_of(lines, ("web", 1, "status")) == 32
    assert line_of(lines, ("click", "url")) is None


def test_text_outside_the_grammar_still_ends() -> None:
    """Junk the locator does not expect is stepped over, never looped on."""
    junk = ("a = { b = 1,\n c = 2 }\n", "= = =\n", "[x\n", "a = [\n", "a = {", '"open')
    for text in junk:
        assert isinstance(key_lines(text), dict)
    assert key_lines("a = { b = 1,\n c = 2 }\n")[("a", "c")] == 2
