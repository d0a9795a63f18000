"""Header parsers are total: any text parses, nothing raises (sim.world.headers Rule 1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.strategies import (
    content_dispositions,
    content_types,
    download_options,
    header_text,
    invoke_app_values,
)
from sim.world.headers import (
    parse_content_disposition,
    parse_content_type,
    parse_download_options,
    parse_invoke_app,
)

pytestmark = pytest.mark.property

any_header_value = st.one_of(
    header_text(), content_types(malformed=True), content_dispositions(malformed=True),
    invoke_app_values(malformed=True), download_options(malformed=True),
)


@given(any_header_value)
def test_header_parsers_never_raise_on_any_value(value: str) -> None:
    """Every parser answers every string, malformed ones included; dispositions are inline
    or attachment."""
    assert parse_content_disposition(value).type in ("inline", "attachment")
    parse_content_type(value)
    parse_invoke_app(value)
    parse_download_options(value)


@given(st.sampled_from(["attachment", "inline", "Attachment"]), st.text(max_size=20))
def test_a_quoted_filename_round_trips(kind: str, name: str) -> None:
    """A filename sent as an escaped quoted string comes back unchanged (one without
    whitespace, which becomes spaces, or % and =?, which are decoded)."""
    if "%" in name or "=?" in name or any(c in name for c in " \t\n\r"):
        return
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    parsed = parse_content_disposition(f'{kind}; filename="{quoted}"')
    assert parsed.filename == name and parsed.type == kind.lower()


@given(content_dispositions())
def test_a_valid_disposition_keeps_its_type(value: str) -> None:
    """A well-formed value is the disposition type it starts with (RFC 6266 section 4.2)."""
    assert parse_content_disposition(value).type == value.split(";", 1)[0].strip().lower()


@given(invoke_app_values())
def test_invoke_app_asks_for_directinvoke_only_with_1(value: str) -> None:
    """X-MS-InvokeApp requests DirectInvoke exactly when its first item is 1 (Rule 3)."""
    assert parse_invoke_app(value).requested == (value.split(";", 1)[0].strip() == "1")
