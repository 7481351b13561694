"""Attachments: a stored name never leads outside the attachments folder (open, list,
erasure), programs and scripts are refused at attach time and never opened, bidi overrides go
from names."""

import hashlib
import logging
import os

import pytest

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.models.complaints import ComplaintAttachment, ComplaintEvent
from rcdesk.services.complaints import (
    ComplaintInput,
    add_attachment,
    attachment_path,
    list_attachments,
    register_complaint,
)
from rcdesk.services.complaints.attachments import OUTSIDE, stored_path
from rcdesk.services.gdpr import anonymise_customer

RLO = "\u202e"


@pytest.fixture
def complaint(customer):
    return register_complaint(ComplaintInput(customer_id=customer, channel="comptoir",
                                             description="Théière fêlée")).id


@pytest.fixture
def folder(isolated_data_dir):
    from rcdesk.paths import attachments_dir

    assert attachments_dir() == isolated_data_dir / "attachments"
    return attachments_dir()


@pytest.fixture
def victim(tmp_path):
    """A file of the user's outside the attachments folder: nothing may touch it."""
    path = tmp_path / "outside" / "victim.txt"
    path.parent.mkdir()
    path.write_text("mes documents")
    return path


def _crafted(complaint_id: int, stored_name: str, filename: str = "photo.jpg") -> int:
    """A row as a shared server or a received .db file may hold it."""
    return ComplaintAttachment.create(complaint=complaint_id, sha256="0" * 64,
                                      stored_name=stored_name, filename=filename, size=1,
                                      who="x").id


@pytest.mark.parametrize("name", [
    "photo\u202egpj.exe", "setup.exe", "SETUP.EXE", "x.bat", "x.cmd", "x.com", "x.js", "x.jse",
    "x.vbs", "x.vbe", "x.wsf", "raccourci.lnk", "x.ps1", "x.psm1", "x.scr", "x.msi", "x.jar",
    "x.sh", "x.desktop", "x.app", "x.hta", "x.cpl", "x.reg", "x.py", "facture.pdf.exe",
    "trailing.exe.", "trailing.exe ",
])
def test_programs_and_scripts_are_refused_at_attach_time(complaint, tmp_path, folder, name):
    path = tmp_path / name
    path.write_bytes(b"not really a program")
    with pytest.raises(ValidationError) as info:
        add_attachment(complaint, path)
    assert info.value.field == "path"
    assert "programme ou un script" in info.value.message
    assert RLO not in info.value.message
    assert ComplaintAttachment.select().count() == 0
    assert list(folder.iterdir()) == []


def test_a_program_without_suffix_is_refused_by_its_first_bytes(complaint, tmp_path):
    for head in (b"MZ\x90\x00", b"\x7fELF\x02", b"#!/bin/sh\n"):
        path = tmp_path / "LISEZMOI"
        path.write_bytes(head + b"rest")
        with pytest.raises(ValidationError):
            add_attachment(complaint, path)
    path.write_bytes(b"Bonjour, voici ma facture.")
    add_attachment(complaint, path)
    assert [r.filename for r in list_attachments(complaint)] == ["LISEZMOI"]


def test_bidi_overrides_leave_the_name_and_the_timeline(complaint, tmp_path, folder):
    path = tmp_path / f"facture{RLO}fdp.pdf"
    path.write_bytes(b"%PDF-1.4 facture")
    add_attachment(complaint, path)
    (row,) = list_attachments(complaint)
    assert row.filename == "facturefdp.pdf"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert row.path == folder / f"{sha}.pdf"
    assert attachment_path(row.id) == row.path
    events = [e.what for e in ComplaintEvent.select()]
    assert "Pièce jointe ajoutée : facturefdp.pdf" in events
    assert not any(RLO in e for e in events)


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink", "empty", "dot", "folder",
                                  "dotdot_inside"])
def test_a_stored_name_leading_outside_is_refused_everywhere(
        complaint, customer, tmp_path, folder, victim, kind, caplog):
    if kind == "symlink":
        os.symlink(victim, folder / ("a" * 64 + ".jpg"))
        name = "a" * 64 + ".jpg"
    elif kind == "folder":
        (folder / "sub").mkdir()
        name = "sub"
    else:
        name = {"dotdot": os.path.join("..", "..", "outside", "victim.txt"),
                "absolute": str(victim), "empty": "", "dot": ".",
                "dotdot_inside": "../attachments/x.jpg"}[kind]
    bad = _crafted(complaint, name)
    good_file = tmp_path / "ticket.png"
    good_file.write_bytes(b"\x89PNG ticket")
    good = add_attachment(complaint, good_file)
    caplog.set_level(logging.WARNING)

    with pytest.raises(ServiceError) as info:
        attachment_path(bad)
    assert str(info.value) == OUTSIDE
    with pytest.raises(ServiceError):
        stored_path(name)
    rows = {r.id: r for r in list_attachments(complaint)}
    assert rows[bad].path is None and rows[good].path is not None
    stored_good = rows[good].path

    anonymise_customer(customer)  # the erasure completes, without touching the outside

    assert victim.read_text() == "mes documents"
    assert not stored_good.exists()  # the real attachment is deleted
    assert ComplaintAttachment.select().count() == 0
    if kind == "symlink":
        assert (folder / name).is_symlink()  # left alone: rcdesk never made it
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert f"attachment {bad} refused" in logged
    assert "victim" not in logged and str(tmp_path) not in logged


def test_a_program_named_by_a_row_from_elsewhere_is_never_opened(complaint, folder):
    name = "b" * 64 + ".exe"
    (folder / name).write_bytes(b"MZ")
    bad = _crafted(complaint, name, "photo.jpg")
    with pytest.raises(ServiceError, match="programme ou un script"):
        attachment_path(bad)
    (folder / ("c" * 64 + ".jpg")).write_bytes(b"\xff\xd8")
    disguised = _crafted(complaint, "c" * 64 + ".jpg", f"photo{RLO}gpj.exe")
    with pytest.raises(ServiceError, match="programme ou un script"):
        attachment_path(disguised)
    missing = _crafted(complaint, "d" * 64 + ".jpg")
    with pytest.raises(ServiceError, match="introuvable"):
        attachment_path(missing)
