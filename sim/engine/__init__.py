"""The scenario engine: one composition point from a scenario to its trace.

- :mod:`sim.engine.simulate`: :func:`simulate` wires the machine, the web, the browser
  model, ShellExecute and the handler model, and checks ``[expect]``;
- :mod:`sim.engine.trace`: the :class:`~sim.engine.trace.Trace` it returns and its JSON;
- :mod:`sim.engine.matrix`: the same click replayed across browsers, policy and flag sets.
"""

from sim.engine.simulate import ENGINE_RULES, RULES, build_machine, simulate

__all__ = ["ENGINE_RULES", "RULES", "build_machine", "simulate"]
