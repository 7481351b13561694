"""Helpers of the satisfaction tests: the hotel questionnaire the fixtures' exports answer."""

from pathlib import Path

import pytest

from rcdesk.services.settings import CompanyProfile, save_company

FIXTURES = Path(__file__).parent / "fixtures"
NPS_LABEL = "Recommanderiez-vous notre hôtel à vos proches ?"


@pytest.fixture
def company(database):
    return save_company(CompanyProfile(name="Hôtel du Beffroi", country="FR", currency="EUR",
                                       complaint_deadline_days=5))


@pytest.fixture
def hotel(company):
    """(questionnaire id, campaign id): NPS, two required criteria on 0–5, a free text."""
    from rcdesk.services.surveys import (
        CRITERION,
        NPS,
        TEXT,
        QuestionInput,
        create_campaign,
        create_questionnaire,
    )

    qid = create_questionnaire("Séjour à l'hôtel", [
        QuestionInput(NPS, NPS_LABEL, True),
        QuestionInput(CRITERION, "Accueil du personnel", True),
        QuestionInput(CRITERION, "Propreté", True),
        QuestionInput(TEXT, "Que pourrions-nous améliorer ?"),
    ])
    return qid, create_campaign(qid, "Printemps 2026", channel="web")


@pytest.fixture
def helene(company):
    from rcdesk.services.customers import CustomerData, create_customer

    return create_customer(CustomerData(first_name="Hélène", last_name="Dupont",
                                        status="client", email="helene@example.fr"))
