"""The simulated Windows world: machines, the virtual disk, security zones, the virtual web.

- :mod:`sim.world.machine`: a machine (OS, registry, disk) and the OS names;
- :mod:`sim.world.presets`: the built-in machine presets and the machine factories;
- :mod:`sim.world.disk`: the virtual Windows disk, known folders, Mark-of-the-Web;
- :mod:`sim.world.zones`: URL -> security zone;
- :mod:`sim.world.web`: the virtual web (resources, redirects, requirements, bytes moved);
- :mod:`sim.world.headers`: the HTTP response headers browsers read.

This layer imports :mod:`sim.registry`, :mod:`sim.shell`'s leaf modules and :mod:`sim.core`;
never the browser models, the scenario language or the app services.
"""
