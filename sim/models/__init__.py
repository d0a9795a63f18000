"""The behaviour models: browsers, dialogs, handler applications and ClickOnce.

- :mod:`sim.models.browsers`: each browser's decision from headers, registry and settings;
- :mod:`sim.models.dialogs`: every dialog's title, text, buttons and source;
- :mod:`sim.models.handlers`: what a started process does (rundll32, document handlers);
- :mod:`sim.models.clickonce`: all of ClickOnce, manifests to dfshim's activation.

Models read the world (:mod:`sim.world`, :mod:`sim.registry`, :mod:`sim.shell`) and plain
values; they never import the scenario language or the app services.
"""
