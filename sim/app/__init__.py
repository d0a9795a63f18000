"""The app services around the engine: the CLI, output files, parallel runs, the browser
matrix, the live probe, the docs generator and the pytest plugin.

The only layer that prints, reads the host (CPU count, files written) or opens the network
(:mod:`sim.app.probe`); it may import every other layer.
"""
