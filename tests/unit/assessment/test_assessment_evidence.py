"""Evidence hints beside the self-scores: computed from rcdesk's data, never a score."""


from rcdesk.models.base import utcnow
from rcdesk.models.customers import Customer, Interaction
from rcdesk.services.assessment import AssessmentInput, get_assessment, save_assessment
from rcdesk.services.assessment.evidence import evidence_hints


def test_hints_on_an_empty_file_say_no_data(database):
    hints = evidence_hints(True)
    assert set(hints) == {1, 2, 3, 4, 5, 7, 8}
    assert hints[3].text == "Pilotage : aucune cible annuelle ni revue d'indicateurs."
    assert "aucune donnée" in hints[4].text
    assert "aucune donnée" in hints[8].text
    assert not any(h.has_data for h in hints.values())


def test_complete_customer_records_and_channels(database):
    full = dict(last_name="Durand", email="a@b.fr", address="1 rue X", postal_code="59000",
                city="Lille")
    first = Customer.create(**full)
    Customer.create(**{**full, "address": ""})
    Customer.create(**{**full, "email": "", "phone": "+33612345678"})
    Customer.create(**full, anonymised_at=utcnow())
    Interaction.create(customer=first, at=utcnow(), channel="téléphone")
    Interaction.create(customer=first, at=utcnow(), channel="e-mail")
    hints = evidence_hints(True)
    assert hints[5].text == "Fichier client : 2 fiche(s) complète(s) sur 3 (67\u00a0%)."
    assert hints[2].text == "Points de contact : 2 canaux dans les interactions (e-mail, téléphone)."


def test_hints_never_change_the_scores(database):
    Customer.create(last_name="Durand", email="a@b.fr", address="1", postal_code="1", city="L")
    assessment_id = save_assessment(AssessmentInput(scores=[2] * 8))
    evidence_hints(True)
    assert get_assessment(assessment_id).scores == (2,) * 8


def test_client_organisation_gets_no_hint(database):
    assert evidence_hints(False) == {}


def test_charter_hint_counts_commitments_through_the_charter_service(database):
    from rcdesk.services.charter import commitments as charter

    charter.add_commitment(charter.CommitmentInput(
        wording="Nous répondons à toute réclamation sous 5 jours ouvrés.",
        indicator="Délai de réponse", target="95", unit="%"))
    charter.add_commitment(charter.CommitmentInput(wording="Nous vous accueillons avec le sourire."))
    hint = evidence_hints(True)[1]
    assert hint.text == "Charte d'engagements : 2 engagements, dont 1 mesurable."
    assert hint.has_data
