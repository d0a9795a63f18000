"""The ClickOnce applications the gallery serves, published with real digests.

Run ``python tests/gallery_apps.py`` (``make gallery-apps``) to rewrite them under
``scenarios/<folder>/apps/<variant>/``; ``tests/test_clickonce_gallery.py`` fails when a
committed copy differs from a fresh publish. Each folder holds its own copy because a
scenario may only read files inside its own folder tree (docs/scenarios.md).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from sim.models.clickonce.publish import AppSpec, publish, resign, version_folder
from sim.models.clickonce.publishers import CONTOSO

ROOT = Path(__file__).resolve().parent.parent / "scenarios"
APP_URL = "https://apps.example.test/deploy/App.application"
SIGNER = CONTOSO

VARIANTS: Mapping[str, AppSpec] = {
    "provider": AppSpec(provider=APP_URL),
    "no-provider": AppSpec(),
    "signed": AppSpec(provider=APP_URL, signer=SIGNER),
    "online-only": AppSpec(provider=APP_URL, install=False, update=None),
    "v2": AppSpec(provider=APP_URL, version="1.0.0.1"),
    "other-identity": AppSpec(name="Other", provider=APP_URL),
    # A .NET Framework 3.5 publish as Visual Studio 2008 made them: SHA-1, no
    # <compatibleFrameworks>, the CLR 2.0 prerequisite.
    "net35": AppSpec(provider=APP_URL, signer=CONTOSO, framework="3.5", algorithm="sha1"),
}

FOLDERS: Mapping[str, tuple[str, ...]] = {
    "edge": ("provider", "no-provider"),
    "edge-legacy": ("no-provider",),
    "ie": ("provider", "no-provider"),
    "chrome": ("provider", "no-provider"),
    "firefox": ("provider", "no-provider"),
    "clickonce": (*VARIANTS, "tampered", "edited-after-signing"),
}


def tampered() -> dict[str, bytes]:
    """A signed app whose application manifest was edited and re-signed after the
    deployment manifest recorded its hash: the signing order of lawrence-clickonce done wrong."""
    spec = VARIANTS["signed"]
    files = publish(spec)
    key = f"{version_folder(spec)}/{spec.name}.exe.manifest"
    edited = files[key].replace(b'parameters=""', b'parameters="/safe-mode"')
    files[key] = resign(edited, SIGNER)
    return files


def edited_after_signing() -> dict[str, bytes]:
    """A signed app whose deployment manifest was edited after it was signed."""
    files = publish(VARIANTS["signed"])
    files["App.application"] = files["App.application"].replace(
        b'asmv2:product="Contoso App"', b'asmv2:product="Contoso App (beta)"')
    return files


_SPECIAL = {"tampered": tampered, "edited-after-signing": edited_after_signing}


def published(variant: str) -> dict[str, bytes]:
    """The files of ``variant``: relative path -> bytes."""
    special = _SPECIAL.get(variant)
    return special() if special is not None else publish(VARIANTS[variant])


# The Trusted Publishers stores the gallery replays (reg export files): which store, and
# the key name the certificate sits under (None: its SHA-1 thumbprint, as certutil writes).
_STORES = {
    "trusted-publisher-contoso.reg": (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft", None),
    "trusted-publisher-contoso-gpo.reg": (r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft",
                                          None),
    "trusted-publisher-wrong-key.reg": (r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft", "0" * 40),
}


def store_exports() -> dict[str, bytes]:
    """Each gallery .reg export of a Trusted Publishers store holding the real certificate of
    the test publisher Contoso (the one the signed gallery apps carry), as regedit exports."""
    from cryptography.hazmat.primitives.serialization import Encoding

    from sim.models.clickonce.publishers import CONTOSO, signer_for
    from sim.registry import Registry
    from sim.registry.reg_export import export_bytes
    from sim.registry.values import RegType
    from sim.world.certstore import serialize_element
    from sim.world.x509 import parse_certificate

    der = signer_for(CONTOSO).chain[0].public_bytes(Encoding.DER)
    out = {}
    for name, (root, key) in _STORES.items():
        reg = Registry()
        store = root + r"\SystemCertificates\TrustedPublisher"
        reg.set_value(rf"{store}\Certificates\{key or parse_certificate(der).thumbprint}",
                      "Blob", serialize_element(der), RegType.REG_BINARY)
        out[name] = export_bytes(reg, root=store)
    return out


def expected_files() -> dict[Path, bytes]:
    """Every gallery app file with its content, and the store exports."""
    out: dict[Path, bytes] = {}
    for folder, variants in FOLDERS.items():
        for variant in variants:
            for name, data in published(variant).items():
                out[ROOT / folder / "apps" / variant / name] = data
    for name, data in store_exports().items():
        out[ROOT / "clickonce" / "machines" / name] = data
    return out


def main() -> int:
    """Write the gallery's apps."""
    for path, data in expected_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(expected_files())} files under {ROOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
