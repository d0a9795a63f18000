"""ClickOnce manifests: the deployment (``.application``) and application (``.exe.manifest``).

Rules (vs-deployment-manifest):
1. The root is ``<assembly manifestVersion="1.0">`` in ``urn:schemas-microsoft-com:asm.v1``
   (vs-deployment-manifest). Child elements are read in asm.v1 or asm.v2, as Visual Studio and
   Mage write
   them (``<assemblyIdentity>`` and ``<description>`` in asm.v1, the rest in asm.v2);
   ``<compatibleFrameworks>`` in clickonce.v2 (vs-compatibleframeworks-element).
2. ``<assemblyIdentity>``: name, version (four parts), publicKeyToken, language,
   processorArchitecture, type (vs-deployment-manifest). Logs show it as ``Name, Version=...,
   Culture=...,
   PublicKeyToken=..., processorArchitecture=...`` (+ ``, type=win32``).
3. ``<description>``: ``asmv2:publisher``, ``asmv2:product``, ``asmv2:supportUrl``
(vs-description-element).
4. ``<deployment>``: install, minimumRequiredVersion, mapFileExtensions,
   disallowUrlActivation, trustURLParameters, co.v1:createDesktopShortcut (vs-deployment-element);
   ``<subscription><update>``: ``<beforeApplicationStartup/>`` or ``<expiration
   maximumAge unit>`` (vs-deployment-element); ``<deploymentProvider codebase>``
   (vs-deployment-element).
5. ``<dependency><dependentAssembly dependencyType codebase size>`` with its
   ``<assemblyIdentity>`` and ``<hash>`` (DigestMethod sha1 or sha256, DigestValue
   base64) (vs-dependency-element); ``<file name size>`` with a hash; ``<entryPoint>`` with
   ``<commandLine file parameters>`` (vs-dependency-element).
6. ``<publisherIdentity name>`` and an XMLDSig ``<Signature>`` mark a signed manifest
   (1.10); see :mod:`sim.models.clickonce.xmldsig` for how it is verified.
7. ``<compatibleFrameworks>`` "is required for deployment manifests that target the
   ClickOnce runtime provided by .NET Framework 4 or later"
   (https://learn.microsoft.com/visualstudio/deployment/
   compatibleframeworks-element-clickonce-deployment); the runtime an application targets
   is its ``Microsoft.Windows.CommonLanguageRuntime`` prerequisite (``2.0.50727.0`` for
   .NET Framework 2.0-3.5, ``4.0.30319.0`` for 4.x and for .NET 5+ publishes, whose
   ``Launcher.exe`` entry point is a .NET Framework 4 program) [inf: the prerequisite of
   every real publish tested]. :func:`validate_frameworks` checks it once both manifests
   are read.
Parsing only reads; :func:`validate_deployment` and :func:`validate_application` apply
the semantic checks dfshim makes, each failure a :class:`ManifestInvalid` with dfshim's
message (kb-2647493) and a detail.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final
from xml.etree.ElementTree import Element

from sim.errors import SimError
from sim.models.clickonce.digest import UNSIGNED, Signature, read_signature
from sim.models.clickonce.xml_safe import XmlRefused, ascii_int, parse_xml

__all__ = [
    "ASM_V1",
    "ASM_V2",
    "CO_V1",
    "CO_V2",
    "DSIG",
    "ApplicationManifest",
    "DeploymentManifest",
    "EntryPoint",
    "FileRef",
    "Hash",
    "Identity",
    "ManifestInvalid",
    "ManifestUnreadable",
    "Update",
    "clr_version",
    "parse_application",
    "parse_deployment",
    "validate_application",
    "validate_deployment",
    "validate_frameworks",
]

ASM_V1: Final = "urn:schemas-microsoft-com:asm.v1"
ASM_V2: Final = "urn:schemas-microsoft-com:asm.v2"
CO_V1: Final = "urn:schemas-microsoft-com:clickonce.v1"
CO_V2: Final = "urn:schemas-microsoft-com:clickonce.v2"
DSIG: Final = "http://www.w3.org/2000/09/xmldsig#"
_ASM: Final = (ASM_V1, ASM_V2)
DIGEST_METHODS: Final = {
    "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
    "http://www.w3.org/2000/09/xmldsig#sha256": "sha256",
    "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
}
DEPLOYMENT_INVALID: Final = "Deployment manifest is not semantically valid."
APPLICATION_INVALID: Final = "Application manifest is not semantically valid."


class ManifestUnreadable(SimError, ValueError):
    """XML that is refused or malformed, or whose root is not a manifest (ManifestParse)."""


class ManifestInvalid(SimError, ValueError):
    """A manifest that parses but fails dfshim's semantic checks.

    Attributes:
        message: dfshim's message (kb-2647493).
        detail: what is wrong [inf where the facts give no wording].
        kind: the exception kind ClickOnce logs, e.g. ``ManifestSemanticValidation``.
    """

    def __init__(self, message: str, detail: str,
                 kind: str = "ManifestSemanticValidation") -> None:
        super().__init__(f"{message} {detail}")
        self.message = message
        self.detail = detail
        self.kind = kind


@dataclass(frozen=True, slots=True, kw_only=True)
class Identity:
    """An ``<assemblyIdentity>`` (Rule 2)."""

    name: str
    version: str
    public_key_token: str = "0000000000000000"
    language: str = "neutral"
    processor_architecture: str = "msil"
    type: str | None = None

    def display(self) -> str:
        """The identity as ClickOnce logs it (vs-deployment-manifest)."""
        text = (f"{self.name}, Version={self.version}, Culture={self.language}, "
                f"PublicKeyToken={self.public_key_token}, "
                f"processorArchitecture={self.processor_architecture}")
        return text + (f", type={self.type}" if self.type else "")

    def subscription_key(self) -> tuple[str, str, str, str]:
        """What a subscription is keyed on: every part but the version (vs-deployment-manifest)."""
        return (self.name.lower(), self.public_key_token.lower(), self.language.lower(),
                self.processor_architecture.lower())

    def same_as(self, other: Identity) -> bool:
        """True when the identities are equal, names and tokens compared without case."""
        return (self.subscription_key() == other.subscription_key()
                and self.version == other.version)

    def version_tuple(self) -> tuple[int, ...]:
        """The version as numbers (a part that is not a number counts as 0)."""
        return tuple(ascii_int(p, 10) or 0 for p in self.version.split("."))


@dataclass(frozen=True, slots=True, kw_only=True)
class Hash:
    """A ``<hash>``: the digest algorithm and the base64 digest value (Rule 5)."""

    algorithm: str  # sha1 | sha256 | the unknown method URI
    value: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FileRef:
    """A ``<dependentAssembly>`` or a ``<file>``: where it is, its size, identity and hash."""

    codebase: str
    size: int | None
    identity: Identity | None
    hash: Hash | None
    dependency_type: str = "install"
    optional: bool = False  # in a download group, fetched on demand, not at install


@dataclass(frozen=True, slots=True, kw_only=True)
class Update:
    """``<subscription><update>``: check before startup, or in the background after an age."""

    before_startup: bool
    maximum_age: int | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntryPoint:
    """``<entryPoint><commandLine file parameters>``."""

    file: str
    parameters: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DeploymentManifest:
    """A parsed ``.application`` (Rules 1-6)."""

    identity: Identity | None
    publisher: str | None
    product: str | None
    support_url: str | None
    has_deployment: bool
    install: bool | None
    minimum_required_version: str | None
    map_file_extensions: bool
    disallow_url_activation: bool
    trust_url_parameters: bool
    create_desktop_shortcut: bool
    update: Update | None
    provider: str | None
    frameworks: tuple[str, ...]
    applications: tuple[FileRef, ...]
    signature: Signature


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplicationManifest:
    """A parsed ``.exe.manifest``."""

    identity: Identity | None
    entry_points: tuple[EntryPoint, ...]
    dependencies: tuple[FileRef, ...]
    files: tuple[FileRef, ...]
    signature: Signature


def _child(parent: Element, local: str, namespaces: tuple[str, ...] = _ASM) -> Element | None:
    for namespace in namespaces:
        found = parent.find(f"{{{namespace}}}{local}")
        if found is not None:
            return found
    return None


def _children(parent: Element, local: str) -> list[Element]:
    return [el for el in parent if el.tag in {f"{{{ns}}}{local}" for ns in _ASM}]


def _attr(el: Element, name: str, *namespaces: str) -> str | None:
    """An attribute, unqualified or in one of ``namespaces`` (asm.v2 by default)."""
    if name in el.attrib:
        return el.attrib[name]
    for namespace in namespaces or (ASM_V2,):
        value = el.attrib.get(f"{{{namespace}}}{name}")
        if value is not None:
            return value
    return None


def _flag(el: Element | None, name: str, *namespaces: str) -> bool:
    return el is not None and (_attr(el, name, *namespaces) or "").lower() == "true"


def _identity(el: Element | None) -> Identity | None:
    ident = _child(el, "assemblyIdentity") if el is not None else None
    if ident is None:
        return None
    return Identity(
        name=ident.get("name", ""), version=ident.get("version", ""),
        public_key_token=ident.get("publicKeyToken", "0000000000000000"),
        language=ident.get("language", "neutral"),
        processor_architecture=ident.get("processorArchitecture", "msil"),
        type=ident.get("type"))


def _hash(el: Element) -> Hash | None:
    found = _child(el, "hash")
    if found is None:
        return None
    method = found.find(f"{{{DSIG}}}DigestMethod")
    value = found.find(f"{{{DSIG}}}DigestValue")
    uri = method.get("Algorithm", "") if method is not None else ""
    return Hash(algorithm=DIGEST_METHODS.get(uri, uri),
                value=(value.text or "").strip() if value is not None else "")


def _size(el: Element) -> int | None:
    text = el.get("size")
    return ascii_int(text, 20)  # a ulong: 20 digits at most


def _optional(element: Element) -> bool:
    """Rule 5: ``optional="true"``: a file of a download group, which "resides only on the
    server until the application requests it on demand"
    (https://learn.microsoft.com/visualstudio/deployment/file-element-clickonce-application)."""
    return (element.get("optional") or "").strip().lower() == "true"


def _dependencies(root: Element) -> tuple[FileRef, ...]:
    refs = []
    for dependency in _children(root, "dependency"):
        assembly = _child(dependency, "dependentAssembly")
        if assembly is None:
            continue
        refs.append(FileRef(codebase=assembly.get("codebase", ""), size=_size(assembly),
                            identity=_identity(assembly), hash=_hash(assembly),
                            dependency_type=assembly.get("dependencyType", "install"),
                            optional=_optional(dependency) or _optional(assembly)))
    return tuple(refs)


def _root(data: bytes) -> Element:
    """Rule 1: the ``<assembly>`` root, or ManifestUnreadable."""
    try:
        root = parse_xml(data)
    except XmlRefused as exc:
        raise ManifestUnreadable(str(exc)) from None
    if root.tag != f"{{{ASM_V1}}}assembly":
        raise ManifestUnreadable(
            f"expected the root element assembly in namespace {ASM_V1}, found "
            f"{root.tag!r} [inf: .NET's wording of this failure is not in the facts]")
    return root


@functools.lru_cache(maxsize=256)
def parse_deployment(data: bytes) -> DeploymentManifest:
    """Parse a deployment manifest (Rules 1-6); ManifestUnreadable if it cannot be read.

    Pure and cached by content: the same bytes give the same (immutable) manifest.
    """
    root = _root(data)
    description = _child(root, "description")
    deployment = _child(root, "deployment")
    update = None
    if deployment is not None:
        subscription = _child(deployment, "subscription")
        up = _child(subscription, "update") if subscription is not None else None
        if up is not None:
            expiration = _child(up, "expiration")
            age = expiration.get("maximumAge") if expiration is not None else None
            update = Update(before_startup=_child(up, "beforeApplicationStartup") is not None,
                            maximum_age=ascii_int(age, 10),
                            unit=expiration.get("unit") if expiration is not None else None)
    provider_el = _child(deployment, "deploymentProvider") if deployment is not None else None
    frameworks_el = _child(root, "compatibleFrameworks", (CO_V2,))
    frameworks = tuple(f.get("targetVersion", "") for f in frameworks_el or ()
                       if f.tag == f"{{{CO_V2}}}framework")
    install = _attr(deployment, "install") if deployment is not None else None
    return DeploymentManifest(
        identity=_identity(root),
        publisher=_attr(description, "publisher") if description is not None else None,
        product=_attr(description, "product") if description is not None else None,
        support_url=_attr(description, "supportUrl") if description is not None else None,
        has_deployment=deployment is not None,
        install=None if install is None else install.lower() == "true",
        minimum_required_version=(deployment.get("minimumRequiredVersion")
                                  if deployment is not None else None),
        map_file_extensions=_flag(deployment, "mapFileExtensions"),
        disallow_url_activation=_flag(deployment, "disallowUrlActivation"),
        trust_url_parameters=_flag(deployment, "trustURLParameters"),
        create_desktop_shortcut=_flag(deployment, "createDesktopShortcut", CO_V1),
        update=update,
        provider=provider_el.get("codebase") if provider_el is not None else None,
        frameworks=frameworks,
        applications=_dependencies(root),
        signature=_signature(root, data),
    )


@functools.lru_cache(maxsize=256)
def parse_application(data: bytes) -> ApplicationManifest:
    """Parse an application manifest (Rules 1, 2, 5, 6); cached by content."""
    root = _root(data)
    entry_points = []
    for entry in _children(root, "entryPoint"):
        command = _child(entry, "commandLine")
        if command is not None:
            entry_points.append(EntryPoint(file=command.get("file", ""),
                                           parameters=command.get("parameters", "")))
    files = tuple(FileRef(codebase=el.get("name", ""), size=_size(el), identity=None,
                          optional=_optional(el),
                          hash=_hash(el)) for el in _children(root, "file"))
    return ApplicationManifest(identity=_identity(root), entry_points=tuple(entry_points),
                               dependencies=_dependencies(root), files=files,
                               signature=_signature(root, data))


def _signature(root: Element, data: bytes) -> Signature:
    """The manifest's signature state. A manifest with no ``<Signature>``, no
    ``<publisherIdentity>`` and a zero ``publicKeyToken`` is unsigned, the first rule of
    :func:`~sim.models.clickonce.xmldsig.check_signature`, answered here from the tree
    already parsed so that an unsigned app never loads the XMLDSig libraries (start-up
    time); any other manifest is verified."""
    identity = root.find(f"{{{ASM_V1}}}assemblyIdentity")
    token = identity.get("publicKeyToken") or "0" if identity is not None else "0"
    if (root.find(f"{{{DSIG}}}Signature") is None
            and root.find(f"{{{ASM_V2}}}publisherIdentity") is None and not token.strip("0")):
        return UNSIGNED
    return read_signature(data)


def _semantic(message: str, detail: str) -> ManifestInvalid:
    return ManifestInvalid(message=message, detail=detail)


def validate_deployment(manifest: DeploymentManifest) -> None:
    """dfshim's checks of a deployment manifest (vs-deployment-element, vs-dependency-element);
    ManifestInvalid on the first.

    The detail of a missing <compatibleFrameworks> is observed (vs-compatibleframeworks-element);
    the others are
    [inf] wordings of documented requirements.
    """
    checks = (
        (manifest.identity is None or not manifest.identity.name,
         "Deployment manifest is missing <assemblyIdentity>."),
        (not manifest.has_deployment, "Deployment manifest is missing <deployment>."),
        (manifest.has_deployment and manifest.install is None,
         "The <deployment> element requires the install attribute."),
        (len(manifest.applications) != 1,
         "Deployment manifest must reference exactly one application manifest."),
        (manifest.install is False and manifest.minimum_required_version is not None,
         "An online only application cannot specify minimumRequiredVersion."),
        (manifest.disallow_url_activation and manifest.trust_url_parameters,
         "trustURLParameters cannot be set when disallowUrlActivation is set."),
    )
    for failed, detail in checks:
        if failed:
            raise _semantic(DEPLOYMENT_INVALID, detail)


CLR_PREREQUISITE: Final = "Microsoft.Windows.CommonLanguageRuntime"
MISSING_FRAMEWORKS: Final = "Deployment manifest is missing <compatibleFrameworks>."


def clr_version(manifest: ApplicationManifest) -> tuple[int, ...] | None:
    """Rule 7: the CLR version the application's prerequisite names, or None."""
    for ref in manifest.dependencies:
        if (ref.dependency_type == "preRequisite" and ref.identity is not None
                and ref.identity.name == CLR_PREREQUISITE):
            return ref.identity.version_tuple()
    return None


def validate_frameworks(deployment: DeploymentManifest,
                        application: ApplicationManifest) -> None:
    """Rule 7: a deployment for the .NET 4+ runtime must list <compatibleFrameworks>.

    The detail is observed in ClickOnce logs ("Deployment manifest is missing
    <compatibleFrameworks>.", https://bartwullems.blogspot.com, 2010 post on
    compatibleFrameworks). An application with no CLR prerequisite counts as .NET 4+
    [inf: Visual Studio and mage always write one].
    """
    version = clr_version(application)
    if not deployment.frameworks and (version is None or version[:1] >= (4,)):
        raise _semantic(DEPLOYMENT_INVALID, MISSING_FRAMEWORKS)


def validate_application(manifest: ApplicationManifest) -> None:
    """dfshim's checks of an application manifest (vs-dependency-element); ManifestInvalid on the
    first [inf]."""
    checks = (
        (manifest.identity is None or not manifest.identity.name,
         "Application manifest is missing <assemblyIdentity>."),
        (len(manifest.entry_points) != 1,
         "Application manifest must have exactly one <entryPoint>."),
    )
    for failed, detail in checks:
        if failed:
            raise _semantic(APPLICATION_INVALID, detail)
