"""Attachments (photos, scans): copied into the data dir, named by their SHA-256."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.models.base import utcnow, write_transaction
from rcdesk.models.complaints import Complaint, ComplaintAttachment, ComplaintEvent
from rcdesk.paths import attachments_dir
from rcdesk.services.settings import current_operator

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    filename: str
    size: int
    added_at: datetime
    who: str
    path: Path


def _hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def add_attachment(complaint_id: int, path: str | Path) -> int:
    """Copy the file into attachments_dir() as <sha256><suffix> (one copy per content) and
    link it to the complaint. The user's file is only read."""
    source = Path(path)
    row = Complaint.get_or_none(Complaint.id == complaint_id)
    if row is None:
        raise ServiceError(f"La réclamation n° {complaint_id} n'existe pas.")
    if not source.is_file():
        raise ValidationError("path", f"Fichier introuvable : « {source} ».")
    size = source.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise ValidationError("path", "La pièce jointe dépasse 25 Mo.")
    try:
        sha = _hash(source)
    except OSError as exc:
        raise ValidationError("path", f"Le fichier ne peut pas être lu ({exc.strerror}).") from exc
    stored_name = sha + source.suffix.lower()[:10]
    target = attachments_dir() / stored_name
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
                                             stored_name=stored_name, filename=source.name,
                                             size=size, added_at=utcnow(), who=current_operator())
            ComplaintEvent.create(complaint=complaint_id, at=utcnow(), who=current_operator(),
                                  what=f"Pièce jointe ajoutée : {source.name}", comment="")
    except Exception:
        if created:
            target.unlink(missing_ok=True)
        raise
    return att.id


def list_attachments(complaint_id: int) -> list[AttachmentRow]:
    folder = attachments_dir()
    return [AttachmentRow(i, name, size, at, who, folder / stored)
            for i, name, size, at, who, stored in ComplaintAttachment.select(
                ComplaintAttachment.id, ComplaintAttachment.filename, ComplaintAttachment.size,
                ComplaintAttachment.added_at, ComplaintAttachment.who,
                ComplaintAttachment.stored_name).where(
                ComplaintAttachment.complaint == complaint_id).order_by(
                ComplaintAttachment.id).tuples()]


def attachment_path(attachment_id: int) -> Path:
    row = ComplaintAttachment.get_or_none(ComplaintAttachment.id == attachment_id)
    if row is None:
        raise ServiceError("Cette pièce jointe n'existe plus.")
    return attachments_dir() / row.stored_name
