"""Anonymising a customer erases their complaints' personal text and files, keeps the figures."""

from dataclasses import asdict
from datetime import date

import pytest

from rcdesk.core.periods import Period
from rcdesk.models.complaints import Complaint, ComplaintAttachment, ComplaintEvent
from rcdesk.models.customers import Customer
from rcdesk.paths import attachments_dir
from rcdesk.services.complaints import (
    AnswerInput,
    ComplaintInput,
    Qualification,
    add_attachment,
    add_comment,
    close,
    complaint_indicators,
    list_categories,
    qualify,
    record_answer,
    register_complaint,
)
from rcdesk.services.complaints.gdpr import ERASED_EVENT
from rcdesk.services.customers import CustomerData, create_customer
from rcdesk.services.gdpr import anonymise_customer

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))


def _category(name: str) -> int:
    return next(cid for cid, label in list_categories() if label == name)


def _answered(customer_id, day, description, cost_cents, **kwargs):
    s = register_complaint(ComplaintInput(
        customer_id=customer_id, channel=kwargs.get("channel", "courrier"),
        product="Service à thé « Camélia »", place="Magasin de Lille",
        description=description, expectation="Échange de la théière."), received_on=day)
    qualify(s.id, Qualification(_category("Produit défectueux"), "bonne foi", True, "moyenne",
                                "Magasin"), "Appel de Mme Dupont au 06 12 34 56 78")
    record_answer(s.id, AnswerInput("Chère Madame Dupont, nous vous remboursons.",
                                    date(day.year, day.month, day.day + 3),
                                    "remboursement partiel", cost_cents))
    return s


def _indicators():
    figures = asdict(complaint_indicators(PERIOD))
    figures["repeat_complainers"] = [(r["customer_id"], r["count"])
                                     for r in figures["repeat_complainers"]]
    return figures


def test_anonymising_a_customer_erases_complaint_text_and_files_keeps_figures(
        company, customer, tmp_path):
    other = create_customer(CustomerData(first_name="Paul", last_name="Martin",
                                         status="client", email="paul@example.fr"))
    photo = tmp_path / "photo_dupont.jpg"
    photo.write_bytes(b"\xff\xd8 photo de la theiere de Mme Dupont")
    scan = tmp_path / "ticket.png"
    scan.write_bytes(b"\x89PNG ticket partage")
    first = _answered(customer, date(2026, 3, 2), "Théière fêlée, Mme Dupont, 3 rue Nationale.",
                      2500)
    close(first.id, date(2026, 3, 5), "oui", "Cliente rappelée chez elle")
    second = _answered(customer, date(2026, 4, 6), "Livraison chez Mme Dupont en retard.", 1000,
                       channel="téléphone")
    add_comment(second.id, "Mme Dupont préfère être appelée le soir")
    add_attachment(first.id, photo)
    add_attachment(first.id, scan)
    kept = _answered(other, date(2026, 4, 7), "Verre ébréché chez M. Martin.", 0)
    add_attachment(kept.id, scan)  # same content, same stored file
    stored_photo = ComplaintAttachment.get(ComplaintAttachment.filename == photo.name)
    stored_scan = ComplaintAttachment.get(ComplaintAttachment.filename == scan.name)
    before = _indicators()
    rows_before = {r.id: r for r in Complaint.select()}

    anonymise_customer(customer)

    assert _indicators() == before
    assert before["received"] == 3 and before["cost_cents"] == 3500
    for cid in (first.id, second.id):
        old, row = rows_before[cid], Complaint.get_by_id(cid)
        for name in ("walk_in_name", "walk_in_contact", "description", "expectation",
                     "answer_text"):
            assert getattr(row, name) == ""
        for name in ("number", "received_at", "received_on", "due_date", "channel", "product",
                     "place", "category_id", "type", "founded", "status", "answer_date",
                     "compensation", "cost_cents", "resatisfied", "closed_at", "customer_id"):
            assert getattr(row, name) == getattr(old, name), name
        events = list(ComplaintEvent.select().where(ComplaintEvent.complaint == cid)
                      .order_by(ComplaintEvent.id))
        assert all(e.comment == "" for e in events)
        assert events[-1].what == ERASED_EVENT
        assert not any("Dupont" in e.what or ".jpg" in e.what or ".png" in e.what
                       for e in events)
    assert rows_before[first.id].number == "REC-2026-0001"
    assert Complaint.get_by_id(first.id).status == "Clôturée"
    assert Complaint.get_by_id(first.id).resatisfied == "oui"
    assert Complaint.get_by_id(second.id).compensation == "remboursement partiel"
    assert Complaint.get_by_id(second.id).cost_cents == 1000
    assert ComplaintAttachment.select().where(
        ComplaintAttachment.complaint.in_([first.id, second.id])).count() == 0
    assert not (attachments_dir() / stored_photo.stored_name).exists()
    # the other customer's complaint and the file it shares are untouched
    assert (attachments_dir() / stored_scan.stored_name).exists()
    assert [a.filename for a in ComplaintAttachment.select().where(
        ComplaintAttachment.complaint == kept.id)] == ["ticket.png"]
    other_row = Complaint.get_by_id(kept.id)
    assert other_row.description == "Verre ébréché chez M. Martin."
    # ...but a text that names the erased customer is redacted wherever it is
    assert other_row.answer_text == "Chère Madame [effacé], nous vous remboursons."
    assert ComplaintEvent.select().where((ComplaintEvent.complaint == kept.id)
                                         & (ComplaintEvent.comment != "")).count() >= 1
    assert photo.exists() and scan.exists()  # the user's own files are never touched


def test_a_failing_hook_rolls_back_the_whole_anonymisation(company, customer, tmp_path,
                                                           monkeypatch):
    from rcdesk.services.actions.area import ActionsArea

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"photo")
    s = _answered(customer, date(2026, 3, 2), "Théière fêlée.", 500)
    add_attachment(s.id, photo)
    stored = attachments_dir() / ComplaintAttachment.get().stored_name

    def boom(self, ids, people):  # the area after complaints fails: all is rolled back
        raise RuntimeError("panne")

    monkeypatch.setattr(ActionsArea, "anonymise", boom)
    with pytest.raises(RuntimeError, match="panne"):
        anonymise_customer(customer)
    assert Customer.get_by_id(customer).last_name == "Dupont"
    assert Customer.get_by_id(customer).anonymised_at is None
    assert Complaint.get_by_id(s.id).description == "Théière fêlée."
    assert ComplaintAttachment.select().count() == 1 and stored.exists()


def test_complaints_take_part_in_every_erasure_after_customers():
    from rcdesk.services.areas import AREAS

    keys = [area.key for area in AREAS]
    assert keys.index("customers") < keys.index("complaints") < keys.index("actions")
