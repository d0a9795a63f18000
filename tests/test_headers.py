"""Header parsing: Content-Type, Content-Disposition, X-MS-InvokeApp, X-Download-Options."""

from __future__ import annotations

import pytest

from sim.world.headers import (
    Headers,
    parse_content_disposition,
    parse_content_type,
    parse_download_options,
    parse_invoke_app,
)


class TestContentDisposition:
    @pytest.mark.parametrize(
        ("value", "kind", "filename"),
        [
            ('attachment; filename="foo.html"', "attachment", "foo.html"),
            ('inline; filename="fuzzle.fuzzle"', "inline", "fuzzle.fuzzle"),
            ("ATTACHMENT", "attachment", ""),
            ("foo; filename=x.txt", "attachment", "x.txt"),
            ("filename=foo.html", "inline", "foo.html"),
            ("", "inline", ""),
            ("attachment; filename*=UTF-8''%e2%82%ac%20rates", "attachment", "€ rates"),
            ("attachment; filename=\"a.txt\"; filename*=UTF-8''b.txt", "attachment", "b.txt"),
            ("attachment; filename*=bogus''x.txt; filename=y.txt", "attachment", "y.txt"),
            ("attachment; name=legacy.doc", "attachment", ""),
            ('attachment; filename="a\\"b.txt"', "attachment", 'a"b.txt'),
        ],
    )
    def test_type_and_filename(self, value: str, kind: str, filename: str) -> None:
        """The type is inline/attachment (unknown -> attachment), filename* wins, name
        is not a file name."""
        parsed = parse_content_disposition(value)
        assert (parsed.type, parsed.filename) == (kind, filename)

    def test_encoded_words_are_decoded(self) -> None:
        """RFC 2047 encoded words in filename are decoded."""
        assert parse_content_disposition("attachment; filename==?UTF-8?B?w6k=?=").filename == "é"


class TestContentType:
    def test_mime_type_lowercased_with_charset(self) -> None:
        """The MIME type is lowercased; the charset parameter is read."""
        parsed = parse_content_type('Application/X-MS-Application; charset="UTF-8"')
        assert (parsed.mime, parsed.charset) == ("application/x-ms-application", "utf-8")

    @pytest.mark.parametrize("value", ["", "text", "*/*", None])
    def test_missing_types_are_empty(self, value: str | None) -> None:
        """No value, no slash, or the meaningless */* give no MIME type (Chromium)."""
        assert parse_content_type(value).mime == ""


class TestInvokeApp:
    @pytest.mark.parametrize(
        ("value", "requested", "read_only"),
        [
            ("1", True, False),
            ("1; RequireReadOnly", True, True),
            (" 1 ;requirereadonly ", True, True),
            ("1; Other", True, False),
            ("0", False, False),
            ("", False, False),
            (None, False, False),
            ("yes", False, False),
        ],
    )
    def test_grammar(self, value: str | None, requested: bool, read_only: bool) -> None:
        """'1' asks for DirectInvoke; RequireReadOnly (any case) asks for read-only."""
        parsed = parse_invoke_app(value)
        assert (parsed.requested, parsed.require_read_only) == (requested, read_only)


def test_download_options_noopen() -> None:
    """X-Download-Options: noopen in any case."""
    assert parse_download_options("NoOpen") and not parse_download_options("nosniff")


def test_headers_are_case_insensitive_and_ordered() -> None:
    """Header names compare case-insensitively; repeated headers keep their order."""
    headers = Headers([("Content-Type", "a/b"), ("X-Test", "1"), ("x-test", "2")])
    assert headers.get("content-type") == "a/b" and headers.get_all("X-TEST") == ["1", "2"]
