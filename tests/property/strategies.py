"""Hypothesis strategies for registry names, values and whole registries."""

from __future__ import annotations

from hypothesis import strategies as st

from sim.registry import RegType
from sim.registry.values import RegValue, encode_multi_sz, encode_sz

# Key names: no backslash, not empty, mixed case and some non-ASCII letters.
_NAME_CHARS = st.sampled_from(list("abcXYZ019 ._-{}éÉßıİ\u00e0\u00c0"))
key_names = st.text(_NAME_CHARS, min_size=1, max_size=8)
value_names = st.text(st.sampled_from(list("abAB \\\"=;[]@é")), max_size=6)

# String data that a .reg file can carry in any form: no NUL inside.
_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)


@st.composite
def reg_values(draw: st.DrawFn, name: str | None = None) -> RegValue:
    """Any value the .reg format can carry exactly (string types NUL-terminated)."""
    if name is None:
        name = draw(value_names)
    kind = draw(st.sampled_from(["sz", "expand", "multi", "dword", "qword", "binary", "other"]))
    if kind == "sz":
        return RegValue(name, RegType.REG_SZ, encode_sz(draw(_text)))
    if kind == "expand":
        return RegValue(name, RegType.REG_EXPAND_SZ, encode_sz(draw(_text)))
    if kind == "multi":
        items = draw(st.lists(_text.filter(bool), max_size=3))
        return RegValue(name, RegType.REG_MULTI_SZ, encode_multi_sz(items))
    if kind == "dword":
        return RegValue(name, RegType.REG_DWORD, draw(st.binary(min_size=4, max_size=4)))
    if kind == "qword":
        return RegValue(name, RegType.REG_QWORD, draw(st.binary(min_size=8, max_size=8)))
    if kind == "binary":
        return RegValue(name, RegType.REG_BINARY, draw(st.binary(max_size=90)))
    other = draw(st.sampled_from([0, 4, 5, 6, 8, 9, 10, 0x20, 0xFFFFFFFF]))
    return RegValue(name, other, draw(st.binary(max_size=12)))


roots = st.sampled_from(
    [
        r"HKEY_LOCAL_MACHINE\SOFTWARE",
        r"HKEY_CURRENT_USER\Software",
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Classes",
        r"HKEY_CURRENT_USER\Software\Classes",
    ]
)
key_paths = st.builds(
    lambda root, parts: "\\".join([root, *parts]),
    roots,
    st.lists(key_names, min_size=1, max_size=3),
)
