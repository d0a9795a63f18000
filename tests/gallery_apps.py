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


def expected_files() -> dict[Path, bytes]:
    """Every gallery app file with its content."""
    out: dict[Path, bytes] = {}
    for folder, variants in FOLDERS.items():
        for variant in variants:
            for name, data in published(variant).items():
                out[ROOT / folder / "apps" / variant / name] = data
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
