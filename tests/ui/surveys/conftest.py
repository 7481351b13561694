"""Fixtures of the Satisfaction tab tests: an app context and a hotel questionnaire."""

from __future__ import annotations

import pytest

from rcdesk.services.settings import CompanyProfile, save_company


@pytest.fixture
def context(sqlite_database, qapp):
    from rcdesk.ui.context import AppContext

    save_company(CompanyProfile(name="Hôtel du Beffroi", country="FR", currency="EUR"))
    return AppContext(sqlite_database.target)


@pytest.fixture
def campaign(context):
    from rcdesk.services import surveys

    qid = surveys.create_questionnaire("Séjour", [
        surveys.QuestionInput(surveys.NPS, "Recommanderiez-vous notre hôtel à vos proches ?",
                              True),
        surveys.QuestionInput(surveys.CRITERION, "Accueil du personnel", True),
        surveys.QuestionInput(surveys.CRITERION, "Propreté", True),
        surveys.QuestionInput(surveys.MULTIPLE, "Services utilisés",
                              choices=["Bar", "Piscine", "Parking"]),
        surveys.QuestionInput(surveys.YESNO, "Reviendrez-vous ?"),
    ])
    return surveys.create_campaign(qid, "Printemps", channel="comptoir")
