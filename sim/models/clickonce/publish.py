"""Publish a ClickOnce application as Visual Studio and Mage lay it out, with real digests.

Rules (vs-deployment-manifest):
1. Layout: ``<Name>.application`` at the root, the version folder
   ``Application Files\\<Name>_<a>_<b>_<c>_<d>\\`` holding ``<Name>.exe.manifest`` and
   the payload, each payload file with a ``.deploy`` suffix when ``mapFileExtensions``
   (vs-deployment-manifest, vs-deployment-element).
2. Signing order: payload -> application manifest (hashed payload, then signed) ->
   deployment manifest (records the hash of the *signed* application manifest, then is
   signed) (1.9). Editing a file after this order breaks the hash that covers it.
3. Digests are SHA-256 by default, SHA-1 on request (1.8-1.9). A signed publish is
   signed as mage and Visual Studio sign (:mod:`sim.models.clickonce.sign`: exclusive
   C14N, RSA, the Authenticode license) by one of the project's test publishers
   (:mod:`sim.models.clickonce.publishers`), and its identities carry that key's token;
   an unsigned publish has the token ``0000000000000000`` (1.2).
4. A .NET Framework 2.0-3.5 publish names the CLR ``2.0.50727.0`` and has no
   ``<compatibleFrameworks>``; a 4.x one names ``4.0.30319.0`` and lists its framework
   (https://learn.microsoft.com/visualstudio/deployment/
   compatibleframeworks-element-clickonce-deployment).
The result is ``{relative path with / separators: bytes}``: serve it on the virtual
web, or write it next to a scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final
from xml.sax.saxutils import quoteattr

from sim.models.clickonce.digest import file_digest
from sim.models.clickonce.publishers import signer_for
from sim.models.clickonce.sign import sign_manifest

__all__ = ["AppSpec", "publish", "resign", "version_folder"]

_METHOD: Final = {"sha1": "http://www.w3.org/2000/09/xmldsig#sha1",
                  "sha256": "http://www.w3.org/2000/09/xmldsig#sha256"}
_ROOT_OPEN: Final = (
    '<asmv1:assembly xsi:schemaLocation="urn:schemas-microsoft-com:asm.v1 '
    'assembly.adaptive.xsd" manifestVersion="1.0" '
    'xmlns:asmv1="urn:schemas-microsoft-com:asm.v1" '
    'xmlns="urn:schemas-microsoft-com:asm.v2" '
    'xmlns:asmv2="urn:schemas-microsoft-com:asm.v2" '
    'xmlns:xrml="urn:mpeg:mpeg21:2003:01-REL-R-NS" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:asmv3="urn:schemas-microsoft-com:asm.v3" '
    'xmlns:dsig="http://www.w3.org/2000/09/xmldsig#" '
    'xmlns:co.v1="urn:schemas-microsoft-com:clickonce.v1" '
    'xmlns:co.v2="urn:schemas-microsoft-com:clickonce.v2">'
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AppSpec:
    """What to publish; the defaults are a Visual Studio "From a Web site" publish."""

    name: str = "App"
    version: str = "1.0.0.0"
    publisher: str = "Contoso"
    product: str = "Contoso App"
    install: bool = True
    provider: str | None = None  # the deploymentProvider codebase (an absolute URL)
    update: str | None = "startup"  # startup | background | None (no <subscription>)
    minimum_required_version: str | None = None
    map_file_extensions: bool = True
    trust_url_parameters: bool = False
    disallow_url_activation: bool = False
    create_desktop_shortcut: bool = False
    signer: str | None = None  # a test publisher (publishers.CONTOSO): sign both manifests
    algorithm: str = "sha256"
    framework: str = "4.7.2"  # 2.0, 3.0, 3.5: the CLR 2.0 runtime, no <compatibleFrameworks>
    payload: Mapping[str, bytes] = field(default_factory=dict)  # file name -> bytes

    def files(self) -> Mapping[str, bytes]:
        """The payload, by default the entry point ``<name>.exe`` and its config."""
        if self.payload:
            return self.payload
        return {f"{self.name}.exe": f"MZ invokesim sample {self.name} {self.version}\n"
                .encode("ascii"),
                f"{self.name}.exe.config": b'<?xml version="1.0"?><configuration/>\n'}


def version_folder(spec: AppSpec) -> str:
    """Rule 1: ``Application Files/<Name>_1_0_0_0``."""
    return f"Application Files/{spec.name}_{spec.version.replace('.', '_')}"


def _token(signer: str | None) -> str:
    """The public key token: the strong-name token of the signer's key (1.2)."""
    return "0000000000000000" if signer is None else signer_for(signer).token


def _hash_xml(data: bytes, algorithm: str, indent: str) -> str:
    return (f"{indent}<hash>\n"
            f"{indent}  <dsig:Transforms>\n"
            f'{indent}    <dsig:Transform Algorithm="urn:schemas-microsoft-com:HashTransforms.'
            f'Identity" />\n'
            f"{indent}  </dsig:Transforms>\n"
            f'{indent}  <dsig:DigestMethod Algorithm="{_METHOD[algorithm]}" />\n'
            f"{indent}  <dsig:DigestValue>{file_digest(data, algorithm)}</dsig:DigestValue>\n"
            f"{indent}</hash>\n")


def _clr(spec: AppSpec) -> str:
    """Rule 4: the CLR an application names: 2.0 for .NET Framework 2.0-3.5, else 4.0."""
    return "2.0.50727.0" if spec.framework.split(".")[0] in ("2", "3") else "4.0.30319.0"


def _frameworks_xml(spec: AppSpec) -> str:
    """Rule 4: ``<compatibleFrameworks>`` for the .NET 4 runtime only."""
    if _clr(spec).startswith("2."):
        return ""
    return ('  <compatibleFrameworks xmlns="urn:schemas-microsoft-com:clickonce.v2">\n'
            f'    <framework targetVersion="{spec.framework}" profile="Full" '
            'supportedRuntime="4.0.30319" />\n'
            "  </compatibleFrameworks>\n")


def _finish(text: str, spec: AppSpec) -> bytes:
    """Rule 2: the manifest, signed by ``spec.signer`` when there is one."""
    data = text.encode("utf-8")
    return sign_manifest(data, signer_for(spec.signer), spec.algorithm) if spec.signer else data


def resign(data: bytes, signer: str, algorithm: str = "sha256") -> bytes:
    """Re-sign an edited manifest (Rule 2's repair, ``mage -sign``): the old publisher
    identity and signature are removed and ``signer`` signs the edited text."""
    text = data.decode("utf-8")
    start = text.find("<publisherIdentity")
    if start < 0:
        start = text.index("<Signature")
    end = text.rindex("</asmv1:assembly>")
    return sign_manifest((text[:start].rstrip(" ") + text[end:]).encode("utf-8"),
                         signer_for(signer), algorithm)


def _application_manifest(spec: AppSpec, token: str) -> bytes:
    files = spec.files()
    entry = f"{spec.name}.exe"
    out = ['<?xml version="1.0" encoding="utf-8"?>\n', _ROOT_OPEN, "\n",
           f'  <asmv1:assemblyIdentity name="{entry}" version="{spec.version}" '
           f'publicKeyToken="{token}" language="neutral" processorArchitecture="msil" '
           'type="win32" />\n',
           "  <application />\n",
           "  <entryPoint>\n",
           f'    <assemblyIdentity name="{spec.name}" version="{spec.version}" '
           'language="neutral" processorArchitecture="msil" />\n',
           f'    <commandLine file="{entry}" parameters="" />\n',
           "  </entryPoint>\n",
           '  <trustInfo>\n    <security>\n      <applicationRequestMinimum>\n'
           '        <PermissionSet Unrestricted="true" ID="Custom" SameSite="site" />\n'
           '        <defaultAssemblyRequest permissionSetReference="Custom" />\n'
           '      </applicationRequestMinimum>\n    </security>\n  </trustInfo>\n',
           '  <dependency>\n    <dependentAssembly dependencyType="preRequisite" '
           'allowDelayedBinding="true">\n      <assemblyIdentity name="Microsoft.Windows.'
           f'CommonLanguageRuntime" version="{_clr(spec)}" />\n    </dependentAssembly>\n'
           '  </dependency>\n']
    for name, data in files.items():
        if name.lower().endswith(".exe") or name.lower().endswith(".dll"):
            stem = name.rsplit(".", 1)[0]
            out += ['  <dependency>\n',
                    f'    <dependentAssembly dependencyType="install" allowDelayedBinding='
                    f'"true" codebase={quoteattr(name)} size="{len(data)}">\n',
                    f'      <assemblyIdentity name={quoteattr(stem)} version="{spec.version}" '
                    'language="neutral" processorArchitecture="msil" />\n',
                    _hash_xml(data, spec.algorithm, "      "),
                    "    </dependentAssembly>\n  </dependency>\n"]
        else:
            out += [f"  <file name={quoteattr(name)} size=\"{len(data)}\">\n",
                    _hash_xml(data, spec.algorithm, "    "), "  </file>\n"]
    out.append("</asmv1:assembly>\n")
    return _finish("".join(out), spec)


def _deployment_manifest(spec: AppSpec, token: str, app_manifest: bytes) -> bytes:
    codebase = f"{version_folder(spec)}/{spec.name}.exe.manifest".replace("/", "\\")
    flags = f'install="{str(spec.install).lower()}"'
    if spec.minimum_required_version:
        flags += f' minimumRequiredVersion="{spec.minimum_required_version}"'
    for attr, on in (("mapFileExtensions", spec.map_file_extensions),
                     ("trustURLParameters", spec.trust_url_parameters),
                     ("disallowUrlActivation", spec.disallow_url_activation),
                     ("co.v1:createDesktopShortcut", spec.create_desktop_shortcut)):
        if on:
            flags += f' {attr}="true"'
    out = ['<?xml version="1.0" encoding="utf-8"?>\n', _ROOT_OPEN, "\n",
           f'  <assemblyIdentity name="{spec.name}.application" version="{spec.version}" '
           f'publicKeyToken="{token}" language="neutral" processorArchitecture="msil" '
           'xmlns="urn:schemas-microsoft-com:asm.v1" />\n',
           f"  <description asmv2:publisher={quoteattr(spec.publisher)} "
           f"asmv2:product={quoteattr(spec.product)} "
           'xmlns="urn:schemas-microsoft-com:asm.v1" />\n',
           f"  <deployment {flags}>\n"]
    if spec.install and spec.update == "startup":
        out.append("    <subscription>\n      <update>\n        <beforeApplicationStartup />"
                   "\n      </update>\n    </subscription>\n")
    elif spec.install and spec.update == "background":
        out.append('    <subscription>\n      <update>\n        <expiration maximumAge="7" '
                   'unit="days" />\n      </update>\n    </subscription>\n')
    if spec.provider:
        out.append(f"    <deploymentProvider codebase={quoteattr(spec.provider)} />\n")
    out += ["  </deployment>\n",
            _frameworks_xml(spec),
            "  <dependency>\n",
            f'    <dependentAssembly dependencyType="install" codebase={quoteattr(codebase)} '
            f'size="{len(app_manifest)}">\n',
            f'      <assemblyIdentity name="{spec.name}.exe" version="{spec.version}" '
            f'publicKeyToken="{token}" language="neutral" processorArchitecture="msil" '
            'type="win32" />\n',
            _hash_xml(app_manifest, spec.algorithm, "      "),
            "    </dependentAssembly>\n  </dependency>\n"]
    out.append("</asmv1:assembly>\n")
    return _finish("".join(out), spec)


def publish(spec: AppSpec) -> dict[str, bytes]:
    """Publish ``spec`` (Rules 1-3): relative path -> bytes, in a stable order."""
    token = _token(spec.signer)
    folder = version_folder(spec)
    app_manifest = _application_manifest(spec, token)
    out = {f"{spec.name}.application": _deployment_manifest(spec, token, app_manifest),
           f"{folder}/{spec.name}.exe.manifest": app_manifest}
    suffix = ".deploy" if spec.map_file_extensions else ""
    for name, data in spec.files().items():
        out[f"{folder}/{name}{suffix}"] = data
    return out
