"""What the command line tells the user beyond its output: errors, internal errors, exit codes.

Exit codes (``docs/cli.md``): 0 success; 1 a check failed; 2 the command line or an input
file is invalid; 3 an internal error (a bug: the message asks for a report).
"""

from __future__ import annotations

import os
import sys

__all__ = ["EXIT_FAILED", "EXIT_INTERNAL", "EXIT_INVALID", "EXIT_OK", "REPORT_URL", "err",
           "internal"]

EXIT_OK, EXIT_FAILED, EXIT_INVALID, EXIT_INTERNAL = 0, 1, 2, 3
REPORT_URL = "https://github.com/invokesim/invokesim/issues"


def err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def internal(what: str, error: str, details: str) -> None:
    """Report a bug (exit 3): what failed, and where to send it."""
    err(f"internal error in invokesim while {what}: {error}")
    err(f"this is a bug, not a problem with your input; please report it with the command "
         f"and the input files at {REPORT_URL} (set INVOKESIM_TRACEBACK=1 for the details)")
    if os.environ.get("INVOKESIM_TRACEBACK"):
        sys.stderr.write(details)
