"""Reprinting the acknowledgement from a complaint's file: original or duplicate."""

from __future__ import annotations

from datetime import date

from pypdf import PdfReader

from rcdesk.services import complaints as cs
from rcdesk.ui.complaints import letters as letters_module
from rcdesk.ui.complaints.detail import ComplaintDetailDialog


def _text(path) -> str:
    raw = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(raw.replace("\u00a0", " ").replace("\u202f", " ").split())


def _complaint():
    return cs.register_complaint(cs.ComplaintInput(
        walk_in_name="Jean Martin", walk_in_contact="06 11 22 33 44",
        description="Carton écrasé"), received_on=date(2026, 11, 20))


def test_acknowledgement_reprinted_from_the_file_keeps_the_receipt_date(
        qtbot, context, tmp_path, monkeypatch, no_desktop_viewer):
    saved = _complaint()
    target = tmp_path / "accuse.pdf"
    monkeypatch.setattr(letters_module, "ask_pdf_path", lambda parent, name: str(target))
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "ask_duplicate", lambda: False)
    dialog.ack_button.click()
    text = _text(target)
    assert "le 20 novembre 2026" in text.lower() and "DUPLICATA" not in text
    assert "soit au plus tard le 27 novembre 2026" in text
    assert no_desktop_viewer[-1] == str(target)


def test_acknowledgement_duplicate_from_the_file_is_dated_today(
        qtbot, context, tmp_path, monkeypatch, no_desktop_viewer):
    from rcdesk.core.formatting import format_long_date

    saved = _complaint()
    names = []
    target = tmp_path / "accuse-dup.pdf"

    def ask(parent, name):
        names.append(name)
        return str(target)

    monkeypatch.setattr(letters_module, "ask_pdf_path", ask)
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "ask_duplicate", lambda: True)
    dialog.save_acknowledgement()
    assert names == ["accuse-REC-2026-0001-duplicata.pdf"]
    text = _text(target)
    assert f"le {format_long_date(date.today())}" in text.lower()
    assert "DUPLICATA de l'accusé de réception du 20 novembre 2026" in text


def test_cancelled_choice_writes_nothing(qtbot, context, tmp_path, monkeypatch):
    saved = _complaint()
    asked = []
    monkeypatch.setattr(letters_module, "ask_pdf_path", lambda *a: asked.append(a) or "")
    dialog = ComplaintDetailDialog(saved.id, context)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "ask_duplicate", lambda: None)
    dialog.save_acknowledgement()
    assert asked == []
