"""The one log of rcdesk, `rcdesk.log` in the data folder, for the window and the CLI alike.

Never log personal data: log what happened (an exception's type and where), not the texts the
user typed or a file held."""

from __future__ import annotations

import logging
from pathlib import Path

from rcdesk.paths import log_file

log = logging.getLogger("rcdesk")


def setup_logging() -> Path:
    """Send rcdesk's log records to log_file() (once; moved if the data folder changed)."""
    path = log_file()
    for handler in list(log.handlers):
        if isinstance(handler, logging.FileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            log.removeHandler(handler)
            handler.close()
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)  # made at the first record
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def traceback_without_data(exc_type, exc, tb) -> str:
    """An exception's traceback for the log: where it happened and its type, not its message
    (a message may quote a customer's name, phone or an imported cell)."""
    import traceback

    frames = "".join(traceback.format_tb(tb))
    return f"Traceback (most recent call last):\n{frames}{exc_type.__module__}.{exc_type.__qualname__}"


def log_unexpected(what: str, exc: BaseException) -> None:
    """Log an unexpected exception without personal data."""
    log.error("%s\n%s", what, traceback_without_data(type(exc), exc, exc.__traceback__))
