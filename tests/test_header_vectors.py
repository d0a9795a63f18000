"""Data vectors: header values with what Chromium makes of them (tests/data/headers/*.toml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli

from sim.world.headers import parse_content_disposition, parse_content_type

DATA = Path(__file__).parent / "data" / "headers"


def _cases(name: str) -> list[Any]:
    cases = tomli.loads((DATA / name).read_text(encoding="utf-8"))["case"]
    return [pytest.param(c, id=c["name"]) for c in cases]


def header_text(case: dict[str, Any]) -> str:
    """The header as invokesim receives it: bytes as UTF-8 when they are, else Latin-1."""
    if "header_bytes" not in case:
        return str(case["header"])
    raw = bytes.fromhex(case["header_bytes"])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@pytest.mark.parametrize("case", _cases("content_disposition.toml"))
def test_content_disposition(case: dict[str, Any]) -> None:
    """The disposition type and file name are Chromium's."""
    parsed = parse_content_disposition(header_text(case))
    assert (parsed.type, parsed.filename) == (case["type"], case["filename"])


@pytest.mark.parametrize("case", _cases("content_type.toml"))
def test_content_type(case: dict[str, Any]) -> None:
    """The MIME type and charset are Chromium's."""
    parsed = parse_content_type(case["header"])
    assert (parsed.mime, parsed.charset) == (case["mime"], case["charset"])
