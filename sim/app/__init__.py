"""The app services around the engine: the CLI, output files, parallel runs, the docs
generator and the pytest plugin (the live probe is :mod:`sim.probe`, beside this layer).

The only layer that prints, reads the host (CPU count, files written) or opens the network
(:mod:`sim.probe`); it may import every other layer.
"""
