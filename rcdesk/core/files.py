"""Writing an output file the one way: into a temporary file beside it, then renamed.

A failed write leaves no partial file and leaves an existing file untouched; an existing file
is replaced only when the caller says so (the CLI's --force, a save dialog that asked)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from rcdesk.core.errors import ServiceError


class OutputExists(ServiceError):
    """The destination exists and overwrite was not asked for; path names it."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(f"Le fichier « {path} » existe déjà : il n'a pas été remplacé.")


def check_output(path: str | Path, *, overwrite: bool = False) -> Path:
    """The destination as a Path, refused in French before any work: missing folder, a
    folder given as the file, an existing file when overwrite is False."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise ServiceError(f"Impossible d'écrire « {target} » : c'est un dossier, donnez un "
                           "nom de fichier.")
    if not target.parent.is_dir():
        raise ServiceError(f"Le dossier « {target.parent} » n'existe pas.")
    if not overwrite and os.path.lexists(target):
        raise OutputExists(target)
    return target


def write_atomically(write: Callable[[str], object], path: str | Path, *,
                     overwrite: bool = False) -> Path:
    """Call write(temporary_path) then give the result the name path; returns path.

    The temporary file sits in the destination folder (same file system, so the rename is
    atomic) with a hidden name, and is removed whatever happens. Without overwrite an existing
    destination raises OutputExists, even one created while write() ran. An OSError (read-only
    folder, disk full) becomes a French ServiceError naming the file."""
    target = check_output(path, overwrite=overwrite)
    try:
        tmp = _create_temporary(target)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        write(str(tmp))
        _publish(tmp, target, overwrite)
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        _remove(tmp)
    return target


def _create_temporary(target: Path) -> Path:
    """An empty file beside target that no one else holds, with the usual permissions (the
    umask applies, unlike tempfile.mkstemp's 0600)."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {target}")


def _publish(tmp: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails if target appeared meanwhile: never replaced by accident
    except FileExistsError:
        raise OutputExists(target) from None
    except OSError:  # no hard links on this file system (FAT, some shares): check, then rename
        if os.path.lexists(target):
            raise OutputExists(target) from None
        os.replace(tmp, target)


def _remove(tmp: Path) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    except OSError:  # nothing better to do: the hidden temporary file stays
        pass


def _cannot_write(target: Path, exc: OSError) -> ServiceError:
    return ServiceError(f"Impossible d'écrire « {target} » : {exc.strerror or exc}.")
