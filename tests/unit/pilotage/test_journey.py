"""The customer journey: default steps, contact points, the map per step, the weakest step,
a step in use cannot be deleted, a rename carries its interactions and complaints along."""

from datetime import date, datetime

import pytest
from pypdf import PdfReader

from rcdesk.core.errors import ServiceError, ValidationError
from rcdesk.core.periods import Period
from rcdesk.models.complaints import Complaint, ComplaintCategory
from rcdesk.models.customers import Interaction
from rcdesk.models.pilotage import JourneyStep
from rcdesk.reports.pilotage_journey import write_journey_report
from rcdesk.services.pilotage.journey import (
    DEFAULT_STEPS,
    ContactInput,
    add_contact,
    add_step,
    assign_complaint_step,
    delete_step,
    journey_map,
    list_steps,
    rename_step,
)
from tests.unit.pilotage.conftest import add_complaints

MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def _contacts(customer, step, count, day=datetime(2026, 3, 5, 10)):
    Interaction.insert_many([{"customer": customer, "at": day, "channel": "téléphone",
                              "step": step, "subject": "Question"}
                             for _ in range(count)]).execute()


def test_a_new_file_has_the_default_journey(database):
    assert [s.name for s in list_steps()] == list(DEFAULT_STEPS)


def test_map_counts_contacts_and_complaints_per_step_and_marks_the_weakest(company, customer):
    delivery = next(s for s in list_steps() if s.name == "livraison")
    add_contact(delivery.id, ContactInput("livreur", True, "domicile", "quai", True))
    add_contact(delivery.id, ContactInput("SMS", False, "SMS", "e-mail"))
    _contacts(customer, "livraison", 20)
    _contacts(customer, "SAV", 5)
    _contacts(customer, "inconnue", 2)
    _contacts(customer, "livraison", 7, datetime(2026, 4, 1, 9))  # outside the period
    late = ComplaintCategory.get(ComplaintCategory.name == "Délai").id
    ids = add_complaints(customer, date(2026, 3, 10), 4, "livraison")
    Complaint.update(category=late).where(Complaint.id.in_(ids[:3])).execute()
    add_complaints(customer, date(2026, 3, 11), 1, "SAV")
    add_complaints(customer, date(2026, 3, 11), 1)
    data = journey_map(MARCH)
    by_name = {m.step.name: m for m in data.steps}
    livraison = by_name["livraison"]
    assert (livraison.contacts, livraison.complaints, livraison.irritant_pct) == (20, 4, 20.0)
    assert livraison.top_categories == [("Délai", 3), ("Non qualifiée", 1)]
    assert livraison.step.moment_of_truth and [c.human for c in livraison.step.contacts] == [
        True, False]
    assert (by_name["SAV"].contacts, by_name["SAV"].complaints) == (5, 1)
    assert [m.step.name for m in data.steps if m.weakest] == ["livraison"]
    assert (data.unassigned_contacts, data.unassigned_complaints) == (2, 1)
    assert by_name["devis"].irritant_pct is None  # no contact: no rate, not 0


def test_step_in_use_cannot_be_deleted_and_rename_follows(company, customer):
    quote = next(s for s in list_steps() if s.name == "devis")
    _contacts(customer, "devis", 2)
    [cid] = add_complaints(customer, date(2026, 3, 10), 1)
    assign_complaint_step(cid, "devis")
    with pytest.raises(ServiceError, match="utilisée par 2 contact"):
        delete_step(quote.id)
    assert JourneyStep.select().count() == len(DEFAULT_STEPS)
    rename_step(quote.id, "devis et chiffrage")
    assert Interaction.select().where(Interaction.step == "devis et chiffrage").count() == 2
    assert Complaint.get_by_id(cid).journey_step == "devis et chiffrage"
    with pytest.raises(ValidationError, match="existe déjà"):
        rename_step(quote.id, "Livraison")
    with pytest.raises(ValidationError, match="inconnue"):
        assign_complaint_step(cid, "devis")
    free = add_step("après-vente en ligne")
    delete_step(free.id)
    assert [s.position for s in list_steps()] == list(range(len(DEFAULT_STEPS)))


def test_journey_pdf_has_one_column_per_step(company, customer, tmp_path):
    _contacts(customer, "livraison", 3)
    add_complaints(customer, date(2026, 3, 10), 2, "livraison")
    path = write_journey_report(tmp_path / "parcours.pdf", MARCH, today=date(2026, 4, 1))
    reader = PdfReader(path)
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = page.extract_text()
    for name in DEFAULT_STEPS:
        assert name in text
    assert "66,7" in text and "Non qualifiée (2)" in text  # 2 complaints for 3 contacts
