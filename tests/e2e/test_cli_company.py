"""`rcdesk company show|set`; letters need a company name and never print a login."""

from __future__ import annotations

from pypdf import PdfReader

from rcdesk.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def pdf_text(path) -> str:
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _complaint(capsys, tmp_path, db) -> None:
    customers = tmp_path / "clients.csv"
    customers.write_text("Nom;Prénom;E-mail\r\nDupont;Hélène;helene@exemple.fr\r\n",
                         encoding="utf-8")
    assert run(capsys, "--db", db, "import", "customers", str(customers))[0] == 0
    source = tmp_path / "registre.csv"
    source.write_text("Date de réception;E-mail client;Canal;Description\r\n"
                      "02/03/2026;helene@exemple.fr;comptoir;Colis abîmé\r\n", encoding="utf-8")
    assert run(capsys, "--db", db, "import", "complaints", str(source))[0] == 0


def test_letter_refused_without_company_name_then_signed_by_the_company(capsys, tmp_path):
    db = str(tmp_path / "shop.db")
    _complaint(capsys, tmp_path, db)
    ack = tmp_path / "ar.pdf"
    status, _, err = run(capsys, "--db", db, "--operator", "caisse1", "report", "ack",
                         "REC-2026-0001", "-o", str(ack))
    assert status == 2
    assert "nom de l'entreprise" in err and 'rcdesk company set --name "Votre entreprise"' in err
    assert "Paramètres de l'entreprise" not in err  # a menu of the window: not here
    assert not ack.exists()

    status, out, _ = run(capsys, "--db", db, "company", "set", "--name", "Maison Dupré",
                         "--city", "Lille", "--phone", "03 20 12 34 56")
    assert (status, out.strip()) == (0, "Profil de l'entreprise enregistré.")
    assert run(capsys, "--db", db, "--operator", "caisse1", "report", "ack", "REC-2026-0001",
               "-o", str(ack))[0] == 0
    text = pdf_text(ack)
    assert "caisse1" not in text  # a login is never printed on a letter
    assert "votre interlocuteur est le service client de Maison Dupré" in text
    assert "nos salutations distinguées. Maison Dupré" in text  # the company signs

    assert run(capsys, "--db", db, "--operator", "caisse1", "company", "set",
               "--signer", "Sophie Martin")[0] == 0
    assert run(capsys, "--db", db, "--operator", "caisse1", "report", "ack", "REC-2026-0001",
               "-o", str(ack), "--force")[0] == 0
    text = pdf_text(ack)
    assert "votre interlocuteur est Sophie Martin" in text
    assert "nos salutations distinguées. Sophie Martin Maison Dupré" in text


def test_company_set_checks_the_ice_and_show_tells_the_profile(capsys, tmp_path):
    db = str(tmp_path / "shop.db")
    status, _, err = run(capsys, "--db", db, "company", "set", "--name", "Dar Atlas",
                         "--country", "ma", "--legal-id", "001525487000089")
    assert status == 2 and "ICE" in err and "clé de contrôle" in err
    assert run(capsys, "--db", db, "company", "set", "--name", "Dar Atlas", "--country", "MA",
               "--legal-id", "001525487000088", "--address", "12 rue Talaa\\nMédina",
               "--city", "Fès")[0] == 0
    status, out, _ = run(capsys, "--db", db, "company", "show")
    assert status == 0
    lines = out.splitlines()
    assert "Nom : Dar Atlas" in lines
    assert "Pays : Maroc" in lines and "Devise : MAD" in lines
    assert "ICE : 001525487000088" in lines
    assert "Adresse : 12 rue Talaa, Médina" in lines
    assert "Signature des courriers : Dar Atlas" in lines
    status, _, err = run(capsys, "--db", db, "company", "set")
    assert status == 2 and "Rien à changer" in err
