"""Backups of a base: the daily automatic copy, its rotation, the list, restoring one.

A copy is a SQLite file named <base>-AAAA-MM-JJ.db in the backups folder (the setting
BACKUP_FOLDER_KEY, else « sauvegardes » in the data folder: a USB key or a synchronised folder
can be chosen). A SQLite base is copied with SQLite's online backup API, never by copying a file
being written; a PostgreSQL base is written as a portable SQLite copy by the transfer
(services/transfer.py), which `rcdesk restore` or `rcdesk transfer` brings back.

Rotation keeps the copies of the 7 latest days and, older than those, the latest copy of each
of the 4 latest weeks; the rest of the folder (other files, other bases' copies) is left alone.
A copy in the folder says whose it is (rcdesk_meta « backup_of »: the base's full path or
PostgreSQL address): two bases with the same file name in different folders keep their own
copies side by side (the second one's names carry a short mark of its path) and each rotation
only ever deletes its own base's copies. A failed automatic copy is recorded in the base
(BACKUP_FAILED_KEY) and said at the next start, until a copy succeeds.
No Qt here: the window and the CLI call these functions."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from peewee import SqliteDatabase

from rcdesk.core.errors import ServiceError
from rcdesk.db import BACKUP_OF_KEY, DatabaseOpenError, inspect_sqlite_file
from rcdesk.models.base import database_proxy

BACKUP_FOLDER_KEY = "backup_folder"
BACKUP_FAILED_KEY = "backup_failed"  # {"day": ISO date, "reason": French text} or absent
DEFAULT_FOLDER_NAME = "sauvegardes"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_NAME = re.compile(r"^(?P<base>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.db$")
# the tables a backup's line names, with their French label
SHOWN_COUNTS = (("customer", "client"), ("complaint", "réclamation"), ("purchase", "achat"))


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    base: str  # the base's name the copy is of
    day: date
    size: int
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows
    schema_version: int = 0
    problem: str | None = None  # why it cannot be restored, or None

    def summary(self) -> str:
        """« 1 234 clients, 56 réclamations, 7 890 achats » (or why it cannot be read)."""
        if self.problem:
            return self.problem
        parts = []
        for table, label in SHOWN_COUNTS:
            if table in self.counts:
                count = self.counts[table]
                parts.append(f"{count:,}".replace(",", "\u202f") + f" {label}"
                             + ("s" if count > 1 else ""))
        return ", ".join(parts)


# --- where ---------------------------------------------------------------------------------


def default_backup_folder() -> Path:
    from rcdesk.paths import data_dir

    return data_dir() / DEFAULT_FOLDER_NAME


def backup_folder() -> Path:
    """The folder of the automatic copies (the setting, else the default); not created here."""
    from rcdesk.services.settings import get_setting

    chosen = get_setting(BACKUP_FOLDER_KEY, "") or ""
    return Path(chosen).expanduser() if chosen else default_backup_folder()


def set_backup_folder(folder: str | Path | None) -> None:
    """Choose the backups folder (None or "": back to the default); it must exist."""
    from rcdesk.services.settings import set_setting

    if folder:
        path = Path(folder).expanduser()
        if not path.is_dir():
            raise ServiceError(f"Le dossier « {path} » n'existe pas.")
        set_setting(BACKUP_FOLDER_KEY, str(path))
    else:
        set_setting(BACKUP_FOLDER_KEY, "")


def base_name() -> str:
    """The open base's name in its copies' names: the file's stem, or the PostgreSQL base's."""
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase):
        return Path(db.path).stem
    return str(db.database)


def base_identity() -> str:
    """What makes this base one base among others: a file's full path, a PostgreSQL base's
    server address and name (never its password)."""
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase):
        return str(Path(db.path).expanduser().resolve())
    params = getattr(db, "connect_params", {}) or {}
    return f"postgresql://{params.get('host', '')}:{params.get('port', '')}/{db.database}"


def _copy_identity(path: Path) -> str | None:
    """The base a copy is of (its « backup_of » stamp), or None for a copy made before the
    stamp existed or a file that is not an rcdesk copy."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        row = con.execute('SELECT "value" FROM "rcdesk_meta" WHERE "key" = ?',
                          (BACKUP_OF_KEY,)).fetchone()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    return row[0] if row else None


def _stamp(path: Path, identity: str) -> None:
    con = sqlite3.connect(str(path))
    try:
        with con:
            con.execute('INSERT OR REPLACE INTO "rcdesk_meta" ("key", "value") VALUES (?, ?)',
                        (BACKUP_OF_KEY, identity))
    finally:
        con.close()


def _series(folder: Path) -> tuple[str, dict[date, Path]]:
    """(the name this base's copies take in folder, its copies there by day). Its copies are
    those stamped with its identity, and the unstamped ones named after it (older copies).
    When another base of the same name already keeps copies there, this one's names take
    a short mark of its identity, so neither replaces the other's copy of the day."""
    identity, stem = base_identity(), base_name()
    mine: dict[date, Path] = {}
    taken = False
    for path in folder.glob("*.db") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            day = date.fromisoformat(match["day"])
        except ValueError:
            continue
        owner = _copy_identity(path)
        if owner == identity or (owner is None and match["base"] == stem):
            mine[day] = path
        elif match["base"] == stem:
            taken = True
    if taken:
        stem = f"{stem}-{hashlib.sha1(identity.encode()).hexdigest()[:6]}"
    return stem, mine


def backup_file_name(base: str, day: date) -> str:
    return f"{base}-{day.isoformat()}.db"


def dated_copy_name(day: date | None = None) -> str:
    """The name « Enregistrer une copie… » proposes: rcdesk-<base>-AAAA-MM-JJ.db."""
    return backup_file_name(base_name(), day or date.today())


# --- writing a copy ------------------------------------------------------------------------


def write_copy(destination: str | Path, *, overwrite: bool = False) -> Path:
    """A copy of the open base at destination: SQLite's backup API for a file, the portable
    SQLite copy of the transfer for PostgreSQL. Atomic (a temporary name, then renamed)."""
    db = database_proxy.obj
    if isinstance(db, SqliteDatabase):
        from rcdesk.services.maintenance import backup_database

        return backup_database(destination, overwrite=overwrite)
    return portable_copy(destination, overwrite=overwrite)


def portable_copy(destination: str | Path, *, overwrite: bool = False) -> Path:
    """The open PostgreSQL base copied whole into a new SQLite file (the transfer format)."""
    from rcdesk.services.transfer import transfer_database

    dest = Path(destination).expanduser()
    if not dest.parent.is_dir():
        raise ServiceError(f"Le dossier « {dest.parent} » n'existe pas.")
    if dest.exists() and not overwrite:
        raise ServiceError(f"Le fichier « {dest} » existe déjà.")
    tmp = dest.with_name(f".{dest.name}.partial")
    _remove_sqlite(tmp)
    try:
        transfer_database(tmp)
    except BaseException:
        _remove_sqlite(tmp)
        raise
    os.replace(tmp, dest)
    return dest


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def backup_now(to: str | Path | None = None, *, today: date | None = None,
               overwrite: bool = False) -> Path:
    """A dated copy of the open base: into the backups folder (to=None, rotated then), into the
    folder to (dated name), or into the file to (replaced only when overwrite)."""
    today = today or date.today()
    name = backup_file_name(base_name(), today)
    if to is None:
        folder = backup_folder()
        _make_folder(folder)
        stem, mine = _series(folder)
        dest = mine.get(today) or folder / backup_file_name(stem, today)
        write_copy(dest, overwrite=True)  # today's copy, refreshed
        _stamp(dest, base_identity())
        mine[today] = dest
        _prune_copies(mine)
        _clear_failure()
        return dest
    target = Path(to).expanduser()
    if target.is_dir():
        return write_copy(target / name, overwrite=overwrite)
    return write_copy(target, overwrite=overwrite)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ServiceError(f"Le dossier des sauvegardes « {folder} » ne peut pas être créé "
                           f"({exc.strerror or exc}).") from exc


def auto_backup(today: date | None = None) -> Path | None:
    """The automatic copy (on closing the window): a SQLite base, at most once a day. Returns
    the copy made, or None when today's exists already or the base is not a file."""
    if not isinstance(database_proxy.obj, SqliteDatabase):
        return None
    today = today or date.today()
    if today in _series(backup_folder())[1]:
        return None
    try:
        return backup_now(today=today)
    except Exception as exc:
        _record_failure(today, exc)
        raise


def _record_failure(day: date, exc: BaseException) -> None:
    """Remember a failed automatic copy in the base, said at the next start."""
    from rcdesk.services.settings import set_setting

    reason = str(exc) if isinstance(exc, ServiceError) else (
        getattr(exc, "strerror", None) or type(exc).__name__)
    try:
        set_setting(BACKUP_FAILED_KEY, {"day": day.isoformat(), "reason": reason,
                                        "folder": str(backup_folder())})
    except Exception:  # noqa: BLE001 - the base itself may be the problem: the log has it
        return


def _clear_failure() -> None:
    from rcdesk.services.settings import get_setting, set_setting

    if get_setting(BACKUP_FAILED_KEY):
        set_setting(BACKUP_FAILED_KEY, None)


def backup_failure() -> str | None:
    """The French sentence saying the last automatic copy failed, or None."""
    from rcdesk.services.settings import get_setting

    failed = get_setting(BACKUP_FAILED_KEY)
    if not failed:
        return None
    day = date.fromisoformat(failed["day"]).strftime("%d/%m/%Y")
    return (f"La sauvegarde automatique du {day} n'a pas pu être faite dans « "
            f"{failed.get('folder', '')} » : {failed.get('reason', '').rstrip('.')}. Branchez le "
            "support "
            "ou choisissez un autre dossier (Fichier ▸ Restaurer une sauvegarde… ▸ Changer de "
            "dossier).")


def copies_to_keep(days: list[date]) -> set[date]:
    """The rotation rule: the KEEP_DAILY latest days, then the latest day of each of the
    KEEP_WEEKLY latest ISO weeks among the older ones."""
    ordered = sorted(set(days), reverse=True)
    keep = set(ordered[:KEEP_DAILY])
    weeks: dict[tuple[int, int], date] = {}
    for day in ordered[KEEP_DAILY:]:
        week = day.isocalendar()[:2]
        if week not in weeks:
            weeks[week] = day  # the latest of its week: days go newest first
    for week in sorted(weeks, reverse=True)[:KEEP_WEEKLY]:
        keep.add(weeks[week])
    return keep


def prune(folder: Path, base: str, today: date | None = None) -> list[Path]:
    """Delete the copies of base in folder that the rotation does not keep; returns them.
    A copy dated after today (a clock put back) is kept and counts as recent."""
    copies = {}
    for path in folder.glob("*.db"):
        match = _NAME.match(path.name)
        if match and match["base"] == base:
            try:
                copies[date.fromisoformat(match["day"])] = path
            except ValueError:
                continue
    return _prune_copies(copies)


def _prune_copies(copies: dict[date, Path]) -> list[Path]:
    keep = copies_to_keep(list(copies))
    removed = []
    for day, path in copies.items():
        if day not in keep:
            _remove_sqlite(path)
            removed.append(path)
    return sorted(removed)


# --- listing and restoring -----------------------------------------------------------------


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """The dated copies in the folder, newest first, with what each holds."""
    folder = folder or backup_folder()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        match = _NAME.match(path.name)
        if not match:
            continue
        try:
            day = date.fromisoformat(match["day"])
        except ValueError:
            continue
        found.append(read_backup(path, match["base"], day))
    return sorted(found, key=lambda b: (b.day, b.path.stat().st_mtime if b.path.exists()
                                        else 0, b.base), reverse=True)


def read_backup(path: Path, base: str = "", day: date | None = None) -> BackupInfo:
    """What a copy holds (rows of each table), read without changing it."""
    size = path.stat().st_size if path.exists() else 0
    match = _NAME.match(path.name)
    if day is None and match:
        try:
            base, day = base or match["base"], date.fromisoformat(match["day"])
        except ValueError:
            pass
    day = day or date.fromtimestamp(path.stat().st_mtime)
    try:
        version = inspect_sqlite_file(path)
    except DatabaseOpenError as exc:
        return BackupInfo(path, base, day, size, problem=exc.problem)
    if version == 0:
        return BackupInfo(path, base, day, size, problem="fichier vide")
    counts = {}
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        for table, _label in SHOWN_COUNTS:
            if table in tables:
                counts[table] = con.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()
    return BackupInfo(path, base, day, size, counts, version)


def restore_file(backup: str | Path, target: str | Path, *,
                 now: datetime | None = None) -> Path | None:
    """Put the copy backup in place of the SQLite base at target, which must not be open in
    this process. The current file is first copied aside (« <nom>.avant-restauration-<date>.db »,
    returned; None when there was no base to keep). The copy is checked before anything is
    touched, and written through SQLite's backup API (the target's journal is honoured)."""
    source = Path(backup).expanduser()
    dest = Path(target).expanduser()
    if not source.is_file():
        raise ServiceError(f"La sauvegarde « {source} » n'existe pas.")
    if dest.exists() and source.resolve() == dest.resolve():
        raise ServiceError("La sauvegarde choisie est la base elle-même.")
    try:
        version = inspect_sqlite_file(source)
    except DatabaseOpenError as exc:
        raise ServiceError(f"Cette sauvegarde ne peut pas être restaurée : {exc.problem}") \
            from exc
    if version == 0:
        raise ServiceError(f"La sauvegarde « {source} » est vide : ce n'est pas une base rcdesk.")
    if not dest.parent.is_dir():
        raise ServiceError(f"Le dossier « {dest.parent} » n'existe pas.")
    aside = None
    if dest.exists() and dest.stat().st_size > 0:
        stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
        aside = dest.with_name(f"{dest.stem}.avant-restauration-{stamp}{dest.suffix or '.db'}")
        from rcdesk.db import backup_sqlite

        try:
            backup_sqlite(dest, aside)
        except (sqlite3.Error, OSError) as exc:
            raise ServiceError(f"La base actuelle n'a pas pu être mise de côté ({exc}) : rien "
                               "n'a été restauré.") from exc
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(str(dest))
    try:
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.Error as exc:
        raise ServiceError(f"La restauration a échoué ({exc}) ; la base d'avant est gardée : "
                           f"« {aside} ».") from exc
    finally:
        dst.close()
        src.close()
    return aside
