"""ClickOnce manifests: the deployment (``.application``) and application (``.exe.manifest``).

Rules (../shared/facts/windows-facts.md section 1):
1. The root is ``<assembly manifestVersion="1.0">`` in ``urn:schemas-microsoft-com:asm.v1``
   (1.1). Child elements are read in asm.v1 or asm.v2, as Visual Studio and Mage write
   them (``<assemblyIdentity>`` and ``<description>`` in asm.v1, the rest in asm.v2);
   ``<compatibleFrameworks>`` in clickonce.v2 (1.7).
2. ``<assemblyIdentity>``: name, version (four parts), publicKeyToken, language,
   processorArchitecture, type (1.2). Logs show it as ``Name, Version=..., Culture=...,
   PublicKeyToken=..., processorArchitecture=...`` (+ ``, type=win32``).
3. ``<description>``: ``asmv2:publisher``, ``asmv2:product``, ``asmv2:supportUrl`` (1.3).
4. ``<deployment>``: install, minimumRequiredVersion, mapFileExtensions,
   disallowUrlActivation, trustURLParameters, co.v1:createDesktopShortcut (1.4);
   ``<subscription><update>``: ``<beforeApplicationStartup/>`` or ``<expiration
   maximumAge unit>`` (1.5); ``<deploymentProvider codebase>`` (1.6).
5. ``<dependency><dependentAssembly dependencyType codebase size>`` with its
   ``<assemblyIdentity>`` and ``<hash>`` (DigestMethod sha1 or sha256, DigestValue
   base64) (1.8); ``<file name size>`` with a hash; ``<entryPoint>`` with
   ``<commandLine file parameters>`` (1.8).
6. ``<publisherIdentity name>`` and an XMLDSig ``<Signature>`` mark a signed manifest
   (1.10); see :mod:`sim.models.clickonce.digest` for what is verified.
Parsing only reads; :func:`validate_deployment` and :func:`validate_application` apply
the semantic checks dfshim makes, each failure a :class:`ManifestInvalid` with dfshim's
message (2.2) and a detail.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Final
from xml.etree.ElementTree import Element

from sim.errors import SimError
from sim.models.clickonce.digest import Signature, read_signature
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
    "parse_application",
    "parse_deployment",
    "validate_application",
    "validate_deployment",
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
        message: dfshim's message (windows-facts 2.2).
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
        """The identity as ClickOnce logs it (windows-facts 1.2)."""
        text = (f"{self.name}, Version={self.version}, Culture={self.language}, "
                f"PublicKeyToken={self.public_key_token}, "
                f"processorArchitecture={self.processor_architecture}")
        return text + (f", type={self.type}" if self.type else "")

    def subscription_key(self) -> tuple[str, str, str, str]:
        """What a subscription is keyed on: every part but the version (1.2)."""
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


def _dependencies(root: Element) -> tuple[FileRef, ...]:
    refs = []
    for dependency in _children(root, "dependency"):
        assembly = _child(dependency, "dependentAssembly")
        if assembly is None:
            continue
        refs.append(FileRef(codebase=assembly.get("codebase", ""), size=_size(assembly),
                            identity=_identity(assembly), hash=_hash(assembly),
                            dependency_type=assembly.get("dependencyType", "install")))
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
        signature=read_signature(root),
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
                          hash=_hash(el)) for el in _children(root, "file"))
    return ApplicationManifest(identity=_identity(root), entry_points=tuple(entry_points),
                               dependencies=_dependencies(root), files=files,
                               signature=read_signature(root))


def _semantic(message: str, detail: str) -> ManifestInvalid:
    return ManifestInvalid(message=message, detail=detail)


def validate_deployment(manifest: DeploymentManifest) -> None:
    """dfshim's checks of a deployment manifest (1.4-1.8); ManifestInvalid on the first.

    The detail of a missing <compatibleFrameworks> is observed (1.7); the others are
    [inf] wordings of documented requirements.
    """
    checks = (
        (manifest.identity is None or not manifest.identity.name,
         "Deployment manifest is missing <assemblyIdentity>."),
        (not manifest.has_deployment, "Deployment manifest is missing <deployment>."),
        (manifest.has_deployment and manifest.install is None,
         "The <deployment> element requires the install attribute."),
        (not manifest.frameworks, "Deployment manifest is missing <compatibleFrameworks>."),
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


def validate_application(manifest: ApplicationManifest) -> None:
    """dfshim's checks of an application manifest (1.8); ManifestInvalid on the first [inf]."""
    checks = (
        (manifest.identity is None or not manifest.identity.name,
         "Application manifest is missing <assemblyIdentity>."),
        (len(manifest.entry_points) != 1,
         "Application manifest must have exactly one <entryPoint>."),
    )
    for failed, detail in checks:
        if failed:
            raise _semantic(APPLICATION_INVALID, detail)
