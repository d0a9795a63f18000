"""File associations: extension and MIME type to ProgID, ProgID to verb and command.

Resolution order, each step a rule in :data:`ASSOC_RULES`:

1. extension -> ProgID: the user's choice
   (``HKCU\\...\\Explorer\\FileExts\\.ext\\UserChoice`` ``ProgId``, honoured when its
   ``Hash`` is present: Windows resets a choice whose hash does not validate, and
   invokesim cannot compute the hash [inf]); else the ``.ext`` key's default value;
   else the ``.ext`` key itself when it holds ``shell`` verbs (Wine
   ``SHELL_FindExecutable``); else the first ``OpenWithProgids`` value naming a
   ProgID with the verb [inf: order = value creation order].
2. MIME type -> extension: ``HKCR\\MIME\\Database\\Content Type\\<type>`` ``Extension``.
3. ProgID -> verb: the one asked for; else the ``shell`` key's default value when
   that verb has a command; else ``open``; else the first verb in enumeration
   order (Windows documents "the first verb listed"; invokesim lists verbs sorted
   [inf]).
4. verb -> command: ``shell\\<verb>\\command``'s default value; a REG_EXPAND_SZ
   command has its environment variables expanded.
"""

from __future__ import annotations

import ntpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sim.core.rules import Rule, Step, rule_table
from sim.registry import Registry, RegType
from sim.shell.editflags import decode_edit_flags, edit_flags_value
from sim.shell.expand import expand_environment

__all__ = [
    "ASSOC_RULES",
    "Association",
    "associate",
    "associate_class",
    "associate_mime",
    "extension_for_mime",
    "extension_of",
]

_FILE_EXTS: Final = (
    r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Explorer\FileExts"
)

ASSOC_RULES: Final = rule_table(
    [
        Rule(id="shell.user_choice", summary="the user's choice (UserChoice ProgId) wins",
             source='win32-default-programs: the user choice of default program for a file type'),
        Rule(id="shell.user_choice_reset", inferred=True,
             summary="a UserChoice without its Hash is ignored, as Windows resets it",
             source='firefox-userchoice: inferred from the UserChoice Hash check Windows applies'),
        Rule(id="shell.ext_default", summary="the extension key's default value names the ProgID",
             source='win32-fa-file-types: the default value of the extension key names the ProgID'),
        Rule(id="shell.ext_as_class", summary="an extension key with shell verbs is its own class",
             source=(
                 "wine-shlexec: SHELL_FindExecutable, an extension key with shell verbs is its "
                 "own class")),
        Rule(id="shell.open_with_progids", inferred=True,
             summary="OpenWithProgids lists alternative ProgIDs (first with the verb wins)",
             source="win32-open-with: inferred from the OpenWithProgids subkey (which ProgID "
                    "wins is not in the source)"),
        Rule(id="shell.mime_extension", inferred=True,
             summary="a MIME type maps to an extension in the MIME database",
             source=(
                 'ie-directinvoke: inferred from "IE determines the default handler application '
                 "for the MIME type on the user's system by examining shell registration\"")),
        Rule(id="shell.no_association", summary="no ProgID or no command: no association",
             source='win32-shellexecute: section "Return value": SE_ERR_NOASSOC'),
        Rule(id="shell.default_verb", summary="the shell key's default value is the primary verb",
             source=(
                 "win32-verbs-legacy: the default value of the shell subkey names the primary "
                 "verb")),
        Rule(id="shell.open_verb", summary="without a default verb, open is used",
             source=(
                 'win32-shellexecute: parameter lpOperation: "the default verb is used, if '
                 'available. If not, the open verb is used"')),
        Rule(id="shell.first_verb", inferred=True,
             summary="without default or open, the first verb listed is used", source=(
                 'win32-shellexecute: inferred from lpOperation: "If neither verb is available, '
                 'the system uses the first verb listed in the registry"')),
        Rule(id="shell.verb_command", summary="the verb's command key holds the command line",
             source='win32-fa-verbs: the command subkey of each verb holds its command line'),
        Rule(id="shell.edit_flags", summary="the ProgID's EditFlags are decoded as FTA_* bits",
             source='win32-filetypeattributeflags: the FTA_* values'),
    ]
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Association:
    """What the registry says opens a file type, and how it was found."""

    extension: str | None
    progid: str | None
    verb: str | None
    command: str | None
    edit_flags: int
    delegate_clsid: str | None
    steps: tuple[Step, ...]

    @property
    def found(self) -> bool:
        """True when a command was found."""
        return self.command is not None


def extension_of(name: str) -> str:
    """Return the last extension of a file name or path, with its dot, or ``""``."""
    return ntpath.splitext(ntpath.basename(name))[1]


def extension_for_mime(reg: Registry, mime: str, steps: list[Step]) -> str | None:
    """Return the extension the MIME database gives a type (rule shell.mime_extension)."""
    key = rf"HKEY_CLASSES_ROOT\MIME\Database\Content Type\{mime}"
    value = reg.get_value(key, "Extension") if mime and "\\" not in mime else None
    ext = value.text if value is not None else None
    steps.append(Step("shell.mime_extension", f"{mime} -> {ext}" if ext else f"{mime}: none"))
    return ext or None


def _user_choice(reg: Registry, ext: str, steps: list[Step]) -> str | None:
    key = rf"{_FILE_EXTS}\{ext}\UserChoice"
    progid = reg.get_value(key, "ProgId")
    if progid is None or not progid.text:
        return None
    if reg.get_value(key, "Hash") is None:
        steps.append(
            Step("shell.user_choice_reset", f"{ext}: UserChoice {progid.text} has no Hash")
        )
        return None
    steps.append(Step("shell.user_choice", f"{ext} -> {progid.text}"))
    return progid.text


def _has_verbs(reg: Registry, cls: str) -> bool:
    return reg.has_key(rf"HKEY_CLASSES_ROOT\{cls}\shell") and bool(
        reg.subkeys(rf"HKEY_CLASSES_ROOT\{cls}\shell")
    )


def _class_candidates(reg: Registry, ext: str, steps: list[Step]) -> list[str]:
    """ProgIDs to try for an extension, in resolution order (step 1)."""
    chosen = _user_choice(reg, ext, steps)
    if chosen:
        return [chosen]
    ext_key = rf"HKEY_CLASSES_ROOT\{ext}"
    if not reg.has_key(ext_key):
        return []
    found: list[str] = []
    default = reg.get_value(ext_key)
    if default is not None and default.text:
        steps.append(Step("shell.ext_default", f"{ext} -> {default.text}"))
        found.append(default.text)
    elif _has_verbs(reg, ext):
        steps.append(Step("shell.ext_as_class", f"{ext} holds its own verbs"))
        found.append(ext)
    owp = rf"{ext_key}\OpenWithProgids"
    if reg.has_key(owp):
        others = [v.name for v in reg.values(owp) if v.name and v.name not in found]
        if others:
            steps.append(Step("shell.open_with_progids", f"{ext}: {', '.join(others)}"))
        found += others
    return found


def _pick_verb(reg: Registry, cls: str, verb: str | None, steps: list[Step]) -> str | None:
    """Step 3: the verb to use for a class, or None."""
    shell = rf"HKEY_CLASSES_ROOT\{cls}\shell"
    if verb is not None:
        return verb if reg.has_key(rf"{shell}\{verb}\command") else None
    default = reg.get_value(shell)
    if default is not None and default.text:
        first = default.text.replace(",", " ").split()[0]
        if reg.has_key(rf"{shell}\{first}\command"):
            steps.append(Step("shell.default_verb", f"{cls}: {first}"))
            return first
    if reg.has_key(rf"{shell}\open\command"):
        steps.append(Step("shell.open_verb", f"{cls}: open"))
        return "open"
    for name in reg.subkeys(shell) if reg.has_key(shell) else []:
        if reg.has_key(rf"{shell}\{name}\command"):
            steps.append(Step("shell.first_verb", f"{cls}: {name}"))
            return name
    return None


def associate_class(
    reg: Registry,
    cls: str,
    verb: str | None = None,
    *,
    extension: str | None = None,
    environment: Mapping[str, str] | None = None,
    steps: list[Step] | None = None,
) -> Association:
    """Resolve a class (ProgID) to its verb and command (steps 3-4)."""
    steps = [] if steps is None else steps
    chosen = _pick_verb(reg, cls, verb, steps)
    flags = edit_flags_value(reg.get_value(rf"HKEY_CLASSES_ROOT\{cls}", "EditFlags"))
    if flags:
        steps.append(Step("shell.edit_flags", f"{cls}: 0x{flags:08x} "
                          f"({', '.join(decode_edit_flags(flags)) or 'no known bit'})"))
    if chosen is None:
        steps.append(Step("shell.no_association", f"{cls}: no {verb or 'default'} verb command"))
        return Association(extension=extension, progid=cls, verb=None, command=None,
                           edit_flags=flags, delegate_clsid=None, steps=tuple(steps))
    key = rf"HKEY_CLASSES_ROOT\{cls}\shell\{chosen}\command"
    value = reg.get_value(key)
    command = value.text if value is not None else None
    if command is not None and value is not None and value.type == RegType.REG_EXPAND_SZ:
        command = expand_environment(command, environment or {})
    delegate = reg.get_value(key, "DelegateExecute")
    drop = reg.get_value(rf"HKEY_CLASSES_ROOT\{cls}\shell\{chosen}\DropTarget", "Clsid")
    clsid = (delegate.text if delegate else None) or (drop.text if drop else None)
    steps.append(Step("shell.verb_command", f"{cls}\\shell\\{chosen}: {command!r}"))
    return Association(extension=extension, progid=cls, verb=chosen, command=command or None,
                       edit_flags=flags, delegate_clsid=clsid, steps=tuple(steps))


def associate(
    reg: Registry,
    extension: str,
    verb: str | None = None,
    *,
    environment: Mapping[str, str] | None = None,
    steps: list[Step] | None = None,
) -> Association:
    """Resolve an extension (``.fuzzle``) to the class, verb and command that open it."""
    steps = [] if steps is None else steps
    candidates = _class_candidates(reg, extension, steps) if extension else []
    fallback: Association | None = None
    for cls in candidates:
        result = associate_class(reg, cls, verb, extension=extension,
                                 environment=environment, steps=list(steps))
        if result.found:
            return result
        fallback = fallback or result
    if fallback is not None:
        return fallback
    steps.append(Step("shell.no_association", f"{extension or 'no extension'}: no ProgID"))
    return Association(extension=extension or None, progid=None, verb=None, command=None,
                       edit_flags=0, delegate_clsid=None, steps=tuple(steps))


def associate_mime(
    reg: Registry,
    mime: str,
    verb: str | None = None,
    *,
    environment: Mapping[str, str] | None = None,
) -> Association:
    """Resolve a MIME type to its default handler: MIME -> extension -> ProgID -> verb."""
    steps: list[Step] = []
    ext = extension_for_mime(reg, mime.split(";", 1)[0].strip().lower(), steps)
    if ext is None:
        steps.append(Step("shell.no_association", f"{mime}: no extension"))
        return Association(extension=None, progid=None, verb=None, command=None,
                           edit_flags=0, delegate_clsid=None, steps=tuple(steps))
    return associate(reg, ext, verb, environment=environment, steps=steps)
