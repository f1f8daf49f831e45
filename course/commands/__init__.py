"""One module per ``python -m course`` command."""

from __future__ import annotations

import errno
import os
import socket
import sys

from course.i18n import UnknownLanguageError, normalize_language

EXIT_OK = 0
EXIT_FAILED = 1  # the command could not do its work (a store that cannot be written, ...)
EXIT_BAD_INPUT = 2  # what the user gave is wrong: a message says what; never a traceback
LOOPBACK = "127.0.0.1"


def chosen_language(requested: str | None, default: str) -> str | None:
    """The language a ``--lang`` option names (``default`` when absent).

    None after printing why on stderr, so every command refuses an unknown
    language with the same message and exit status.
    """
    if requested is None:
        return default
    try:
        return normalize_language(requested)
    except UnknownLanguageError as exc:
        print(exc, file=sys.stderr)
        return None


def port_is_free(port: int, host: str = LOOPBACK) -> bool:
    """Whether a server could listen on ``port`` now (bound as servers bind: a port
    still in TIME_WAIT counts as free on POSIX, as it does for tornado)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OverflowError:
            return False  # not a port number at all
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES,
                             getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)):
                return False
            raise
    return True
