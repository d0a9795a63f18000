"""sim.strategies reaches every route and outcome, registers its types through the entry
point, and its documented examples pass Hypothesis's health checks with the default profile."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from collections import Counter
from importlib.metadata import entry_points
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

from sim.engine import simulate
from sim.render.pipeline import OUTCOMES, ROUTES
from sim.scenario import Scenario
from sim.strategies import scenarios

DOCS = Path(__file__).resolve().parents[2] / "docs" / "testing.md"
SEEN_ROUTES: Counter[str] = Counter()
SEEN_OUTCOMES: Counter[str] = Counter()


@settings(max_examples=600, derandomize=True, database=None, deadline=None,
          phases=[Phase.generate], suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def _draw(scenario: Scenario) -> None:
    trace = simulate(scenario)
    SEEN_ROUTES[trace.route] += 1
    SEEN_OUTCOMES[trace.outcome] += 1


def test_scenarios_reach_every_route_and_outcome() -> None:
    """In 600 draws each route and each outcome of the scenario format appears at least twice."""
    _draw()
    assert {r: SEEN_ROUTES[r] for r in ROUTES if SEEN_ROUTES[r] < 2} == {}
    assert {o: SEEN_OUTCOMES[o] for o in OUTCOMES if SEEN_OUTCOMES[o] < 2} == {}


def test_types_are_registered_through_the_hypothesis_entry_point(tmp_path: Path) -> None:
    """A fresh interpreter finds st.from_type(sim.Scenario) without importing sim.strategies."""
    assert [e.value for e in entry_points(group="hypothesis") if e.name == "invokesim"] == [
        "sim.strategies.types:register_types"]
    code = textwrap.dedent("""
        import sys
        from hypothesis import given, settings, strategies as st
        import sim
        @settings(max_examples=5, database=None)
        @given(st.from_type(sim.Scenario))
        def check(scenario):
            assert sim.simulate(scenario).outcome
        check()
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


def test_documented_examples_pass_health_checks_with_the_default_profile(tmp_path: Path) -> None:
    """Every @given example of docs/testing.md runs under Hypothesis's default profile, in
    a fresh folder (no example database), without a health-check failure. (The default
    profile with its 200 ms deadline off: the deadline is not a health check, and this
    2-core machine is shared, so a 7 ms example can take 250 ms.)"""
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    examples = [b for b in blocks if "@given" in b]
    assert len(examples) >= 5
    script = ["from hypothesis import settings",
              "settings.register_profile('docs', settings.get_profile('default'), deadline=None)",
              "settings.load_profile('docs')", "names = []"]
    for index, block in enumerate(examples):
        script.append(f"exec(compile({block!r}, 'docs-example-{index}', 'exec'), "
                      f"ns := {{'__name__': 'docs_{index}'}})")
        script.append("names += [(n, f) for n, f in ns.items() if n.startswith('test_')]")
    script += ["for name, test in names:", "    test()", "    print('passed', name)"]
    done = subprocess.run([sys.executable, "-c", "\n".join(script)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600, check=False,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                               "HYPOTHESIS_STORAGE_DIRECTORY": str(tmp_path / "hyp")})
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.count("passed") >= 5
