"""A scenario's machine: shared ``.reg`` imports done once, shorthands written to the registry.

Rules (:data:`MACHINE_RULES`):

1. The machine is the OS preset with the profiles, then ``[machine] reg``, then each
   ``reg_files`` entry in order, imported strictly, then ``files``.
2. Imports are shared: scenarios simulated in one process that start from the same
   preset and profiles and import the same ``.reg`` texts reuse one imported
   registry, forked copy-on-write (:meth:`sim.registry.Registry.fork`), so a
   machine export that a hundred scenarios name is imported once. The loader hands
   back the same text for an unchanged file (:func:`sim.loader.read_reg_file`), so
   the lookup costs no rehash. At most :data:`SHARED_IMPORTS` results are kept.
3. The registry is the one source of truth: the scenario shorthands are written
   into it after the imports, as Windows' own tools write them, each with a step
   naming where: ``[browser] policies`` (as Group Policy's computer configuration
   writes Edge policies, :func:`~sim.models.browsers.edge_policies.write_edge_policies`),
   ``[machine] zones`` (as Internet Options' Sites dialog writes ``ZoneMap``,
   :func:`~sim.world.zonemap.write_zone_shorthand`) and ``[machine]
   trusted_publishers`` (a certificate in the local machine's Trusted Publishers
   store, :func:`~sim.world.certstore.add_trusted_publisher`).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Final

from sim.core.rules import Rule, Step, rule_table
from sim.errors import ScenarioError, ScenarioProblem
from sim.models.browsers.edge_policies import write_edge_policies
from sim.registry import Registry
from sim.scenario import Scenario
from sim.world.certstore import add_certificate, add_trusted_publisher
from sim.world.disk import DiskError
from sim.world.machine import Machine
from sim.world.presets import machine_for_os
from sim.world.x509 import CertificateError
from sim.world.zonemap import write_zone_shorthand
from sim.world.zones import Zone

__all__ = ["MACHINE_RULES", "SHARED_IMPORTS", "build_machine", "build_machine_steps",
           "clear_shared_imports"]

SHARED_IMPORTS: Final = 8

MACHINE_RULES: Final = rule_table(
    [
        Rule(id="engine.shorthand", source=(
            'invokesim-scenarios: section "The registry is the one source of truth"'),
             summary="a scenario shorthand written into the registry as Windows' tools write it"),
    ]
)

_Key = tuple[str, tuple[str, ...], tuple[str, ...]]
_SHARED: OrderedDict[_Key, Registry] = OrderedDict()


def clear_shared_imports() -> None:
    """Forget the shared imports (Rule 2); the next scenarios import again."""
    _SHARED.clear()


def _imported(scenario: Scenario, machine: Machine) -> Registry:
    """Rules 1-2: the preset's registry with the scenario's .reg texts imported (shared)."""
    spec = scenario.file.machine
    assert machine.registry is not None
    sources = [("machine.reg", spec.reg)] if spec.reg.strip() else []
    sources += [(f"machine.reg_files[{i}] ({name})", text)
                for i, (name, text) in enumerate(scenario.reg_texts)]
    if not sources:
        return machine.registry
    key: _Key = (spec.os, tuple(spec.profiles), tuple(text for _, text in sources))
    shared = _SHARED.get(key)
    if shared is None:
        shared = machine.registry
        for where, text in sources:
            try:
                shared.import_reg(text, strict=True, source=where)
            except Exception as exc:  # RegImportError, RegistryError: invalid input
                raise ScenarioError(scenario.source, (ScenarioProblem(
                    line=None, key=where, message=f"expected .reg text regedit imports, found: "
                    f"{exc}"),)) from exc
        _SHARED[key] = shared
        if len(_SHARED) > SHARED_IMPORTS:
            _SHARED.popitem(last=False)
    else:
        _SHARED.move_to_end(key)
    return shared.fork()


def known_publisher_certificate(subject: str) -> bytes | None:
    """The real certificate of the project's test publisher ``subject`` names (its CN or its
    whole subject, case ignored), so that the apps it signed match the store by thumbprint
    as on Windows; None for any other name (the store then gets a certificate made for it)."""
    wanted = "".join(subject.split()).lower()
    # Deferred for start-up time: the test publishers load cryptography.
    from cryptography.hazmat.primitives.serialization import Encoding  # noqa: PLC0415

    from sim.models.clickonce.publishers import CONTOSO, DEVBOX, signer_for  # noqa: PLC0415

    for name in (CONTOSO, DEVBOX):
        signer = signer_for(name)
        if wanted in ("".join(name.split()).lower(), "".join(signer.subject.split()).lower()):
            return signer.chain[0].public_bytes(Encoding.DER)
    return None


def _shorthands(scenario: Scenario, registry: Registry) -> list[Step]:
    """Rule 3."""
    spec = scenario.file
    steps: list[Step] = []
    if spec.browser.policies:
        for where in write_edge_policies(registry, dict(spec.browser.policies)):
            steps.append(Step("engine.shorthand", f"[browser] policies wrote {where}"))
    if spec.machine.zones:
        zones = {host: int(Zone[label.upper()]) for host, label in spec.machine.zones.items()}
        for where in write_zone_shorthand(registry, zones):
            steps.append(Step("engine.shorthand", f"[machine] zones wrote {where}"))
    for index, subject in enumerate(spec.machine.trusted_publishers):
        try:
            der = known_publisher_certificate(subject)
            thumb = (add_certificate(registry, der) if der is not None
                     else add_trusted_publisher(registry, subject))
        except CertificateError as exc:
            raise ScenarioError(scenario.source, (ScenarioProblem(
                line=None, key=f"machine.trusted_publishers[{index}]", message=str(exc)),)) \
                from exc
        steps.append(Step("engine.shorthand", f"[machine] trusted_publishers wrote a "
                          f"certificate for {subject} ({thumb}) to the Trusted Publishers store"))
    return steps


def build_machine_steps(scenario: Scenario) -> tuple[Machine, list[Step]]:
    """Rules 1-3: the scenario's machine and the steps its shorthands took."""
    spec = scenario.file.machine
    machine = machine_for_os(spec.os, spec.profiles, managed=spec.managed)
    if machine.registry is None or machine.disk is None:
        return machine, []
    machine.registry = _imported(scenario, machine)
    steps = _shorthands(scenario, machine.registry)
    for path, text in spec.files.items():
        try:
            machine.disk.write(path, text.encode("utf-8"))
        except DiskError as exc:
            raise ScenarioError(scenario.source, (ScenarioProblem(
                line=None, key=f'machine.files."{path}"', message=str(exc)),)) from exc
    return machine, steps


def build_machine(scenario: Scenario) -> Machine:
    """Rules 1-3: the scenario's machine; a .reg problem is a ScenarioError at its key."""
    return build_machine_steps(scenario)[0]
