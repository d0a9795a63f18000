"""dfshim: ClickOnce activation from ``ShOpenVerbApplication`` / ``ShOpenVerbShortcut``.

Rules (:data:`DFSHIM_RULES`; vs-deployment-manifest, lolbas-dfshim,
edge-co-di, vs-clickonce-server-config):
1. The argument is a URL (http, https, file) or a local path; ``URL#identity`` is the
   application-reference form and its fragment is dropped (lolbas-dfshim). A path is activated
   as ``file:///`` (2.1: "Deployment url : file:///C:/Users/.../X.application").
2. The deployment manifest is read (the web with dfshim's own client: no browser
   cookies, NTLM/Negotiate but not Basic/Digest, TLS per Windows;
   vs-clickonce-server-config, dotnet-tls; or the disk), parsed safely and checked
   (vs-deployment-manifest). Failures: "Downloading <url> did
   not succeed." (DeploymentDownloadException), "Exception reading manifest from <url>:
   the manifest may not be valid or the file could not be opened." (ManifestParse),
   "Deployment manifest is not semantically valid." (kb-2647493).
3. A signature whose digest does not match is "Manifest XML signature is not valid."
   (vs-clickonce-errors); an unsigned manifest is logged as such and its publisher is Unknown
   Publisher.
4. A ``deploymentProvider`` other than the launch URL is followed: its manifest must
   have the same identity, else "The deployment identity at the deployment provider is
   not the same as the original deployment identity." (vs-deployment-element); the provider's
   location
   then resolves the application's codebase.
5. The zone of the deployment and of the application manifest must match, else
   "Deployment and application do not have matching security zones." (vs-deployment-element). A
   URL's
   zone is IE's zone mapping; a local file's zone is its Mark-of-the-Web, else My
   Computer (MapUrlToZone checks a saved file's mark unless MUTZ_NOSAVEDFILECHECK:
   https://learn.microsoft.com/previous-versions/windows/internet-explorer/ie-developer/platform-apis/ms537133(v=vs.85))
   [inf: no public source question 5; this reproduces the observed failure of every
   downloaded copy without a provider, devbox-31].
6. The application manifest's codebase resolves against the deployment's folder
   (backslashes as slashes, spaces percent-encoded, 1.8); its hash must equal the
   digest of the bytes read (msbuild-manifestutil), else "Application manifest has either a
   different
   computed hash than the one specified or no hash specified at all."; its identity
   must equal the deployment's reference, else "The reference in the deployment does
   not match the identity defined in the application manifest." (kb-2647493).
7. Trust (vs-trust-prompt): a valid signature by a publisher in the Trusted Publishers store
   installs without a prompt. Otherwise the zone's TrustManager PromptingLevel
   (``HKLM\\SOFTWARE\\MICROSOFT\\.NETFramework\\Security\\TrustManager\\PromptingLevel``;
   defaults Enabled, UntrustedSites Disabled) decides: Enabled prompts ("Application
   Install - Security Warning", Install / Don't Install); AuthenticodeRequired prompts
   only for a validly signed manifest; Disabled, and AuthenticodeRequired unsigned,
   block without asking.
8. The payload (``install`` dependencies and files, ``.deploy`` added when
   ``mapFileExtensions``) is downloaded and each digest checked (vs-dependency-element,
   msbuild-manifestutil).
9. An installable app goes to ``%LOCALAPPDATA%\\Apps\\2.0`` with a Start-menu
   ``Programs\\<publisher>\\<product>.appref-ms`` holding ``URL#identity`` in UTF-16LE
   (lolbas-dfshim, vs-clickonce-cache); an online-only app (``install="false"``) is cached and run
   with no
   shortcut (vs-deployment-element). Then the entry point starts, unless ``disallowUrlActivation``
   keeps
   a URL-activated app to the Start menu (vs-deployment-element).
10. An installed app activated again: same version runs from the store; a newer
   deployment is an update (vs-clickonce-cache): mandatory below ``minimumRequiredVersion``, else
   the
   "Update Available" prompt [inf: its wording is not in the facts] (vs-deployment-element).
Every failure shows "Cannot Start Application" and carries the ClickOnce log (kb-2647493).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, TypeVar
from urllib.parse import quote, unquote, urljoin, urlsplit

from sim.models.clickonce.dfshim_rules import DFSHIM_RULES
from sim.models.clickonce.digest import (
    NOT_SIGNED_WARNING,
    SIGNATURE_INVALID,
    Signature,
    explain_mismatch,
    file_digest,
)
from sim.models.clickonce.log import ClickOnceLog, Failure
from sim.models.clickonce.manifest import (
    ApplicationManifest,
    DeploymentManifest,
    FileRef,
    Identity,
    ManifestInvalid,
    ManifestUnreadable,
    parse_application,
    parse_deployment,
    validate_application,
    validate_deployment,
    validate_frameworks,
)
from sim.models.clickonce.store import entry_point_path, install
from sim.models.clickonce.trust import PROMPTING_LEVEL_KEY, decide_trust
from sim.models.context import HandlerContext, HandlerResult
from sim.shell.execute import file_url_to_path, is_url
from sim.world.disk import DiskError
from sim.world.web import DOTNET, normalize_url
from sim.world.zones import Zone, zone_for_url

__all__ = ["DFSHIM_RULES", "PROMPTING_LEVEL_KEY", "open_application", "open_shortcut",
           "resolve_codebase"]

_BLOCKED: Final = ("Your administrator has blocked this application because it potentially "
                   "poses a security risk to your computer.")
# Explanations beyond Windows' own messages are marked so a reader can tell them apart.
_BEYOND: Final = "invokesim: "
_REFUSED: Final = "User has refused to grant required permissions to the application."

_M = TypeVar("_M", DeploymentManifest, ApplicationManifest)


class _Fail(Exception):
    """An activation failure: the exception ClickOnce logs."""

    def __init__(self, exception: str, kind: str | None, *messages: str) -> None:
        super().__init__(messages[0])
        self.failure = Failure(exception=exception, kind=kind, messages=messages)


@dataclass(slots=True)
class _Activation:
    ctx: HandlerContext
    log: ClickOnceLog
    by_url: bool

    def read(self, url: str) -> bytes:
        """Read ``url`` from the web (dfshim's client) or the disk; _Fail when it cannot."""
        if url.lower().startswith("file:"):
            path = file_url_to_path(url)
            disk = self.ctx.machine.disk
            assert disk is not None
            try:
                if path is not None and disk.is_file(path):
                    return disk.read(path)
            except DiskError:
                pass
            raise _Fail("DeploymentDownloadException", None,
                        f"Downloading {url} did not succeed.",
                        f"Could not find a part of the path '{path or url}'.")
        result = self.ctx.fetch(url, DOTNET)
        if not result.ok:
            raise _Fail("DeploymentDownloadException", None,
                        f"Downloading {url} did not succeed.",
                        result.error or f"The remote server returned an error: "
                        f"({result.status})")
        return result.body

    def zone(self, url: str) -> Zone:
        """Rule 5."""
        if url.lower().startswith("file:"):
            path = file_url_to_path(url)
            disk = self.ctx.machine.disk
            try:
                found = disk.get(path) if disk is not None and path is not None else None
            except DiskError:
                found = None
            if found is not None and found.zone is not None:
                return Zone(found.zone.zone_id)
        return zone_for_url(url, self.ctx.zones).zone


def _hash_matches(ref: FileRef, data: bytes) -> bool:
    """Rules 6 and 8: the reference's hash is the digest of the bytes read; a payload file
    without a ``<hash>`` is not checked (an unsigned publish may omit them: "Files without
    hashes" prevent only signing, https://learn.microsoft.com/visualstudio/deployment/
    how-to-include-a-data-file-in-a-clickonce-application)."""
    if ref.hash is None:
        return True
    return ref.hash.algorithm in ("sha1", "sha256") and file_digest(
        data, ref.hash.algorithm) == ref.hash.value


def _explain(act: _Activation, rule: str, name: str, ref: FileRef, data: bytes) -> str:
    """Rule 6/8 beyond Windows' message: why the digest differs (noted in the trace)."""
    if ref.hash is None or ref.hash.algorithm not in ("sha1", "sha256"):
        text = f"{name}: no supported hash is recorded"
    else:
        text = explain_mismatch(name, data, ref.hash.algorithm, ref.hash.value, ref.size)
    act.ctx.note(rule, text)
    return _BEYOND + text


def resolve_codebase(base: str, codebase: str, suffix: str = "") -> str:
    """Rule 6: a codebase against the folder of ``base``."""
    ref = quote(codebase.replace("\\", "/") + suffix, safe="/:%?#=&@+~!$'()*,;")
    return urljoin(base, ref)


def _path_url(path: str) -> str:
    """Rule 1: a local path as the ``file:///`` URL ClickOnce logs."""
    return "file:///" + quote(path.replace("\\", "/"), safe="/:")


def _checked(url: str, data: bytes, parse: Callable[[bytes], _M],
             validate: Callable[[_M], None]) -> _M:
    """A manifest parsed and checked, or dfshim's failure for either step (Rules 2, 6)."""
    try:
        manifest = parse(data)
    except ManifestUnreadable as exc:
        raise _Fail("InvalidDeploymentException", "ManifestParse",
                    f"Exception reading manifest from {url}: the manifest may not be valid "
                    "or the file could not be opened.", str(exc)) from None
    try:
        validate(manifest)
    except ManifestInvalid as exc:
        raise _Fail("InvalidDeploymentException", exc.kind, exc.message, exc.detail) from None
    return manifest


def _deployment(act: _Activation, url: str, label: str) -> DeploymentManifest:
    data = act.read(url)
    act.log.source(label, url)
    manifest = _checked(url, data, parse_deployment, validate_deployment)
    assert manifest.identity is not None
    act.log.identity("Deployment Identity", manifest.identity.display())
    _check_signature(act, manifest.signature, url)
    return manifest


def _check_signature(act: _Activation, signature: Signature, url: str) -> None:
    """Rule 3."""
    if signature.state == "invalid":
        act.ctx.note("dfshim.signature", f"{url}: {signature.reason}")
        raise _Fail("InvalidDeploymentException", "SignatureValidation", SIGNATURE_INVALID,
                    _BEYOND + signature.reason)
    if signature.state == "unsigned":
        act.log.warnings.append(NOT_SIGNED_WARNING)
        act.ctx.note("dfshim.signature", f"{url}: not signed (Unknown Publisher)")
    else:
        act.ctx.note("dfshim.signature", f"{url}: signed by {signature.subject} "
                     f"(thumbprint {signature.thumbprint})")


def _application(act: _Activation, url: str, ref: FileRef,
                 data: bytes) -> ApplicationManifest:
    """Rule 6: ``data`` read from ``url`` against the deployment's reference ``ref``."""
    act.log.source("Application url", url)
    name = unquote(url.rsplit("/", 1)[-1])
    if ref.hash is None or not _hash_matches(ref, data):
        raise _Fail("InvalidDeploymentException", "HashValidation",
                    "Application manifest has either a different computed hash than the one "
                    "specified or no hash specified at all.",
                    f"File, {name}, has a different computed hash than specified in manifest.",
                    _explain(act, "dfshim.read_application", name, ref, data))
    manifest = _checked(url, data, parse_application, validate_application)
    assert manifest.identity is not None
    act.log.identity("Application Identity", manifest.identity.display())
    if ref.identity is None or not ref.identity.same_as(manifest.identity):
        act.ctx.note("dfshim.read_application", "the reference does not match the identity")
        raise _Fail("InvalidDeploymentException", "RefDefValidation",
                    "The reference in the deployment does not match the identity defined in "
                    "the application manifest.")
    _check_signature(act, manifest.signature, url)
    act.ctx.note("dfshim.read_application", f"{url}: {manifest.identity.display()}")
    return manifest


def _download_files(act: _Activation, app_url: str, app: ApplicationManifest,
                    suffix: str) -> dict[str, bytes]:
    """Rule 8."""
    payload: dict[str, bytes] = {}
    for ref in (*app.dependencies, *app.files):
        if not ref.codebase or ref.dependency_type != "install" or ref.optional:
            continue
        url = resolve_codebase(app_url, ref.codebase, suffix)
        data = act.read(url)
        name = ref.codebase.replace("/", "\\").rsplit("\\", 1)[-1]
        if not _hash_matches(ref, data):
            raise _Fail("InvalidDeploymentException", "HashValidation",
                        f"File, {name}, has a different computed hash than specified in "
                        "manifest.", _explain(act, "dfshim.download_files", name, ref, data))
        payload[ref.codebase.replace("/", "\\")] = data
    act.ctx.note("dfshim.download_files", f"{len(payload)} files verified")
    return payload


def _installed_version(act: _Activation, deployment_url: str) -> str | None:
    return {normalize_url(k): v for k, v in act.ctx.installed.items()}.get(
        normalize_url(deployment_url))


def _update(act: _Activation, deployment: DeploymentManifest, installed: str) -> str:
    """Rule 10: ``current`` (run the installed version), ``update`` or ``skip``."""
    assert deployment.identity is not None
    offered = deployment.identity.version_tuple()
    have = Identity(name="", version=installed).version_tuple()
    if offered <= have:
        act.ctx.note("dfshim.update", f"version {installed} is installed and current")
        return "current"
    minimum = deployment.minimum_required_version
    if minimum and have < Identity(name="", version=minimum).version_tuple():
        act.ctx.note("dfshim.update", f"{installed} -> {deployment.identity.version}: "
                     f"mandatory (minimumRequiredVersion {minimum})")
        return "update"
    act.ctx.note("dfshim.update", f"{installed} -> {deployment.identity.version}: offered")
    answer = act.ctx.ask("dfshim.update_available",
                         name=deployment.product or deployment.identity.name)
    return "update" if answer == "ok" else "skip"


def _activate(act: _Activation, target: str) -> str | None:
    """Rules 2-10; return the started entry point's path, or None when it is not started."""
    ctx = act.ctx
    url = target if is_url(target) else _path_url(target)
    url = url.split("#", 1)[0]
    act.log.source("Deployment url", url)
    deployment = _deployment(act, url, "Deployment url")
    ctx.note("dfshim.read_deployment", f"{url}: {deployment.identity.display()}"
             if deployment.identity else url)
    base = url
    provider = deployment.provider
    if provider and normalize_url(provider) != normalize_url(url):
        ctx.note("dfshim.follow_provider", provider)
        provided = _deployment(act, provider, "Deployment Provider url")
        assert deployment.identity is not None and provided.identity is not None
        if provided.identity.subscription_key() != deployment.identity.subscription_key():
            raise _Fail("InvalidDeploymentException", "SubscriptionSemanticValidation",
                        "The deployment identity at the deployment provider is not the same "
                        "as the original deployment identity.")
        deployment, base = provided, provider
    app_ref = deployment.applications[0]
    app_url = resolve_codebase(base, app_ref.codebase)
    deployment_zone, app_zone = act.zone(base), act.zone(app_url)
    ctx.note("dfshim.zones", f"deployment {deployment_zone.label}, application "
             f"{app_zone.label}")
    if deployment_zone != app_zone:
        act.log.source("Application url", app_url)
        raise _Fail("InvalidDeploymentException", "Zone",
                    "Deployment and application do not have matching security zones.")
    app_data = act.read(app_url)
    app = _application(act, app_url, app_ref, app_data)
    try:
        validate_frameworks(deployment, app)
    except ManifestInvalid as exc:
        raise _Fail("InvalidDeploymentException", exc.kind, exc.message, exc.detail) from None
    installed = _installed_version(act, base)
    if installed is not None and _update(act, deployment, installed) != "update":
        return _start(act, deployment, app, installed)
    if installed is None:
        host = urlsplit(base).hostname or "the local computer"
        decision = decide_trust(ctx, deployment, deployment_zone, host)
        if decision == "blocked":
            raise _Blocked(_BLOCKED)
        if decision == "refused":
            raise _Refused(_REFUSED)
    suffix = ".deploy" if deployment.map_file_extensions else ""
    payload = _download_files(act, app_url, app, suffix)
    install(act.ctx, act.log, deployment, base, app, app_data=app_data, payload=payload)
    return _start(act, deployment, app, None)


def _start(act: _Activation, deployment: DeploymentManifest, app: ApplicationManifest,
           installed: str | None) -> str | None:
    """Rule 9's last step: start the entry point, unless URL activation is disallowed."""
    disk = act.ctx.machine.disk
    assert disk is not None and app.identity is not None
    identity = app.identity if installed is None else Identity(
        name=app.identity.name, version=installed,
        public_key_token=app.identity.public_key_token, language=app.identity.language,
        processor_architecture=app.identity.processor_architecture, type=app.identity.type)
    exe = entry_point_path(disk, identity, app.entry_points[0].file)
    if act.by_url and deployment.disallow_url_activation:
        act.ctx.note("dfshim.start_app", "disallowUrlActivation: installed, start it from "
                     "the Start menu")
        return None
    act.ctx.note("dfshim.start_app", exe)
    if app.entry_points[0].file.lower() == "launcher.exe" and app.identity.name.lower() != (
            "launcher.exe"):
        # .NET 5+ publishes: Launcher.exe, a .NET Framework program, starts the app's own
        # executable (https://github.com/dotnet/deployment-tools, the ClickOnce launcher).
        act.ctx.note("dfshim.start_app", f"Launcher.exe starts {app.identity.name}")
    query = urlsplit(act.log.activation).query if act.by_url else ""
    if query:
        # trustURLParameters: the query string reaches the app as its activation URI only
        # when the deployment sets it (https://learn.microsoft.com/visualstudio/deployment/
        # how-to-retrieve-query-string-information-in-an-online-clickonce-application).
        act.ctx.note("dfshim.start_app", f"query string ?{query}: " + (
            "passed to the app (trustURLParameters)" if deployment.trust_url_parameters
            else "not passed to the app (trustURLParameters is not set)"))
    act.log.progress.append(f"Activation of {act.log.activation} has completed.")
    return exe


class _Blocked(Exception):
    """Rule 7: the trust level refused without asking."""


class _Refused(Exception):
    """Rule 7: the user chose Don't Install."""


def open_application(ctx: HandlerContext, argument: str) -> HandlerResult:
    """``ShOpenVerbApplication``: activate ``argument`` (a URL or a path) (Rules 1-10)."""
    target = argument.strip().strip('"')
    by_url = is_url(target) and not target.lower().startswith("file:")
    ctx.note("dfshim.activate", target)
    act = _Activation(ctx=ctx, log=ClickOnceLog(activation=target, os=ctx.machine.os),
                      by_url=by_url)
    try:
        _activate(act, target)
    except _Fail as exc:
        ctx.note("dfshim.cannot_start", exc.failure.summary)
        ctx.ask("dfshim.cannot_start")
        return HandlerResult(handler="dfshim", outcome="failed", error=exc.failure.summary,
                             log=act.log.render(exc.failure))
    except _Blocked as exc:
        return HandlerResult(handler="dfshim", outcome="blocked", error=str(exc),
                             log=act.log.render(Failure(
                                 exception="TrustNotGrantedException", kind=None,
                                 messages=(str(exc),))))
    except _Refused as exc:
        return HandlerResult(handler="dfshim", outcome="cancelled", error=str(exc),
                             log=act.log.render(Failure(
                                 exception="TrustNotGrantedException", kind=None,
                                 messages=(str(exc),))))
    return HandlerResult(handler="dfshim", outcome="launched", log=act.log.render(None))


def open_shortcut(ctx: HandlerContext, argument: str) -> HandlerResult:
    """``ShOpenVerbShortcut %1|%2``: read the .appref-ms and activate its URL (lolbas-dfshim)."""
    path = argument.split("|", 1)[0].strip().strip('"')
    disk = ctx.machine.disk
    assert disk is not None
    if is_url(path) or path.startswith("\\\\"):
        ctx.note("dfshim.shortcut", f"{path}: over the network")
        ctx.ask("dfshim.cannot_start")
        return HandlerResult(handler="dfshim", outcome="failed",
                             error="Shortcuts cannot be activated over the network.")
    try:
        raw = disk.read(path)
    except DiskError:
        raw = b""
    text = raw.decode("utf-16", errors="replace").strip("\ufeff\r\n\x00 ")
    ctx.note("dfshim.shortcut", f"{path}: {text}")
    if not is_url(text):
        ctx.ask("dfshim.cannot_start")
        return HandlerResult(handler="dfshim", outcome="failed",
                             error="Invalid URI: The format of the URI could not be determined.")
    return open_application(ctx, text)
