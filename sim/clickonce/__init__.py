"""ClickOnce: manifests read safely, digests and signatures checked, applications published.

- :mod:`sim.clickonce.xml_safe`: XML without DTDs or entities, with a size cap;
- :mod:`sim.clickonce.manifest`: deployment and application manifests and dfshim's
  semantic checks;
- :mod:`sim.clickonce.digest`: file digests and the signature model;
- :mod:`sim.clickonce.publish`: a publish with real digests, as Visual Studio lays it out.
The runtime that uses them is :mod:`sim.handlers.dfshim`.
"""
