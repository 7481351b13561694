"""The one log of rcdesk, `rcdesk.log` in the data folder, for the window and the CLI alike.

Never log personal data: log what happened (an exception's type and where), not the texts the
user typed or a file held."""

from __future__ import annotations

import logging
import traceback
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


def outline(exc: BaseException) -> str:
    """The exception's type and traceback frames (file, line, function, code), its causes
    included, without any message: a message may quote a customer's data (a cell, a key)."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        kind = type(current)
        parts.append(f"{kind.__module__}.{kind.__qualname__}\n{frames}")
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    return "causée par : ".join(parts)  # the error first, then what caused it


def log_unexpected(exc: BaseException, what: str) -> Path | None:
    """Write an unexpected error to rcdesk.log (type and frames only); returns the log's path
    (None when the log cannot be written: the error is still reported to the user)."""
    try:
        path = setup_logging()
    except OSError:
        path = None
    log.error("%s : erreur inattendue\n%s", what, outline(exc))
    return path


def traceback_without_data(exc_type, exc, tb) -> str:
    """The exception's outline for the log (see outline): type and frames, no message."""
    return outline(exc)
