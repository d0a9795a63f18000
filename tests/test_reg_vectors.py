"""Data vectors: .reg texts with the registry state regedit leaves (tests/data/reg/*.toml).

Each case is imported into an empty registry; the keys it lists must hold exactly
the values given, the absent keys and values must not exist, and strict mode must
accept or refuse the text as the case says. The format is in tests/data/reg/README.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli

from sim.errors import RegImportError
from sim.registry import Registry, RegType
from sim.registry.values import encode_multi_sz, encode_sz

DATA = Path(__file__).parent / "data" / "reg"


def _cases() -> list[Any]:
    params = []
    for path in sorted(DATA.glob("*.toml")):
        for case in tomli.loads(path.read_text(encoding="utf-8"))["case"]:
            params.append(pytest.param(case, id=f"{path.stem}:{case['name']}"))
    return params


def expected_value(spec: dict[str, Any]) -> tuple[int, bytes]:
    """Turn a vector's value form into (type, raw bytes)."""
    if "sz" in spec:
        return RegType.REG_SZ, encode_sz(spec["sz"])
    if "expand_sz" in spec:
        return RegType.REG_EXPAND_SZ, encode_sz(spec["expand_sz"])
    if "multi_sz" in spec:
        return RegType.REG_MULTI_SZ, encode_multi_sz(spec["multi_sz"])
    if "dword" in spec:
        return RegType.REG_DWORD, int(spec["dword"]).to_bytes(4, "little")
    if "qword" in spec:
        return RegType.REG_QWORD, int(spec["qword"]).to_bytes(8, "little")
    hex_text = spec["hex"].replace(",", "").replace(" ", "")
    return int(spec["type"]), bytes.fromhex(hex_text)


def _split_value_path(path: str) -> tuple[str, str]:
    """Split 'KEY\\\\NAME' (two backslashes between key and value name; '@' = default)."""
    key, _sep, name = path.partition("\\\\")
    return key, "" if name == "@" else name


@pytest.mark.parametrize("case", _cases())
def test_vector(case: dict[str, Any]) -> None:
    """The registry after importing the case's text is the state the case records."""
    text = case["text"]
    reg = Registry()
    if case.get("header_refused"):
        with pytest.raises(RegImportError):
            reg.import_reg(text)
        return
    report = reg.import_reg(text)
    for key, values in case.get("keys", {}).items():
        assert reg.has_key(key), f"key {key} missing"
        got = {v.name.upper(): (v.type, v.raw) for v in reg.values(key)}
        want = {("" if n == "@" else n).upper(): expected_value(s) for n, s in values.items()}
        assert got == want, f"values of {key}"
    absent = case.get("absent", {})
    for key in absent.get("keys", []):
        assert not reg.has_key(key), f"key {key} should not exist"
    for path in absent.get("values", []):
        key, name = _split_value_path(path)
        assert not reg.has_key(key) or reg.get_value(key, name) is None, f"{path} should not exist"
    if "skipped_lines" in case:
        skipped = sorted({w.line for w in report.warnings if w.skipped})
        assert skipped == sorted(case["skipped_lines"])
    strict_ok = case.get("strict", "ok") == "ok"
    if strict_ok:
        Registry().import_reg(text, strict=True)
    else:
        with pytest.raises(RegImportError):
            Registry().import_reg(text, strict=True)
