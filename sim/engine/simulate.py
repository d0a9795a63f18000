"""Simulate a scenario: build the machine and the web, let the browser decide, carry it out.

Rules (:data:`ENGINE_RULES`):
1. The machine is the OS preset with the profiles, then ``reg`` and ``reg_files``
   imported strictly, then ``files``; the web is the ``[[web]]`` entries.
2. An installed extension may take the click first; otherwise the browser fetches
   the clicked URL with its cookies and credentials. An HTTP error status is shown
   as the browser's error page; a refused request fails.
3. The browser's plan is carried out: a download is written to the Downloads folder
   (a free ``name (n).ext``) with its Mark-of-the-Web, then opened by path when the
   user opens it; DirectInvoke, a MIME handler and an extension hand the URL to
   ShellExecute with the type's class. A browser that hands the URL over reads only
   the headers; the body bytes it reads are counted only for a render or a download.
4. The started process runs its model (:mod:`sim.models.handlers`): dfshim activates
   ClickOnce, a document handler fetches or opens the document, each with its own
   client (no browser cookies); its outcome, error and log end the trace. A program
   with no model counts as ``launched``; a ShellExecute error is ``failed`` with
   Windows' message.
5. ``[expect]`` is compared key by key; each difference is a mismatch in words.
6. The trace carries the bytes each client received (``browser``, ``shell``,
   ``dfshim``, a handler's name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Final

from sim.core.outcomes import Outcome, Route
from sim.core.rules import Rule, Step, rule_table
from sim.engine.machine_build import MACHINE_RULES, build_machine, build_machine_steps
from sim.engine.trace import Event, ExpectResult, Trace
from sim.errors import ScenarioError, ScenarioProblem
from sim.models.browsers.catalog import BROWSERS
from sim.models.browsers.chromium import CHROMIUM_RULES, intercept_extension
from sim.models.browsers.common import (
    COMMON_RULES,
    BrowserSettings,
    Plan,
    PolicyValue,
    Response,
    Session,
    read_response,
)
from sim.models.browsers.download import DOWNLOAD_RULES
from sim.models.browsers.download_name import DOWNLOAD_NAME_RULES
from sim.models.browsers.edge_features import EDGE_FEATURE_RULES
from sim.models.browsers.edge_policies import EDGE_POLICY_RULES, read_edge_policies
from sim.models.browsers.firefox import FIREFOX_RULES
from sim.models.browsers.names_chromium import CHROMIUM_NAME_RULES
from sim.models.browsers.protocol import PROTOCOL_RULES, app_protocol, is_web_url
from sim.models.browsers.trident import TRIDENT_RULES
from sim.models.handlers import (
    BUILTIN_DOCUMENT_HANDLERS,
    HANDLER_RULES,
    HandlerContext,
    HandlerSpec,
    run_handler,
)
from sim.models.handlers.document import OFFICE_CLIENT
from sim.scenario import Scenario
from sim.scenario.schema import Browser as BrowserSpec
from sim.shell.assoc import ASSOC_RULES
from sim.shell.execute import EXECUTE_RULES, Launch, ShellResult, shell_execute
from sim.shell.urlcap import URL_RULES
from sim.world.certstore import CERTSTORE_RULES
from sim.world.disk import DiskError
from sim.world.machine import Machine
from sim.world.web import (
    BROWSER,
    SHELL,
    Client,
    FetchResult,
    Requirements,
    Resource,
    Web,
    normalize_url,
)
from sim.world.web_folder import folder_resources
from sim.world.zones import ZONE_RULES, ZoneMap, mark_of_the_web, zone_for_url

__all__ = ["ENGINE_RULES", "RULES", "build_machine", "simulate"]

ENGINE_RULES: Final = rule_table(
    [
        Rule(id="engine.no_click", source=(
            'invokesim-scenarios: section "[click]": a scenario without a click shows what the '
            "machine holds"),
             summary="a scenario without [click]: nothing happens"),
        Rule(id="engine.http_error", source='invokesim-scenarios: section "[[web]]", key status',
             summary="an HTTP error status shows the browser's error page"),
        Rule(id="engine.fetch_failed", source=(
            'invokesim-scenarios: section "[[web]]", key requires'),
             summary="the server refused the browser's request"),
        Rule(id="engine.saved", source=(
            'ms-fscc-zone-identifier: "Windows Internet Explorer uses the stream name '
            'Zone.Identifier for storage of URL security zones"'),
             summary="the download is written to Downloads with its Mark-of-the-Web"),
        Rule(id="engine.open_download", source=(
            "invokesim-scenarios: section \"Dialogs and answers\": \"a download dialog's open "
            'means the user opens the finished download"'),
             summary="the user opens the finished download by path"),
        Rule(id="engine.handler_started", source='invokesim-scenarios: section "Outcomes"',
             summary="a process started; its model (sim.models.handlers) decides the outcome"),
        Rule(id="engine.shell_error", source=(
            'invokesim-scenarios: section "Outcomes"; win32-shellexecute: section "Return value"'),
             summary="ShellExecute failed: the outcome is failed"),
    ]
)

_TABLES: Final = (
    ENGINE_RULES, PROTOCOL_RULES, COMMON_RULES, DOWNLOAD_RULES, CHROMIUM_RULES, TRIDENT_RULES,
    FIREFOX_RULES, EDGE_FEATURE_RULES, ASSOC_RULES, URL_RULES, EXECUTE_RULES, ZONE_RULES,
    HANDLER_RULES, DOWNLOAD_NAME_RULES, CHROMIUM_NAME_RULES, MACHINE_RULES, EDGE_POLICY_RULES,
    CERTSTORE_RULES,
)
RULES: Final[Mapping[str, Rule]] = {
    rule.id: rule for table in _TABLES for rule in table.values()
}


def browser_settings(browser: BrowserSpec, machine: Machine | None = None,
                     steps: list[Step] | None = None) -> BrowserSettings:
    """The browser models' own plain value for ``[browser]``.

    Edge's policies are read from ``machine``'s registry, where ``[browser] policies``
    was written (:mod:`sim.engine.machine_build` Rule 3), with a step for each one
    appended to ``steps``; without a machine they are the scenario's own.
    """
    policies: dict[str, PolicyValue] = dict(browser.policies)
    if machine is not None:
        read = read_edge_policies(machine.registry)
        policies = dict(read.values)
        if steps is not None and browser.name == "edge":
            steps.extend(read.steps)
    return BrowserSettings(name=browser.name, mode=browser.mode, flags=dict(browser.flags),
                           policies=policies, extensions=tuple(browser.extensions),
                           smartscreen=browser.smartscreen)


def _web(scenario: Scenario) -> Web:
    """The scenario's web: its entries, and each ``folder`` entry's files
    (:mod:`sim.world.web_folder`); an entry for a URL replaces a folder's file there."""
    served: dict[str, Resource] = {}
    entries: list[Resource] = []
    for index, entry in enumerate(scenario.file.web):
        requires = Requirements(cookie=entry.requires.cookie, auth=entry.requires.auth,
                                tls=entry.requires.tls)
        if entry.folder is not None:
            for resource in folder_resources(entry.url, scenario.folders.get(index, ()),
                                             status=entry.status,
                                             headers=tuple(entry.headers.items()),
                                             requires=requires):
                served[normalize_url(resource.url)] = resource
            continue
        body = scenario.bodies.get(index, (entry.body or "").encode("utf-8"))
        entries.append(Resource(url=entry.url, status=entry.status,
                                headers=tuple(entry.headers.items()), body=body,
                                requires=requires))
    for resource in entries:
        served.pop(normalize_url(resource.url), None)
    return Web([*served.values(), *entries])


def _documents(scenario: Scenario) -> dict[str, HandlerSpec]:
    """Rule 4: the document handlers by program path (lower case): built in, then declared."""
    specs = dict(BUILTIN_DOCUMENT_HANDLERS)
    for name, declared in scenario.file.handlers.items():
        base = specs.get(name)
        client = base.client if base is not None else OFFICE_CLIENT
        specs[name] = HandlerSpec(
            name=name,
            title=base.title if base is not None else name,
            image=declared.image or (base.image if base is not None else ""),
            url_limit=declared.url_limit if declared.url_limit is not None else (
                base.url_limit if base is not None else None),
            client=Client(name=name,
                          cookies=client.cookies if declared.cookies is None else declared.cookies,
                          auth=client.auth if declared.auth is None else frozenset(declared.auth),
                          tls=declared.tls or client.tls),
            cache=frozenset(normalize_url(url) for url in declared.cache),
            source=base.source if base is not None else 'invokesim-scenarios: section "[handlers]"')
    return {spec.image.lower(): spec for spec in specs.values()}


@dataclass(slots=True)
class _Run:
    """One simulation in progress: the scenario, the browser session, the web."""

    scenario: Scenario
    session: Session
    web: Web

    def finish(self, *, route: Route, outcome: Outcome, error: str | None = None,
               launches: tuple[Launch, ...] = (), log: str | None = None) -> Trace:
        session = self.session
        trace = Trace(scenario=self.scenario.source, title=self.scenario.title, route=route,
                      outcome=outcome, dialogs=tuple(session.dialogs), launches=launches,
                      error=error, events=tuple(_event(s) for s in session.steps),
                      bytes=tuple(self.web.bytes_by_client().items()), log=log,
                      machine=session.machine)
        return replace(trace, expect=check_expect(self.scenario, trace))


def simulate(scenario: Scenario) -> Trace:
    """Run ``scenario`` and return its trace (Rules 1-6). Deterministic."""
    spec = scenario.file
    version = scenario.browser_version
    if version is None:
        raise ScenarioError(scenario.source, (ScenarioProblem(
            line=None, key="browser.version",
            message="expected a scenario from load_scenario, Scenario.from_toml or "
                    "Scenario.with_file (they resolve the version), found one built by hand"),))
    machine, steps = build_machine_steps(scenario)
    settings = browser_settings(spec.browser, machine, steps)
    session = Session(machine=machine, settings=settings, version=version,
                      answers=spec.answers,
                      zones=ZoneMap(machine.registry, machine.managed, notes=steps),
                      download_attribute=spec.click.download_attribute is not False if spec.click
                      else False,
                      download_name=_suggested_name(spec.click.download_attribute)
                      if spec.click else "",
                      steps=steps)
    run = _Run(scenario, session, _web(scenario))
    if spec.click is None:
        session.note("engine.no_click", "no [click]")
        return run.finish(route="none", outcome="nothing")
    if not is_web_url(spec.click.url):
        return _carry_out(run, app_protocol(session, spec.click.url), url=spec.click.url,
                          response=None)
    taken = intercept_extension(session, spec.click.url)
    if taken is not None:
        return _carry_out(run, taken, url=spec.click.url, response=None)
    result = run.web.fetch(spec.click.url, BROWSER, count=False)
    if result.error is not None and result.status < 400:  # no answer, or a redirect loop
        session.note("engine.fetch_failed", result.error or "")
        return run.finish(route="none", outcome="failed", error=result.error)
    if result.status >= 400:
        run.web.record(BROWSER.name, len(result.body))
        session.note("engine.http_error", f"HTTP {result.status}")
        return run.finish(route="render", outcome="rendered",
                          error=result.error or f"HTTP {result.status}")
    response, read_steps = read_response(result, session)
    session.add(*read_steps)
    plan = BROWSERS[spec.browser.name].decide(session, response)
    reads_body = plan.action in ("render", "download") or plan.route == "mime-handler"
    run.web.record(BROWSER.name, len(response.body) if reads_body else 0)
    return _carry_out(run, plan, url=response.url, response=response)


def _suggested_name(attribute: bool | str) -> str:
    """``<a download="NAME">``: the suggested name ("" for a bare ``download`` or none)."""
    return attribute if isinstance(attribute, str) else ""


def _carry_out(run: _Run, plan: Plan, *, url: str, response: Response | None) -> Trace:
    """Rule 3."""
    machine = run.session.machine
    if plan.action == "render":
        return run.finish(route=plan.route, outcome="rendered")
    if plan.action == "stop":
        return run.finish(route=plan.route, outcome=plan.outcome or "nothing", error=plan.error)
    if plan.action == "download":
        assert response is not None
        return _download(run, plan, response)

    if machine.registry is None:  # only Windows browsers plan a ShellExecute
        run.session.note("engine.shell_error", f"no ShellExecute on {machine.os}")
        return run.finish(route=plan.route, outcome="failed",
                          error=f"{machine.os} has no ShellExecute")

    def fetch(target: str) -> FetchResult:
        return run.web.fetch(target, SHELL)

    result = shell_execute(machine, url, plan.verb, cls=plan.cls, fetch=fetch,
                           url_argument=plan.url_argument)
    return _after_shell(run, plan.route, result)


def _download(run: _Run, plan: Plan, response: Response) -> Trace:
    session = run.session
    machine = session.machine
    if machine.disk is None:  # macOS / Linux: the file is saved; nothing Windows opens it
        session.note("engine.saved", f"{response.filename} (not a Windows machine)")
        return run.finish(route=plan.route, outcome="saved")
    folder = machine.disk.folders["Downloads"]
    try:
        name = machine.disk.unique_name(folder, response.filename)
    except DiskError:
        name = "download"
    zone = zone_for_url(response.url, session.zones)
    stored = machine.disk.write(f"{folder}\\{name}", response.body,
                                zone=mark_of_the_web(response.url, zone.zone))
    session.note("engine.saved", f"{stored.path} (ZoneId={int(zone.zone)})")
    if not plan.open_after:
        return run.finish(route=plan.route, outcome=plan.outcome or "saved")
    session.note("engine.open_download", stored.path)
    return _after_shell(run, plan.route, shell_execute(machine, stored.path))


def _after_shell(run: _Run, route: Route, result: ShellResult) -> Trace:
    """Rules 3-4: the started process's model runs; none: launched."""
    session = run.session
    session.add(*result.steps)
    if result.launch is None:
        message = result.error.message if result.error else "ShellExecute failed"
        session.note("engine.shell_error", message)
        return run.finish(route=route, outcome="failed", error=message)
    session.note("engine.handler_started", result.launch.image)
    spec = run.scenario.file
    ctx = HandlerContext(machine=session.machine, web=run.web, record=session,
                         zones=session.zones,
                         installed=spec.machine.clickonce_installed,
                         documents=_documents(run.scenario))
    handled = run_handler(ctx, result.launch)
    if handled is None:
        return run.finish(route=route, outcome="launched", launches=(result.launch,))
    return run.finish(route=route, outcome=handled.outcome, error=handled.error,
                      launches=(result.launch,), log=handled.log)


def _event(step: Step) -> Event:
    rule = RULES.get(step.rule)
    return Event(rule=step.rule, detail=step.detail, source=rule.source if rule else "",
                 inferred=rule.inferred if rule else False)


def check_expect(scenario: Scenario, trace: Trace) -> ExpectResult:
    """Rule 5."""
    expect = scenario.file.expect
    wrong: list[str] = []
    for key, wanted, found in (("route", expect.route, trace.route),
                               ("outcome", expect.outcome, trace.outcome)):
        if wanted is not None and wanted != found:
            wrong.append(f"{key}: expected {wanted!r}, found {found!r}")
    if expect.dialogs is not None:
        shown = [d.id for d in trace.dialogs]
        if shown != expect.dialogs:
            wrong.append(f"dialogs: expected {expect.dialogs}, found {shown}")
    if expect.launch is not None:
        last = trace.launches[-1] if trace.launches else None
        if last is None:
            wrong.append("launch: expected a launch, found none")
        else:
            image = expect.launch.image
            if image is not None and image.lower() != last.image.lower():
                wrong.append(f"launch.image: expected {expect.launch.image!r}, "
                             f"found {last.image!r}")
            if expect.launch.argv is not None and tuple(expect.launch.argv) != last.argv:
                wrong.append(f"launch.argv: expected {expect.launch.argv}, "
                             f"found {list(last.argv)}")
    if expect.error is not None and expect.error not in (trace.error or ""):
        wrong.append(f"error: expected a message containing {expect.error!r}, "
                     f"found {trace.error!r}")
    return ExpectResult(passed=not wrong, mismatches=tuple(wrong))
