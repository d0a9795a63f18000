r"""Win32 registry errors raised as CPython's ``winreg`` raises them on Windows.

Rule (CPython ``Python/errors.c`` ``PyErr_SetExcFromWindowsErrWithFilenameObjects``,
``Objects/exceptions.c`` ``oserror_init``, ``PC/errmap.h`` ``winerror_to_errno``; winreg
spec section 1): a failing registry call raises ``OSError(errno, message, None, winerror,
None)``. ``errno`` is ``winerror_to_errno(winerror)`` and picks the class (ENOENT ->
FileNotFoundError, EACCES -> PermissionError, EEXIST -> FileExistsError, anything else a
plain OSError); ``message`` is the system text with its final dot stripped; ``args`` is the
5-tuple; ``str(e)`` is ``"[WinError N] message"``.

On Linux ``OSError`` ignores its ``winerror`` argument and prints ``"[Errno N] ..."``, so
the classes here subclass the builtin ones, set ``winerror`` and print as Windows does.
They carry the builtin names and ``__module__ == "builtins"`` so that reprs and tracebacks
read exactly as on Windows (``FileNotFoundError: [WinError 2] The system cannot find the
file specified``); ``except FileNotFoundError`` and ``e.winerror`` both work, and they
pickle by their code.
"""

from __future__ import annotations

from typing import Final

__all__ = ["MESSAGES", "win_error"]

ERROR_FILE_NOT_FOUND: Final = 2
ERROR_ACCESS_DENIED: Final = 5
ERROR_INVALID_HANDLE: Final = 6
ERROR_INVALID_DATA: Final = 13
ERROR_BAD_NETPATH: Final = 53
ERROR_INVALID_PARAMETER: Final = 87
ERROR_NO_MORE_ITEMS: Final = 259
ERROR_KEY_DELETED: Final = 1018
ERROR_PRIVILEGE_NOT_HELD: Final = 1314

# winerror -> English system message without its final dot (MS "System Error Codes").
MESSAGES: Final[dict[int, str]] = {
    2: "The system cannot find the file specified",
    3: "The system cannot find the path specified",
    5: "Access is denied",
    6: "The handle is invalid",
    13: "The data is invalid",
    53: "The network path was not found",
    87: "The parameter is incorrect",
    120: "This function is not supported on this system",
    161: "The specified path is invalid",
    183: "Cannot create a file when that file already exists",
    234: "More data is available",
    259: "No more data is available",
    1009: "The configuration registry database is corrupt",
    1010: "The configuration registry key is invalid",
    1011: "The configuration registry key could not be opened",
    1012: "The configuration registry key could not be read",
    1013: "The configuration registry key could not be written",
    1018: "Illegal operation attempted on a registry key that has been marked for deletion",
    1314: "A required privilege is not held by the client",
}

# winerror -> errno (PC/errmap.h, Windows CRT errno numbers); any other code is EINVAL 22.
_ERRNO: Final[dict[int, int]] = {2: 2, 3: 2, 15: 2, 18: 2, 53: 2, 67: 2, 161: 2, 206: 2,
                                  5: 13, 6: 9, 80: 17, 183: 17}  # fmt: skip
_EINVAL: Final = 22


class _WinError(OSError):
    """An OSError that formats and pickles as CPython's does on Windows."""

    winerror: int

    def __str__(self) -> str:
        return f"[WinError {self.winerror}] {self.strerror}"

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return win_error, (self.winerror,)


def _named(base: type[OSError]) -> type[_WinError]:
    """Return a _WinError subclass of ``base`` that bears ``base``'s name."""
    cls = type(base.__name__, (_WinError, base), {"__module__": "builtins"})
    cls.__qualname__ = base.__name__
    return cls


# errno -> class, as OSError's constructor picks the subclass on Windows (errnomap).
_CLASSES: Final[dict[int, type[_WinError]]] = {
    2: _named(FileNotFoundError),
    13: _named(PermissionError),
    17: _named(FileExistsError),
    _EINVAL: _named(OSError),
}


def win_error(winerror: int) -> OSError:
    """Return the exception CPython's winreg raises for a failed call with this code."""
    errno = _ERRNO.get(winerror, _EINVAL)
    # Errors.c falls back to this text when FormatMessageW knows no message.
    message = MESSAGES.get(winerror, f"Windows Error 0x{winerror:x}")
    error = _CLASSES.get(errno, _CLASSES[_EINVAL])(errno, message, None, winerror, None)
    error.winerror = winerror
    return error
