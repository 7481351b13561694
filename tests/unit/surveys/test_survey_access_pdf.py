"""The GDPR access PDF shows the customer's survey answers (as the JSON export does)."""

from datetime import datetime

from pypdf import PdfReader

from rcdesk.reports.customer_data import write_customer_data_pdf
from rcdesk.services.gdpr import export_customer_data
from rcdesk.services.surveys import ResponseInput, get_questionnaire, parse_answer, record_response


def test_access_pdf_lists_each_survey_answer(hotel, helene, tmp_path):
    qid, cid = hotel
    q = get_questionnaire(qid)
    record_response(cid, ResponseInput({
        q.questions[0].id: parse_answer(q.questions[0], value=4, text="Hélène, déçue"),
        q.questions[1].id: parse_answer(q.questions[1], value=3, importance=5),
        q.questions[2].id: parse_answer(q.questions[2], value=2, importance=4),
        q.questions[3].id: parse_answer(q.questions[3], text="Le petit-déjeuner à 6 h 30")},
        customer_id=helene, answered_at=datetime(2026, 4, 12, 9, 30)))
    exported = export_customer_data(helene)["survey_responses"]
    assert len(exported) == 1 and len(exported[0]["answers"]) == 4
    path = write_customer_data_pdf(helene, tmp_path / "acces.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    for piece in ("Réponses aux enquêtes de satisfaction (1)",
                  "Printemps 2026 — répondu le 12/04/2026",
                  "Recommanderiez-vous notre hôtel à vos proches ? 4/10 — Hélène, déçue",
                  "Accueil du personnel satisfaction 3, importance 5",
                  "Propreté satisfaction 2, importance 4",
                  "Que pourrions-nous améliorer ? Le petit-déjeuner à 6 h 30"):
        assert piece in text, piece


def test_access_pdf_says_when_there_is_no_survey_answer(helene, tmp_path):
    path = write_customer_data_pdf(helene, tmp_path / "acces.pdf")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    assert "Réponses aux enquêtes de satisfaction (0) Aucune réponse à une enquête." in text
