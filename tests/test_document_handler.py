"""Unit tests of document handlers: Office URIs, URL limits, cache, own fetch, declared ones."""

from __future__ import annotations

import pytest

from sim import Scenario, simulate
from sim.errors import ScenarioError

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOST = "https://sharepoint.example.test/"


def ie_direct_invoke(url: str, mime: str, *, extra: str = "", requires: str = "") -> str:
    """An IE11 DirectInvoke scenario with the office profile serving ``url``."""
    return f'''[scenario]
title = "t"
[machine]
profiles = ["office"]
[browser]
name = "ie"
[[web]]
url = "{url}"
headers = {{ "Content-Type" = "{mime}", "X-MS-InvokeApp" = "1" }}
body = "0123456789"
{requires}
[click]
url = "{url}"
{extra}
'''


def url_of_length(length: int, ext: str) -> str:
    """A SharePoint URL of exactly ``length`` characters ending in ``ext``."""
    stem = HOST + "d/"
    return stem + "a" * (length - len(stem) - len(ext)) + ext


@pytest.mark.parametrize(("length", "outcome"), [(216, "launched"), (217, "failed")])
def test_excel_takes_urls_up_to_216_characters(length: int, outcome: str) -> None:
    """Excel opens a 216-character URL and refuses a 217-character one (office-uri-schemes)."""
    trace = simulate(Scenario.from_toml(ie_direct_invoke(url_of_length(length, ".xlsx"),
                                                         XLSX_MIME)))
    assert trace.outcome == outcome
    if outcome == "failed":
        assert trace.error == ("Excel cannot retrieve the file: the URL is 217 characters, over "
                               "Excel's limit of 216")


def test_word_fetch_is_counted_under_its_name_and_the_browser_reads_no_body() -> None:
    """DirectInvoke: IE reads only the headers; Word downloads the body itself."""
    trace = simulate(Scenario.from_toml(ie_direct_invoke(HOST + "Spec.docx", DOCX_MIME)))
    assert trace.outcome == "launched"
    assert dict(trace.bytes) == {"browser": 0, "word": 10}


def test_cache_hit_downloads_nothing() -> None:
    """A document in Word's cache opens with no bytes moved by anyone."""
    text = ie_direct_invoke(HOST + "Spec.docx", DOCX_MIME,
                            extra=f'[handlers.word]\ncache = ["{HOST}Spec.docx"]')
    trace = simulate(Scenario.from_toml(text))
    assert trace.outcome == "launched"
    assert dict(trace.bytes) == {"browser": 0}
    assert any(e.rule == "handler.cache_hit" for e in trace.events)


def test_handler_without_the_cookie_fails_with_the_server_answer() -> None:
    """A server that needs the browser's cookie refuses Word's own request."""
    trace = simulate(Scenario.from_toml(ie_direct_invoke(
        HOST + "Spec.docx", DOCX_MIME, requires="requires = { cookie = true }")))
    assert trace.outcome == "failed"
    assert trace.error is not None and "(403) Forbidden" in trace.error


def test_require_read_only_opens_read_only() -> None:
    """X-MS-InvokeApp: 1; RequireReadOnly opens the document read-only."""
    verb = ('reg = """Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\\\Software'
            '\\\\Classes\\\\Word.Document.12\\\\shell\\\\OpenAsReadOnly\\\\command]\n'
            '@=\\"\\\\\\"C:\\\\\\\\Program Files\\\\\\\\Microsoft Office\\\\\\\\root'
            '\\\\\\\\Office16\\\\\\\\WINWORD.EXE\\\\\\" /h /n \\\\\\"%1\\\\\\"\\"\n"""')
    text = ie_direct_invoke(HOST + "Spec.docx", DOCX_MIME).replace(
        '"X-MS-InvokeApp" = "1"', '"X-MS-InvokeApp" = "1; RequireReadOnly"').replace(
        'profiles = ["office"]', 'profiles = ["office"]\n' + verb)
    trace = simulate(Scenario.from_toml(text))
    opened = [e.detail for e in trace.events if e.rule == "handler.opened"]
    assert opened and opened[0].endswith("read-only")


def test_office_uri_view_form_is_read_only_and_uses_the_app_limit() -> None:
    """ms-excel:ofv|u|<url> opens read-only in Excel, under Excel's URL limit."""
    url = url_of_length(230, ".xlsx")
    text = f'''[scenario]
title = "t"
[machine]
profiles = ["office"]
[click]
url = "ms-excel:ofv|u|{url}"
'''
    trace = simulate(Scenario.from_toml(text))
    assert trace.route == "protocol"
    assert trace.outcome == "failed"
    assert trace.error is not None and "Excel's limit of 216" in trace.error


def test_declared_handler_has_its_own_limit_and_tls() -> None:
    """A scenario-declared handler fails a URL over its url_limit."""
    text = '''[scenario]
title = "t"
[machine]
reg = """Windows Registry Editor Version 5.00

[HKEY_CURRENT_USER\\\\Software\\\\Classes\\\\.fuzzle]
@="Fuzzle.Document"
"Content Type"="application/x-fuzzle"

[HKEY_CURRENT_USER\\\\Software\\\\Classes\\\\Fuzzle.Document\\\\shell\\\\open\\\\command]
@="\\\\"C:\\\\\\\\Fuzzle\\\\\\\\fuzzle.exe\\\\" \\\\"%1\\\\""

[HKEY_CURRENT_USER\\\\Software\\\\Classes\\\\Applications\\\\fuzzle.exe\\\\SupportedProtocols]
"https"=""
"""
files = { 'C:\\Fuzzle\\fuzzle.exe' = "" }
[browser]
name = "ie"
[[web]]
url = "https://example.test/a/long/path/file.fuzzle"
headers = { "Content-Type" = "application/x-fuzzle", "X-MS-InvokeApp" = "1" }
body = "F"
[click]
url = "https://example.test/a/long/path/file.fuzzle"
[handlers.fuzzle]
image = 'C:\\Fuzzle\\fuzzle.exe'
url_limit = 20
'''
    trace = simulate(Scenario.from_toml(text))
    assert trace.route == "direct-invoke", [e.detail for e in trace.events]
    assert trace.outcome == "failed"
    assert trace.error is not None and "over fuzzle's limit of 20" in trace.error


def test_new_handler_without_image_is_a_scenario_error() -> None:
    """A [handlers] name that is not built in must say which program it models."""
    with pytest.raises(ScenarioError, match=r"handlers\.fuzle: expected image"):
        Scenario.from_toml('[scenario]\ntitle = "t"\n[handlers.fuzle]\nurl_limit = 3\n')


def test_installed_version_must_have_four_parts() -> None:
    """clickonce_installed versions are a.b.c.d."""
    with pytest.raises(ScenarioError, match="four-part version"):
        Scenario.from_toml('[scenario]\ntitle = "t"\n[machine]\nclickonce_installed = '
                           '{ "https://a.test/App.application" = "1.0" }\n')
