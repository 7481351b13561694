"""`rcdesk assess`, `rcdesk report maturity` and `stats --json` through rcdesk.cli.main."""

import json

from pypdf import PdfReader

from rcdesk.cli import main
from rcdesk.db import close_database, open_database
from rcdesk.services.charter.commitments import CommitmentInput, add_commitment


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_assess_prints_id_average_and_level(capsys, tmp_path):
    db = str(tmp_path / "a.db")
    status, out, _ = run(capsys, "--db", db, "assess", "--org", "Boulangerie Dupont",
                         "--scores", "7,5,6,8,4,6,7,5", "--date", "02/03/2026",
                         "--assessor", "Estelle")
    assert status == 0
    assert "Organisation créée : Boulangerie Dupont" in out
    assert "Évaluation n° 1 — Boulangerie Dupont — 02/03/2026" in out
    assert "Moyenne : 6,0" in out
    assert "Niveau : Relation Client à consolider" in out
    status, out, _ = run(capsys, "--db", db, "assess", "--scores", "9,9,9,9,9,9,9,9")
    assert status == 0 and "Niveau : Excellence en Relation Client" in out
    status, out, _ = run(capsys, "--db", db, "stats", "--json")
    latest = json.loads(out)["assessment"]["latest"]
    assert latest["id"] == 2 and latest["average"] == 9.0
    assert latest["level"] == "Excellence en Relation Client"


def test_bad_scores_or_future_date_exit_2_and_save_nothing(capsys, tmp_path):
    db = str(tmp_path / "b.db")
    for args, words in ((["--scores", "7,5,6,8,4,6,7"], "il en faut exactement 8"),
                        (["--scores", "7,5,6,8,4,6,7,15"], "entre 0 et 10"),
                        (["--scores", "7,5,6,huit,4,6,7,5"], "doit être un nombre"),
                        (["--scores", "7,5,6,8,4,6,7,5", "--date", "01/01/2099"], "futur"),
                        (["--scores", "7,5,6,8,4,6,7,5", "--date", "01/01/2999"],
                         "Date hors limites")):
        status, out, err = run(capsys, "--db", db, "assess", "--org", "X", *args)
        assert status == 2
        assert words in err
    status, out, _ = run(capsys, "--db", db, "stats", "--json")
    assert json.loads(out)["assessment"]["latest"] is None


def test_report_maturity_writes_the_pdf(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    run(capsys, "--db", db, "assess", "--scores", "7,7,7,7,7,7,7,7")
    target = tmp_path / "diag.pdf"
    status, out, _ = run(capsys, "--db", db, "report", "maturity", "1", "-o", str(target))
    assert status == 0 and target.exists()
    text = PdfReader(str(target)).pages[0].extract_text()
    assert "Relation Client maîtrisée" in text and "7,0" in text
    status, _, err = run(capsys, "--db", db, "report", "maturity", "1", "-o", str(target))
    assert status == 2 and "--force" in err
    status, _, err = run(capsys, "--db", db, "report", "maturity", "99", "-o",
                         str(tmp_path / "none.pdf"))
    assert status == 2 and "n'existe pas" in err
    assert not (tmp_path / "none.pdf").exists()


def test_report_charter_is_registered_beside_the_assessment_commands(capsys, tmp_path):
    db = str(tmp_path / "d.db")
    target = tmp_path / "charte.pdf"
    open_database(db)  # reading commands refuse a missing file: an empty base
    close_database()
    status, out, err = run(capsys, "--db", db, "report", "charter", "-o", str(target))
    assert (status, out) == (2, "")
    assert err.strip() == ("La charte ne contient aucun engagement : ajoutez-en avant "
                           "d'imprimer l'affiche.")
    assert not target.exists()
    open_database(db)
    add_commitment(CommitmentInput("Nous répondons à toute réclamation sous 5 jours ouvrés.",
                                   "Délai de réponse", "5", "jours ouvrés"))
    close_database()
    status, out, err = run(capsys, "--db", db, "report", "charter", "-o", str(target))
    assert (status, err) == (0, "")
    assert out.strip() == f"Affiche de la charte enregistrée : {target}"
    assert "sous 5 jours ouvrés" in PdfReader(str(target)).pages[0].extract_text()


def test_org_list_rename_and_delete_with_its_assessments(capsys, tmp_path):
    db = str(tmp_path / "org.db")
    for org in ("Boulangerie Dupont", "Boulangerie Dupont", "Garage Martin"):
        status, _, _ = run(capsys, "--db", db, "assess", "--org", org,
                           "--scores", "7,5,6,8,4,6,7,5")
        assert status == 0
    status, out, _ = run(capsys, "--db", db, "org", "list")
    assert status == 0
    assert out.splitlines() == ["Mon entreprise (votre entreprise) — 0 évaluation(s)",
                                "Boulangerie Dupont — 2 évaluation(s)",
                                "Garage Martin — 1 évaluation(s)"]
    status, _, err = run(capsys, "--db", db, "org", "rename", "boulangerie dupont", "GARAGE martin")
    assert status == 2
    assert err.strip() == ("L'organisation « Garage Martin » existe déjà : "
                           "choisissez un autre nom.")
    status, out, _ = run(capsys, "--db", db, "org", "rename", "boulangerie dupont", "Pâtisserie")
    assert status == 0 and out.strip() == ("Organisation renommée : « Boulangerie Dupont » → "
                                           "« Pâtisserie »")
    status, _, err = run(capsys, "--db", db, "org", "delete", "pâtisserie")
    assert status == 2
    assert "a 2 évaluation(s) : ajoutez --yes" in err and "Rien n'a été supprimé." in err
    status, out, _ = run(capsys, "--db", db, "org", "delete", "pâtisserie", "--yes")
    assert status == 0
    assert out.strip() == "Organisation « Pâtisserie » supprimée avec 2 évaluation(s)."
    status, out, _ = run(capsys, "--db", db, "org", "list")
    assert out.splitlines()[1:] == ["Garage Martin — 1 évaluation(s)"]
    status, out, _ = run(capsys, "--db", db, "check")
    assert status == 0


def test_org_delete_refuses_the_own_company_and_unknown_names(capsys, tmp_path):
    db = str(tmp_path / "own.db")
    assert run(capsys, "--db", db, "assess", "--scores", "7,7,7,7,7,7,7,7")[0] == 0
    status, _, err = run(capsys, "--db", db, "org", "delete", "Mon entreprise", "--yes")
    assert status == 2
    assert err.startswith("« Mon entreprise » est votre entreprise : elle ne peut pas être "
                          "supprimée.")
    status, _, err = run(capsys, "--db", db, "org", "delete", "Inconnue")
    assert status == 2 and "Aucune organisation ne s'appelle « Inconnue »" in err
    status, out, _ = run(capsys, "--db", db, "org", "list")
    assert out.splitlines() == ["Mon entreprise (votre entreprise) — 1 évaluation(s)"]
