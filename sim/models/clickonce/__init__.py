"""ClickOnce: manifests read safely, digests and signatures checked, applications published.

- :mod:`sim.models.clickonce.xml_safe`: XML without DTDs or entities, with a size cap;
- :mod:`sim.models.clickonce.manifest`: deployment and application manifests and dfshim's
  semantic checks;
- :mod:`sim.models.clickonce.digest`: file digests and the signature model;
- :mod:`sim.models.clickonce.publish`: a publish with real digests, as Visual Studio lays it out.
- :mod:`sim.models.clickonce.dfshim`: dfshim's activation (provider, zones, hashes, trust,
  install, update), with :mod:`~sim.models.clickonce.trust` (Trusted Publishers, then the
  zone's TrustManager prompting level), :mod:`~sim.models.clickonce.store` (the Apps\\2.0
  store and shortcuts) and :mod:`~sim.models.clickonce.log` (the ClickOnce log).
"""
