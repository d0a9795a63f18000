"""Hypothesis strategies for invokesim: registries, .reg text, headers, URLs, browsers,
machines and whole scenarios, for property tests of your own (docs/testing.md).

Install with the extra: ``pip install 'invokesim[hypothesis]'``.

Rules (Hypothesis's API style, https://hypothesis.readthedocs.io/en/latest/ and
``guides/api-style.rst``; the project's design notes):
1. Every strategy draws **valid** input by default: a scenario that loads, a
   browser version inside :data:`sim.models.browsers.catalog.BROWSERS`, flags and
   policies that are modelled (:data:`sim.models.browsers.edge_features.MODELLED_FLAGS`,
   :data:`~sim.models.browsers.edge_features.MODELLED_POLICIES`), a browser on an OS it
   runs on, dialog answers that name a modelled dialog and one of its buttons.
   Malformed values are opt-in (``malformed=True`` on the header strategies).
2. Strategies are built from ``sampled_from``, ``builds`` and small ``composite``
   draws so failing examples shrink to short, readable ones.
3. Arguments are checked: an unknown browser or OS name raises
   ``hypothesis.errors.InvalidArgument`` rather than drawing nothing.
4. :class:`sim.Scenario`, :class:`sim.scenario.ScenarioFile`,
   :class:`sim.registry.Registry` and :class:`~sim.registry.values.RegValue` are
   registered with ``st.register_type_strategy`` through Hypothesis's
   ``hypothesis`` entry point (``pyproject.toml``; "Registering strategies via
   setuptools entry points",
   https://hypothesis.readthedocs.io/en/latest/strategies.html#registering-strategies-via-setuptools-entry-points),
   so ``st.from_type(sim.Scenario)`` works without importing this module first.
   The hook imports only the registered types; the strategies themselves are
   built on first use (``st.deferred``). Importing this module registers them too.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a venv without hypothesis
    raise ImportError(
        "sim.strategies needs hypothesis: pip install 'invokesim[hypothesis]'"
    ) from exc


from sim.strategies.registry import (
    handler_registrations,
    reg_key_names,
    reg_key_paths,
    reg_texts,
    reg_value_names,
    reg_values,
    registries,
)
from sim.strategies.scenarios import (
    BROWSER_NAMES,
    browsers,
    edge_policies,
    machines,
    scenario_files,
    scenario_texts,
    scenarios,
)
from sim.strategies.types import register_types
from sim.strategies.web import (
    content_dispositions,
    content_types,
    download_options,
    file_names,
    header_text,
    hosts,
    invoke_app_values,
    response_headers,
    urls,
)

__all__ = [
    "BROWSER_NAMES",
    "browsers",
    "content_dispositions",
    "content_types",
    "download_options",
    "edge_policies",
    "file_names",
    "handler_registrations",
    "header_text",
    "hosts",
    "invoke_app_values",
    "machines",
    "reg_key_names",
    "reg_key_paths",
    "reg_texts",
    "reg_value_names",
    "reg_values",
    "registries",
    "response_headers",
    "scenario_files",
    "scenario_texts",
    "scenarios",
    "urls",
]

register_types()  # Rule 4 (also done by the entry point)
