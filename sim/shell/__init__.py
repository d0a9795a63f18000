"""The Windows shell between a browser and an application: associations, URL support,
command expansion, CommandLineToArgvW and ShellExecute. See ``docs/shell.md``."""

from sim.shell.argv import command_line_to_argv, quote_argument
from sim.shell.assoc import Association, associate, associate_class, associate_mime
from sim.shell.editflags import decode_edit_flags
from sim.shell.execute import Launch, ShellError, ShellResult, shell_execute
from sim.shell.expand import expand_command, expand_environment
from sim.shell.urlcap import url_support

__all__ = [
    "Association",
    "Launch",
    "ShellError",
    "ShellResult",
    "associate",
    "associate_class",
    "associate_mime",
    "command_line_to_argv",
    "decode_edit_flags",
    "expand_command",
    "expand_environment",
    "quote_argument",
    "shell_execute",
    "url_support",
]
