"""Attachments (photos, scans): copied into the data dir, named by their SHA-256.

A stored name comes from a database row, and a row may come from elsewhere (a shared
PostgreSQL server, a .db file received): stored_path() is the one way from a row to a file,
used to open, list and delete, and refuses any name that leads outside the attachments folder.
Programs and scripts are refused at attach time and never opened."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.text import clean_text
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.complaints import Complaint, ComplaintAttachment, ComplaintEvent
from rcdesk.paths import attachments_dir
from rcdesk.services.settings import current_operator

log = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
# What a desktop runs instead of showing when it is "opened" (Windows, macOS, Linux desktops).
EXECUTABLE_SUFFIXES = frozenset("""
    .exe .com .bat .cmd .pif .scr .cpl .msi .msp .mst .msc .dll .ocx .sys .drv .gadget
    .application .appref-ms .js .jse .vbs .vbe .vb .wsf .wsh .wsc .ws .sct .hta
    .chm .hlp .lnk .url .scf .inf .ins .isp .reg .ps1 .ps1xml .ps2
    .ps2xml .psc1 .psc2 .psd1 .psm1 .msh .msh1 .msh2 .mshxml .settingcontent-ms .library-ms
    .search-ms .searchconnector-ms .appx .appxbundle .msix .msixbundle .iso .img .vhd .vhdx
    .jar .jnlp .class .py .pyw .pyc .pyz .pl .rb .php .tcl .lua .sh .bash .zsh .csh .ksh .run
    .bin .out .elf .so .appimage .desktop .deb .rpm .snap .flatpakref .app .command .tool
    .pkg .mpkg .dmg .workflow .action .terminal .scpt .applescript .osax .prefpane .kext
""".split())
# The first bytes of a program: refused too when the file has no suffix to go by.
_PROGRAM_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe",
                  b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,9}")
OUTSIDE = ("Cette pièce jointe est refusée : son fichier enregistré pointe hors du dossier des "
           "pièces jointes (ligne venue d'une autre base ou modifiée).")


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    filename: str
    size: int
    added_at: datetime
    who: str
    path: Path | None  # None: the stored name leads outside the folder (refused)


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def display_filename(name: str) -> str:
    """A file name as shown and stored: one line, no control character, no bidi override
    ("photo" U+202E "gpj.exe" would show as "photoexe.jpg")."""
    return clean_text(name, multiline=False).strip()


def executable_suffix(name: str) -> str | None:
    """The suffix of name when a desktop would run the file rather than show it, else None."""
    suffix = Path(display_filename(name).rstrip(". ")).suffix.lower()
    return suffix if suffix in EXECUTABLE_SUFFIXES else None


def _refuse_program(name: str, source: Path) -> None:
    suffix = executable_suffix(name)
    if suffix is None and not Path(name).suffix:
        try:
            with source.open("rb") as handle:
                head = handle.read(4)
        except OSError:
            head = b""
        if head.startswith(_PROGRAM_MAGIC):
            suffix = "programme"
    if suffix:
        raise ValidationError("path", f"« {name} » est un programme ou un script ({suffix}) : "
                                      "rcdesk ne joint pas de fichier qui s'exécuterait à "
                                      "l'ouverture. Joignez une photo, un PDF ou un document.")


def stored_path(stored_name: str, attachment_id: int | None = None) -> Path:
    """The file of an attachment row: attachments_dir() / stored_name, once checked that it
    stays inside that folder (no separator, no "..", no absolute path, no symbolic link, no
    folder). ServiceError otherwise, logged without the name (it may hold anything)."""
    folder = attachments_dir()
    name = stored_name or ""
    candidate = folder / name
    try:
        inside = (bool(name) and name not in (".", "..") and Path(name).name == name
                  and "/" not in name and "\\" not in name and not candidate.is_symlink()
                  and not candidate.is_dir()
                  and candidate.resolve().parent == folder.resolve())
    except (OSError, ValueError):
        inside = False
    if not inside:
        log.warning("attachment %s refused: its stored path leaves the attachments folder",
                    attachment_id if attachment_id is not None else "?")
        raise ServiceError(OUTSIDE)
    return candidate


def add_attachment(complaint_id: int, path: str | Path) -> int:
    """Copy the file into attachments_dir() as <sha256><suffix> (one copy per content) and
    link it to the complaint. The user's file is only read. Programs and scripts
    (EXECUTABLE_SUFFIXES) are refused; bidi overrides are removed from the name."""
    source = Path(path)
    row = Complaint.get_or_none(Complaint.id == complaint_id)
    if row is None:
        raise ServiceError(f"La réclamation n° {complaint_id} n'existe pas.")
    if not source.is_file():
        raise ValidationError("path", f"Fichier introuvable : « {source} ».")
    filename = display_filename(source.name) or "pièce jointe"
    _refuse_program(filename, source)
    size = source.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError("path", "La pièce jointe dépasse 25 Mo.")
    try:
        sha = _hash(source)
    except OSError as exc:
        raise ValidationError("path", f"Le fichier ne peut pas être lu ({exc.strerror}).") from exc
    suffix = Path(filename).suffix.lower()
    stored_name = sha + (suffix if _SAFE_SUFFIX.fullmatch(suffix) else "")
    target = stored_path(stored_name)
    created = False
    if not target.exists():
        # copy to a temp name then rename: a half-copied file never carries the final name
        fd, tmp = tempfile.mkstemp(dir=attachments_dir(), prefix=".part-")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise ServiceError(f"Copie de la pièce jointe impossible ({exc.strerror}).") from exc
        created = True
    try:
        with write_transaction():
            att = ComplaintAttachment.create(complaint=complaint_id, sha256=sha,
                                             stored_name=stored_name, filename=filename,
                                             size=size, added_at=utcnow(), who=current_operator())
            ComplaintEvent.create(complaint=complaint_id, at=utcnow(), who=current_operator(),
                                  what=f"Pièce jointe ajoutée : {filename}", comment="")
    except Exception:
        if created:
            target.unlink(missing_ok=True)
        raise
    return att.id


def list_attachments(complaint_id: int) -> list[AttachmentRow]:
    """The complaint's attachments; path is None for a row whose stored name is refused;
    who is the operator's name (never the login)."""
    from rcdesk.services.settings import operator_names

    names = operator_names()
    rows = []
    for i, name, size, at, who, stored in ComplaintAttachment.select(
            ComplaintAttachment.id, ComplaintAttachment.filename, ComplaintAttachment.size,
            ComplaintAttachment.added_at, ComplaintAttachment.who,
            ComplaintAttachment.stored_name).where(
            ComplaintAttachment.complaint == complaint_id).order_by(
            ComplaintAttachment.id).tuples():
        try:
            path = stored_path(stored, i)
        except ServiceError:
            path = None
        rows.append(AttachmentRow(i, display_filename(name), size, at, names.get(who, who),
                                  path))
    return rows


def attachment_path(attachment_id: int) -> Path:
    """The file to open for an attachment: inside the attachments folder, and not a program
    (a row from elsewhere may name one: it is refused, never run)."""
    row = ComplaintAttachment.get_or_none(ComplaintAttachment.id == attachment_id)
    if row is None:
        raise ServiceError("Cette pièce jointe n'existe plus.")
    path = stored_path(row.stored_name, attachment_id)
    suffix = executable_suffix(row.stored_name) or executable_suffix(row.filename)
    if suffix:
        log.warning("attachment %s not opened: a program or script", attachment_id)
        raise ServiceError(f"Cette pièce jointe est un programme ou un script ({suffix}) : "
                           "rcdesk ne l'ouvre pas. Le fichier est dans le dossier des pièces "
                           f"jointes : {attachments_dir()}")
    if not path.is_file():
        raise ServiceError("Le fichier de cette pièce jointe est introuvable dans le dossier "
                           "des pièces jointes.")
    return path
