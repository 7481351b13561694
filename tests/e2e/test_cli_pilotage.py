"""`rcdesk dashboard`, `target`, `reading` and the pilotage reports through rcdesk.cli.main."""

import json
from datetime import date

from pypdf import PdfReader

from rcdesk.cli import main
from rcdesk.db import close_database, open_database
from rcdesk.models.customers import Purchase
from rcdesk.services.charter.commitments import CommitmentInput, add_commitment
from rcdesk.services.complaints.workflow import ComplaintInput, register_complaint
from rcdesk.services.customers import CustomerData, create_customer


def make_db(tmp_path):
    """10 complaints for 500 purchases in March 2026 (2 %), a manual commitment."""
    path = tmp_path / "p.db"
    open_database(path)
    customer = create_customer(CustomerData(first_name="Anne", last_name="Roux",
                                            status="client"))
    for i in range(10):
        register_complaint(ComplaintInput(customer_id=customer, description=f"n° {i}"),
                           received_on=date(2026, 3, 10))
    Purchase.insert_many([{"customer": customer, "date": date(2026, 3, 12),
                           "amount_cents": 1000}] * 500).execute()
    commitment = add_commitment(CommitmentInput("Nous décrochons en moins d'une minute.",
                                                "Délai de décroché", "1", "minutes"))
    close_database()
    return str(path), f"engagement_{commitment.id}"


def test_dashboard_json_matches_stats_and_carries_the_target_status(capsys, tmp_path):
    db, _manual = make_db(tmp_path)
    assert main(["--db", db, "target", "set", "complaints.rate_pct", "1,9", "--year",
                 "2026"]) == 0
    capsys.readouterr()
    period = ["--from", "01/03/2026", "--to", "31/03/2026"]
    assert main(["--db", db, "dashboard", "--json", *period]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["complaints.rate_pct"] == {
        "key": "complaints.rate_pct", "label": "Taux de réclamation (%)", "unit": "%",
        "value": 2.0, "previous": None, "year_before": None, "target": 1.9, "status": "orange"}
    assert rows["complaints.received"]["status"] == "gris"
    assert main(["--db", db, "target", "delete", "complaint_rate", "--year", "2026"]) == 0
    assert main(["--db", db, "target", "delete", "complaint_rate", "--year", "2026"]) == 1
    assert main(["--db", db, "target", "set", "complaints.rate_pct", "1,9", "--year",
                 "2026"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "stats", "--json", *period]) == 0
    stats = json.loads(capsys.readouterr().out)
    compared = []
    for key, row in rows.items():
        area, _, name = key.partition(".")
        if name and row["value"] is not None:  # None: no data (stats may count 0 there)
            assert stats[area][name] == row["value"], key
            compared.append(key)
    assert {"complaints.received", "complaints.rate_pct",
            "complaints.loss_rate_pct"} <= set(compared)


def test_bad_targets_and_readings_refused_in_french_nothing_saved(capsys, tmp_path):
    db, manual = make_db(tmp_path)
    assert main(["--db", db, "target", "set", "complaints.answered_in_time_pct", "120",
                 "--year", "2026"]) == 2
    assert "ne peut pas dépasser 100 %" in capsys.readouterr().err
    assert main(["--db", db, "target", "set", "complaints.mean_answer_working_days", "95 %",
                 "--year", "2026"]) == 2
    assert "incompatible" in capsys.readouterr().err
    assert main(["--db", db, "target", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", db, "dashboard", "--from", "01/01/2100"]) == 2
    assert "après sa fin" in capsys.readouterr().err
    assert main(["--db", db, "reading", "add", manual, "-2", "--date", "05/03/2026"]) == 2
    assert "négative" in capsys.readouterr().err
    assert main(["--db", db, "reading", "add", manual, "0,75", "--date", "05/03/2026"]) == 0
    assert main(["--db", db, "reading", "add", "complaints.rate_pct", "4", "--date",
                 "05/03/2026"]) == 2
    assert "calculé" in capsys.readouterr().err
    capsys.readouterr()
    assert main(["--db", db, "dashboard", "--json", "--from", "01/03/2026", "--to",
                 "31/03/2026"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows[manual]["value"] == 0.75


def test_pilotage_reports(capsys, tmp_path):
    db, _manual = make_db(tmp_path)
    review = tmp_path / "revue.pdf"
    assert main(["--db", db, "report", "review", "--from", "01/01/2026", "--to", "31/03/2026",
                 "-o", str(review)]) == 0
    assert "Revue d'indicateurs" in PdfReader(str(review)).pages[0].extract_text()
    journey = tmp_path / "parcours.pdf"
    assert main(["--db", db, "report", "journey", "-o", str(journey)]) == 0
    assert "fidélisation" in PdfReader(str(journey)).pages[0].extract_text()
    plan = tmp_path / "plan.pdf"
    assert main(["--db", db, "report", "comm-plan", "--year", "2026", "-o", str(plan)]) == 2
    assert "aucune action" in capsys.readouterr().err
    assert not plan.exists()


def test_journey_criterion_attaches_a_survey_criterion_to_a_step(capsys, tmp_path):
    from rcdesk.models.surveys import SurveyQuestion
    from rcdesk.services.surveys import CRITERION, NPS, QuestionInput, create_questionnaire

    path = tmp_path / "j.db"
    open_database(path)
    qid = create_questionnaire("Après livraison", [QuestionInput(NPS, "Recommanderiez-vous ?"),
                                                   QuestionInput(CRITERION, "Ponctualité")])
    close_database()
    db = str(path)
    assert main(["--db", db, "journey", "criterion", str(qid), "2", "livraison"]) == 0
    assert "« Ponctualité » : étape « livraison »" in capsys.readouterr().out
    assert main(["--db", db, "journey", "criterion", str(qid), "2", "téléportation"]) == 2
    assert "Étape du parcours inconnue" in capsys.readouterr().err
    assert main(["--db", db, "journey", "criterion", str(qid), "1", "livraison"]) == 2
    assert "n'est pas un critère" in capsys.readouterr().err
    open_database(path)
    assert [q.journey_step for q in SurveyQuestion.select().order_by(
        SurveyQuestion.position)] == ["", "livraison"]
    close_database()
