"""The virtual Windows registry: hives, the merged HKEY_CLASSES_ROOT view, .reg files, winreg.

See ``docs/registry.md`` for the model and its sources.
"""

from sim.registry.core import Registry, encode_value
from sim.registry.paths import DEFAULT_USER_SID, Hive, KeyPath
from sim.registry.reg_import import ImportReport, RegWarning
from sim.registry.values import RegType, RegValue, type_name

__all__ = [
    "DEFAULT_USER_SID",
    "Hive",
    "ImportReport",
    "KeyPath",
    "RegType",
    "RegValue",
    "RegWarning",
    "Registry",
    "encode_value",
    "type_name",
]
