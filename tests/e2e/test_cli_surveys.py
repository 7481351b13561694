"""`rcdesk survey`, `campaign`, `import responses`, `report satisfaction / questionnaire` and
`stats` through rcdesk.cli.main."""

import json
import shutil
from pathlib import Path

from pypdf import PdfReader

from rcdesk.cli import main

FIXTURES = Path(__file__).parent.parent / "unit" / "surveys" / "fixtures"
NPS = "Recommanderiez-vous notre hôtel à vos proches ?"


def run(capsys, *args):
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def test_create_import_results_compare_report(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    status, out, _ = run(capsys, "--db", db, "survey", "create", "--title", "Hôtel", "--nps",
                         "--criterion", "Accueil du personnel", "--criterion", "Propreté")
    qid = int(out.strip())
    status, out, _ = run(capsys, "--db", db, "campaign", "create", str(qid), "--title",
                         "Printemps", "--from", "01/03/2026", "--to", "31/05/2026",
                         "--channel", "web", "--asked", "100")
    assert status == 0
    cid = int(out.strip())
    source = tmp_path / "google.csv"
    shutil.copy(FIXTURES / "google_forms_us.csv", source)
    nps_header = f"{NPS}=1"
    status, out, _ = run(capsys, "--db", db, "import", "responses", str(cid), str(source),
                         "--map", nps_header, "--map", "Pourquoi ?=1:pourquoi", "--dry-run")
    assert status == 0 and "Simulation : 39 réponses importées, 0 rejetées" in out
    status, out, _ = run(capsys, "--db", db, "import", "responses", str(cid), str(source),
                         "--map", nps_header, "--map", "Pourquoi ?=1:pourquoi")
    assert status == 0 and "39 réponses importées, 0 rejetées" in out
    assert "Colonnes ignorées : Que pourrions-nous améliorer ?, Autre question du formulaire" in out
    status, out, _ = run(capsys, "--db", db, "survey", "results", str(cid), "--json")
    result = json.loads(out)
    assert result["responses"] == 39
    assert result["nps"] == {"score": -35.9, "promoters": 8, "passives": 9, "detractors": 22,
                             "margin": 25.1, "low": -61.0, "high": -10.8}
    assert result["response_rate"] == 39.0
    assert [c["label"] for c in result["criteria"]] == ["Accueil du personnel", "Propreté"]
    assert result["cut"]["method"] == "milieu"
    status, out, _ = run(capsys, "--db", db, "survey", "results", str(cid))
    assert "NPS : -35,9 ± 25,1 (de -61,0 à -10,8)" in out
    status, out, _ = run(capsys, "--db", db, "stats", "--json")
    campaigns = json.loads(out)["satisfaction"]["campaigns"]
    assert campaigns == [{"id": cid, "title": "Printemps", "audience": "clients",
                          "responses": 39, "nps": -35.9, "margin": 25.1, "promoters": 8,
                          "passives": 9, "detractors": 22}]
    # a second campaign, compared
    status, out, _ = run(capsys, "--db", db, "campaign", "create", str(qid), "--title", "Été")
    other = int(out.strip())
    status, out, _ = run(capsys, "--db", db, "survey", "compare", str(cid), str(other), "--json")
    assert json.loads(out)["nps_difference"] is None  # no answer: no NPS, no difference
    pdf = tmp_path / "rapport.pdf"
    status, out, _ = run(capsys, "--db", db, "report", "satisfaction", str(cid), "-o", str(pdf))
    assert status == 0
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "NPS -35,9 ± 25,1 (de -61,0 à -10,8" in text
    assert "Mapping de satisfaction" in text and "Chambre bruyante" in text
    paper = tmp_path / "questionnaire.pdf"
    status, out, _ = run(capsys, "--db", db, "report", "questionnaire", str(qid), "-o",
                         str(paper))
    assert status == 0
    assert "Propreté" in PdfReader(str(paper)).pages[0].extract_text()


def test_bad_input_refused(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    status, out, _ = run(capsys, "--db", db, "survey", "create", "--title", "Hôtel", "--nps",
                         "--criterion", "Accueil du personnel", "--criterion", "Propreté")
    qid = int(out.strip())
    status, _, err = run(capsys, "--db", db, "campaign", "create", str(qid), "--title", "X",
                         "--from", "01/06/2026", "--to", "01/05/2026")
    assert status == 2 and "précède" in err
    status, out, _ = run(capsys, "--db", db, "campaign", "create", str(qid), "--title", "X")
    cid = out.strip()
    source = tmp_path / "fr.csv"
    shutil.copy(FIXTURES / "google_forms_fr.csv", source)
    status, _, err = run(capsys, "--db", db, "import", "responses", cid, str(source), "--map",
                         "Inconnue=1")
    assert status == 2 and "la colonne « Inconnue » n'existe pas" in err
    status, _, err = run(capsys, "--db", db, "import", "responses", cid, str(source), "--map",
                         f"{NPS}=7")
    assert status == 2 and "la question « 7 » n'existe pas" in err
    status, out, _ = run(capsys, "--db", db, "import", "responses", cid, str(source), "--map",
                         f"{NPS}=1", "--map", "Pourquoi ?=1:pourquoi")
    assert status == 1 and "2 réponses importées, 2 rejetées" in out
    assert "Lignes rejetées" in out
    status, _, err = run(capsys, "--db", db, "survey", "create", "--title", "Vide")
    assert status == 2 and "au moins une question" in err
    status, _, err = run(capsys, "--db", db, "survey", "create", "--title", "X", "--criterion",
                         "A", "--scale", "0-20")
    assert status == 2 and "Échelle invalide" in err
    status, _, err = run(capsys, "--db", db, "survey", "results", "999")
    assert status == 2 and "n'existe pas" in err


def test_templates_and_list(capsys, tmp_path):
    db = str(tmp_path / "s.db")
    for template in ("nps", "hotel", "comptoir", "personnel"):
        status, out, _ = run(capsys, "--db", db, "survey", "create", "--title", template,
                             "--template", template)
        assert status == 0
    status, out, _ = run(capsys, "--db", db, "survey", "list", "--json")
    data = json.loads(out)
    assert [q["audience"] for q in data["questionnaires"]] == [
        "clients", "clients", "clients", "personnel"]
    assert data["questionnaires"][1]["questions"][1]["label"] == "Accueil du personnel"
