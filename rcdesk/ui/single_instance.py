"""One rcdesk window per database file: the lock, where it is kept, the refusal message."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QLockFile

from rcdesk.db import is_url
from rcdesk.paths import data_dir

LOCK_WAIT_MS = 100  # a lock being released by a closing window is worth a short wait


class AlreadyOpen(Exception):
    """Another rcdesk on this computer has the file open; str() is the French message."""

    def __init__(self, target: str):
        super().__init__(already_open_message(target))
        self.target = target


def lock_path_for(target: str) -> Path:
    """One lock file per database file, kept in the data dir (never beside the user's file)."""
    key = hashlib.sha1(str(Path(target).expanduser().resolve()).encode()).hexdigest()[:16]
    folder = data_dir() / "locks"
    folder.mkdir(exist_ok=True)
    return folder / f"{key}.lock"


def lock_database(target: str) -> QLockFile | None:
    """Hold target's lock for this process until unlock(); None for a server URL, which
    several PCs share on purpose. Raises AlreadyOpen while another rcdesk holds it."""
    if is_url(target):
        return None
    lock = QLockFile(str(lock_path_for(target)))
    # Never stale by age: a window left open for days keeps its file. A lock whose process
    # died is still taken over (QLockFile checks the process id it recorded).
    lock.setStaleLockTime(0)
    if not lock.tryLock(LOCK_WAIT_MS):
        raise AlreadyOpen(target)
    return lock


def already_open_message(target: str) -> str:
    return (f"La base « {target} » est déjà ouverte dans une autre fenêtre de rcdesk sur cet "
            "ordinateur. Fermez-la d'abord, ou ouvrez un autre fichier.")
