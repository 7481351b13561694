"""`rcdesk import complaints`, `report complaints|ack|answer|paq`, complaints keys of stats."""

import json
import sqlite3

from pypdf import PdfReader

from rcdesk.cli import main
from rcdesk.db import open_database


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def pdf_text(path) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


CUSTOMERS = ("Nom;Prénom;E-mail;Code client\r\n"
             "Dupont;Hélène;helene@exemple.fr;C1\r\n"
             "Martin;Loïc;loic@exemple.fr;C2\r\n")
REGISTER = ("Date de réception;E-mail client;Canal;Catégorie;Description;Statut;Date de réponse;"
            "Coût\r\n"
            "02/03/2026;helene@exemple.fr;téléphone;Livraison;Colis en retard;Clôturée;"
            "05/03/2026;50\r\n"
            "03/03/2026;loic@exemple.fr;comptoir;Accueil;Attente en caisse;Clôturée;"
            "20/03/2026;0\r\n"
            "04/03/2026;personne@exemple.fr;comptoir;Accueil;Attente;;;\r\n"
            "05/03/2026;loic@exemple.fr;comptoir;Accueil;Attente;Clôturée;01/03/2026;\r\n")


def test_import_register_then_stats_and_reports(capsys, tmp_path):
    db = str(tmp_path / "r.db")
    (tmp_path / "clients.csv").write_text(CUSTOMERS, encoding="utf-8")
    assert run(capsys, "--db", db, "import", "customers", str(tmp_path / "clients.csv"))[0] == 0
    purchases = tmp_path / "achats.csv"
    purchases.write_text("Code client;Date;Montant\r\n" + "".join(
        f"C1;{d:02d}/03/2026;20,00\r\n" for d in range(1, 26)), encoding="utf-8")
    assert run(capsys, "--db", db, "import", "purchases", str(purchases))[0] == 0
    source = tmp_path / "registre.csv"
    source.write_text(REGISTER, encoding="utf-8")
    status, out, _ = run(capsys, "--db", db, "import", "complaints", str(source))
    assert status == 1
    assert out.splitlines() == ["2 réclamation(s) importée(s), 2 rejetée(s)",
                                f"Lignes rejetées : {tmp_path / 'registre_rejets.csv'}"]
    status, out, _ = run(capsys, "--db", db, "stats", "--json", "--from", "01/03/2026",
                         "--to", "31/03/2026")
    assert status == 0
    data = json.loads(out)["complaints"]
    assert data == {"received": 2, "answered_in_time_pct": 50.0, "mean_answer_working_days": 8.0,
                    "open": 0, "late": 0, "rate_pct": 8.0, "loss_rate_pct": 10.0,
                    "resatisfaction_pct": None}
    report = tmp_path / "registre.pdf"
    status, out, _ = run(capsys, "--db", db, "report", "complaints", "--from", "01/03/2026",
                         "--to", "31/03/2026", "-o", str(report))
    assert (status, out.strip()) == (0, f"Rapport enregistré : {report}")
    text = pdf_text(report)
    assert "Taux de réclamation 8,00 %" in text and "REC-2026-0002" in text
    status, _, _ = run(capsys, "--db", db, "report", "complaints", "--from", "01/03/2026",
                       "--to", "31/03/2026", "--transactions", "100", "--revenue", "1000",
                       "-o", str(report), "--force")
    assert status == 0
    assert "Taux de réclamation 2,00 %" in pdf_text(report)
    assert "Taux de perte 5,00 %" in pdf_text(report)
    assert "Transactions de la période (saisies) 100" in pdf_text(report)
    ack = tmp_path / "ar.pdf"
    assert run(capsys, "--db", db, "company", "set", "--name", "Maison Test")[0] == 0
    assert run(capsys, "--db", db, "report", "ack", "rec-2026-0001", "-o", str(ack))[0] == 0
    assert "REC-2026-0001" in pdf_text(ack) and "accusé de réception" in pdf_text(ack)
    assert "DUPLICATA" not in pdf_text(ack)
    duplicate = tmp_path / "ar-duplicata.pdf"
    assert run(capsys, "--db", db, "report", "ack", "REC-2026-0001", "--duplicata",
               "-o", str(duplicate))[0] == 0
    assert "DUPLICATA de l'accusé de réception du" in pdf_text(duplicate)
    answer = tmp_path / "reponse.pdf"
    assert run(capsys, "--db", db, "report", "answer", "REC-2026-0001", "-o", str(answer))[0] == 0
    paq = tmp_path / "paq.pdf"
    assert run(capsys, "--db", db, "report", "paq", "-o", str(paq))[0] == 0
    assert "Aucune action enregistrée." in pdf_text(paq)


def test_refusals_exit_2_with_french_message_and_no_file(capsys, tmp_path):
    db = str(tmp_path / "r.db")
    open_database(db).close()
    out_pdf = tmp_path / "x.pdf"
    status, _, err = run(capsys, "--db", db, "report", "ack", "REC-2026-9999", "-o", str(out_pdf))
    assert (status, err.strip()) == (2, "Aucune réclamation ne porte le numéro « REC-2026-9999 ».")
    status, _, err = run(capsys, "--db", db, "report", "complaints", "--from", "32/01/2026",
                         "-o", str(out_pdf))
    assert status == 2 and "Date invalide" in err
    status, _, err = run(capsys, "--db", db, "report", "complaints", "--revenue", "beaucoup",
                         "-o", str(out_pdf))
    assert status == 2 and "Montant invalide" in err
    status, _, err = run(capsys, "--db", db, "report", "paq", "-o",
                         str(tmp_path / "absent" / "p.pdf"))
    assert status == 2 and "n'existe pas" in err
    status, _, err = run(capsys, "--db", db, "import", "complaints", str(tmp_path / "nul.csv"))
    assert status == 2 and "n'existe pas" in err
    assert not out_pdf.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".tmp")]


def test_demo_adds_a_year_of_complaints_and_actions(capsys, tmp_path):
    db = str(tmp_path / "d.db")
    assert run(capsys, "--db", db, "demo", "--customers", "60")[0] == 0
    data = json.loads(run(capsys, "--db", db, "stats", "--json")[1])["complaints"]
    # the figures are the file's: counted again here straight from the SQLite file
    con = sqlite3.connect(db)
    received, still_open = con.execute(
        "SELECT COUNT(*), SUM(status IN ('Reçue', 'Qualifiée', 'En traitement',"
        " 'En attente du client')) FROM complaint").fetchone()
    (purchases,) = con.execute("SELECT COUNT(*) FROM purchase").fetchone()
    con.close()
    assert received >= 12 and purchases > 0
    assert (data["received"], data["open"]) == (received, still_open)
    assert data["rate_pct"] == round(received * 100 / purchases, 2)
    assert 0 < data["answered_in_time_pct"] <= 100
    paq = tmp_path / "paq.pdf"
    assert run(capsys, "--db", db, "report", "paq", "-o", str(paq))[0] == 0
    assert "visite mystère" in pdf_text(paq)
