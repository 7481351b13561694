"""rcdesk.log in the data folder: where unexpected errors are written, without personal data."""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path

from rcdesk.paths import log_file

log = logging.getLogger("rcdesk")


def setup_logging() -> Path:
    """Send the "rcdesk" logger to the data folder's rcdesk.log; returns the file's path.

    One file handler at a time: a handler left on another data folder (RCDESK_DATA_DIR
    changed since) is replaced, never added to."""
    path = log_file()
    for handler in [h for h in log.handlers if isinstance(h, logging.FileHandler)]:
        if handler.baseFilename == os.path.abspath(path):
            return path
        log.removeHandler(handler)
        handler.close()
    handler = logging.FileHandler(path, encoding="utf-8")
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


def log_unexpected(exc: BaseException, what: str) -> Path:
    """Write an unexpected error to rcdesk.log (type and frames only); returns the log's path."""
    path = setup_logging()
    log.error("%s : erreur inattendue\n%s", what, outline(exc))
    return path
