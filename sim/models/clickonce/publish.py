"""Publish a ClickOnce application as Visual Studio and Mage lay it out, with real digests.

Rules (vs-deployment-manifest):
1. Layout: ``<Name>.application`` at the root, the version folder
   ``Application Files\\<Name>_<a>_<b>_<c>_<d>\\`` holding ``<Name>.exe.manifest`` and
   the payload, each payload file with a ``.deploy`` suffix when ``mapFileExtensions``
   (vs-deployment-manifest, vs-deployment-element).
2. Signing order: payload -> application manifest (hashed payload, then signed) ->
   deployment manifest (records the hash of the *signed* application manifest, then is
   signed) (msbuild-manifestutil). Editing a file after this order breaks the hash that covers it.
3. Digests are SHA-256 by default, SHA-1 on request (vs-dependency-element, msbuild-manifestutil);
signatures as
   :mod:`sim.models.clickonce.digest` models them. An unsigned application has the token
   ``0000000000000000`` (vs-deployment-manifest).
The result is ``{relative path with / separators: bytes}``: serve it on the virtual
web, or write it next to a scenario.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final
from xml.sax.saxutils import quoteattr

from sim.models.clickonce.digest import enveloped_digest, file_digest
from sim.models.clickonce.xml_safe import parse_xml

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
_SIGNATURE_PLACEHOLDER: Final = "@@DIGEST@@"


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
    signer: str | None = None  # "CN=Contoso Ltd": sign both manifests
    algorithm: str = "sha256"
    framework: str = "4.7.2"
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
    """The public key token: the last 8 bytes of the SHA-1 of the (model) public key."""
    if signer is None:
        return "0000000000000000"
    key = hashlib.sha256(signer.encode("utf-8")).digest()
    return hashlib.sha1(key).digest()[-8:][::-1].hex()


def _hash_xml(data: bytes, algorithm: str, indent: str) -> str:
    return (f"{indent}<hash>\n"
            f"{indent}  <dsig:Transforms>\n"
            f'{indent}    <dsig:Transform Algorithm="urn:schemas-microsoft-com:HashTransforms.'
            f'Identity" />\n'
            f"{indent}  </dsig:Transforms>\n"
            f'{indent}  <dsig:DigestMethod Algorithm="{_METHOD[algorithm]}" />\n'
            f"{indent}  <dsig:DigestValue>{file_digest(data, algorithm)}</dsig:DigestValue>\n"
            f"{indent}</hash>\n")


def _signature_xml(signer: str, algorithm: str) -> str:
    issuer = hashlib.sha1(f"issuer:{signer}".encode()).hexdigest()
    return (f"  <publisherIdentity name={quoteattr(signer)} issuerKeyHash=\"{issuer}\" />"
            '<Signature Id="StrongNameSignature" xmlns="http://www.w3.org/2000/09/xmldsig#">'
            '<SignedInfo><CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/'
            'xml-exc-c14n#" /><SignatureMethod Algorithm="http://www.w3.org/2000/09/'
            f'xmldsig#rsa-{algorithm}" /><Reference URI=""><Transforms><Transform '
            'Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature" /><Transform '
            'Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#" /></Transforms>'
            f'<DigestMethod Algorithm="{_METHOD[algorithm]}" />'
            f"<DigestValue>{_SIGNATURE_PLACEHOLDER}</DigestValue></Reference></SignedInfo>"
            f"<SignatureValue>{_SIGNATURE_PLACEHOLDER}</SignatureValue>"
            '<KeyInfo Id="StrongNameKeyInfo"><KeyValue><RSAKeyValue><Modulus>'
            f"{base64.b64encode(hashlib.sha256(signer.encode()).digest()).decode()}"
            "</Modulus><Exponent>AQAB</Exponent></RSAKeyValue></KeyValue></KeyInfo>"
            "</Signature>\n")


def _sign(text: str, algorithm: str) -> bytes:
    """Fill the signature's digest (Rule 2); the SignatureValue is a model value."""
    unsigned = text.replace(_SIGNATURE_PLACEHOLDER, "", 2)
    digest = enveloped_digest(parse_xml(unsigned.encode("utf-8")), algorithm)
    value = base64.b64encode(hashlib.sha256(f"rsa:{digest}".encode()).digest()).decode()
    return text.replace(_SIGNATURE_PLACEHOLDER, digest, 1).replace(
        _SIGNATURE_PLACEHOLDER, value, 1).encode("utf-8")


def resign(data: bytes, signer: str, algorithm: str = "sha256") -> bytes:
    """Re-sign an edited manifest whose signature is now invalid (Rule 2's repair)."""
    text = data.decode("utf-8")
    start = text.index("<DigestValue>", text.index("<Signature")) + len("<DigestValue>")
    end = text.index("</DigestValue>", start)
    text = text[:start] + _SIGNATURE_PLACEHOLDER + text[end:]
    start = text.index("<SignatureValue>") + len("<SignatureValue>")
    end = text.index("</SignatureValue>", start)
    text = text[:start] + _SIGNATURE_PLACEHOLDER + text[end:]
    del signer  # the model signature value does not depend on the key
    return _sign(text, algorithm)


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
           'CommonLanguageRuntime" version="4.0.30319.0" />\n    </dependentAssembly>\n'
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
    if spec.signer:
        out.append(_signature_xml(spec.signer, spec.algorithm))
    out.append("</asmv1:assembly>\n")
    text = "".join(out)
    return _sign(text, spec.algorithm) if spec.signer else text.encode("utf-8")


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
            '  <compatibleFrameworks xmlns="urn:schemas-microsoft-com:clickonce.v2">\n',
            f'    <framework targetVersion="{spec.framework}" profile="Full" '
            'supportedRuntime="4.0.30319" />\n',
            "  </compatibleFrameworks>\n",
            "  <dependency>\n",
            f'    <dependentAssembly dependencyType="install" codebase={quoteattr(codebase)} '
            f'size="{len(app_manifest)}">\n',
            f'      <assemblyIdentity name="{spec.name}.exe" version="{spec.version}" '
            f'publicKeyToken="{token}" language="neutral" processorArchitecture="msil" '
            'type="win32" />\n',
            _hash_xml(app_manifest, spec.algorithm, "      "),
            "    </dependentAssembly>\n  </dependency>\n"]
    if spec.signer:
        out.append(_signature_xml(spec.signer, spec.algorithm))
    out.append("</asmv1:assembly>\n")
    text = "".join(out)
    return _sign(text, spec.algorithm) if spec.signer else text.encode("utf-8")


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
