"""Header parsers are total: any text parses, nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sim.headers import (
    parse_content_disposition,
    parse_content_type,
    parse_download_options,
    parse_invoke_app,
)

pytestmark = pytest.mark.property

header_text = st.text(
    st.one_of(st.sampled_from(list(";=\"'\\%?* \t,*")), st.characters()), max_size=40
)


@given(header_text)
def test_parsers_never_raise(value: str) -> None:
    """Every parser answers every string; dispositions are inline or attachment."""
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
