"""The key locator finds every key tomli parses, on the line that writes it."""

from __future__ import annotations

import json

import pytest
import tomli
from hypothesis import given
from hypothesis import strategies as st

from sim.scenario.toml_lines import KeyPath, key_lines

pytestmark = pytest.mark.property

_keys = st.one_of(
    st.text(st.sampled_from(list("abz09_-")), min_size=1, max_size=5),
    st.text(st.sampled_from(list("a .#=[]{}\"'é")), min_size=0, max_size=5),
)
_scalars = st.one_of(
    st.integers(-5, 5),
    st.booleans(),
    st.text(st.sampled_from(list("a\n\"'#[]={},\\ ")), max_size=8),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_keys, inner, min_size=1, max_size=3)
    ),
    max_leaves=8,
)
_documents = st.dictionaries(
    _keys,
    st.one_of(_values, st.dictionaries(_keys, _values, min_size=1, max_size=3)),
    max_size=4,
)


def _key(key: str) -> str:
    if key and all(c in "abz09_-" for c in key):
        return key
    return json.dumps(key, ensure_ascii=False)


def _scalar(value: object, multiline: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, str)
    if multiline and "'''" not in value and "\r" not in value and not value.endswith("'"):
        return "'''" + value + "'''"
    return json.dumps(value, ensure_ascii=False)


def _inline(value: object, layout: st.DataObject) -> str:
    if isinstance(value, dict):
        body = ", ".join(f"{_key(k)} = {_inline(v, layout)}" for k, v in value.items())
        return "{ " + body + " }" if body else "{}"
    if isinstance(value, list):
        spread = layout.draw(st.booleans())
        sep = ",\n  # note\n  " if spread else ", "
        return "[" + sep.join(_inline(v, layout) for v in value) + "]"
    return _scalar(value, layout.draw(st.booleans()))


@given(_documents, st.data())
def test_every_key_is_located_on_its_own_line(
    document: dict[str, object], layout: st.DataObject
) -> None:
    """Every key path tomli returns is located, on a line that names the key."""
    out: list[str] = []
    for key, value in document.items():
        if not isinstance(value, dict):
            out.append(f"{_key(key)} = {_inline(value, layout)}")
    for key, value in document.items():
        if isinstance(value, dict):
            out.append(f"[{_key(key)}]")
            out.extend(f"{_key(k)} = {_inline(v, layout)}" for k, v in value.items())
    text = "\n".join(out) + "\n"
    parsed = tomli.loads(text)
    lines = key_lines(text)
    source = text.split("\n")

    def walk(node: object, path: KeyPath) -> None:
        if path:
            assert path in lines, (path, text)
            last = path[-1]
            if isinstance(last, str):
                assert _key(last) in source[lines[path] - 1], (path, text)
        if isinstance(node, dict):
            for k, child in node.items():
                walk(child, (*path, k))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                walk(child, (*path, index))

    walk(parsed, ())
