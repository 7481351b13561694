"""`rcdesk report charter`, `report charter-compliance` and `charter` through rcdesk.cli.main."""

from datetime import date

from pypdf import PdfReader

from rcdesk.cli import main
from rcdesk.db import close_database, open_database
from rcdesk.services.charter.commitments import CommitmentInput, add_commitment


def make_db(tmp_path, *wordings):
    path = tmp_path / "c.db"
    open_database(path)
    for wording in wordings:
        add_commitment(CommitmentInput(wording, "Délai", "5", "jours ouvrés",
                                       review_date=date(2030, 1, 1)))
    close_database()
    return str(path)


def test_report_charter_writes_the_poster_and_refuses_to_overwrite(capsys, tmp_path):
    db = make_db(tmp_path, "Nous répondons à toute réclamation sous 5 jours ouvrés.")
    out = tmp_path / "affiche.pdf"
    assert main(["--db", db, "report", "charter", "-o", str(out)]) == 0
    assert "Affiche de la charte enregistrée" in capsys.readouterr().out
    assert "sous 5 jours ouvrés" in PdfReader(str(out)).pages[0].extract_text()
    before = out.read_bytes()
    assert main(["--db", db, "report", "charter", "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before


def test_report_charter_compliance_with_period_and_bad_dates(capsys, tmp_path):
    db = make_db(tmp_path, "Nous livrons sous 5 jours ouvrés.")
    out = tmp_path / "conformite.pdf"
    assert main(["--db", db, "report", "charter-compliance", "-o", str(out),
                 "--from", "01/01/2026", "--to", "30/06/2026"]) == 0
    assert "Période du 01/01/2026 au 30/06/2026" in PdfReader(str(out)).pages[0].extract_text()
    bad = tmp_path / "bad.pdf"
    assert main(["--db", db, "report", "charter-compliance", "-o", str(bad),
                 "--from", "30/06/2026", "--to", "01/01/2026"]) == 2
    assert "précède" in capsys.readouterr().err
    assert not bad.exists()


def test_empty_charter_report_is_refused(capsys, tmp_path):
    db = make_db(tmp_path)
    out = tmp_path / "affiche.pdf"
    assert main(["--db", db, "report", "charter", "-o", str(out)]) == 2
    assert "aucun engagement" in capsys.readouterr().err
    assert not out.exists()


def test_charter_command_lists_warnings_and_exits_1(capsys, tmp_path):
    db = make_db(tmp_path, "Nous livrons sous 5 jours ouvrés.", "Le meilleur accueil de la ville.")
    assert main(["--db", db, "charter"]) == 1
    out = capsys.readouterr().out
    assert "1. Nous livrons sous 5 jours ouvrés." in out
    assert "cible ≤\u00a05\u00a0jours ouvrés · dernière valeur : aucun relevé" in out
    assert "« meilleur »" in out and "pas mesurable" in out


def test_demo_charter_reads_real_complaint_indicators(capsys, tmp_path):
    db = str(tmp_path / "demo.db")
    assert main(["--db", db, "demo", "--customers", "60", "--seed", "7"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "charter"]) == 0  # the demo charter follows every tip
    out = capsys.readouterr().out
    assert out.startswith("1. Nous répondons à toute réclamation sous 5 jours ouvrés.\n")
    assert "indisponible" not in out and "aucun relevé" not in out
    assert out.count("dernière valeur : ") == 7


def test_unwritable_output_is_refused_in_french(capsys, tmp_path):
    db = make_db(tmp_path, "Nous livrons sous 5 jours ouvrés.")
    folder = tmp_path / "dossier.pdf"
    folder.mkdir()  # a folder where the file should go: cannot be written
    assert main(["--db", db, "report", "charter", "-o", str(folder), "--force"]) == 2
    assert "Impossible d'écrire" in capsys.readouterr().err
