"""`rcdesk import customers|purchases`, `export customers`, `report customer-data`, stats keys."""

import json
import sqlite3
from datetime import date, timedelta

from pypdf import PdfReader

from rcdesk.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


CSV = ("Nom;Prénom;E-mail;Téléphone;CP;Ville;Code client;Statut\r\n"
       "Dupont;Hélène;helene@exemple.fr;06 12 34 56 78;59000;Lille;C1;client\r\n"
       "Martin;Loïc;loic@exemple.fr;07 98 76 54 32;75011;Paris;C2;prospect\r\n"
       "Roux;Paul;paul@;0612;59000;Lille;C3;client\r\n")


def test_import_customers_prints_counts_and_rejects_then_update(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    source = tmp_path / "clients.csv"
    source.write_bytes(CSV.encode("cp1252"))
    status, out, _ = run(capsys, "--db", db, "import", "customers", str(source), "--dry-run")
    assert status == 1
    assert out.splitlines()[0] == "Simulation : 2 importés, 0 mis à jour, 1 rejetés"
    status, out, _ = run(capsys, "--db", db, "import", "customers", str(source))
    assert status == 1
    assert out.splitlines() == ["2 importés, 0 mis à jour, 1 rejetés",
                                "  1 ligne(s) : E-mail : Adresse e-mail invalide : « paul@ ».",
                                f"Lignes rejetées : {tmp_path / 'clients_rejets_2.csv'}"]
    good = tmp_path / "bons.csv"
    good.write_text("\r\n".join(CSV.splitlines()[:3]) + "\r\n", encoding="utf-8-sig")
    status, out, _ = run(capsys, "--db", db, "import", "customers", str(good), "--update")
    assert (status, out.strip()) == (0, "0 importés, 2 mis à jour, 0 rejetés")
    status, out, _ = run(capsys, "--db", db, "stats", "--json")
    data = json.loads(out)
    assert data["customers"]["count"] == 2
    assert data["customers"]["by_status"] == {"prospect": 1, "client": 1, "ancien client": 0}


def test_import_purchases_export_and_customer_data(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    source = tmp_path / "clients.csv"
    source.write_bytes(CSV.encode("utf-8-sig"))
    run(capsys, "--db", db, "import", "customers", str(source))
    sales = tmp_path / "ventes.csv"
    sales.write_text("Code client;Date;Montant\nC1;05/01/2026;49,90\nC2;06/01/2026;10,10\n",
                     encoding="utf-8")
    status, out, _ = run(capsys, "--db", db, "import", "purchases", str(sales))
    assert (status, out.strip()) == (0, "2 importés, 0 mis à jour, 0 rejetés")
    status, out, _ = run(capsys, "--db", db, "stats", "--json", "--from", "01/01/2026",
                         "--to", "31/01/2026")
    data = json.loads(out)
    assert data["purchases"] == {"count": 2, "revenue": 60.0}
    assert data["customers"]["by_status"]["client"] == 2  # Loïc bought: now a client
    export = tmp_path / "export.csv"
    status, out, _ = run(capsys, "--db", db, "export", "customers", str(export),
                         "--place", "Lille")
    assert (status, out.strip()) == (0, f"1 client(s) exporté(s) : {export}")
    assert "Hélène" in export.read_text(encoding="utf-8-sig")
    pdf = tmp_path / "acces.pdf"
    status, _, _ = run(capsys, "--db", db, "report", "customer-data", "1", "-o", str(pdf))
    assert status == 0
    assert "Hélène" in PdfReader(pdf).pages[0].extract_text()


def test_bad_file_is_refused_with_status_2(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    status, _, err = run(capsys, "--db", db, "import", "customers", str(binary))
    assert status == 2
    assert "binaire" in err
    status, _, err = run(capsys, "--db", db, "import", "customers", str(tmp_path / "absent.csv"))
    assert (status, "n'existe pas" in err) == (2, True)


def test_demo_customers_option(capsys, tmp_path):
    db = str(tmp_path / "d.db")
    assert run(capsys, "--db", db, "demo", "--customers", "150")[0] == 0
    status, out, _ = run(capsys, "--db", db, "stats", "--json")
    data = json.loads(out)
    assert data["customers"]["count"] == 150
    # the figures are the file's: counted again here straight from the SQLite file
    con = sqlite3.connect(db)
    purchases, cents = con.execute("SELECT COUNT(*), SUM(amount_cents) FROM purchase").fetchone()
    end = date.today()  # no period: retention over the 365 days up to today
    start = (end - timedelta(days=365)).isoformat()
    at_start, lost = con.execute(
        "SELECT COUNT(*), SUM(lost_at IS NOT NULL AND lost_at <= ?) FROM customer"
        " WHERE client_since < ? AND (lost_at IS NULL OR lost_at >= ?)",
        (end.isoformat(), start, start)).fetchone()
    con.close()
    assert purchases > 500 and at_start > 0 and 0 < lost < at_start
    assert data["purchases"] == {"count": purchases, "revenue": cents / 100}
    assert data["customers"]["retention_rate_pct"] == round((at_start - lost) * 100 / at_start, 2)
    assert data["customers"]["attrition_rate_pct"] == round(lost * 100 / at_start, 2)


def test_encoding_and_separator_can_be_forced(capsys, tmp_path):
    db = str(tmp_path / "c.db")
    source = tmp_path / "clients.txt"
    source.write_bytes("Nom|Ville\r\nNoël|Lille\r\n".encode("cp1252"))
    status, out, _ = run(capsys, "--db", db, "import", "customers", str(source),
                         "--separator", "|", "--encoding", "cp1252")
    assert (status, out.strip()) == (0, "1 importés, 0 mis à jour, 0 rejetés")
    status, _, err = run(capsys, "--db", db, "import", "customers", str(source),
                         "--encoding", "klingon")
    assert status == 2 and "klingon" in err
    status, _, err = run(capsys, "--db", db, "import", "customers", str(source),
                         "--separator", ";;")
    assert status == 2 and "Séparateur invalide" in err


def test_export_mailing_writes_the_consenting_customers_of_a_profile(capsys, tmp_path):
    from rcdesk.db import close_database, open_database
    from rcdesk.models.customers import Purchase
    from rcdesk.services.customers import CustomerData, create_customer

    db = str(tmp_path / "m.db")
    open_database(db)
    today = date.today()
    for i in range(5):  # frequent buyers who stopped two years ago: « À risque »
        cid = create_customer(CustomerData(last_name=f"Ancien {i}", email=f"a{i}@exemple.fr",
                                           consent=i < 2))
        Purchase.insert_many([{"customer": cid, "date": today - timedelta(days=700 + k),
                               "amount_cents": 3000} for k in range(6)]).execute()
    for i in range(10):
        cid = create_customer(CustomerData(last_name=f"Récent {i}", consent=True,
                                           email=f"r{i}@exemple.fr"))
        Purchase.insert(customer=cid, date=today, amount_cents=1000).execute()
    close_database()
    out_file = tmp_path / "a-relancer.csv"
    status, out, _ = run(capsys, "--db", db, "export", "mailing", "À risque", str(out_file))
    assert status == 0
    assert out.strip() == (f"2 client(s) « À risque » avec consentement et e-mail "
                           f"exporté(s) : {out_file}")
    lines = out_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Nom;E-mail;Ville;Profil d'achat;Dernier achat"
    assert sorted(line.split(";")[1] for line in lines[1:]) == ["a0@exemple.fr", "a1@exemple.fr"]
    import pytest

    with pytest.raises(SystemExit) as info:
        main(["--db", db, "export", "mailing", "VIP", str(out_file)])
    assert info.value.code == 2
    assert "choix invalide : 'VIP'" in capsys.readouterr().err
