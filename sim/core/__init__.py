"""The core values every layer shares: rules and steps, the trace, routes and outcomes, sources.

Nothing here imports another ``sim`` package except :mod:`sim.errors`; every other layer may
import this one.
"""
