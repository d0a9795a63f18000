"""The layers of ``sim/`` (docs/architecture.md): no import cycle, no import upwards."""

from __future__ import annotations

import ast
import importlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim._moved import MOVED

SIM = Path(__file__).resolve().parent.parent / "sim"

# Bottom to top: a module may import its own layer and the layers before it, never after.
LAYERS = (
    ("errors",),
    ("core",),
    ("registry",),
    ("loader",),
    ("world",),
    ("shell",),
    ("models.dialogs",),
    ("models.record",),
    ("models.context",),
    ("models.clickonce",),
    ("models.handlers", "models.browsers"),
    ("scenario",),
    ("engine",),
    ("render",),
    ("probe", "strategies", "testing"),
    ("app",),
    ("", "_moved", "__main__"),
)
_RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SIM.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")[1:]
    if parts[:1] == ["models"] and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0] if parts else ""


def _imports(path: Path) -> Iterator[str]:
    """Every ``sim`` module a file imports at run time (function level too, not TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(node) for node in ast.walk(tree) if isinstance(node, ast.If)
               and "TYPE_CHECKING" in ast.unparse(node.test) for node in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "sim":
                yield from (f"sim.{alias.name}" for alias in node.names)
            elif node.module.startswith("sim."):
                yield node.module
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("sim."))


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SIM.rglob("*.py")}
    return {name: {t for t in _imports(path) if t in modules} - {name}
            for name, path in modules.items()}


def test_no_module_imports_a_layer_above_its_own() -> None:
    """Every import in sim/ goes to the module's own layer or one below it."""
    upward = [f"{src} -> {dst}" for src, targets in _graph().items() for dst in targets
              if _RANK[_layer(dst)] > _RANK[_layer(src)]]
    assert upward == []


def test_no_import_cycle() -> None:
    """No sim module reaches itself through the imports it makes at run time."""
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join([*path[path.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


@pytest.mark.parametrize("old", sorted(MOVED))
def test_a_moved_module_imports_under_its_old_name_as_the_same_module(old: str) -> None:
    """``import sim.<old>`` gives the very module of its new home, with a DeprecationWarning."""
    sys.modules.pop(old, None)  # an earlier test may have imported it
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
    assert module is importlib.import_module(MOVED[old])
    assert [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)] == [
        f"{old} moved to {MOVED[old]}; import it from there"]
