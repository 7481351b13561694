"""Importing answers from Google Forms, LimeSurvey, Microsoft Forms and a French spreadsheet."""

import csv
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from rcdesk.core.errors import ServiceError
from rcdesk.models.surveys import SurveyAnswer, SurveyResponse
from rcdesk.services.surveys import create_campaign, create_from_template
from rcdesk.services.surveys.imports import import_responses, parse_timestamp, slash_order
from rcdesk.services.surveys.results import campaign_results

FIXTURES = Path(__file__).parent / "fixtures"


def copy(tmp_path, name):
    target = tmp_path / name
    shutil.copy(FIXTURES / name, target)
    return target


def test_google_forms_us_export_of_39_answers(hotel, tmp_path):
    _, cid = hotel
    path = copy(tmp_path, "google_forms_us.csv")
    before = path.read_bytes()
    result = import_responses(cid, path)
    assert (result.imported, result.rejected, result.total) == (39, 0, 39)
    assert result.ignored == ("Autre question du formulaire",)
    assert ("Email Address", "e-mail du répondant") in result.columns
    assert result.unknown_emails == 31  # no such customers: the answers stay anonymous
    assert not result.day_first  # 3/13/2026 settles it: month first
    nps = campaign_results(cid).as_dict()["nps"]
    assert nps == {"score": -35.9, "promoters": 8, "passives": 9, "detractors": 22,
                   "margin": 25.1, "low": -61.0, "high": -10.8}
    first = SurveyResponse.select().order_by(SurveyResponse.answered_at).first()
    assert first.answered_at == datetime(2026, 3, 2, 9, 5, 0)
    assert path.read_bytes() == before  # the source is only read
    # the same file again: recognised, nothing duplicated
    again = import_responses(cid, path)
    assert (again.imported, again.already) == (0, 39)
    assert SurveyResponse.select().count() == 39


def test_google_forms_french_rejects_bad_rows_and_links_email(hotel, helene, tmp_path):
    _, cid = hotel
    path = copy(tmp_path, "google_forms_fr.csv")
    result = import_responses(cid, path)
    assert (result.imported, result.rejected) == (2, 2)
    assert result.linked == 1 and result.day_first
    with result.rejects_path.open(encoding="utf-8-sig") as handle:
        rejects = list(csv.reader(handle, delimiter=";"))
    assert rejects[0][:3] == ["Ligne", "Motif", "Horodateur"]
    assert rejects[1][0] == "4" and "11 est hors de l'échelle 0 à 10" in rejects[1][1]
    assert rejects[2][0] == "5" and "obligatoire" in rejects[2][1]
    linked = SurveyResponse.get(SurveyResponse.customer == helene)
    assert linked.answered_at == datetime(2026, 3, 15, 10, 23, 45)
    why = [a.text for a in SurveyAnswer.select().where(SurveyAnswer.text != "")
           .order_by(SurveyAnswer.id)]
    assert why == ["Très bon accueil", "Chambre sale", "Le ménage"]


def test_limesurvey_full_headings(hotel, tmp_path):
    _, cid = hotel
    result = import_responses(cid, copy(tmp_path, "limesurvey.csv"))
    assert (result.imported, result.rejected) == (2, 0)
    assert "Date de début" in result.ignored and "ID de la réponse" in result.ignored
    assert ("Date de soumission", "horodatage") in result.columns
    stamps = sorted(r.answered_at for r in SurveyResponse.select())
    assert stamps[0] == datetime(2026, 4, 2, 14, 10, 5)
    crit = campaign_results(cid).as_dict()["criteria"]
    assert (crit[0]["satisfaction"], crit[0]["importance"]) == (4.5, 3.5)


def test_microsoft_forms_xlsx(hotel, helene, tmp_path):
    _, cid = hotel
    result = import_responses(cid, copy(tmp_path, "microsoft_forms.xlsx"))
    assert (result.imported, result.rejected, result.linked) == (2, 0, 1)
    assert ("Heure de fin", "horodatage") in result.columns
    assert "Heure de début" in result.ignored and "Nom" in result.ignored
    assert SurveyResponse.get(SurveyResponse.customer == helene).answered_at == \
        datetime(2026, 5, 5, 16, 24, 31)


def test_french_excel_with_map(hotel, tmp_path):
    _, cid = hotel
    path = copy(tmp_path, "excel_fr.xlsx")
    result = import_responses(cid, path, dry_run=True)
    assert (result.imported, result.rejected, result.dry_run) == (6, 0, True)
    assert SurveyResponse.select().count() == 0
    result = import_responses(cid, path, ["Date=ignorer"])
    assert "Date" in result.ignored and result.imported == 6


def test_map_naming_unknown_column_or_question_refused(hotel, tmp_path):
    _, cid = hotel
    path = copy(tmp_path, "google_forms_fr.csv")
    with pytest.raises(ServiceError, match="colonne « Nulle part » n'existe pas"):
        import_responses(cid, path, ["Nulle part=1"])
    with pytest.raises(ServiceError, match="question « 9 » n'existe pas"):
        import_responses(cid, path, ["Que pourrions-nous améliorer ?=9"])
    with pytest.raises(ServiceError, match="ne convient pas"):
        import_responses(cid, path, ["Pourquoi ?=2:pourquoi"])
    assert SurveyResponse.select().count() == 0


def test_import_into_a_campaign_of_another_questionnaire_refused(hotel, tmp_path):
    shop = create_from_template("Boutique", "comptoir")
    other = create_campaign(shop, "Boutique")
    with pytest.raises(ServiceError, match="autre questionnaire"):
        import_responses(other, copy(tmp_path, "google_forms_us.csv"))
    assert SurveyResponse.select().count() == 0


def test_map_rescues_renamed_columns(hotel, tmp_path):
    _, cid = hotel
    path = tmp_path / "renamed.csv"
    path.write_text("Quand;Note;Commentaire;A1;A2;P1;P2\n"
                    "01/06/2026 10:00;9;Super;5;5;4;4\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="autre questionnaire"):
        import_responses(cid, path)
    result = import_responses(cid, path, ["Quand=horodatage", "Note=1", "Commentaire=1:pourquoi",
                                          "A1=2:satisfaction", "A2=2:importance",
                                          "P1=3:satisfaction", "P2=3:importance"])
    assert (result.imported, result.rejected) == (1, 0)
    assert SurveyAnswer.get(SurveyAnswer.text != "").text == "Super"


def test_timestamps_of_the_tools():
    assert parse_timestamp("3/15/2026 10:23:45", day_first=False) == \
        datetime(2026, 3, 15, 10, 23, 45)
    assert parse_timestamp("15/03/2026 10:23:45") == datetime(2026, 3, 15, 10, 23, 45)
    assert parse_timestamp("2026/03/15 2:05:00 PM UTC+1") == datetime(2026, 3, 15, 14, 5, 0)
    assert parse_timestamp("2026-03-15 10:23:45") == datetime(2026, 3, 15, 10, 23, 45)
    assert slash_order("13/3/2026 1:00:00") == "dmy"
    assert slash_order("3/13/2026 1:00:00") == "mdy"
    assert slash_order("3/3/2026") is None
    with pytest.raises(ValueError):
        parse_timestamp("3/15/2026 10:23:45")  # month 15 when read day first
    with pytest.raises(ValueError):
        parse_timestamp("hier")


def test_cancelled_while_writing_leaves_nothing(hotel, tmp_path):
    from rcdesk.services.tabular import Cancelled

    _, cid = hotel
    path = tmp_path / "big.csv"
    lines = ["Horodateur;Recommanderiez-vous notre hôtel à vos proches ?;"
             "Accueil du personnel [Satisfaction];Accueil du personnel [Importance];"
             "Propreté [Satisfaction];Propreté [Importance]"]
    lines += [f"01/04/2026 {i // 3600 % 24:02d}:{i // 60 % 60:02d}:{i % 60:02d};{i % 11};3;4;5;5"
              for i in range(2100)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    calls = []

    def stop():
        calls.append(1)
        return len(calls) == 5  # pass 1 asks 4 times (every 500 rows), pass 2 at its 1st batch

    seen = []
    with pytest.raises(Cancelled):
        import_responses(cid, path, stop=stop, progress=seen.append)
    assert seen[:4] == [500, 1000, 1500, 2000]
    assert SurveyResponse.select().count() == 0 and SurveyAnswer.select().count() == 0
    assert import_responses(cid, path).imported == 2100
